import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import PostalMime from 'postal-mime';
import { verifyBundle } from '../../utils/delivery/bundle';
import { verifySignature } from '../../utils/delivery/webhook';
import {
  CHROMIUM,
  EXTENSION_PATH,
  revealCapture,
  expect,
  extensionIdOf,
  fixture,
  launch,
  openWhatsApp,
  serveWhatsApp,
  storeSettings as store,
  test,
} from './harness';

const SHOTS = process.env.SCREENSHOTS_DIR ?? '/tmp/cc-shots';
const SECRET = 'shared-secret-for-the-test';
const WHATSAPP_URL = 'https://web.whatsapp.com/';

/** The Clerk who delivers, and the records officer the drafts are addressed to. */
const storeSettings = (context: BrowserContext, settings: Record<string, unknown>) =>
  store(context, {
    userName: 'Jane Smith',
    userRole: 'Clerk',
    recordsOfficer: { name: 'Records Officer', email: 'clerk@barrowby-pc.gov.uk' },
    ...settings,
  });

interface Accepted {
  key: string;
  body: string;
  timestamp: string;
  signature: string;
}

/**
 * The council's receiver, on 127.0.0.1 (random port): the first three POSTs get 503, the fourth
 * hangs past the extension's timeout, then every POST is accepted. Answers CORS preflights (the
 * test cannot click the browser's permission prompt; with the permission there is no preflight).
 * Stops itself after 60 s whatever happens.
 */
