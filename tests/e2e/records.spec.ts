import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, extensionIdOf, launch, test } from './harness';
import { verifyBundle } from '../../utils/delivery/bundle';

const EXPORTS = resolve('tests/fixtures/exports');
const SHOTS = process.env.RECORDS_SHOTS; // a folder to save screenshots into, when set

function exportFile(name: string) {
  return { name, mimeType: 'text/plain', buffer: readFileSync(join(EXPORTS, name)) };
}

/** The iOS fixture folder zipped as WhatsApp does ("Export chat" → Attach media). */
function iosZip() {
  const dir = join(EXPORTS, 'ios-zip');
  const files: Record<string, Uint8Array> = {};
  for (const f of readdirSync(dir)) files[f] = new Uint8Array(readFileSync(join(dir, f)));
  return {
    name: 'WhatsApp Chat - Wherstead Planning.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(zipSync(files)),
  };
}

/** Records straight from the extension's IndexedDB (id and SHA-256), sorted. */
async function storedRecords(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ id: string; sha256: string; text: string; method: string; source?: string }[]>(
        (ok, fail) => {
          const req = indexedDB.open('council-capture');
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const db = req.result;
            if (!db.objectStoreNames.contains('records')) return ok([]);
            const all = db.transaction('records').objectStore('records').getAll();
            all.onsuccess = () =>
              ok(
                (
                  all.result as {
                    id: string;
                    sha256: string;
                    method: string;
                    sourceFileSha256?: string;
                    message: { text: string };
                  }[]
                )
                  .map((r) => ({
                    id: r.id,
                    sha256: r.sha256,
                    text: r.message.text,
                    method: r.method,
                    source: r.sourceFileSha256,
                  }))
                  .sort((a, b) => a.id.localeCompare(b.id)),
              );
          };
        },
      ),
  );
}

