import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../utils/deadlines/format.ts';
import {
  canClearDown,
  canDispose,
  holdCovers,
  holdDueAt,
  holdsCovering,
  isHoldOpen,
} from '../../../utils/deadlines/holds.ts';
import type { Hold, SuggestedRecord } from '../../../utils/deadlines/types.ts';
import { getPolicy } from '../../../utils/policy/presets/index.ts';

const at = (iso: string) => new Date(iso);

function hold(partial: Partial<Hold> & Pick<Hold, 'id' | 'kind'>): Hold {
  return {
    reference: partial.id.toUpperCase(),
    openedAt: '2026-11-02T10:00:00Z',
    receivedAt: '2026-11-02T10:00:00Z',
    covers: {},
    ...partial,
  };
}

describe('holdDueAt', () => {
  describe('FOI: end of the 20th working day after receipt', () => {
    it('an ordinary month', () => {
      // Mon 02/11/2026: day 1 is Tue 03/11; day 20 is Mon 30/11 (GMT).
      expect(holdDueAt('foi', '2026-11-02T10:00:00Z')).toBe('2026-11-30T23:59:59.000Z');
    });

    it('received just before Christmas', () => {
      // Fri 18/12/2026: 25/12, 28/12 (Boxing Day substitute) and 01/01 are bank holidays.
      expect(holdDueAt('foi', '2026-12-18T15:00:00Z')).toBe('2027-01-20T23:59:59.000Z');
      // Wed 23/12/2026.
      expect(holdDueAt('foi', '2026-12-23T09:00:00Z')).toBe('2027-01-25T23:59:59.000Z');
    });

    it('received just before Easter, with the clocks going forward over Easter weekend', () => {
      // Tue 23/03/2027: Good Friday 26/03, clocks forward 28/03, Easter Monday 29/03.
      // Day 20 is Thu 22/04/2027, in BST: 23:59:59 BST = 22:59:59 UTC.
      expect(holdDueAt('foi', '2027-03-23T11:00:00Z')).toBe('2027-04-22T22:59:59.000Z');
    });

    it('received on a Saturday: day 1 is the Monday', () => {
      expect(holdDueAt('foi', '2026-11-07T10:00:00Z')).toBe('2026-12-04T23:59:59.000Z');
    });

    it('received late in the evening counts the London day, not the UTC one', () => {
      // 23:30 UTC on Sun 05/07/2026 is Mon 06/07 00:30 BST: received Monday.
      expect(holdDueAt('foi', '2026-07-05T23:30:00Z')).toBe(
        holdDueAt('foi', '2026-07-06T09:00:00Z'),
      );
      // 22:30 UTC on Mon 06/07 is still Monday in London.
      expect(holdDueAt('foi', '2026-07-06T22:30:00Z')).toBe(
        holdDueAt('foi', '2026-07-06T09:00:00Z'),
      );
      expect(holdDueAt('foi', '2026-07-06T09:00:00Z')).toBe('2026-08-03T22:59:59.000Z');
    });

    it('received in BST, due in GMT', () => {
      // Mon 12/10/2026 (BST); day 20 is Mon 09/11/2026 (GMT).
      expect(holdDueAt('foi', '2026-10-12T09:00:00Z')).toBe('2026-11-09T23:59:59.000Z');
    });
  });

  describe('subject access: one calendar month', () => {
    it('the corresponding date', () => {
      expect(holdDueAt('sar', '2026-11-02T10:00:00Z')).toBe('2026-12-02T23:59:59.000Z');
    });

    it('month ends: 31 January gives the last day of February, 29 February in a leap year', () => {
      expect(holdDueAt('sar', '2028-01-31T10:00:00Z')).toBe('2028-02-29T23:59:59.000Z');
      expect(holdDueAt('sar', '2029-01-30T10:00:00Z')).toBe('2029-02-28T23:59:59.000Z');
      expect(holdDueAt('sar', '2026-03-31T10:00:00Z')).toBe('2026-04-30T22:59:59.000Z');
    });

    it('a due date at a weekend or on a bank holiday moves to the next working day', () => {
      // Sat 31/01/2026 → Sat 28/02/2026 → Mon 02/03/2026.
      expect(holdDueAt('sar', '2026-01-31T10:00:00Z')).toBe('2026-03-02T23:59:59.000Z');
      // Thu 26/11/2026 → Sat 26/12 → (27 Sun, 28 Boxing Day substitute) → Tue 29/12/2026.
      expect(holdDueAt('sar', '2026-11-26T10:00:00Z')).toBe('2026-12-29T23:59:59.000Z');
    });

    it('received in BST, due in GMT', () => {
      // Fri 02/10/2026 (BST) → Mon 02/11/2026 (GMT).
      expect(holdDueAt('sar', '2026-10-02T08:00:00Z')).toBe('2026-11-02T23:59:59.000Z');
    });
  });

  describe('data breach: 72 hours from becoming aware', () => {
    it('is exact to the minute', () => {
      expect(holdDueAt('breach', '2026-11-02T10:15:00Z')).toBe('2026-11-05T10:15:00.000Z');
    });

    it('across the October change: 72 real hours, so the wall clock shows an hour earlier', () => {
      const due = holdDueAt('breach', '2026-10-23T12:00:00+01:00');
      expect(due).toBe('2026-10-26T11:00:00.000Z');
      expect(formatDateTime(due ?? '')).toBe('26/10/2026 11:00');
    });

    it('across the March change: the wall clock shows an hour later', () => {
      const due = holdDueAt('breach', '2026-03-27T09:00:00Z');
      expect(due).toBe('2026-03-30T09:00:00.000Z');
      expect(formatDateTime(due ?? '')).toBe('30/03/2026 10:00');
    });

    it('a policy may give a different number of hours', () => {
      expect(holdDueAt('breach', '2026-11-02T10:00:00Z', { breachHours: 24 })).toBe(
        '2026-11-03T10:00:00.000Z',
      );
    });
  });

  it('legal holds and disputes have no due date', () => {
    expect(holdDueAt('legal', '2026-11-02T10:00:00Z')).toBeUndefined();
    expect(holdDueAt('dispute', '2026-11-02T10:00:00Z')).toBeUndefined();
  });
});