async function flakyReceiver(hangMs: number) {
  const accepted: Accepted[] = [];
  const seen: string[] = [];
  let posts = 0;
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'POST',
    'Access-Control-Allow-Headers':
      'content-type, idempotency-key, x-council-capture-timestamp, x-council-capture-signature',
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      posts += 1;
      const key = String(req.headers['idempotency-key'] ?? '');
      seen.push(key);
      if (posts <= 3) {
        res.writeHead(503, { ...cors, 'Content-Type': 'text/plain' }).end('Busy, try later');
      } else if (posts === 4) {
        setTimeout(() => res.destroy(), hangMs);
      } else {
        if (!accepted.some((a) => a.key === key)) {
          accepted.push({
            key,
            body,
            timestamp: String(req.headers['x-council-capture-timestamp'] ?? ''),
            signature: String(req.headers['x-council-capture-signature'] ?? ''),
          });
        }
        res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end('{"ok":true}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stopTimer = setTimeout(() => server.close(), 60_000);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/council-records`,
    accepted,
    seen,
    posts: () => posts,
    close: () => {
      clearTimeout(stopTimer);
      server.closeAllConnections();
      server.close();
    },
  };
}

async function captureRows(page: Page, n: number) {
  for (let i = 0; i < n; i++) {
    const button = await revealCapture(page, i);
    await button.click();
    await expect(button).toHaveText('✓ Council record');
  }
}

async function openRecords(context: BrowserContext, knownId?: string): Promise<Page> {
  // After a restart the worker may have started before anyone listened: reuse the known id.
  const id = knownId ?? (await extensionIdOf(context));
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${id}/sidepanel.html`);
  await panel.getByRole('tab', { name: /Records/ }).click();
  return panel;
}

/** The user's click on the toolbar button while WhatsApp Web is on screen (grants activeTab). */
async function clickToolbarButton(context: BrowserContext, wa: Page) {
  await wa.bringToFront();
  const id = await extensionIdOf(context);
  const cdp = await context.browser()!.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets', {
    filter: [{ type: 'tab' }],
  } as never)) as {
    targetInfos: { type: string; url: string; targetId: string }[];
  };
  const tab = targetInfos.find((t) => t.type === 'tab' && t.url.startsWith(WHATSAPP_URL));
  if (!tab) throw new Error('no WhatsApp tab target');
  await cdp.send(
    'Extensions.triggerAction' as 'Target.getTargets',
    {
      id,
      targetId: tab.targetId,
    } as never,
  );
  await cdp.detach();
}

test.describe('delivery', () => {
  test('webhook: 3×503, a timeout, then 200 — one signed delivery per record, in order, across a browser restart', async ({
    userDataDir,
  }) => {
    test.setTimeout(90_000);
    const receiver = await flakyReceiver(2_500);
    // The harness refuses all network; the receiver on this computer is let through (the
    // extension's own requests are routed too).
    const openTo = async (c: BrowserContext) => {
      const host = new URL(receiver.url).host;
      await c.route(
        (u) => u.host === host,
        (route) => route.continue(),
      );
    };
    let context = await launch(userDataDir);
    await openTo(context);
    try {
      await serveWhatsApp(context, () => fixture('group-2026.html'));
      await storeSettings(context, {
        webhook: { url: receiver.url, secret: SECRET },
        testBackoffScale: 0.005,
        testWebhookTimeoutMs: 1_000,
      });
      const wa = await openWhatsApp(context);
      await captureRows(wa, 3);
      const extensionId = await extensionIdOf(context);
      const panel = await openRecords(context, extensionId);
      await expect(panel.locator('.record')).toHaveCount(3);
      const ids = await panel
        .locator('.record')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-record-id') ?? ''));

      await panel.getByLabel('Select all').check();
      await panel.getByRole('button', { name: /Deliver selected records \(3\)/ }).click();
      await panel.getByRole('button', { name: 'Send to records system' }).click();
      await expect(panel.getByRole('status').filter({ hasText: 'queued' })).toContainText(
        '3 records are queued',
      );

      // Mid-retry: the receiver has refused once; the browser is closed and started again.
      await expect.poll(() => receiver.posts(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      expect(receiver.accepted).toHaveLength(0);
      await context.close();
      context = await launch(userDataDir);
      await openTo(context);
      await serveWhatsApp(context, () => fixture('group-2026.html'));
      await expect.poll(() => receiver.accepted.length, { timeout: 30_000 }).toBe(3);
      expect(receiver.accepted.map((a) => a.key)).toEqual(ids);
      for (const a of receiver.accepted) {
        expect(JSON.parse(a.body).recordId).toBe(a.key);
        expect(verifySignature(SECRET, a.body, a.timestamp, a.signature, new Date())).toBe(true);
      }
      // Retries were of the first record only, in order: nothing later overtook it.
      const firstDone = receiver.seen.indexOf(ids[1]!);
      expect(receiver.seen.slice(0, firstDone).every((k) => k === ids[0])).toBe(true);
      expect(receiver.posts()).toBeGreaterThanOrEqual(7);

      // The panel shows the open chat's records: open WhatsApp Web again after the restart.
      await openWhatsApp(context);
      const after = await openRecords(context, extensionId);
      // One record opens at a time; each says where it went.
      for (let i = 0; i < 3; i++) {
        await after.locator('.record-summary').nth(i).click();
        await expect(
          after
            .locator('.record')
            .nth(i)
            .getByText(/Delivered to 127\.0\.0\.1:\d+ on \d\d\/\d\d\/\d{4} \d\d:\d\d/),
        ).toHaveCount(1);
      }
      await after.screenshot({ path: `${SHOTS}/delivery-webhook.png`, fullPage: true });
    } finally {
      test.info().annotations.push({ type: 'receiver', description: receiver.seen.join(' ') });
      receiver.close();
      await context.close().catch(() => undefined);
    }
  });

  test('email draft parses back, bundle verifies, email link and formal note work, and the record says where each went', async ({
    context,
  }) => {
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    await storeSettings(context, {});
    const wa = await openWhatsApp(context);
    await captureRows(wa, 1);
    const panel = await openRecords(context);
    await panel.locator('.record-summary').first().click();

    const [eml] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Email draft to records officer (.eml)' }).click(),
    ]);
    const email = await PostalMime.parse(readFileSync((await eml.path())!));
    expect(email.subject).toMatch(/^\[Council record\] .+ – \d\d\/\d\d\/\d{4}/);
    expect(email.to?.[0]?.address).toBe('clerk@barrowby-pc.gov.uk');
    expect(email.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
    expect(email.text).toContain('Council record: WhatsApp message');
    expect(email.html).toContain('<table');
    const json = email.attachments.find((a) => a.filename === 'records.json');
    expect(json).toBeTruthy();

    const [zip] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Evidence bundle (.zip)' }).click(),
    ]);
    expect(zip.suggestedFilename()).toMatch(/^council-records-.+\.zip$/);
    const check = verifyBundle(new Uint8Array(readFileSync((await zip.path())!)));
    expect(check.ok, check.summary).toBe(true);

    const mailto = panel.getByRole('link', { name: 'Open in email app' });
    await expect(mailto).toHaveAttribute('href', /^mailto:clerk@barrowby-pc\.gov\.uk\?subject=/);

    // Following the link notes where the record went (the browser's handing it to an email app
    // is not ours to test: the page keeps it from navigating).
    await panel.evaluate(() =>
      document.addEventListener(
        'click',
        (e) => {
          if ((e.target as Element).closest('a[href^="mailto:"]')) e.preventDefault();
        },
        true,
      ),
    );
    await mailto.click();
    await expect(panel.getByRole('status')).toContainText(
      'Your email app should open a message to clerk@barrowby-pc.gov.uk',
    );

    // The formal note goes on the clipboard, as the note the records officer will read. Reading
    // the clipboard back needs a permission the extension does not ask for: the page notes what
    // is written to it, and the write itself must still succeed.
    await panel.evaluate(() => {
      const clipboard = navigator.clipboard;
      const write = clipboard.writeText.bind(clipboard);
      const copied: string[] = [];
      Object.assign(window, { copied });
      clipboard.writeText = (text: string) => (copied.push(text), write(text));
    });
    await panel.getByRole('button', { name: 'Copy formal note' }).click();
    await expect(panel.getByRole('status')).toContainText('Formal note copied.');
    const copied = await panel.evaluate(() => (window as unknown as { copied: string[] }).copied);
    expect(copied).toHaveLength(1);
    expect(copied[0]).toMatch(/^Council record: WhatsApp message\nChat: .+ \(group\)\nFrom: /);

    const went = panel.getByRole('region', { name: 'Where this record went' });
    await expect(went).toContainText(
      /Emailed to clerk@barrowby-pc\.gov\.uk on \d\d\/\d\d\/\d{4} \d\d:\d\d \(draft/,
    );
    await expect(went).toContainText(zip.suggestedFilename());
    await expect(went).toContainText(
      /Opened in your email app to clerk@barrowby-pc\.gov\.uk on \d\d\/\d\d\/\d{4} \d\d:\d\d/,
    );
    await expect(went).toContainText(/Formal note copied on \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    // Doing it again is safe: the same draft target is still one line.
    await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Email draft to records officer (.eml)' }).click(),
    ]);
    await expect(went.getByText(/^✓ Emailed to/)).toHaveCount(1);
    await panel.screenshot({ path: `${SHOTS}/delivery-record.png`, fullPage: true });
  });

  test('screenshot crop is the bubble’s CSS size × device pixel ratio (2)', async ({
    userDataDir,
  }) => {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 800 },
      deviceScaleFactor: 2,
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      args: [
        `--disable-extensions-except=${EXTENSION_PATH}`,
        `--load-extension=${EXTENSION_PATH}`,
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--force-device-scale-factor=2',
        // Lets the test click the toolbar button through CDP (Extensions.triggerAction).
        '--enable-unsafe-extension-debugging',
      ],
    });
    try {
      await context.route(/^https?:\/\//, (route) => route.abort());
      await serveWhatsApp(context, () => fixture('group-2026.html'));
      await storeSettings(context, {});
      const wa = await openWhatsApp(context);
      await captureRows(wa, 2);
      // Without the toolbar click the browser refuses, and the panel says what to do.
      let panel = await openRecords(context);
      await panel.locator('.record-summary').nth(1).click();
      await panel.getByRole('button', { name: 'Screenshot of the message' }).click();
      await expect(panel.getByRole('alert')).toContainText(
        'click the Council Capture button in the toolbar',
      );
      await panel.close();
      await clickToolbarButton(context, wa);
      panel = await openRecords(context);
      await panel.locator('.record-summary').nth(1).click();
      await panel.getByRole('button', { name: 'Screenshot of the message' }).click();
      await expect(panel.getByRole('status').filter({ hasText: 'Screenshot' })).toContainText(
        'Screenshot kept with the record',
        { timeout: 15_000 },
      );
      const img = panel.locator('img.screenshot');
      await expect(img).toHaveCount(1);
      const natural = await img.evaluate((el: HTMLImageElement) => ({
        w: el.naturalWidth,
        h: el.naturalHeight,
      }));
      const messageId = await panel
        .getByLabel('Record evidence')
        .locator('dd')
        .last()
        .locator('code')
        .textContent();
      const bubble = await wa.evaluate((id) => {
        const row = document.querySelector(`[data-id="${id}"]`)!;
        const b = (
          row.querySelector('[data-testid="msg-container"]') ?? row
        ).getBoundingClientRect();
        return { w: b.width, h: b.height, dpr: window.devicePixelRatio };
      }, messageId);
      expect(bubble.dpr).toBe(2);
      expect(Math.abs(natural.w - bubble.w * 2)).toBeLessThanOrEqual(1);
      expect(Math.abs(natural.h - bubble.h * 2)).toBeLessThanOrEqual(1);
      await expect(panel.getByRole('region', { name: 'Where this record went' })).toContainText(
        'Screenshot kept on',
      );
      await panel.screenshot({ path: `${SHOTS}/delivery-screenshot.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  test('settings refuse a plain http:// webhook address (localhost excepted)', async ({
    extensionPage,
  }) => {
    const page = await extensionPage('options.html');
    const url = page.getByLabel('Webhook address');
    await url.fill('http://records.example.gov.uk/hook');
    await expect(page.locator('#webhook-url-error')).toContainText('must use https://');
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await url.fill('http://127.0.0.1:8080/hook');
    await expect(page.locator('#webhook-url-error')).toHaveCount(0);
    await url.fill('https://records.example.gov.uk/hook');
    await page.getByLabel('Shared secret').fill('short');
    await page.getByRole('button', { name: 'Check address and allow sending' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'shared secret' })).toContainText(
      'at least 16 characters',
    );
  });
});
