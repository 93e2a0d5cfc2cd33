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
    async ([s, keep]) => {
      const { settings: current } = keep ? await chrome.storage.local.get('settings') : {};
      const base = {
        policyId: 'barrowby-pc',
        userName: '',
        userRole: '',
        recordsOfficer: { name: '', email: '' },
        composerGuard: true,
        inactiveAfterDays: 30,
      };
      await chrome.storage.local.set({
        settings: { ...base, ...(current ?? {}), ...s },
        settings$: { v: 2 },
      });
    },
    [settings, merge] as const,
  );
}

/** The capture control on each message row (its button is built when the row is pointed at,
 * focused or captured). */
export const captureHosts = (page: Page) => page.locator('[data-council-capture="capture"]');

export const captureButtons = (page: Page) => captureHosts(page).locator('button');

/**
 * The nth capture button, shown the way a mouse user shows it: by pointing at its message row
 * (buttons of rows not hovered, focused or captured are neither built nor rendered).
 */
export async function revealCapture(page: Page, index: number): Promise<Locator> {
  const host = captureHosts(page).nth(index);
  await host.locator('xpath=ancestor::*[@role="row"][1]').hover();
  const button = host.locator('button');
  await expect(button).toBeVisible();
  return button;
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
