import type { Policy, WorkingHours } from './policy/schema';

/**
 * User settings, versioned. Every new version gets a migration here and a sample pair in
 * tests/unit/settings.test.ts that turns sample N into sample N+1 exactly.
 */
export interface Settings {
  /** A preset id, or 'custom' for `customPolicy`. */
  policyId: string;
  customPolicy?: Policy;
  userName: string;
  userRole: string;
  recordsOfficer: { name: string; email: string };
  /** Show the composer guard while typing (where the policy allows turning it off). */
  composerGuard: boolean;
  /** Overrides the policy's working hours (or sets them where the policy has none). */
  workingHours?: Pick<WorkingHours, 'days' | 'start' | 'end'>;
  /** Leicester-style clear-down: days without activity before a conversation is due. */
  inactiveAfterDays: number;
  /** Overrides the policy's capture deadline ("as soon as reasonably practicable"). */
  captureWithinWorkingDays?: number;
  /** Where records go for councils with a records system or Power Automate flow. */
  webhook?: { url: string; secret: string };
  /** Test-only: a fixed "now" (ISO) so end-to-end tests can move the clock. */
  testClock?: string;
  /** Test-only: multiplies webhook retry waits (e.g. 0.001) so end-to-end tests need not wait. */
  testBackoffScale?: number;
  /** Test-only: the webhook request timeout in ms (15 s otherwise). */
  testWebhookTimeoutMs?: number;
}

export const defaultSettings: Settings = {
  policyId: 'barrowby-pc',
  userName: '',
  userRole: '',
  recordsOfficer: { name: '', email: '' },
  composerGuard: true,
  inactiveAfterDays: 30,
};

/** Version 1 as shipped in the first build. */
export interface SettingsV1 {
  policyId: string;
  userName: string;
  userRole: string;
  recordsOfficer: { name: string; email: string };
  composerGuard: boolean;
}

export function migrateV1toV2(v1: SettingsV1): Settings {
  return { ...v1, inactiveAfterDays: 30 };
}

/**
 * The key the settings live under in `storage.local` (see settings-store.ts). Content scripts
 * watch it with `storage.onChanged` directly, so they do not bundle WXT's storage helper.
 */
export const SETTINGS_KEY = 'settings';

/** Now, or the test clock when an end-to-end test has set one. */
export function nowFrom(settings: Pick<Settings, 'testClock'>): Date {
  return settings.testClock ? new Date(settings.testClock) : new Date();
}

/** How the user appears in records and the audit log. */
export function capturedByOf(s: Pick<Settings, 'userName' | 'userRole'>): string {
  const name = s.userName.trim() || 'Unnamed user';
  return s.userRole.trim() ? `${name} (${s.userRole.trim()})` : name;
}
