import { describe, expect, it } from 'vitest';
import {
  computeKeepUntil,
  effectiveKeepUntil,
  laterKeepUntil,
  retentionDecision,
  storedKeepUntil,
} from '../../../utils/deadlines/keep-until.ts';
import { addDays, londonDateOf } from '../../../utils/deadlines/london.ts';
import { presets } from '../../../utils/policy/presets/index.ts';
import { retainUntil } from '../../../utils/policy/retention.ts';
import type { Policy } from '../../../utils/policy/schema.ts';

const CATEGORY_SETS: string[][] = [
  [],
  ['decision'],
  ['finance'],
  ['contract', 'procurement'],
  ['negligence'],
  ['lease-land'],
  ['personal-injury'],
  ['defamation'],
  ['minutes'],
  ['transitory'],
  ['transitory', 'finance'],
  ['defamation', 'personal-injury'],
  ['lease-land', 'minutes'],
  ['not-a-category'],
];
const CAPTURED = [
  '2026-01-10T10:00:00Z',
  '2028-02-29T12:00:00Z',
  '2026-03-29T00:30:00Z',
  '2026-10-24T23:30:00Z', // 00:30 BST on 25/10 in London
  '2026-12-31T23:59:59Z',
];

describe('keep-until', () => {
  it('agrees with utils/policy/retention.ts for every preset, category and date', () => {
    for (const policy of presets) {
      for (const cats of CATEGORY_SETS) {
        for (const capturedAt of CAPTURED) {
          const theirs = retainUntil(policy, cats, capturedAt);
          const expected = theirs === 'transitory' ? addDays(londonDateOf(capturedAt), 30) : theirs;
          expect(
            computeKeepUntil(policy, cats, capturedAt),
            `${policy.id} ${cats.join('+')} ${capturedAt}`,
          ).toBe(expected);
        }
      }
    }
  });

  it('the standard schedule: longest of the categories wins; uncategorised take the default', () => {
    const barrowby = presets.find((p) => p.id === 'barrowby-pc') as Policy;
    const k = (cats: string[]) => computeKeepUntil(barrowby, cats, '2026-01-10T10:00:00Z');
    expect(k(['finance'])).toBe('2032-01-10');
    expect(k(['lease-land'])).toBe('2038-01-10');
    expect(k(['personal-injury'])).toBe('2029-01-10');
    expect(k(['defamation'])).toBe('2027-01-10');
    expect(k(['defamation', 'personal-injury'])).toBe('2029-01-10');
    expect(k(['minutes'])).toBe('permanent');
    expect(k(['transitory'])).toBe('2026-02-09');
    expect(k(['transitory', 'finance'])).toBe('2032-01-10');
    expect(k([])).toBe('2032-01-10');
    expect(retentionDecision(barrowby, ['minutes'])?.kind).toBe('permanent');
  });

  it('a policy without rules gives no keep-until', () => {
    const bare = { ...presets[0], retention: [] } as unknown as Policy;
    expect(computeKeepUntil(bare, ['finance'], '2026-01-10T10:00:00Z')).toBeUndefined();
  });

  it('stored values, extensions and the later of two', () => {
    expect(storedKeepUntil('2030-01-01', '2026-01-10T10:00:00Z')).toBe('2030-01-01');
    expect(storedKeepUntil('transitory', '2026-01-10T10:00:00Z')).toBe('2026-02-09');
    expect(storedKeepUntil('nonsense', '2026-01-10T10:00:00Z')).toBeUndefined();
    expect(laterKeepUntil('2030-01-01', '2031-01-01')).toBe('2031-01-01');
    expect(laterKeepUntil('2032-01-01', '2031-01-01')).toBe('2032-01-01');
    expect(laterKeepUntil('2032-01-01', 'permanent')).toBe('permanent');
    expect(laterKeepUntil(undefined, '2031-01-01')).toBe('2031-01-01');
    const r = { categories: [], capturedAt: '2026-01-10T10:00:00Z', retainUntil: '2030-01-01' };
    expect(effectiveKeepUntil(undefined, r)).toBe('2030-01-01');
    expect(effectiveKeepUntil(undefined, r, '2029-01-01')).toBe('2030-01-01'); // never shortens
    expect(effectiveKeepUntil(undefined, r, '2035-01-01')).toBe('2035-01-01');
    expect(effectiveKeepUntil(undefined, { ...r, retainUntil: undefined })).toBeUndefined();
  });
});