describe('what a hold covers', () => {
  const everything = hold({ id: 'h-all', kind: 'legal' });
  const chat = hold({ id: 'h-chat', kind: 'foi', covers: { chatKeys: ['g1'] } });
  const period = hold({
    id: 'h-period',
    kind: 'sar',
    covers: { chatKeys: ['g1'], from: '2026-01-01', to: '2026-03-31' },
  });
  const records = hold({ id: 'h-rec', kind: 'dispute', covers: { recordIds: ['r1'] } });
  const instants = hold({
    id: 'h-inst',
    kind: 'breach',
    covers: { from: '2026-05-01T10:00:00Z', to: '2026-05-01T12:00:00Z' },
  });

  it('an empty cover is everything', () => {
    expect(holdCovers(everything, { chatKey: 'any' })).toBe(true);
    expect(holdCovers(everything, { recordId: 'x' })).toBe(true);
  });

  it('chats', () => {
    expect(holdCovers(chat, { chatKey: 'g1' })).toBe(true);
    expect(holdCovers(chat, { chatKey: 'g2' })).toBe(false);
    expect(holdCovers(chat, { recordId: 'r9' })).toBe(false);
  });

  it('a period of London days, inclusive', () => {
    expect(holdCovers(period, { chatKey: 'g1', at: '2026-02-10T10:00' })).toBe(true);
    expect(holdCovers(period, { chatKey: 'g1', at: '2026-03-31T23:30' })).toBe(true);
    // 23:30 UTC on 31/03/2026 is 00:30 BST on 01/04: outside.
    expect(holdCovers(period, { chatKey: 'g1', at: '2026-03-31T23:30:00Z' })).toBe(false);
    expect(holdCovers(period, { chatKey: 'g1', at: '2025-12-31T23:59:00Z' })).toBe(false);
    expect(holdCovers(period, { chatKey: 'g2', at: '2026-02-10T10:00' })).toBe(false);
    // A whole chat (clear-down deletes everything in it) is covered by any period.
    expect(holdCovers(period, { chatKey: 'g1' })).toBe(true);
  });

  it('a period of instants', () => {
    expect(holdCovers(instants, { chatKey: 'x', at: '2026-05-01T11:00' })).toBe(true); // 10:00Z
    expect(holdCovers(instants, { chatKey: 'x', at: '2026-05-01T13:30' })).toBe(false); // 12:30Z
  });

  it('record ids only: just those records', () => {
    expect(holdCovers(records, { chatKey: 'g1', recordId: 'r1' })).toBe(true);
    expect(holdCovers(records, { chatKey: 'g1', recordId: 'r2' })).toBe(false);
    expect(holdCovers(records, { chatKey: 'g1' })).toBe(false);
  });

  it('only open holds count', () => {
    const closed = { ...chat, closedAt: '2026-11-10T10:00:00Z' };
    expect(isHoldOpen(closed)).toBe(false);
    expect(isHoldOpen(closed, at('2026-11-09T10:00:00Z'))).toBe(true);
    expect(holdsCovering([closed, period], { chatKey: 'g1' }).map((h) => h.id)).toEqual([
      'h-period',
    ]);
    expect(
      holdsCovering([closed, period], { chatKey: 'g1' }, at('2026-11-09T10:00:00Z')).map(
        (h) => h.id,
      ),
    ).toEqual(['h-chat', 'h-period']);
  });
});

