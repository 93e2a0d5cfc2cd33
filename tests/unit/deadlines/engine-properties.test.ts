/**
 * The fast paths of the engine (hold index, UTC-day pre-checks, cached days) against the plain
 * definitions, over seeded random data.
 */
import { describe, expect, it } from 'vitest';
import { dueItems } from '../../../utils/deadlines/due.ts';
import { holdsCovering, indexHolds } from '../../../utils/deadlines/holds.ts';
import { effectiveKeepUntil } from '../../../utils/deadlines/keep-until.ts';
import { addDays, londonDateOf } from '../../../utils/deadlines/london.ts';
import type { DueRecord, Hold } from '../../../utils/deadlines/types.ts';
import { getPolicy } from '../../../utils/policy/presets/index.ts';
import type { Policy } from '../../../utils/policy/schema.ts';

function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const BARROWBY = getPolicy('barrowby-pc') as Policy;
const CATEGORY_SETS = [
  [],
  ['finance'],
  ['defamation'],
  ['personal-injury'],
  ['lease-land'],
  ['minutes'],
  ['transitory'],
  ['transitory', 'finance'],
];

function randomInstant(rnd: () => number, from: number, to: number): string {
  // Bias towards the hour before midnight UTC, where the London day can differ.
  const t = from + Math.floor(rnd() * (to - from));
  const d = new Date(t);
  if (rnd() < 0.3) d.setUTCHours(23, Math.floor(rnd() * 60));
  if (rnd() < 0.05)
    return `${d.toISOString().slice(0, 4)}-02-29T23:30:00.000Z`.replace(/^(\d{4})/, (y) =>
      String(Number(y) - (Number(y) % 4)),
    );
  return d.toISOString();
}

describe('dueItems retention fast paths agree with effectiveKeepUntil', () => {
  it.each([
    ['2026-11-20T10:00:00Z', 30],
    ['2027-03-28T23:30:00Z', 30], // the night the clocks go forward
    ['2026-10-24T23:30:00Z', 0], // 00:30 BST on the night they go back
    ['2032-02-28T12:00:00Z', 1], // around 29/02/2032
    ['2029-06-01T12:00:00Z', 365],
  ])('now %s, horizon %i days', (nowIso, horizonDays) => {
    const rnd = prng(Date.parse(nowIso) % 100_000);
    const from = Date.parse('2016-01-01T00:00:00Z');
    const to = Date.parse('2030-12-31T00:00:00Z');
    const records: DueRecord[] = Array.from({ length: 3000 }, (_, i) => {
      const capturedAt = randomInstant(rnd, from, to);
      const r: DueRecord = {
        id: `r${i}`,
        chatKey: `c${i % 7}`,
        capturedAt,
        categories: CATEGORY_SETS[i % CATEGORY_SETS.length] ?? [],
        message: {
          id: `m${i}`,
          direction: 'in',
          sender: 'x',
          text: '',
          forwarded: false,
          edited: false,
          deleted: false,
        },
      };
      const roll = rnd();
      if (roll < 0.3) r.retainUntil = addDays(londonDateOf(capturedAt), Math.floor(rnd() * 4000));
      else if (roll < 0.35) r.retainUntil = 'transitory';
      else if (roll < 0.4) r.retainUntil = 'permanent';
      return r;
    });
    const extendedUntil = new Map<string, string>();
    const disposedIds = new Set<string>();
    records.forEach((r, i) => {
      if (i % 13 === 0) extendedUntil.set(r.id, addDays(londonDateOf(r.capturedAt), 2500));
      if (i % 17 === 0) disposedIds.add(r.id);
    });
    const now = new Date(nowIso);
    const horizon = addDays(londonDateOf(now), horizonDays);
    const expected = records
      .filter((r) => !disposedIds.has(r.id))
      .map((r) => ({ r, keep: effectiveKeepUntil(BARROWBY, r, extendedUntil.get(r.id)) }))
      .filter(({ keep }) => keep !== undefined && keep !== 'permanent' && keep <= horizon)
      .map(({ r, keep }) => `retention-review:${r.id}:${keep}`)
      .sort();
    const actual = dueItems(now, BARROWBY, [], records, [], {
      horizonDays,
      extendedUntil,
      disposedIds,
    })
      .filter((i) => i.kind === 'retention-review')
      .map((i) => i.key)
      .sort();
    expect(actual.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
  });
});

describe('the hold index agrees with holdsCovering', () => {
  it('over random holds and targets', () => {
    const rnd = prng(7);
    const chats = ['a', 'b', 'c', 'd'];
    const days = ['2026-01-01', '2026-03-15', '2026-03-29', '2026-06-30', '2026-10-25'];
    const pickSome = <T>(xs: T[]) => xs.filter(() => rnd() < 0.4);
    for (let round = 0; round < 200; round++) {
      const holds: Hold[] = Array.from({ length: 1 + Math.floor(rnd() * 5) }, (_, i) => {
        const covers: Hold['covers'] = {};
        if (rnd() < 0.5) covers.chatKeys = pickSome(chats);
        if (rnd() < 0.4) covers.from = days[Math.floor(rnd() * days.length)];
        if (rnd() < 0.4) covers.to = rnd() < 0.5 ? '2026-08-01T12:00:00Z' : days[4];
        if (rnd() < 0.4) covers.recordIds = pickSome(['r1', 'r2', 'r3']);
        return {
          id: `h${i}`,
          kind: 'legal',
          reference: `L${i}`,
          openedAt: '2026-01-01T00:00:00Z',
          receivedAt: '2026-01-01T00:00:00Z',
          covers,
        };
      });
      const covering = indexHolds(holds);
      for (const chatKey of [...chats, 'z', undefined]) {
        for (const recordId of ['r1', 'r2', 'r9', undefined]) {
          for (const at of [
            '2026-02-01T10:00',
            '2026-03-29T00:30:00Z',
            '2026-09-01T10:00',
            undefined,
          ]) {
            const target = { chatKey, recordId, at };
            expect(covering(chatKey, recordId, at).map((h) => h.id)).toEqual(
              holdsCovering(holds, target).map((h) => h.id),
            );
          }
        }
      }
    }
  });
});
