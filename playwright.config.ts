import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests load the BUILT extension (.output/chrome-mv3) into Debian's Chromium and drive
 * it against WhatsApp Web fixtures served at https://web.whatsapp.com/ by request routing.
 * Browsers are never downloaded: see tests/e2e/harness.ts (executablePath /usr/bin/chromium).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'off' },
});
