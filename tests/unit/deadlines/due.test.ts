import { describe, expect, it } from 'vitest';
import { dueItems, nextAlarmAt } from '../../../utils/deadlines/due.ts';
import type { DueItem, DueRecord, Hold, SuggestedRecord } from '../../../utils/deadlines/types.ts';
import { getPolicy } from '../../../utils/policy/presets/index.ts';
import type { Policy } from '../../../utils/policy/schema.ts';
import type { ChatEntry, ChatKind } from '../../../utils/types.ts';

const at = (iso: string) => new Date(iso);

function policy(id: string): Policy {
  const p = getPolicy(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}
const OPCC = policy('opcc-cleveland');
const LEICESTER = policy('leicester-rights-participation');
const OAKTHORPE = policy('oakthorpe-donisthorpe-acresford-pc');
const WHERSTEAD = policy('wherstead-pc');
const BARROWBY = policy('barrowby-pc');

function chat(chatKey: string, kind: ChatKind, extra: Partial<ChatEntry> = {}): ChatEntry {
  return {
    chatKey,
    title: `Chat ${chatKey}`,
    isGroup: kind !== 'council-one-to-one',
    kind,
    firstSeenAt: '2026-11-02T09:00:00Z',
    lastSeenAt: '2026-11-02T09:00:00Z',
    ...extra,
  };
}

function record(id: string, extra: Partial<DueRecord> = {}): DueRecord {
  return {
    id,
    chatKey: 'g1',
    capturedAt: '2026-01-10T10:00:00Z',
    categories: [],
    message: {
      id: `m-${id}`,
      direction: 'in',
      sender: 'Cllr Smith',
      sentAt: '2026-01-10T09:55',
      text: 'Agreed: order the new bench.',
      forwarded: false,
      edited: false,
      deleted: false,
    },
    ...extra,
  };
}

const keys = (items: DueItem[]) => items.map((i) => i.key);
const ofKind = (items: DueItem[], kind: DueItem['kind']) => items.filter((i) => i.kind === kind);

describe('clear-downs: OPCC, every seven days', () => {
  const now = at('2026-11-20T10:00:00Z');

  it('never cleared: due seven days after Council Capture first saw the chat, and overdue after', () => {
    const items = ofKind(dueItems(now, OPCC, [chat('g1', 'council-group')], [], []), 'clear-down');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      key: 'clear-down:g1:2026-11-09',
      dueAt: '2026-11-09T23:59:59.000Z',
      overdue: true,
      subject: 'g1',
      title: 'Clear down “Chat g1”',
    });
    expect(items[0]?.detail).toMatch(
      /Not cleared since Council Capture first saw this chat on 02\/11\/2026/,
    );
    expect(items[0]?.clause).toBe(OPCC.clearDown?.clause);
  });

  it('cleared: due seven days after, not overdue before the end of that day', () => {
    const c = chat('g1', 'council-group', { lastClearedAt: '2026-11-16T08:00:00Z' });
    const [item] = ofKind(dueItems(now, OPCC, [c], [], []), 'clear-down');
    expect(item).toMatchObject({
      key: 'clear-down:g1:2026-11-23',
      dueAt: '2026-11-23T23:59:59.000Z',
      overdue: false,
    });
    expect(item?.detail).toMatch(/Last cleared 16\/11\/2026/);
    expect(item?.detail).toMatch(
      /^Every 7 days, members delete the messages of the previous 7 days/,
    );
    const [late] = ofKind(dueItems(at('2026-11-24T00:00:00Z'), OPCC, [c], [], []), 'clear-down');
    expect(late?.overdue).toBe(true);
    const [edge] = ofKind(dueItems(at('2026-11-23T23:59:59Z'), OPCC, [c], [], []), 'clear-down');
    expect(edge?.overdue).toBe(false);
  });

  it('across the October clock change: the right local day and UTC instant', () => {
    const c = chat('g1', 'council-group', { lastClearedAt: '2026-10-19T09:00:00+01:00' });
    const [item] = ofKind(dueItems(at('2026-10-20T10:00:00Z'), OPCC, [c], [], []), 'clear-down');
    expect(item?.dueAt).toBe('2026-10-26T23:59:59.000Z'); // GMT by then
  });

  it('across the March clock change', () => {
    const c = chat('g1', 'council-group', { lastClearedAt: '2026-03-23T10:00:00Z' });
    const [item] = ofKind(dueItems(at('2026-03-24T10:00:00Z'), OPCC, [c], [], []), 'clear-down');
    expect(item?.dueAt).toBe('2026-03-30T22:59:59.000Z'); // 23:59:59 BST
  });

  it('counts from the London day of the clear-down, not the UTC one', () => {
    // 23:30 UTC on Sun 05/07 is 00:30 BST on Mon 06/07.
    const c = chat('g1', 'council-group', { lastClearedAt: '2026-07-05T23:30:00Z' });
    const [item] = ofKind(dueItems(at('2026-07-06T10:00:00Z'), OPCC, [c], [], []), 'clear-down');
    expect(item?.key).toBe('clear-down:g1:2026-07-13');
    expect(item?.dueAt).toBe('2026-07-13T22:59:59.000Z');
  });

  it('personal chats are excluded; OPCC one-to-one chats are outside its scope (groups only)', () => {
    const chats = [
      chat('p1', 'personal'),
      chat('o1', 'council-one-to-one'),
      chat('u1', 'unclassified'),
      chat('g1', 'council-group'),
    ];
    const items = ofKind(dueItems(now, OPCC, chats, [], []), 'clear-down');
    expect(items.map((i) => i.subject).sort()).toEqual(['g1', 'u1']);
  });

  it('policies with no clear-down rule give none, unless the council sets one', () => {
    const chats = [chat('g1', 'council-group')];
    expect(ofKind(dueItems(now, WHERSTEAD, chats, [], []), 'clear-down')).toEqual([]);
    expect(ofKind(dueItems(now, BARROWBY, chats, [], []), 'clear-down')).toEqual([]);
    const own = dueItems(now, BARROWBY, chats, [], [], {
      clearDown: {
        clause: 'Council resolution 12/2026',
        summary: 'Monthly',
        kind: 'cadence',
        everyDays: 28,
      },
    });
    expect(ofKind(own, 'clear-down')[0]).toMatchObject({
      key: 'clear-down:g1:2026-11-30',
      clause: 'Council resolution 12/2026',
    });
  });

  it('key stability: same inputs give the same keys; the next period a new key', () => {
    const chats = [chat('g1', 'council-group'), chat('g2', 'council-group')];
    const a = dueItems(now, OPCC, chats, [], []);
    const b = dueItems(
      now,
      OPCC,
      chats.map((c) => ({ ...c })),
      [],
      [],
    );
    expect(b).toEqual(a);
    expect(keys(dueItems(at('2026-11-21T10:00:00Z'), OPCC, chats, [], []))).toEqual(keys(a));
    const cleared = [{ ...chats[0]!, lastClearedAt: '2026-11-20T10:30:00Z' }, chats[1]!];
    const after = keys(dueItems(at('2026-11-20T11:00:00Z'), OPCC, cleared, [], []));
    expect(after).toContain('clear-down:g1:2026-11-27');
    expect(after).not.toContain('clear-down:g1:2026-11-09');
    expect(after).toContain('clear-down:g2:2026-11-09');
  });

  it('an open hold on the chat marks the clear-down as blocked', () => {
    const foi: Hold = {
      id: 'h1',
      kind: 'foi',
      reference: 'FOI-2026-014',
      openedAt: '2026-11-13T10:00:00Z',
      receivedAt: '2026-11-13T10:00:00Z',
      covers: { chatKeys: ['g1'] },
    };
    const closed: Hold = { ...foi, id: 'h0', closedAt: '2026-11-14T10:00:00Z' };
    const items = ofKind(
      dueItems(
        now,
        OPCC,
        [chat('g1', 'council-group'), chat('g2', 'council-group')],
        [],
        [foi, closed],
      ),
      'clear-down',
    );
    expect(items.find((i) => i.subject === 'g1')?.blockedBy).toEqual(['h1']);
    expect(items.find((i) => i.subject === 'g2')?.blockedBy).toBeUndefined();
  });
});

