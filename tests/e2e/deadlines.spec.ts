import type { BrowserContext, Page } from '@playwright/test';
import {
  messageRows,
  waitForControls,
  revealCapture,
  expect,
  fixture,
  openWhatsApp,
  serveWhatsApp,
  storeSettings as store,
  test,
  workerOf,
} from './harness';

const SHOTS = process.env.SCREENSHOTS_DIR ?? '/tmp/cc-shots';
const CHAT = 'Oakthorpe Parish Council';
const DAY = 24 * 60 * 60 * 1000;

/** Settings over what is stored (the background watches them). */
const storeSettings = (context: BrowserContext, settings: Record<string, unknown>) =>
  store(context, settings, { merge: true });

async function badge(context: BrowserContext): Promise<{ text: string; title: string }> {
  return (await workerOf(context)).evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    title: await chrome.action.getTitle({}),
  }));
}

/** Audit events of a type, read straight from the extension's IndexedDB. */
async function auditEvents(page: Page, type: string) {
  return page.evaluate(
    (t) =>
      new Promise<{ type: string; subject: string; actor: string }[]>((resolve, reject) => {
        const open = indexedDB.open('council-capture');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('events').objectStore('events').getAll();
          req.onsuccess = () => {
            resolve((req.result as { type: string }[]).filter((e) => e.type === t) as never);
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    type,
  );
}

function ukDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

test.describe('deadlines', () => {
  test('an empty popup says nothing is due and links to the other pages', async ({
    context,
    extensionPage,
  }) => {
    // A council whose policy review is not yet due, with no chats: nothing to do.
    await storeSettings(context, {
      policyId: 'leicester-rights-participation',
      testClock: new Date().toISOString(),
    });
    const popup = await extensionPage('popup.html');
    await expect(popup.getByRole('heading', { name: 'Council Capture', level: 1 })).toBeVisible();
    await expect(popup.getByRole('heading', { name: 'Nothing is due' })).toBeVisible();
    await expect(popup.getByRole('link', { name: 'Records library' })).toBeVisible();
    await expect(popup.getByRole('link', { name: 'Settings' })).toBeVisible();
    await expect(popup.getByRole('button', { name: 'Open side panel' })).toBeVisible();
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.screenshot({ path: `${SHOTS}/popup-empty.png`, fullPage: true });
  });

  test('a council chat becomes overdue; clearing is refused under an FOI hold, then audited', async ({
    context,
    extensionPage,
  }) => {
    test.setTimeout(120_000);
    await storeSettings(context, { policyId: 'opcc-cleveland', userName: 'Pat Admin' });
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    const wa = await openWhatsApp(context);
    await waitForControls(wa);

    // Mark the chat as a council group in the settings.
    const options = await extensionPage('options.html');
    const kind = options.getByLabel(`Mark chat ${CHAT}`);
    await expect(kind).toBeVisible();
    await kind.selectOption('council-group');
    await expect(options.getByText(`“${CHAT}” is now marked: Council group.`)).toBeVisible();

    // Eight days on (the OPCC clears down every seven): overdue.
    const later = new Date(Date.now() + 8 * DAY);
    await storeSettings(context, { testClock: later.toISOString() });
    await expect.poll(async () => (await badge(context)).title).toMatch(/clear-down/);
    const b = await badge(context);
    expect(Number(b.text)).toBeGreaterThanOrEqual(1);
    expect(b.title).toMatch(/^Council Capture: \d+ overdue \(.*1 clear-down.*\)$/);

    const popup = await extensionPage('popup.html');
    const item = popup.locator('.due-item', {
      has: popup.getByRole('heading', { name: `Clear down “${CHAT}”` }),
    });
    await expect(item).toBeVisible();
    await expect(item).toContainText('Overdue by 1 day');
    await expect(item).toContainText('(end of the day)');

    // OPCC group admins: the reminder goes into the message box, unsent.
    await item.getByRole('button', { name: 'Put reminder in chat' }).click();
    await expect(popup.getByRole('status')).toContainText('The reminder is in the chat’s');
    const composer = wa.locator('footer [contenteditable="true"]');
    await expect(composer).toContainText('Weekly clear-down reminder');
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.screenshot({ path: `${SHOTS}/popup-due.png`, fullPage: true });
    await wa.screenshot({ path: `${SHOTS}/whatsapp-reminder.png` });

    // An FOI request arrives covering the chat.
    const holds = await extensionPage('holds.html');
    await holds.getByLabel('Kind').selectOption('foi');
    await holds.getByLabel('Reference').fill('FOI-2026-031');
    await holds.getByLabel('Date received').fill(ukDate(later.toISOString()));
    await holds.getByRole('checkbox', { name: CHAT }).check();
    await holds.getByRole('button', { name: 'Open hold' }).click();
    await expect(holds.getByRole('status')).toContainText('FOI request FOI-2026-031 is open.');
    await expect(holds.getByRole('heading', { name: 'FOI request FOI-2026-031' })).toBeVisible();
    await holds.setViewportSize({ width: 900, height: 900 });
    await holds.screenshot({ path: `${SHOTS}/holds.png`, fullPage: true });

    await expect(item).toContainText('On hold: FOI request FOI-2026-031');
    await item.getByRole('button', { name: 'Mark cleared' }).click();
    const alert = item.getByRole('alert');
    await expect(alert).toContainText('This chat cannot be cleared yet.');
    await expect(alert).toContainText('section 77 of the Freedom of Information Act 2000');
    await popup.screenshot({ path: `${SHOTS}/popup-refused.png`, fullPage: true });
    expect(await auditEvents(popup, 'chat.cleared')).toEqual([]);

    // The request is answered: the hold closes, with a reason.
    await holds.getByRole('button', { name: 'Close this hold…' }).click();
    await holds.getByLabel('Why is it being closed?').fill('Response sent');
    await holds.getByRole('button', { name: 'Close hold', exact: true }).click();
    await expect(holds.getByRole('status')).toContainText('FOI request FOI-2026-031 is closed.');
    await expect(holds.getByRole('heading', { name: 'Closed holds (1)' })).toBeVisible();

    await expect(item).not.toContainText('On hold');
    // Still refused: messages the advice suggested are records would be lost.
    await item.getByRole('button', { name: 'Mark cleared' }).click();
    await expect(alert).toContainText(
      /suggested records? in this chat (has|have) not been captured/,
    );
    await expect(alert).not.toContainText('section 77');
    const n = await messageRows(wa).count();
    for (let i = 0; i < n; i++) await (await revealCapture(wa, i)).click();
    await expect(popup.getByText('No suggested record is waiting to be captured.')).toBeVisible();

    await item.getByRole('button', { name: 'Mark cleared' }).click();
    await item.getByRole('button', { name: 'Yes, I have cleared it' }).click();
    await expect(popup.getByRole('status')).toContainText(`“${CHAT}” is marked as cleared on`);
    // The next weekly clear-down is now a week away.
    await expect(item).toContainText('Due in 7 days');
    await expect(item).toContainText('Last cleared');
    const cleared = await auditEvents(popup, 'chat.cleared');
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatchObject({ subject: `title:${CHAT}`, actor: 'Pat Admin' });
    expect((await auditEvents(popup, 'hold.closed')).length).toBe(1);
    await expect.poll(async () => (await badge(context)).title).not.toMatch(/clear-down/);
  });

  test('a record past its keep-until date is reviewed and disposed of, leaving an audited stub', async ({
    context,
    extensionPage,
  }) => {
    await storeSettings(context, { policyId: 'opcc-cleveland', userName: 'Pat Admin' });
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    const wa = await openWhatsApp(context);
    await (await revealCapture(wa, 1)).click();
    await expect(wa.locator('[data-council-capture="announcer"] [role="status"]')).toContainText(
      'Captured as a council record',
    );
    // Long after any retention period (permanent records excepted).
    await storeSettings(context, {
      testClock: new Date(Date.now() + 40 * 365 * DAY).toISOString(),
    });
    const popup = await extensionPage('popup.html');
    const reviews = popup.getByRole('region', { name: /Retention reviews/ });
    const item = reviews.locator('.due-item').first();
    await expect(item).toContainText('Review a record kept until');
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.screenshot({ path: `${SHOTS}/popup-retention.png`, fullPage: true });
    await item.getByRole('button', { name: 'Dispose…' }).click();
    await item.getByRole('button', { name: 'Yes, dispose of it' }).click();
    await expect(popup.getByRole('status')).toContainText('The record was disposed of.');
    await expect(reviews).toContainText('No record is due for a retention review.');
    const stubs = await auditEvents(popup, 'record.disposed');
    expect(stubs).toHaveLength(1);
    expect(stubs[0]).toMatchObject({ actor: 'Pat Admin' });
  });
});