describe('canClearDown', () => {
  const now = at('2026-11-20T10:00:00Z');
  const foi = hold({
    id: 'h1',
    kind: 'foi',
    reference: 'FOI-2026-014',
    receivedAt: '2026-11-13T10:00:00Z',
    covers: { chatKeys: ['g1'] },
  });

  it('is allowed with no holds and nothing uncaptured', () => {
    expect(canClearDown(now, 'g1', [], [])).toEqual({ ok: true });
    expect(canClearDown(now, 'g2', [foi])).toEqual({ ok: true });
  });

  it('an FOI request blocks it, saying why and citing the offence', () => {
    expect(canClearDown(now, 'g1', [foi])).toEqual({
      ok: false,
      reasons: [
        'FOI request FOI-2026-014 covers this chat (due 11/12/2026). Deleting information after a ' +
          'request can be an offence under section 77 of the Freedom of Information Act 2000.',
      ],
    });
  });

  it('every kind of hold gives its own reason', () => {
    const kinds = ['sar', 'legal', 'dispute', 'breach'] as const;
    const holds = kinds.map((kind) => hold({ id: kind, kind, receivedAt: '2026-11-19T09:00:00Z' }));
    const v = canClearDown(now, 'g1', holds);
    expect(v.ok).toBe(false);
    const reasons = v.ok ? [] : v.reasons;
    expect(reasons).toHaveLength(4);
    expect(reasons[0]).toBe(
      'Subject access request SAR covers this chat (due 21/12/2026). Deleting personal data to stop ' +
        'it being disclosed after a request can be an offence under section 173 of the Data ' +
        'Protection Act 2018.',
    );
    expect(reasons[1]).toMatch(/^Legal hold LEGAL covers this chat\. .*legal proceedings/);
    expect(reasons[2]).toMatch(/^Dispute DISPUTE covers this chat\. /);
    expect(reasons[3]).toMatch(
      /^Data breach BREACH covers this chat \(decide whether to report it to the ICO by 22\/11\/2026 09:00\)\./,
    );
  });

  it('uncaptured suggested records block it too (only those in this chat)', () => {
    const s = (chatKey: string, messageId: string): SuggestedRecord => ({
      chatKey,
      messageId,
      seenAt: '2026-11-19T09:00:00Z',
    });
    expect(canClearDown(now, 'g1', [], [s('g1', 'm1'), s('g2', 'm2')])).toEqual({
      ok: false,
      reasons: [
        '1 suggested record in this chat has not been captured. Capture it (or dismiss the ' +
          'suggestion) before clearing the chat, or it will be lost.',
      ],
    });
    const v = canClearDown(now, 'g1', [foi], 3);
    expect(v.ok ? [] : v.reasons).toHaveLength(2);
    expect(v.ok ? '' : v.reasons[1]).toMatch(/^3 suggested records in this chat have not/);
  });

  it('a closed hold no longer blocks', () => {
    expect(canClearDown(now, 'g1', [{ ...foi, closedAt: '2026-11-19T10:00:00Z' }])).toEqual({
      ok: true,
    });
  });
});