describe('clear-downs: Leicester, conversations no longer active', () => {
  const seen = '2026-10-01T10:00:00+01:00';

  it('due 30 days after last activity, listed from that day (GMT by then)', () => {
    const c = [chat('o1', 'council-one-to-one', { lastSeenAt: seen })];
    expect(
      ofKind(dueItems(at('2026-10-30T12:00:00Z'), LEICESTER, c, [], []), 'clear-down'),
    ).toEqual([]);
    const [item] = ofKind(dueItems(at('2026-10-31T09:00:00Z'), LEICESTER, c, [], []), 'clear-down');
    expect(item).toMatchObject({
      key: 'clear-down:o1:2026-10-31',
      dueAt: '2026-10-31T23:59:59.000Z',
      overdue: false,
      title: 'Delete inactive conversation “Chat o1”',
    });
    expect(item?.detail).toMatch(/No activity seen since 01\/10\/2026 \(30 days or more\)/);
    expect(item?.detail).toMatch(/only knows about activity it has seen/);
    const [later] = ofKind(
      dueItems(at('2026-11-05T09:00:00Z'), LEICESTER, c, [], []),
      'clear-down',
    );
    expect(later).toMatchObject({ key: 'clear-down:o1:2026-10-31', overdue: true });
  });

  it('the inactivity threshold comes from settings', () => {
    const c = [chat('o1', 'council-one-to-one', { lastSeenAt: seen })];
    const items = dueItems(at('2026-10-16T09:00:00Z'), LEICESTER, c, [], [], {
      inactiveAfterDays: 14,
    });
    expect(keys(ofKind(items, 'clear-down'))).toEqual(['clear-down:o1:2026-10-15']);
  });

  it('not due once cleared after the last activity; due again after new activity', () => {
    const cleared = chat('o1', 'council-one-to-one', {
      lastSeenAt: seen,
      lastClearedAt: '2026-10-20T10:00:00Z',
    });
    expect(
      ofKind(dueItems(at('2026-11-20T09:00:00Z'), LEICESTER, [cleared], [], []), 'clear-down'),
    ).toEqual([]);
    const active = { ...cleared, lastSeenAt: '2026-10-21T10:00:00Z' };
    expect(keys(dueItems(at('2026-11-20T09:00:00Z'), LEICESTER, [active], [], []))).toContain(
      'clear-down:o1:2026-11-20',
    );
  });
});