async function importAndCapture(page: Page, file: Parameters<Page['setInputFiles']>[1]) {
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-status')).toContainText('Read ');
  // Choose every message, not only those the policy suggests.
  await page.getByRole('button', { name: 'Choose all' }).click();
  await page.getByRole('button', { name: /^Capture \d+ as records?$/ }).click();
  await expect(page.getByTestId('import-status')).toContainText('Captured ');
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

test.describe('records library', () => {
  test('imports .txt and .zip exports, reports bad files and partial lines, finds the records', async ({
    extensionPage,
  }) => {
    const page = await extensionPage('records.html#import');
    await expect(page.getByRole('heading', { name: 'Import an exported chat' })).toBeVisible();

    await page.getByTestId('import-file').setInputFiles(exportFile('not-an-export.csv'));
    await expect(page.getByTestId('import-error')).toBeVisible();

    await page.getByTestId('import-file').setInputFiles(exportFile('garbled.txt'));
    await expect(page.getByTestId('import-warnings')).toContainText('Line ');

    await importAndCapture(page, exportFile('android-24h-en-GB.txt'));
    await shot(page, 'import-result.png');
    await importAndCapture(page, iosZip());

    const stored = await storedRecords(page);
    expect(stored.length).toBeGreaterThan(10);
    expect(
      stored.every((r) => r.method === 'import' && /^[0-9a-f]{64}$/.test(r.source ?? '')),
    ).toBe(true);

    await page.getByRole('button', { name: 'Records', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search the records' }).fill('precept');
    await expect(page.getByTestId('result-count')).not.toContainText('Opening');
    await page.getByRole('searchbox', { name: 'Search the records' }).fill('noticeboard');
    await expect(page.getByTestId('result-count')).toContainText(/^1 record found/);
    await page.locator('.vrow-button').first().click();
    await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
    await expect(page.locator('.records-detail')).toContainText('Imported chat export');
    await expect(page.getByText('The audit trail is intact').first()).toBeVisible();
    await shot(page, 'record-detail.png');
  });

  test('subject access request covers everything mentioning the person; their own details stay', async ({
    extensionPage,
  }) => {
    const page = await extensionPage('records.html#import');
    await importAndCapture(page, exportFile('android-24h-en-GB.txt'));
    await page.getByRole('button', { name: 'FOI and subject access' }).click();
    await page.getByLabel(/Subject access/).check();
    await page.getByLabel('Reference').fill('SAR-2026-003');
    await page.getByLabel('Received on').fill('2026-11-23');
    await expect(page.locator('.due-preview')).toContainText('23/12/2026');
    await page.getByLabel('Person’s name').fill('Priya Shah');
    await expect(page.getByText(/3 records match now/)).toBeVisible();
    await page.getByRole('button', { name: 'Open request and place hold' }).click();
    await expect(page.getByText('Subject access request SAR-2026-003 opened')).toBeVisible();
    const panel = page.getByTestId('disclosure');
    await expect(panel).toContainText('3 records covered');
    await expect(panel.locator('.redactions')).toContainText('clerk@wherstead-pc.gov.uk');
    await expect(page.locator('.request').first()).toContainText('due in');
  });

  test('FOI request places a hold and produces a verified disclosure bundle with redactions', async ({
    extensionPage,
  }) => {
    const page = await extensionPage('records.html#import');
    await importAndCapture(page, exportFile('android-24h-en-GB.txt'));
    const before = await storedRecords(page);

    await page.getByRole('button', { name: 'FOI and subject access' }).click();
    await page.getByLabel('Reference').fill('FOI-2026-014');
    await page.getByLabel('Received on').fill('2026-11-23');
    await expect(page.locator('.due-preview')).toContainText('21/12/2026');
    await page.getByLabel('Words the request is about (optional)').fill('urgent');
    await expect(page.getByText(/1 record matches? now/)).toBeVisible();
    await page.getByRole('button', { name: 'Open request and place hold' }).click();
    await expect(page.getByText('FOI request FOI-2026-014 opened')).toBeVisible();
    await expect(page.locator('.request').first()).toContainText('Due 21/12/2026');

    const panel = page.getByTestId('disclosure');
    await expect(panel).toContainText('1 record covered');
    await expect(panel.locator('.redactions')).toContainText('07700 900456');
    await shot(page, 'foi-disclosure.png');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: /Produce disclosure bundle/ }).click(),
    ]);
    await expect(page.getByTestId('disclosure-status')).toContainText('downloaded');
    const dir = mkdtempSync(join(tmpdir(), 'cc-foi-'));
    try {
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const bytes = new Uint8Array(readFileSync(file));
      const check = verifyBundle(bytes);
      expect(check.problems).toEqual([]);
      expect(check.ok).toBe(true);
      const files = unzipSync(bytes);
      const transcript = strFromU8(files['transcript.html']!);
      expect(transcript).toContain('[REDACTED: phone number]');
      expect(transcript).not.toContain('07700 900456');
      const log = strFromU8(files['redaction-log.csv']!);
      expect(log).toContain('phone');
      expect(log).not.toContain('07700 900456');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The stored records are untouched.
    const after = await storedRecords(page);
    expect(after).toEqual(before);
    expect(after.some((r) => r.text.includes('07700 900456'))).toBe(true);
  });

  test('encrypted backup restores into a fresh profile; a wrong passphrase changes nothing', async ({
    extensionPage,
  }) => {
    const page = await extensionPage('records.html#import');
    await importAndCapture(page, exportFile('android-24h-en-GB.txt'));
    await importAndCapture(page, exportFile('ios-en-GB.txt'));
    const original = await storedRecords(page);

    await page.getByRole('button', { name: 'Backup and storage' }).click();
    await expect(page.getByTestId('storage-usage')).toContainText('MB');
    await page.getByLabel('Passphrase (optional, recommended)').fill('correct horse battery');
    await page.getByLabel('Passphrase again').fill('correct horse battery');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download backup' }).click(),
    ]);
    await expect(page.getByTestId('backup-status')).toContainText('encrypted', { timeout: 30_000 });
    await shot(page, 'backup.png');
    const dir = mkdtempSync(join(tmpdir(), 'cc-backup-'));
    const profile = mkdtempSync(join(tmpdir(), 'cc-fresh-'));
    const fresh = await launch(profile);
    try {
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const id = await extensionIdOf(fresh);
      const other = await fresh.newPage();
      await other.goto(`chrome-extension://${id}/records.html#backup`);
      await other.getByTestId('restore-file').setInputFiles(file);
      await expect(other.getByTestId('backup-status')).toContainText('encrypted');
      await other.getByLabel('Passphrase', { exact: true }).fill('wrong passphrase');
      await other.getByRole('button', { name: 'Restore', exact: true }).click();
      await expect(other.getByTestId('backup-error')).toContainText(/passphrase/i, {
        timeout: 30_000,
      });
      expect(await storedRecords(other)).toEqual([]);

      await other.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
      await other.getByRole('button', { name: 'Restore', exact: true }).click();
      await expect(other.getByTestId('backup-status')).toContainText('Restored', {
        timeout: 30_000,
      });
      const restored = await storedRecords(other);
      expect(restored.map((r) => [r.id, r.sha256])).toEqual(original.map((r) => [r.id, r.sha256]));
      await other.getByRole('button', { name: 'Records', exact: true }).click();
      await expect(other.getByText('The audit trail is intact').first()).toBeVisible();
      await expect(other.getByTestId('result-count')).toContainText(
        `${original.length} records found`,
      );
    } finally {
      await fresh.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

/** A phone export of `n` messages over many days, as WhatsApp writes it (Android, 24-hour). */
function bigExport(n: number): { name: string; mimeType: string; buffer: Buffer } {
  const people = ['Margaret Hale', 'Tom Okafor', 'Priya Shah', 'Alan Reeve'];
  const topics = [
    'the bus shelter repair quote',
    'grass cutting on the green',
    'the precept for next year',
    'the footpath by Church Lane',
    'the play area inspection',
  ];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 20) * 86_400_000);
    const d = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
    const t = `${String(8 + (i % 10)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
    lines.push(`${d}, ${t} - ${people[i % 4]}: Message ${i + 1} about ${topics[i % 5]}.`);
  }
  return {
    name: 'WhatsApp Chat with Big Parish Council.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(lines.join('\n') + '\n'),
  };
}

test('2,000 records: the list is virtualised, scrolls and searches', async ({ extensionPage }) => {
  test.setTimeout(240_000);
  const page = await extensionPage('records.html#import');
  await page.getByTestId('import-file').setInputFiles(bigExport(2_000));
  await expect(page.getByTestId('import-status')).toContainText('Read 2000 messages');
  await page.getByRole('button', { name: 'Choose all' }).click();
  const capture = page.getByRole('button', { name: 'Capture 2000 as records' });
  await capture.click();
  await expect(page.getByTestId('import-status')).toContainText('Captured 2000', {
    timeout: 180_000,
  });
  await page.getByRole('button', { name: 'Records', exact: true }).click();
  await expect(page.getByTestId('result-count')).toContainText('2,000 records found', {
    timeout: 60_000,
  });
  expect(await page.locator('.vrow').count()).toBeLessThan(80);
  await shot(page, 'records-2000.png');
  const firstShown = await page.locator('.vrow-button').first().textContent();
  await page.locator('.vlist').evaluate((el) => (el.scrollTop = el.scrollHeight));
  // Scrolled to the end: other rows are rendered, still only a window of them.
  await expect(page.locator('.vrow-button').first()).not.toHaveText(firstShown ?? '');
  expect(await page.locator('.vrow').count()).toBeLessThan(80);
  await page.getByRole('searchbox', { name: 'Search the records' }).fill('play area');
  // One message in five is about the play area.
  await expect(page.getByTestId('result-count')).toContainText('400 records found');
  // Speed is measured by `npm run bench` (search p95 at 10k/100k), not asserted here.
});
