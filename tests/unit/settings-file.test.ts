import { describe, expect, it } from 'vitest';
import { exportSettings, importSettings } from '../../utils/settings-file';
import { defaultSettings, type Settings } from '../../utils/settings';
import { getPolicy, makeCustomPolicy } from '../../utils/policy/presets';

const now = new Date('2026-11-18T10:00:00Z');
const settings: Settings = {
  ...defaultSettings,
  policyId: 'leicester-rights-participation',
  userName: 'Jane Smith',
  userRole: 'Personal adviser',
  recordsOfficer: { name: 'Records Team', email: 'records@example.gov.uk' },
  composerGuard: true,
  workingHours: { days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' },
  inactiveAfterDays: 30,
  captureWithinWorkingDays: 3,
  webhook: { url: 'https://flows.example.gov.uk/hook', secret: 's3cret' },
  testClock: '2026-11-18T10:00:00Z',
};

function file(edit: (f: { settings: Record<string, unknown> } & Record<string, unknown>) => void) {
  const f = JSON.parse(exportSettings(settings, now));
  edit(f);
  return JSON.stringify(f);
}

describe('settings file', () => {
  it('round-trips, never writing the webhook secret or the test clock', () => {
    const text = exportSettings(settings, now);
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('testClock');
    expect(
      exportSettings({ ...settings, testBackoffScale: 0.001, testWebhookTimeoutMs: 50 }, now),
    ).not.toMatch(/testBackoffScale|testWebhookTimeoutMs/);
    expect(JSON.parse(text)).toMatchObject({ format: 'council-capture-settings', version: 1 });
    const other: Settings = { ...defaultSettings, webhook: settings.webhook };
    const back = importSettings(text, other);
    expect(back).toEqual({ ok: true, settings: { ...settings, testClock: undefined } });
  });

  it('round-trips a custom policy', () => {
    const custom = makeCustomPolicy(getPolicy('wherstead-pc')!, { council: 'Example PC' });
    const s = { ...settings, policyId: 'custom', customPolicy: custom };
    const back = importSettings(exportSettings(s, now), s);
    expect(back.ok && back.settings.customPolicy).toEqual(custom);
  });

  it('clears optional fields the file leaves out', () => {
    const text = file((f) => {
      delete f.settings.workingHours;
      delete f.settings.captureWithinWorkingDays;
    });
    const back = importSettings(text, settings);
    expect(back.ok && back.settings.workingHours).toBeUndefined();
    expect(back.ok && back.settings.captureWithinWorkingDays).toBeUndefined();
  });

  const bad: [string, string, string][] = [
    ['not JSON', '{"format": ', 'not valid JSON'],
    ['another kind of file', JSON.stringify({ hello: 1 }), 'format is missing'],
    ['wrong format', file((f) => (f.format = 'other')), 'not a Council Capture settings file'],
    ['newer version', file((f) => (f.version = 99)), 'newer version of Council Capture'],
    [
      'bad email',
      file((f) => ((f.settings.recordsOfficer as { email: string }).email = 'nope')),
      'settings.recordsOfficer.email is not an email address',
    ],
    [
      'wrong type',
      file((f) => (f.settings.composerGuard = 'yes')),
      'settings.composerGuard must be true or false',
    ],
    [
      'unknown setting',
      file((f) => (f.settings.colour = 'blue')),
      'settings.colour is not a setting Council Capture knows',
    ],
    [
      'bad weekday',
      file((f) => ((f.settings.workingHours as { days: number[] }).days = [1, 8])),
      'settings.workingHours.days[1] must be from 1 to 7',
    ],
    [
      'bad time',
      file((f) => ((f.settings.workingHours as { start: string }).start = '9am')),
      'settings.workingHours.start must be a time written HH:mm',
    ],
    [
      'hours the wrong way round',
      file((f) => ((f.settings.workingHours as { start: string }).start = '18:00')),
      'must be later than the start',
    ],
    ['unknown policy', file((f) => (f.settings.policyId = 'atlantis-pc')), '"atlantis-pc" is not'],
    [
      'custom without a policy',
      file((f) => (f.settings.policyId = 'custom')),
      'has no customPolicy',
    ],
    [
      'invalid custom policy',
      file((f) => {
        f.settings.policyId = 'custom';
        f.settings.customPolicy = { ...getPolicy('wherstead-pc')!, retention: [] };
      }),
      'customPolicy.retention must be a non-empty list',
    ],
    ['missing field', file((f) => delete f.settings.userName), 'settings.userName is missing'],
  ];
  for (const [name, text, message] of bad) {
    it(`refuses ${name} with a clear error`, () => {
      const result = importSettings(text, settings);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.join('\n')).toContain(message);
    });
  }
});