describe('canDispose', () => {
  const now = at('2026-11-20T10:00:00Z');
  const record = {
    id: 'r1',
    chatKey: 'g1',
    capturedAt: '2020-06-01T10:00:00Z',
    categories: ['finance'],
    retainUntil: '2026-06-01',
    message: { sentAt: '2020-06-01T10:55' },
  };

  it('is allowed once the keep-until day has passed and nothing holds it', () => {
    expect(canDispose(now, record, [])).toEqual({ ok: true });
  });

  it('not before the keep-until day has ended', () => {
    expect(canDispose(now, { ...record, retainUntil: '2026-11-20' }, [])).toEqual({
      ok: false,
      reasons: ['This record is kept until 20/11/2026 under the retention schedule.'],
    });
    expect(
      canDispose(at('2026-11-21T00:00:00Z'), { ...record, retainUntil: '2026-11-20' }, []),
    ).toEqual({ ok: true });
    expect(canDispose(now, { ...record, retainUntil: 'permanent' }, [])).toEqual({
      ok: false,
      reasons: ['This record is kept permanently under the retention schedule.'],
    });
  });

  it('an extension lengthens it', () => {
    const v = canDispose(now, record, [], { extendedUntil: '2027-06-01' });
    expect(v).toEqual({
      ok: false,
      reasons: ['This record is kept until 01/06/2027 under the retention schedule.'],
    });
  });

  it('without retainUntil, the policy decides (Oakthorpe 5.1: six years)', () => {
    const policy = getPolicy('oakthorpe-donisthorpe-acresford-pc');
    const r = { ...record, retainUntil: undefined, capturedAt: '2021-06-01T10:00:00Z' };
    expect(canDispose(now, r, [], { policy })).toEqual({
      ok: false,
      reasons: ['This record is kept until 01/06/2027 under the retention schedule.'],
    });
  });

  it('holds on the record, its chat or the period of the message block it', () => {
    const byId = hold({
      id: 'h1',
      kind: 'dispute',
      reference: 'D-1',
      covers: { recordIds: ['r1'] },
    });
    const byPeriod = hold({
      id: 'h2',
      kind: 'sar',
      reference: 'SAR-7',
      receivedAt: '2026-11-16T10:00:00Z',
      covers: { from: '2020-05-01', to: '2020-06-30' },
    });
    const otherPeriod = hold({ id: 'h3', kind: 'legal', covers: { to: '2019-12-31' } });
    const v = canDispose(now, record, [byId, byPeriod, otherPeriod]);
    expect(v).toEqual({
      ok: false,
      reasons: [
        'Dispute D-1 covers this record. Records of a dispute and its resolution must be kept ' +
          'until it is resolved.',
        'Subject access request SAR-7 covers this record (due 16/12/2026). Deleting personal data ' +
          'to stop it being disclosed after a request can be an offence under section 173 of the ' +
          'Data Protection Act 2018.',
      ],
    });
  });
});
