import { describe, expect, it } from 'vitest';
import { changedKeys, draftProblems } from '../../../entrypoints/options/draft';
import { defaultSettings, type Settings } from '../../../utils/settings';

const ok: Settings = {
  ...defaultSettings,
  recordsOfficer: { name: 'Records Team', email: 'records@example.gov.uk' },
};

describe('options page draft', () => {
  it('can save a complete draft, or one with no records officer email yet', () => {
    expect(draftProblems(ok)).toEqual([]);
    expect(draftProblems({ ...ok, recordsOfficer: { name: '', email: '' } })).toEqual([]);
  });

  it('names what stops a save, in en-GB', () => {
    expect(
      draftProblems({
        ...ok,
        policyId: 'custom',
        recordsOfficer: { name: 'x', email: 'records at example' },
        workingHours: { days: [1], start: '17:00', end: '09:00' },
      }),
    ).toEqual([
      'The records officer’s email is not an email address.',
      'Working hours: working hours must end after they start.',
      'Make and check a custom policy before choosing it.',
    ]);
    expect(
      draftProblems({ ...ok, workingHours: { days: [], start: '09:00', end: '17:00' } }),
    ).toEqual(['Working hours: working days must be a list of weekdays 1 (Monday) to 7 (Sunday).']);
  });

  it('lists the changed settings for the audit log', () => {
    expect(changedKeys(ok, ok)).toEqual([]);
    expect(
      changedKeys(ok, {
        ...ok,
        policyId: 'wherstead-pc',
        userName: 'Jane',
        workingHours: { days: [1], start: '09:00', end: '17:00' },
      }),
    ).toEqual(['policyId', 'userName', 'workingHours']);
  });
});