describe('captures', () => {
  const suggestion = (messageId: string, seenAt: string, chatKey = 'g1'): SuggestedRecord => ({
    chatKey,
    messageId,
    seenAt,
  });

  it('uncaptured suggestions are due after the policy’s working days (2), over Christmas', () => {
    const items = dueItems(
      at('2026-12-29T10:00:00Z'),
      BARROWBY,
      [chat('g1', 'council-group')],
      [],
      [],
      {
        suggested: [suggestion('m1', '2026-12-24T10:00:00Z')],
      },
    );
    expect(ofKind(items, 'capture')).toEqual([
      {
        key: 'capture:g1:m1',
        kind: 'capture',
        title: 'Capture a suggested record from “Chat g1”',
        detail:
          'Suggested on 24/12/2026. Council records are captured as soon as reasonably practicable: ' +
          'within 2 working days.',
        dueAt: '2026-12-30T23:59:59.000Z',
        overdue: false,
        subject: 'g1',
        clause: BARROWBY.capture.clause,
      },
    ]);
  });

  it('captured ones, and those in personal chats, are not due', () => {
    const chats = [chat('g1', 'council-group'), chat('p1', 'personal')];
    const items = dueItems(
      at('2026-12-29T10:00:00Z'),
      BARROWBY,
      chats,
      [record('r1', { chatKey: 'g1' })],
      [],
      {
        suggested: [
          suggestion('m-r1', '2026-12-24T10:00:00Z'),
          suggestion('m2', '2026-12-24T10:00:00Z', 'p1'),
          suggestion('m3', '2026-12-21T10:00:00Z'),
        ],
      },
    );
    expect(ofKind(items, 'capture').map((i) => [i.key, i.overdue])).toEqual([
      ['capture:g1:m3', true],
    ]);
  });

  it('says when the message was sent, in London time whatever the system zone', () => {
    const items = dueItems(at('2026-12-29T10:00:00Z'), BARROWBY, [], [], [], {
      suggested: [{ ...suggestion('m1', '2026-07-01T09:00:00Z'), sentAt: '2026-07-01T09:55' }],
    });
    expect(ofKind(items, 'capture')[0]?.detail).toMatch(
      /^Suggested on 01\/07\/2026 \(message sent 01\/07\/2026 09:55\)\. /,
    );
  });

  it('the number of working days can be configured', () => {
    const items = dueItems(at('2026-11-23T10:00:00Z'), BARROWBY, [], [], [], {
      suggested: [suggestion('m1', '2026-11-23T09:00:00Z')],
      captureWithinWorkingDays: 5,
    });
    expect(ofKind(items, 'capture')[0]?.dueAt).toBe('2026-11-30T23:59:59.000Z');
    expect(ofKind(items, 'capture')[0]?.title).toBe('Capture a suggested record from “g1”');
  });
});

