import { storage } from 'wxt/utils/storage';

/** User settings, versioned: add a migration for every new version (see tests/unit/settings). */
export interface Settings {
  policyId: string;
  userName: string;
  userRole: string;
  recordsOfficer: { name: string; email: string };
  /** Show the composer guard while typing. */
  composerGuard: boolean;
}

export const defaultSettings: Settings = {
  policyId: 'barrowby-pc',
  userName: '',
  userRole: '',
  recordsOfficer: { name: '', email: '' },
  composerGuard: true,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: defaultSettings,
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  return { ...defaultSettings, ...(await settingsItem.getValue()) };
}

/** How the user appears in records and the audit log. */
export function capturedByOf(s: Pick<Settings, 'userName' | 'userRole'>): string {
  const name = s.userName.trim() || 'Unnamed user';
  return s.userRole.trim() ? `${name} (${s.userRole.trim()})` : name;
}
