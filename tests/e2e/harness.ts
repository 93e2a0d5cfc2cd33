import {
  test as base,
  chromium,
  expect,
  type BrowserContext,
  type Locator,
  type Page,
  type Worker,
} from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/chromium';
import { defaultSettings, SETTINGS_KEY } from '../../utils/settings';

export const EXTENSION_PATH = resolve('.output/chrome-mv3');
export const CHROMIUM = CHROMIUM_PATH;
export const WHATSAPP = 'https://web.whatsapp.com/';

export function fixture(name: string): string {
  return readFileSync(resolve('tests/fixtures/whatsapp', name), 'utf8');
}

/**
 * Launches Chromium with the built extension (or a copy of it at `extensionPath`) in a given (or
 * fresh) profile.
 */
export async function launch(
  userDataDir: string,
  extensionPath: string = EXTENSION_PATH,
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    args: chromiumArgs(extensionPath),
  });
  // No real network: anything not served by a test is refused.
  await context.route(/^https?:\/\//, (route) => route.abort());
  return context;
}

/** Serves `html` for every WhatsApp Web request (the page is self-contained). */
export async function serveWhatsApp(context: BrowserContext, html: () => string): Promise<void> {
  await context.route('https://web.whatsapp.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html() }),
  );
}

export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

export async function openWhatsApp(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(WHATSAPP);
  return page;
}

/** Capture buttons live in open shadow roots, which Playwright's CSS engine pierces. */
/** The extension's service worker (waits for it to start). */
export async function workerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/**
 * Writes the user's settings straight into extension storage, as a previous session would (the
 * background watches them): `settings` over defaults, or over what is stored with `merge`.
 */
export async function storeSettings(
  context: BrowserContext,
  settings: Record<string, unknown>,
  { merge = false } = {},
): Promise<void> {
  await (
    await workerOf(context)
  ).evaluate(
    async ([s, keep, base, key]) => {
      const current: unknown = keep ? (await chrome.storage.local.get(key))[key] : undefined;
      await chrome.storage.local.set({
        [key]: { ...base, ...(current ?? {}), ...s },
        [`${key}$`]: { v: 2 },
      });
    },
    [settings, merge, defaultSettings, SETTINGS_KEY] as const,
  );
}

/**
 * Message rows as WHATSAPP-DOM.md tells them apart (a message container, a bubble tail or copyable
 * text), independently of the extension's reader.
 */
export const MESSAGE_ROW =
  '#main [role="row"]:has([data-testid="msg-container"], [data-icon="tail-in"], [data-icon="tail-out"], .copyable-text)';

export const messageRows = (page: Page) => page.locator(MESSAGE_ROW);

/** The capture controls built so far: a row gets one when pointed at, focused or captured. */
export const captureHosts = (page: Page) => page.locator('[data-council-capture="capture"]');

/** The capture button of the nth message row (there once the row was pointed at or focused). */
export const captureButton = (page: Page, index: number) =>
  messageRows(page).nth(index).locator('[data-council-capture="capture"] button');

/**
 * The capture button of the nth message row, shown the way a mouse user shows it: by pointing at
 * the row. Points again until it shows, since the content script may not have read the row yet.
 */
export async function revealCapture(page: Page, index: number): Promise<Locator> {
  const row = messageRows(page).nth(index);
  const button = captureButton(page, index);
  // The pointer is on the WhatsApp tab (an extension page opened since would be in front).
  await page.bringToFront();
  await expect(async () => {
    await page.mouse.move(0, 0);
    await row.hover({ timeout: 2_000 });
    await expect(button).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  return button;
}

/** Waits until the content script has read the open chat: its first message shows a control. */
export async function waitForControls(page: Page): Promise<void> {
  await revealCapture(page, 0);
}

type Fixtures = {
  userDataDir: string;
  context: BrowserContext;
  extensionId: string;
  extensionPage: (path: string) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-profile-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ userDataDir }, use) => {
    const context = await launch(userDataDir);
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },
  extensionPage: async ({ context, extensionId }, use) => {
    await use(async (path: string) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
  },
});

export { expect } from '@playwright/test';