describe('retention reviews', () => {
  it('Oakthorpe 5.1: six years from capture; 29/02/2028 is kept until 28/02/2034', () => {
    const r = record('r1', { capturedAt: '2028-02-29T12:00:00Z' });
    expect(
      ofKind(dueItems(at('2034-01-01T10:00:00Z'), OAKTHORPE, [], [r], []), 'retention-review'),
    ).toEqual([]);
    const [soon] = ofKind(
      dueItems(at('2034-02-01T10:00:00Z'), OAKTHORPE, [], [r], []),
      'retention-review',
    );
    expect(soon).toMatchObject({
      key: 'retention-review:r1:2034-02-28',
      overdue: false,
      clause: '5.1',
    });
    const [item] = ofKind(
      dueItems(at('2034-03-01T10:00:00Z'), OAKTHORPE, [], [r], []),
      'retention-review',
    );
    expect(item).toMatchObject({
      key: 'retention-review:r1:2034-02-28',
      kind: 'retention-review',
      dueAt: '2034-02-28T23:59:59.000Z',
      overdue: true,
      subject: 'r1',
      title: 'Review a record kept until 28/02/2034',
    });
    expect(item?.detail).toMatch(/^Its keep-until date, 28\/02\/2034, has passed\./);
  });

  it('the record’s own retainUntil is used when present', () => {
    const r = record('r1', { retainUntil: '2026-11-15' });
    const [item] = ofKind(
      dueItems(at('2026-11-20T10:00:00Z'), OAKTHORPE, [], [r], []),
      'retention-review',
    );
    expect(item).toMatchObject({ dueAt: '2026-11-15T23:59:59.000Z', overdue: true });
  });

  it('by category from the schedule (Barrowby): defamation 1 year, leases 12, minutes never', () => {
    const recs = [
      record('def', { categories: ['defamation'], capturedAt: '2025-11-01T10:00:00Z' }),
      record('land', { categories: ['lease-land'], capturedAt: '2014-11-01T10:00:00Z' }),
      record('land2', { categories: ['lease-land'], capturedAt: '2015-11-01T10:00:00Z' }),
      record('min', { categories: ['minutes'], capturedAt: '1990-01-01T10:00:00Z' }),
      record('fin', { categories: ['finance'], capturedAt: '2020-11-01T10:00:00Z' }),
      record('tra', { categories: ['transitory'], capturedAt: '2026-10-01T10:00:00Z' }),
      record('traStored', { retainUntil: 'transitory', capturedAt: '2026-10-02T10:00:00Z' }),
    ];
    const items = ofKind(
      dueItems(at('2026-11-20T10:00:00Z'), BARROWBY, [], recs, []),
      'retention-review',
    );
    expect(items.map((i) => i.key)).toEqual([
      'retention-review:tra:2026-10-31',
      'retention-review:def:2026-11-01', // the same day: ties keep the input order
      'retention-review:land:2026-11-01',
      'retention-review:fin:2026-11-01',
      'retention-review:traStored:2026-11-01',
    ]);
  });

  it('disposed records are not reviewed again; extensions give a new date and key', () => {
    const recs = [
      record('r1', { retainUntil: '2026-11-15' }),
      record('r2', { retainUntil: '2026-11-15' }),
    ];
    const items = dueItems(at('2026-11-20T10:00:00Z'), OAKTHORPE, [], recs, [], {
      disposedIds: new Set(['r1']),
      extendedUntil: new Map([['r2', '2026-12-10']]),
    });
    expect(keys(ofKind(items, 'retention-review'))).toEqual(['retention-review:r2:2026-12-10']);
    const permanent = dueItems(at('2026-11-20T10:00:00Z'), OAKTHORPE, [], recs, [], {
      extendedUntil: new Map([['r2', 'permanent']]),
    });
    expect(keys(ofKind(permanent, 'retention-review'))).toEqual(['retention-review:r1:2026-11-15']);
  });

  it('an open hold covering the record marks the review as blocked', () => {
    const hold: Hold = {
      id: 'legal-1',
      kind: 'legal',
      reference: 'L-1',
      openedAt: '2026-11-01T10:00:00Z',
      receivedAt: '2026-11-01T10:00:00Z',
      covers: { from: '2026-01-01', to: '2026-01-31' },
    };
    const recs = [
      record('r1', { retainUntil: '2026-11-15' }),
      record('r2', {
        retainUntil: '2026-11-15',
        message: { ...record('x').message, sentAt: '2026-02-01T09:00' },
      }),
    ];
    const items = ofKind(
      dueItems(at('2026-11-20T10:00:00Z'), OAKTHORPE, [], recs, [hold]),
      'retention-review',
    );
    expect(items.map((i) => [i.subject, i.blockedBy])).toEqual([
      ['r1', ['legal-1']],
      ['r2', undefined],
    ]);
  });

  it('the horizon: listed from 30 days before (configurable)', () => {
    const r = record('r1', { retainUntil: '2027-01-10' });
    expect(dueItems(at('2026-12-10T10:00:00Z'), OAKTHORPE, [], [r], [])).toEqual([]);
    expect(keys(dueItems(at('2026-12-11T10:00:00Z'), OAKTHORPE, [], [r], []))).toEqual([
      'retention-review:r1:2027-01-10',
    ]);
    expect(
      keys(dueItems(at('2026-11-01T10:00:00Z'), OAKTHORPE, [], [r], [], { horizonDays: 90 })),
    ).toEqual(['retention-review:r1:2027-01-10']);
  });
});

