/**
 * `npm run demo`: opens Chromium with the built extension on a bundled demo WhatsApp Web chat (a
 * parish-council conversation served at https://web.whatsapp.com/ by request routing), so anyone
 * can try Council Capture without a WhatsApp account.
 *
 * `npm run demo -- --headless` (or no display): writes screenshots to screenshots/ instead.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_PATH, chromiumArgs } from './chromium';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const extensionPath = resolve('.output/chrome-mv3');
const outDir = resolve('screenshots');
const demoPage = readFileSync(resolve('tests/fixtures/whatsapp/group-2026.html'), 'utf8');
// The fixture links WhatsApp's stylesheet; the demo serves a look-alike in its place.
const demoCss = readFileSync(resolve('scripts/demo/whatsapp-look.css'), 'utf8');

async function main() {
  if (headless && !process.argv.includes('--headless')) {
    console.log('No display found: running headless and writing screenshots instead.');
  }
  const profile = mkdtempSync(join(tmpdir(), 'council-capture-demo-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless,
    viewport: headless ? { width: 1280, height: 860 } : null,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    args: chromiumArgs(extensionPath),
  });
  await context.route(/^https?:\/\//, (route) => route.abort());
  await context.route('https://static.whatsapp.net/**', (route) =>
    route.fulfill({ contentType: 'text/css; charset=utf-8', body: demoCss }),
  );
  await context.route('https://web.whatsapp.com/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: demoPage }),
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const whatsapp = context.pages()[0] ?? (await context.newPage());
  await whatsapp.goto('https://web.whatsapp.com/');
  // Ready once the content script has read the chat: the first message shows its control.
  await reveal(whatsapp, 0);

  if (!headless) {
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${id}/sidepanel.html`);
    await whatsapp.bringToFront();
    console.log('Council Capture demo is open. Hover a message and press "Capture as record".');
    console.log('The side panel is open in the second tab. Close the browser to finish.');
    await new Promise<void>((done) => context.on('close', () => done()));
    return;
  }
  await screenshots(context, whatsapp, id);
  await context.close();
}

/**
 * Points at the nth message row (bubbles have a `msg-container`) until its capture button shows:
 * a row gets its control when pointed at, once the content script has read it.
 */
async function reveal(whatsapp: Page, n: number) {
  const row = whatsapp.locator('#main [role="row"]:has([data-testid="msg-container"])').nth(n);
  const button = row.locator('[data-council-capture="capture"] button');
  for (let tries = 0; !(await button.isVisible()); tries++) {
    if (tries === 100) throw new Error('the content script showed no capture button');
    await whatsapp.mouse.move(0, 0);
    await row.hover();
    await whatsapp.waitForTimeout(100);
  }
  return button;
}

async function screenshots(context: BrowserContext, whatsapp: Page, id: string) {
  mkdirSync(outDir, { recursive: true });
  // Capture two messages so the screenshots show both states.
  for (const n of [2, 5]) await (await reveal(whatsapp, n)).click();
  await whatsapp
    .locator('[data-council-capture="capture"][data-captured]')
    .nth(1)
    .waitFor({ state: 'attached' });
  await (await reveal(whatsapp, 7)).hover();
  await whatsapp.waitForTimeout(300);
  await whatsapp.screenshot({ path: join(outDir, 'whatsapp.png') });

  const shot = async (path: string, file: string, size: { width: number; height: number }) => {
    const page = await context.newPage();
    await page.setViewportSize(size);
    await page.goto(`chrome-extension://${id}/${path}`);
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(outDir, file), fullPage: false });
    return page;
  };
  const panel = await shot('sidepanel.html', 'sidepanel.png', { width: 420, height: 860 });
  await panel.getByRole('tab', { name: /Records/ }).click();
  await panel.locator('.record-summary').first().click();
  await panel.screenshot({ path: join(outDir, 'sidepanel-record.png') });
  await shot('popup.html', 'popup.png', { width: 400, height: 560 });
  await shot('options.html', 'options.png', { width: 1000, height: 900 });
  console.log(`Screenshots written to ${outDir}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
