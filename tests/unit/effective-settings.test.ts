import { describe, expect, it } from 'vitest';
import { effectiveSettings, policyForAdvice, workingHoursOf } from '../../utils/effective-settings';
import { defaultSettings, type Settings } from '../../utils/settings';
import { getPolicy, makeCustomPolicy } from '../../utils/policy/presets';
import { outsideWorkingHours } from '../../utils/policy/classify';

const user: Settings = {
  ...defaultSettings,
  policyId: 'opcc-cleveland',
  userName: 'Jane Smith',
  userRole: 'Clerk',
  recordsOfficer: { name: 'Jane Smith', email: 'clerk@example.gov.uk' },
  composerGuard: false,
};

describe('effectiveSettings', () => {
  it('uses the user’s choices when nothing is managed', () => {
    const eff = effectiveSettings(user, undefined);
    expect(eff.policy.id).toBe('opcc-cleveland');
    expect(eff.settings).toEqual(user);
    expect(eff.locked.size).toBe(0);
    expect(eff.notices).toEqual([]);
  });

  it('treats an empty managed object (Chrome with no policy) as nothing managed', () => {
    expect(effectiveSettings(user, {}).notices).toEqual([]);
  });

  it('lets managed values outrank the user and locks them', () => {
    const eff = effectiveSettings(user, {
      policyId: 'wherstead-pc',
      recordsOfficerName: 'Clerk to the Council',
      recordsOfficerEmail: 'clerk@wherstead-pc.gov.uk',
    });
    expect(eff.policy.id).toBe('wherstead-pc');
    expect(eff.settings.policyId).toBe('wherstead-pc');
    expect(eff.settings.recordsOfficer).toEqual({
      name: 'Clerk to the Council',
      email: 'clerk@wherstead-pc.gov.uk',
    });
    expect([...eff.locked].sort()).toEqual(
      ['customPolicy', 'policyId', 'recordsOfficer.email', 'recordsOfficer.name'].sort(),
    );
    expect(eff.notices).toEqual([]);
  });

  it('falls back to the user’s policy with a notice when the managed preset id is unknown', () => {
    const eff = effectiveSettings(user, { policyId: 'no-such-council' });
    expect(eff.policy.id).toBe('opcc-cleveland');
    expect(eff.locked.has('policyId')).toBe(false);
    expect(eff.notices.join(' ')).toMatch(/“no-such-council” is not known/);
  });

  it('ignores invalid managed values one by one, with notices, keeping the valid ones', () => {
    const eff = effectiveSettings(user, {
      policyId: 'barrowby-pc',
      recordsOfficerEmail: 'not an email',
      composerGuard: 'yes',
      workingHours: { days: [1, 2], start: '18:00', end: '09:00' },
      captureWithinWorkingDays: -2,
      somethingElse: 1,
    });
    expect(eff.policy.id).toBe('barrowby-pc');
    expect(eff.settings.recordsOfficer.email).toBe('clerk@example.gov.uk');
    expect(eff.locked.has('recordsOfficer.email')).toBe(false);
    expect(eff.locked.has('workingHours')).toBe(false);
    expect(eff.notices).toHaveLength(5);
    expect(eff.notices.join(' ')).toMatch(/not an email address/);
    expect(eff.notices.join(' ')).toMatch(/must end after they start/);
    expect(eff.notices.join(' ')).toMatch(/“somethingElse”/);
  });

  it('ignores a managed value that is not an object at all', () => {
    const eff = effectiveSettings(user, 'policyId=wherstead');
    expect(eff.policy.id).toBe('opcc-cleveland');
    expect(eff.notices[0]).toMatch(/could not be read/);
  });

  it('accepts a valid managed custom policy and rejects an invalid one', () => {
    const custom = makeCustomPolicy(getPolicy('oakthorpe-donisthorpe-acresford-pc')!, {
      council: 'Example Town Council',
    });
    const ok = effectiveSettings(user, { policyId: 'custom', customPolicy: custom });
    expect(ok.policy.council).toBe('Example Town Council');
    expect(ok.settings.customPolicy).toEqual(custom);
    const asText = effectiveSettings(user, { customPolicy: JSON.stringify(custom) });
    expect(asText.policy).toEqual(custom);
    expect(asText.locked.has('policyId')).toBe(true);
    const notJson = effectiveSettings(user, { policyId: 'custom', customPolicy: '{oops' });
    expect(notJson.policy.id).toBe('opcc-cleveland');
    expect(notJson.notices[0]).toMatch(/custom policy is not valid/);
    const bad = effectiveSettings(user, {
      policyId: 'custom',
      customPolicy: { ...custom, retention: [] },
    });
    expect(bad.policy.id).toBe('opcc-cleveland');
    expect(bad.notices[0]).toMatch(/custom policy is not valid \(retention must be/);
  });

  it('falls back to the default preset when the user’s own policy is unknown or invalid', () => {
    const unknown = effectiveSettings({ ...user, policyId: 'gone' }, undefined);
    expect(unknown.policy.id).toBe(defaultSettings.policyId);
    expect(unknown.settings.policyId).toBe(defaultSettings.policyId);
    expect(unknown.notices[0]).toMatch(/^The council policy “gone” is not known, so the /);
    const noCustom = effectiveSettings({ ...user, policyId: 'custom' }, undefined);
    expect(noCustom.policy.id).toBe(defaultSettings.policyId);
    expect(noCustom.notices[0]).toMatch(/^No custom policy has been set/);
  });

  it('keeps the composer guard on when the policy says it may not be turned off', () => {
    const wherstead = effectiveSettings({ ...user, policyId: 'wherstead-pc' }, undefined);
    expect(wherstead.settings.composerGuard).toBe(true);
    expect(wherstead.composerGuardRequiredBy?.clause).toBe(
      getPolicy('wherstead-pc')!.composerGuard!.clause,
    );
    const opcc = effectiveSettings(user, undefined);
    expect(opcc.settings.composerGuard).toBe(false);
    expect(opcc.composerGuardRequiredBy).toBeUndefined();
  });

  it('copes with partial or corrupt stored settings', () => {
    const eff = effectiveSettings({ policyId: 'opcc-cleveland' } as Settings, undefined);
    expect(eff.settings.recordsOfficer).toEqual({ name: '', email: '' });
    expect(eff.settings.userName).toBe('');
    const badHours = effectiveSettings(
      { ...user, workingHours: { days: [9], start: '09:00', end: '17:00' } },
      undefined,
    );
    expect(badHours.settings.workingHours).toBeUndefined();
    expect(badHours.notices[0]).toMatch(/Your working hours were ignored/);
  });

  it('applies the working-hours override to the advice policy, keeping the clause', () => {
    const leicester = getPolicy('leicester-rights-participation')!;
    const s: Settings = {
      ...user,
      policyId: leicester.id,
      workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '20:00' },
    };
    const eff = effectiveSettings(s, undefined);
    const wh = workingHoursOf(eff.policy, eff.settings)!;
    expect(wh.clause).toBe(leicester.workingHours!.clause);
    const advice = policyForAdvice(eff);
    // Wednesday 19:00: outside the policy's 09:00–17:00, inside the user's 08:00–20:00.
    expect(outsideWorkingHours(leicester, '2026-11-18T19:00')).toBe(true);
    expect(outsideWorkingHours(advice, '2026-11-18T19:00')).toBe(false);
    expect(outsideWorkingHours(advice, '2026-11-18T21:00')).toBe(true);
    // No override: the policy object itself.
    expect(policyForAdvice(effectiveSettings({ ...user, policyId: leicester.id }, undefined))).toBe(
      leicester,
    );
  });
});
