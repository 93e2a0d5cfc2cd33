import { describe, expect, it } from 'vitest';
import { getPolicy } from '../../../utils/policy/presets/index';
import { addYears, retainUntil, retentionDecision } from '../../../utils/policy/retention';
import type { Policy } from '../../../utils/policy/schema';

function must(id: string): Policy {
  const p = getPolicy(id);
  if (!p) throw new Error(id);
  return p;
}

describe('retainUntil', () => {
  const at = '2025-03-14T10:30:00.000Z';
  it.each([
    // policy, categories, expected, clause
    ['barrowby-pc', ['finance'], '2031-03-14', '12'],
    ['barrowby-pc', ['contract', 'decision'], '2031-03-14', '12'],
    ['barrowby-pc', ['lease-land'], '2037-03-14', '12'],
    ['barrowby-pc', ['personal-injury'], '2028-03-14', '12'],
    ['barrowby-pc', ['defamation'], '2026-03-14', '12'],
    ['barrowby-pc', ['minutes', 'finance'], 'permanent', '12'],
    ['barrowby-pc', ['transitory'], 'transitory', '12'],
    ['barrowby-pc', ['transitory', 'defamation'], '2026-03-14', '12'],
    ['barrowby-pc', ['personal-injury', 'lease-land'], '2037-03-14', '12'],
    ['barrowby-pc', [], '2031-03-14', '12'],
    ['barrowby-pc', ['something-new'], '2031-03-14', '12'],
    ['oakthorpe-donisthorpe-acresford-pc', ['defamation'], '2031-03-14', '5.1'],
    ['oakthorpe-donisthorpe-acresford-pc', ['lease-land'], '2037-03-14', '5.4'],
    ['oakthorpe-donisthorpe-acresford-pc', ['minutes'], 'permanent', '5.4'],
    ['opcc-cleveland', ['finance'], '2031-03-14', 'Retention and disposal (WhatsApp Groups)'],
    [
      'leicester-rights-participation',
      ['casework'],
      '2031-03-14',
      'Responsibilities: LCC Employees',
    ],
    ['wherstead-pc', ['minutes'], 'permanent', 'Parish Council email'],
  ] as const)('%s %j → %s (%s)', (id, cats, expected, clause) => {
    const p = must(id);
    expect(retainUntil(p, [...cats], at)).toBe(expected);
    expect(retentionDecision(p, [...cats], at).clause).toBe(clause);
  });

  it('uses the London date of capture', () => {
    // 23:30 UTC on 31 March 2025 is 00:30 on 1 April in London (BST).
    expect(retainUntil(must('barrowby-pc'), ['finance'], '2025-03-31T23:30:00Z')).toBe(
      '2031-04-01',
    );
    // In winter London is on UTC.
    expect(retainUntil(must('barrowby-pc'), ['finance'], '2025-01-31T23:30:00Z')).toBe(
      '2031-01-31',
    );
  });

  it('adds years, 29 February becoming 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-12-31T12:00:00Z', 6)).toBe('2030-12-31');
  });

  it('rejects a capture time that is not a date', () => {
    expect(() => retainUntil(must('barrowby-pc'), [], 'yesterday')).toThrow(RangeError);
  });
});