describe('holds', () => {
  const base = { openedAt: '2026-11-13T10:00:00Z', receivedAt: '2026-11-13T10:00:00Z', covers: {} };
  const holds: Hold[] = [
    { ...base, id: 'h1', kind: 'foi', reference: 'FOI-1' },
    { ...base, id: 'h2', kind: 'sar', reference: 'SAR-1' },
    { ...base, id: 'h3', kind: 'breach', reference: 'BR-1', receivedAt: '2026-11-19T08:00:00Z' },
    { ...base, id: 'h4', kind: 'legal', reference: 'L-1' },
    { ...base, id: 'h5', kind: 'foi', reference: 'FOI-0', closedAt: '2026-11-14T10:00:00Z' },
  ];

  it('open FOI, subject access and breach holds fall due; legal holds and closed ones do not', () => {
    const items = ofKind(dueItems(at('2026-11-20T10:00:00Z'), BARROWBY, [], [], holds), 'hold');
    expect(items.map((i) => [i.key, i.title, i.overdue])).toEqual([
      [
        'hold:h3:2026-11-22T08:00:00.000Z',
        'Decide whether to report data breach BR-1 to the ICO',
        false,
      ],
      ['hold:h1:2026-12-11T23:59:59.000Z', 'Respond to FOI request FOI-1', false],
      ['hold:h2:2026-12-14T23:59:59.000Z', 'Respond to subject access request SAR-1', false],
    ]);
    expect(items[0]?.detail).toMatch(/^Known since 19\/11\/2026 08:00\. /);
    expect(items[0]?.clause).toBe(BARROWBY.breach.clause);
  });

  it('an agreed due date replaces the statutory one, with a new key', () => {
    const extended: Hold = { ...holds[1]!, dueAt: '2027-02-13T23:59:59Z' };
    const [item] = ofKind(
      dueItems(at('2026-11-20T10:00:00Z'), BARROWBY, [], [], [extended]),
      'hold',
    );
    expect(item?.key).toBe('hold:h2:2027-02-13T23:59:59.000Z');
    expect(item?.detail).toMatch(/Due date agreed: 13\/02\/2027 23:59\.$/);
  });
});

