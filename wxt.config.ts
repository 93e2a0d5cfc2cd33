import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Where a council webhook may be (asked for one host at a time, at run time). */
const WEBHOOK_ORIGINS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

// See https://wxt.dev/api/config.html
export default defineConfig({
  imports: false, // explicit imports: a reader sees where every name comes from
  vite: () => ({
    plugins: [preact()],
    // `CC_UNMINIFIED=1 wxt build`: readable function names in benchmark CPU profiles.
    ...(process.env.CC_UNMINIFIED === '1' ? { build: { minify: false } } : {}),
  }),
  manifest: ({ browser }) => ({
    name: 'Council Capture',
    description:
      "Keeps councillors' WhatsApp Web use lawful: capture council records, follow your council's policy, never miss a clear-down.",
    // Minimal permissions: no "tabs", no broad hosts; a webhook origin is requested at run time
    // (optional_host_permissions).
    permissions: [
      // Screenshots of a message: captureVisibleTab needs activeTab (or <all_urls>); the host
      // permission for WhatsApp Web is not enough. Granted when the user clicks the toolbar button.
      'activeTab',
      'storage',
      'unlimitedStorage',
      'alarms',
      'notifications',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // To find the WhatsApp Web tab (side panel) and tell it about captures.
    host_permissions: ['https://web.whatsapp.com/*'],
    optional_host_permissions: WEBHOOK_ORIGINS,
    // MV2 (Firefox) has no optional_host_permissions, and WXT drops the key there: host
    // permissions asked at run time are listed with the optional API permissions instead.
    ...(browser === 'firefox' ? { optional_permissions: WEBHOOK_ORIGINS } : {}),
    action: { default_title: 'Council Capture' },
    // Enterprise policy (Chrome/Edge): what a council's IT may set; see docs/managed-policy/.
    // Firefox reads the same values from policies.json ("3rdparty") without a schema.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'council-capture@example.org',
              strict_min_version: '140.0',
              // Nothing leaves the browser except to the council's own webhook, if configured.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
