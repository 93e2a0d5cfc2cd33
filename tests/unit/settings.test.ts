import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { capturedByOf, migrateV1toV2, type SettingsV1 } from '../../utils/settings';
import { getSettings, settingsItem } from '../../utils/settings-store';

const sampleV1: SettingsV1 = {
  policyId: 'opcc-cleveland',
  userName: 'Jane Smith',
  userRole: 'Clerk',
  recordsOfficer: { name: 'Jane Smith', email: 'clerk@wherstead-pc.gov.uk' },
  composerGuard: false,
};

describe('settings', () => {
  it('migrates sample v1 to sample v2 exactly', () => {
    expect(migrateV1toV2(sampleV1)).toEqual({ ...sampleV1, inactiveAfterDays: 30 });
  });

  it('migrates stored v1 settings', async () => {
    await fakeBrowser.storage.local.set({ settings: sampleV1, settings$: { v: 1 } });
    await settingsItem.migrate();
    expect(await settingsItem.getValue()).toEqual({ ...sampleV1, inactiveAfterDays: 30 });
  });

  it('falls back to defaults when nothing is stored', async () => {
    const s = await getSettings();
    expect(s.policyId).toBe('barrowby-pc');
    expect(s.inactiveAfterDays).toBe(30);
  });

  it('shows the user with their role in records', () => {
    expect(capturedByOf({ userName: ' Jane Smith ', userRole: 'Clerk' })).toBe(
      'Jane Smith (Clerk)',
    );
    expect(capturedByOf({ userName: '', userRole: '' })).toBe('Unnamed user');
  });
});
