/**
 * The user's settings in browser storage: versioned, with migrations. Kept apart from
 * settings.ts so that content scripts, which only need the types and pure helpers, do not
 * bundle WXT's storage helper (about 4 KB gzipped of the content script's 40 KB budget).
 */
import { storage } from 'wxt/utils/storage';
import { SETTINGS_KEY, defaultSettings, migrateV1toV2, type Settings } from './settings';

export const settingsItem = storage.defineItem<Settings>(`local:${SETTINGS_KEY}`, {
  fallback: defaultSettings,
  version: 2,
  migrations: { 2: migrateV1toV2 },
});

export async function getSettings(): Promise<Settings> {
  return { ...defaultSettings, ...(await settingsItem.getValue()) };
}
