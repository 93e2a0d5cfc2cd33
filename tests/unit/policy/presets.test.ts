import { describe, expect, it } from 'vitest';
import { describePolicy } from '../../../utils/policy/describe';
import {
  getPolicy,
  InvalidPolicyError,
  makeCustomPolicy,
  presets,
} from '../../../utils/policy/presets/index';
import type { Policy } from '../../../utils/policy/schema';
import { validatePolicy } from '../../../utils/policy/validate';

const IDS = [
  'oakthorpe-donisthorpe-acresford-pc',
  'opcc-cleveland',
  'leicester-rights-participation',
  'wherstead-pc',
  'barrowby-pc',
];

function must(id: string): Policy {
  const p = getPolicy(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}

/** Every object in the policy that has a clause or a summary (a rule), with its path. */
function citedObjects(
  x: unknown,
  path = 'policy',
): { path: string; obj: Record<string, unknown> }[] {
  if (Array.isArray(x)) return x.flatMap((v, i) => citedObjects(v, `${path}[${i}]`));
  if (typeof x !== 'object' || x === null) return [];
  const obj = x as Record<string, unknown>;
  const own = 'clause' in obj || 'summary' in obj ? [{ path, obj }] : [];
  return [...own, ...Object.entries(obj).flatMap(([k, v]) => citedObjects(v, `${path}.${k}`))];
}

describe('presets', () => {
  it('are the five councils, in order, each found by id', () => {
    expect(presets.map((p) => p.id)).toEqual(IDS);
    for (const id of IDS) expect(getPolicy(id)?.id).toBe(id);
    expect(getPolicy('nope')).toBeUndefined();
  });

  it.each(IDS)('%s validates', (id) => {
    const result = validatePolicy(must(id));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it.each(IDS)('%s: every rule, retention, clear-down and category cites a clause', (id) => {
    const p = must(id);
    const cited = citedObjects(p);
    expect(cited.length).toBeGreaterThan(10);
    for (const { path, obj } of cited) {
      expect(typeof obj.clause, `${path}.clause`).toBe('string');
      expect((obj.clause as string).trim(), `${path}.clause`).not.toBe('');
      // Categories carry a label instead of a summary.
      const text = (obj.summary ?? obj.label) as unknown;
      expect(typeof text, `${path} summary/label`).toBe('string');
      expect((text as string).trim(), `${path} summary/label`).not.toBe('');
    }
    for (const r of p.retention) expect(r.clause).not.toBe('');
    for (const c of p.categories) expect(c.clause).not.toBe('');
    for (const r of p.rules) expect(r.clause).not.toBe('');
    if (p.clearDown) expect(p.clearDown.clause).not.toBe('');
    // Retention categories exist in the category list.
    const ids = new Set(p.categories.map((c) => c.id));
    for (const r of p.retention) for (const c of r.categories) expect(ids.has(c), c).toBe(true);
  });

  it('Oakthorpe: council business only, six years (5.1), secure deletion (5.4), review every two years (6.1)', () => {
    const p = must('oakthorpe-donisthorpe-acresford-pc');
    const def = p.retention.find((r) => r.categories.length === 0);
    expect(def).toMatchObject({ clause: '5.1', period: { years: 6 } });
    expect(p.review).toMatchObject({ clause: '6.1', everyYears: 2 });
    expect(p.capture.clause).toBe('5.2');
    expect(p.capture.methods.join(' ')).toMatch(/email/i);
    expect(p.rules.find((r) => r.id === 'retention.secure-deletion')?.clause).toBe('5.4');
    expect(p.breach).toMatchObject({ clause: '5.5', immediately: true });
    expect(p.scope).toMatchObject({ clause: '1.2', designatedGroupsOnly: true });
    expect(p.personalData).toMatchObject({ clause: '1.3', level: 'no-sensitive' });
    expect(p.foi?.clause).toBe('1.4');
    expect(p.rules.find((r) => r.id === 'dispute.records')?.clause).toBe('3.4');
  });

  it('OPCC Cleveland: weekly clear-down prompted by the group admin; no one-to-one business', () => {
    const p = must('opcc-cleveland');
    expect(p.clearDown).toMatchObject({ kind: 'cadence', everyDays: 7, promptedBy: 'Group admin' });
    expect(p.clearDown?.reminderText).toMatch(/seven days/);
    expect(p.scope).toMatchObject({
      oneToOneBusiness: 'not-for-business',
      designatedGroupsOnly: true,
      personalExcluded: true,
    });
    expect(p.scope?.alternatives).toEqual(
      expect.arrayContaining(['email', 'telephone', 'Microsoft Teams']),
    );
    expect(p.rules.some((r) => r.id === 'group.social-exempt')).toBe(true);
  });

  it('Leicester: inactive clear-down defaults to 30 days (policy gives no number), working hours, incidents address', () => {
    const p = must('leicester-rights-participation');
    expect(p.clearDown).toMatchObject({ kind: 'inactive', inactiveAfterDays: 30 });
    expect(p.clearDown?.summary).toMatch(/does not say/);
    expect(p.workingHours?.days).toEqual([1, 2, 3, 4, 5]);
    expect(p.breach.contact).toBe('Information-Security-Incidents@leicester.gov.uk');
    expect(p.recordTest.clause).toBe('Scope 1(c)');
    expect(p.composerGuard?.mayBeTurnedOff).toBe(false);
    expect(p.rules.some((r) => r.id === 'broadcast.no-marketing')).toBe(true);
  });

  it('Wherstead: private councillors-and-Clerk group, no personal information, annual review', () => {
    const p = must('wherstead-pc');
    expect(p.adopted).toBe('2023-03-08');
    expect(p.review.everyYears).toBe(1);
    expect(p.personalData?.level).toBe('none');
    expect(p.recordTest.summary).toMatch(/Freedom of Information/);
    expect(p.recordsOfficer.role).toBe('Clerk');
  });

  it('Barrowby: record test 10.2, capture 10.3, transitory 10.4, groups 10.5, predetermination 11, breaches 13, annual review 17', () => {
    const p = must('barrowby-pc');
    expect(p.recordTest.clause).toBe('10.2');
    expect(p.capture).toMatchObject({ clause: '10.3', withinWorkingDays: 2 });
    expect(p.capture.methods).toHaveLength(4);
    expect(p.transitory?.clause).toBe('10.4');
    expect(p.groupChat?.noDecisions?.clause).toBe('10.5');
    expect(p.groupChat?.noStaffingOrComplaints?.clause).toBe('10.5');
    expect(p.predetermination?.clause).toBe('11');
    expect(p.personalData?.clause).toBe('9');
    expect(p.breach).toMatchObject({ clause: '13', immediately: true });
    expect(p.review).toMatchObject({ clause: '17', everyYears: 1 });
  });

  it.each(IDS)('%s: describePolicy gives plain-English sections with clauses', (id) => {
    const sections = describePolicy(must(id));
    expect(sections.length).toBeGreaterThanOrEqual(5);
    for (const s of sections) {
      expect(s.heading).not.toBe('');
      expect(s.items.length).toBeGreaterThan(0);
      for (const item of s.items) {
        expect(item.text.trim()).not.toBe('');
        expect(item.clause.trim()).not.toBe('');
      }
    }
    expect(sections.map((s) => s.heading)).toContain('How long records are kept');
  });
});

describe('custom policies', () => {
  it('are editable, validated copies with id custom and a derived version', () => {
    const base = must('barrowby-pc');
    const custom = makeCustomPolicy(base, {
      council: 'Barrowby Parish Council (our changes)',
      capture: { ...base.capture, withinWorkingDays: 5 },
    });
    expect(custom.id).toBe('custom');
    expect(custom.version).toMatch(/^barrowby-pc@1\.0\.0\+[0-9a-f]{8}$/);
    expect(custom.capture.withinWorkingDays).toBe(5);
    expect(base.capture.withinWorkingDays).toBe(2); // the preset is untouched
    // Same content, same version; different content, different version.
    expect(
      makeCustomPolicy(base, {
        capture: { ...base.capture, withinWorkingDays: 5 },
        council: custom.council,
      }).version,
    ).toBe(custom.version);
    expect(makeCustomPolicy(base).version).not.toBe(custom.version);
    // A custom copy of a custom copy keeps the original base.
    expect(
      makeCustomPolicy(custom, { council: 'x' }).version.startsWith('barrowby-pc@1.0.0+'),
    ).toBe(true);
  });

  it('reject invalid changes with specific en-GB errors', () => {
    const base = must('opcc-cleveland');
    let caught: unknown;
    try {
      makeCustomPolicy(base, {
        review: { ...base.review, everyYears: 0 },
        clearDown: { ...(base.clearDown as NonNullable<Policy['clearDown']>), everyDays: -7 },
        workingHours: { clause: 'x', summary: 'y', days: [1, 8], start: '17:00', end: '09:00' },
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidPolicyError);
    const errors = (caught as InvalidPolicyError).errors;
    expect(errors).toContain(
      'review.everyYears must be a whole number of years from 1 to 10 (got 0)',
    );
    expect(errors).toContain(
      'clearDown.everyDays must be a whole number of days from 1 to 366 (got -7)',
    );
    expect(errors.some((e) => e.startsWith('workingHours.days must be'))).toBe(true);
    expect(errors).toContain(
      'workingHours.end (09:00) must be later than workingHours.start (17:00)',
    );
  });

  it('validatePolicy explains what is wrong with imported settings', () => {
    expect(validatePolicy(null)).toEqual({
      ok: false,
      errors: ['The policy must be an object (got null)'],
    });
    const bad = structuredClone(must('wherstead-pc')) as unknown as Record<string, unknown>;
    bad.adopted = '2023-02-30';
    bad.retention = [
      { clause: '', summary: 's', categories: ['nonsense'], period: { years: 2.5 } },
    ];
    (bad.rules as unknown[]).push({ id: 'conduct.civil', clause: 'x', summary: 'y' });
    bad.categories = [];
    const result = validatePolicy(bad);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        'adopted must be a real date written YYYY-MM-DD (got "2023-02-30")',
        'categories must be a non-empty list (got a list)',
        'retention[0].clause must be non-empty text (got "")',
        'retention[0].categories[0] must be one of the policy’s category ids (got "nonsense")',
        'retention[0].period.years must be a whole number of years from 1 to 200 (got 2.5)',
        'retention needs a default rule (one with no categories)',
        'rules[10].id "conduct.civil" is used twice',
      ]),
    );
  });
});