describe('policy review', () => {
  it('Wherstead: adopted 08/03/2023, reviewed annually: overdue since 08/03/2024', () => {
    const [item] = ofKind(
      dueItems(at('2026-11-20T10:00:00Z'), WHERSTEAD, [], [], []),
      'policy-review',
    );
    expect(item).toMatchObject({
      key: 'policy-review:wherstead-pc:2024-03-08',
      dueAt: '2024-03-08T23:59:59.000Z',
      overdue: true,
      subject: 'wherstead-pc',
      clause: WHERSTEAD.review.clause,
    });
    expect(item?.detail).toMatch(/every year; last adopted or reviewed 08\/03\/2023\./);
  });

  it('after the council records a review, the next is a year on, listed within the horizon', () => {
    const opts = { policyReviewedOn: '2026-03-10' };
    expect(
      ofKind(dueItems(at('2026-11-20T10:00:00Z'), WHERSTEAD, [], [], [], opts), 'policy-review'),
    ).toEqual([]);
    const [item] = ofKind(
      dueItems(at('2027-02-20T10:00:00Z'), WHERSTEAD, [], [], [], opts),
      'policy-review',
    );
    expect(item).toMatchObject({ key: 'policy-review:wherstead-pc:2027-03-10', overdue: false });
  });

  it('Oakthorpe 6.1: every two years from a recorded review; none without a date', () => {
    expect(
      ofKind(dueItems(at('2026-11-20T10:00:00Z'), OAKTHORPE, [], [], []), 'policy-review'),
    ).toEqual([]);
    const [item] = ofKind(
      dueItems(at('2026-11-20T10:00:00Z'), OAKTHORPE, [], [], [], {
        policyReviewedOn: '2024-11-30',
      }),
      'policy-review',
    );
    expect(item).toMatchObject({
      key: 'policy-review:oakthorpe-donisthorpe-acresford-pc:2026-11-30',
    });
    expect(item?.detail).toMatch(/every 2 years/);
    expect(item?.clause).toBe('6.1');
  });
});

describe('snoozes, ordering and alarms', () => {
  const now = at('2026-11-20T10:00:00Z');
  const chats = [
    chat('g1', 'council-group'),
    chat('g2', 'council-group', { lastClearedAt: '2026-11-18T10:00:00Z' }),
    chat('g3', 'council-group', { lastClearedAt: '2026-11-14T10:00:00Z' }),
  ];

  it('sorted: overdue first, then by due instant', () => {
    const items = dueItems(now, OPCC, chats, [], []);
    expect(items.map((i) => [i.key, i.overdue])).toEqual([
      ['policy-review:opcc-cleveland:2021-08-01', true],
      ['clear-down:g1:2026-11-09', true],
      ['clear-down:g3:2026-11-21', false],
      ['clear-down:g2:2026-11-25', false],
    ]);
  });

  it('a snoozed item is left out until the snooze ends', () => {
    const snoozes = [{ key: 'clear-down:g1:2026-11-09', until: '2026-11-21T09:00:00Z' }];
    expect(keys(dueItems(now, OPCC, chats, [], [], { snoozes }))).not.toContain(
      'clear-down:g1:2026-11-09',
    );
    expect(keys(dueItems(at('2026-11-21T09:00:00Z'), OPCC, chats, [], [], { snoozes }))).toContain(
      'clear-down:g1:2026-11-09',
    );
    // A snooze of an earlier period does not hide the next one.
    const next = [{ ...chats[0]!, lastClearedAt: '2026-11-20T09:00:00Z' }];
    expect(keys(dueItems(now, OPCC, next, [], [], { snoozes }))).toContain(
      'clear-down:g1:2026-11-27',
    );
  });

  it('nextAlarmAt: the earliest future due instant, or a snooze ending, or the next London midnight', () => {
    const items = dueItems(now, OPCC, chats, [], []);
    expect(nextAlarmAt(now, items)?.toISOString()).toBe('2026-11-21T23:59:59.000Z');
    const snoozes = [{ key: 'x', until: '2026-11-20T12:00:00Z' }];
    expect(nextAlarmAt(now, items, { snoozes })?.toISOString()).toBe('2026-11-20T12:00:00.000Z');
    expect(nextAlarmAt(now, items, { wakeDaily: true })?.toISOString()).toBe(
      '2026-11-21T00:00:00.000Z',
    );
    expect(nextAlarmAt(at('2026-07-20T10:00:00Z'), [], { wakeDaily: true })?.toISOString()).toBe(
      '2026-07-20T23:00:00.000Z',
    );
    expect(nextAlarmAt(now, [])).toBeUndefined();
  });

  it('a corrupt row is left out; everything else is still listed', () => {
    const bad = chat('bad', 'council-group', { firstSeenAt: 'not a date' });
    const badHold: Hold = {
      id: 'hx',
      kind: 'foi',
      reference: 'X',
      openedAt: 'x',
      receivedAt: 'yesterday',
      covers: {},
    };
    const badRecord = record('rx', { capturedAt: 'garbage' });
    const items = dueItems(now, OPCC, [bad, ...chats], [badRecord], [badHold]);
    expect(keys(items)).toEqual(keys(dueItems(now, OPCC, chats, [], [])));
  });

  it('is pure: the inputs are not changed', () => {
    const input = JSON.stringify(chats);
    dueItems(now, OPCC, chats, [], []);
    expect(JSON.stringify(chats)).toBe(input);
  });
});
