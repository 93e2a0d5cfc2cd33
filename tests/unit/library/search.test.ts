import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { CouncilRecord, ObservedMessage } from '../../../utils/types';
import {
  createRecordIndex,
  findMentions,
  loadRecordIndex,
  type IndexableRecord,
  type RecordIndex,
} from '../../../utils/library/search';
import { normalisePhone, words } from '../../../utils/library/text';

function rec(
  id: string,
  msg: Partial<ObservedMessage> & { text: string },
  extra: Partial<IndexableRecord> = {},
): IndexableRecord {
  const message: ObservedMessage = {
    id: `m-${id}`,
    direction: 'in',
    sender: 'Margaret Hale',
    forwarded: false,
    edited: false,
    deleted: false,
    sentAt: '2026-11-20T10:00',
    ...msg,
  };
  const base: CouncilRecord = {
    id,
    chatKey: 'wherstead-pc',
    messageId: message.id,
    chat: { title: 'Wherstead Parish Council', isGroup: true },
    message,
    categories: [],
    note: '',
    capturedAt: '2026-11-22T09:00:00.000Z',
    capturedBy: 'Priya Shah (Cllr)',
    method: 'side-panel',
    policyId: 'wherstead-pc',
    policyVersion: '1',
    sha256: '0'.repeat(64),
  };
  return { ...base, ...extra };
}

const RECORDS: IndexableRecord[] = [
  rec(
    'r1',
    {
      text: 'Planning application DC/26/04410 for Orchard House: objections by Friday',
      sentAt: '2026-11-13T19:05',
    },
    {
      categories: ['planning'],
      deliveryState: 'delivered',
    },
  ),
  rec(
    'r2',
    {
      text: 'Bus shelter quote from Suffolk Glazing £1,240 + VAT',
      sender: 'Tom Okafor',
      sentAt: '2026-11-20T10:05',
    },
    {
      categories: ['finance', 'procurement'],
      deliveryState: 'pending',
      holdIds: ['foi-2026-07'],
    },
  ),
  rec(
    'r3',
    {
      text: 'The café in the village hall wants a licence',
      sender: 'Priya Shah',
      sentAt: '2026-11-21T08:00',
    },
    {
      chatKey: 'priya-1to1',
      chat: { title: 'Priya Shah', isGroup: false },
      categories: ['licensing'],
      note: 'Resident complaint follows',
    },
  ),
  rec(
    'r4',
    {
      text: 'Mr Dennis Wright of 14 Church Lane rang again, his number is 07700 900456',
      sentAt: '2026-11-22T18:30',
    },
    {
      categories: ['complaint'],
      holdIds: ['sar-2026-02', 'foi-2026-07'],
    },
  ),
  rec('r5', {
    text: 'Thanks all',
    sender: '+44 7700 900123',
    senderPhone: '+447700900123',
    sentAt: '2026-11-23T09:00',
  }),
  rec(
    'r6',
    {
      text: 'Email from dennis.wright@example.org about the hedge',
      sender: 'Tom Okafor',
      sentAt: '2026-10-02T12:00',
    },
    {
      deliveryState: 'failed',
    },
  ),
];

function build(records = RECORDS): RecordIndex {
  const idx = createRecordIndex();
  for (const r of records) idx.add(r);
  return idx;
}

describe('record search: text', () => {
  const idx = build();
  it('finds whole words, case-insensitively', () => {
    expect(idx.search({ text: 'ORCHARD' }).ids).toEqual(['r1']);
  });
  it('finds by prefix while typing', () => {
    expect(idx.search({ text: 'plan' }).ids).toContain('r1');
    expect(idx.search({ text: 'glaz' }).ids).toEqual(['r2']);
  });
  it('tolerates typos', () => {
    expect(idx.search({ text: 'aplication' }).ids).toEqual(['r1']);
    expect(idx.search({ text: 'shleter' }).ids).toEqual(['r2']);
  });
  it('folds accents both ways', () => {
    expect(idx.search({ text: 'cafe' }).ids).toEqual(['r3']);
    expect(idx.search({ text: 'café' }).ids).toEqual(['r3']);
  });
  it('needs every word (AND)', () => {
    expect(idx.search({ text: 'church lane' }).ids).toEqual(['r4']);
    expect(idx.search({ text: 'church orchard' }).ids).toEqual([]);
  });
  it('searches sender, chat title, note and categories too', () => {
    expect(idx.search({ text: 'okafor' }).ids.sort()).toEqual(['r2', 'r6']);
    expect(idx.search({ text: 'complaint' }).ids.sort()).toEqual(['r3', 'r4']); // note of r3, category of r4
    expect(idx.search({ text: 'procurement' }).ids).toEqual(['r2']);
  });
  it('ignores common words when there are others, not when there are none', () => {
    expect(idx.search({ text: 'the bus shelter' }).ids).toEqual(['r2']); // r2 has no "the"
    expect(idx.search({ text: 'the' }).total).toBeGreaterThan(0);
  });
  it('returns total beyond the limit', () => {
    const hits = idx.search({ text: 'the' }, 1);
    expect(hits.ids).toHaveLength(1);
    expect(hits.total).toBeGreaterThan(1);
  });
});

describe('record search: several words, typos, ranking', () => {
  const idx = build();
  it('takes every word of the query as a prefix from 3 letters, not only the last', () => {
    expect(idx.search({ text: 'orch plan' }).ids).toEqual(['r1']);
    expect(idx.search({ text: 'plan orch' }).ids).toEqual(['r1']);
    expect(idx.search({ text: 'shel bus' }).ids).toEqual(['r2']);
    // Under 3 letters a word must be whole.
    expect(idx.search({ text: 'bu shelter' }).ids).toEqual([]);
  });
  it('tolerates a typo beside correct words, and under filters', () => {
    expect(idx.search({ text: 'shleter quote' }).ids).toEqual(['r2']);
    expect(idx.search({ text: 'quote shleter' }).ids).toEqual(['r2']);
    expect(idx.search({ text: 'aplication orchard' }).ids).toEqual(['r1']);
    expect(idx.search({ text: 'shleter', deliveryState: 'pending' }).ids).toEqual(['r2']);
    expect(idx.search({ text: 'shleter', deliveryState: 'failed' })).toEqual({ ids: [], total: 0 });
    // The typo is tolerated, the other word still has to be there.
    expect(idx.search({ text: 'shleter orchard' }).ids).toEqual([]);
  });
  it('uses typo tolerance only for words no record contains', () => {
    const two = build([
      rec('q1', { text: 'The quote for the bench' }),
      rec('q2', { text: 'The quota for the bench' }),
    ]);
    expect(two.search({ text: 'quote' }).ids).toEqual(['q1']);
    expect(two.search({ text: 'quote bench' }).ids).toEqual(['q1']);
    expect(two.search({ text: 'quots bench' }).ids.sort()).toEqual(['q1', 'q2']); // unknown: both are one edit away
  });
  it('treats a word only removed records had as unknown (typo-tolerant)', () => {
    const two = build([
      rec('g1', { text: 'Glazing quote' }),
      rec('g2', { text: 'Grazing licence' }),
    ]);
    expect(two.search({ text: 'glazing' }).ids).toEqual(['g1']);
    two.remove('g1');
    expect(two.search({ text: 'glazing' }).ids).toEqual(['g2']); // one edit from "grazing"
  });
  it('filters keep the text ranking', () => {
    const many = varied(400);
    const big = build(many);
    for (const text of ['quote hall', 'pla', 'hedge', 'bus shel', 'budget agreed hall']) {
      const all = big.search({ text }, 10_000).ids;
      const inChat = new Set(many.filter((r) => r.chatKey === 'c1').map((r) => r.id));
      expect(big.search({ text, chatKey: 'c1' }, 10_000).ids).toEqual(
        all.filter((id) => inChat.has(id)),
      );
    }
  });
  it('finds exactly the records that have every word (whole, or its start from 3 letters)', () => {
    const many = varied(400);
    const big = build(many);
    const fieldsOf = (r: IndexableRecord): string[] =>
      words(
        `${r.message.text} ${r.message.sender} ${r.chat.title} ${r.note} ${r.categories.join(' ')}`,
      );
    const queries = [
      'hall',
      'hal',
      'quote hall',
      'hall quote',
      'hedge bus',
      'bud ag',
      'budget agreed hall',
      'pla chair',
      'okafor hedge',
      'the hall',
      'hall zzzz',
    ];
    for (const text of queries) {
      const ts = words(text).filter((t) => !['the', 'a', 'of'].includes(t));
      const expected = many
        .filter((r) => {
          const ws = fieldsOf(r);
          return ts.every((t) => ws.some((w) => w === t || (t.length >= 3 && w.startsWith(t))));
        })
        .map((r) => r.id)
        .sort();
      const got = big.search({ text }, 10_000);
      expect([...got.ids].sort(), text).toEqual(expected);
      expect(got.total).toBe(expected.length);
    }
  });
  it('ranks like a plain MiniSearch AND query over the same fields', () => {
    const many = varied(400);
    const big = build(many);
    const plain = new MiniSearch({
      fields: ['text', 'sender', 'chat', 'note', 'categories', 'contacts'],
      tokenize: words,
      processTerm: (t) => t,
      searchOptions: {
        fields: ['text', 'sender', 'chat', 'note', 'categories'],
        prefix: (t) => t.length >= 3,
        combineWith: 'AND',
        boost: { sender: 1.5, chat: 1.2 },
      },
    });
    plain.addAll(
      many.map((r) => ({
        id: r.id,
        text: r.message.text,
        sender: r.message.sender,
        chat: r.chat.title,
        note: r.note,
        categories: r.categories.join(' '),
        contacts: '',
      })),
    );
    for (const text of ['quote hall', 'hal bud', 'hedge', 'bus shelter agreed', 'okafor quote']) {
      const expected = plain.search(text).map((r) => r.id as string);
      expect(expected.length, text).toBeGreaterThan(1);
      expect(big.search({ text }, 10_000).ids, text).toEqual(expected);
    }
  });
});

/** Records with words drawn from a small vocabulary (deterministic), in two chats. */
function varied(n: number): IndexableRecord[] {
  const vocab =
    'hall quote hedge bus shelter budget agreed planning chair meeting village grant'.split(' ');
  const senders = ['Margaret Hale', 'Tom Okafor', 'Priya Shah'];
  let seed = 7;
  const next = (k: number): number => {
    seed = (seed * 48271) % 2147483647;
    return seed % k;
  };
  const out: IndexableRecord[] = [];
  for (let i = 0; i < n; i++) {
    const ws: string[] = [];
    const len = 2 + next(9);
    for (let j = 0; j < len; j++) ws.push(vocab[next(vocab.length)] as string);
    out.push(
      rec(
        `v${i}`,
        { text: ws.join(' '), sender: senders[next(3)] as string },
        {
          chatKey: i % 3 === 0 ? 'c1' : 'c2',
          chat: { title: i % 3 === 0 ? 'Hall committee' : 'Parish council', isGroup: true },
          note: i % 7 === 0 ? 'Budget follow up' : '',
        },
      ),
    );
  }
  return out;
}

describe('record search: filters', () => {
  const idx = build();
  it('with no query lists everything, newest first', () => {
    expect(idx.search({})).toEqual({ ids: ['r5', 'r4', 'r3', 'r2', 'r1', 'r6'], total: 6 });
  });
  it('by chat', () => expect(idx.search({ chatKey: 'priya-1to1' }).ids).toEqual(['r3']));
  it('by category', () => expect(idx.search({ category: 'finance' }).ids).toEqual(['r2']));
  it('by sender name, ignoring case', () =>
    expect(idx.search({ sender: 'tom okafor' }).ids).toEqual(['r2', 'r6']));
  it('by sender phone in any format', () =>
    expect(idx.search({ sender: '07700 900123' }).ids).toEqual(['r5']));
  it('by delivery state', () =>
    expect(idx.search({ deliveryState: 'pending' }).ids).toEqual(['r2']));
  it('by hold', () => expect(idx.search({ holdId: 'foi-2026-07' }).ids).toEqual(['r4', 'r2']));
  it('by date range (inclusive)', () => {
    expect(idx.search({ from: '2026-11-20', to: '2026-11-22' }).ids).toEqual(['r4', 'r3', 'r2']);
    expect(idx.search({ from: '2026-11-23' }).ids).toEqual(['r5']);
    expect(idx.search({ to: '2026-10-31' }).ids).toEqual(['r6']);
  });
  it('gives the same answers on the selective (sort) and broad (walk) paths', () => {
    const many: IndexableRecord[] = [];
    for (let i = 0; i < 300; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      many.push(
        rec(
          `m${i}`,
          { text: `Item ${i}`, sentAt: `2026-11-${day}T${String(i % 24).padStart(2, '0')}:00` },
          {
            chatKey: i % 100 === 0 ? 'rare' : 'common',
            deliveryState: i % 2 ? 'pending' : 'delivered',
          },
        ),
      );
    }
    const big = build(many);
    const brute = (pred: (r: IndexableRecord) => boolean): string[] =>
      many
        .filter(pred)
        .sort((a, b) =>
          `${b.message.sentAt}\u0000${b.id}`.localeCompare(`${a.message.sentAt}\u0000${a.id}`),
        )
        .map((r) => r.id);
    const rare = brute((r) => r.chatKey === 'rare');
    expect(big.search({ chatKey: 'rare' })).toEqual({ ids: rare, total: 3 }); // sort path
    const pending = brute((r) => r.deliveryState === 'pending');
    expect(big.search({ deliveryState: 'pending' }, 10)).toEqual({
      ids: pending.slice(0, 10),
      total: 150,
    }); // walk
    const both = brute(
      (r) =>
        r.deliveryState === 'pending' &&
        r.chatKey === 'common' &&
        r.message.sentAt! >= '2026-11-10',
    );
    expect(
      big.search({ deliveryState: 'pending', chatKey: 'common', from: '2026-11-10' }, 5),
    ).toEqual({
      ids: both.slice(0, 5),
      total: both.length,
    });
    expect(big.search({ chatKey: 'rare', deliveryState: 'pending' })).toEqual({
      ids: [],
      total: 0,
    });
  });
  it('unknown filter values match nothing', () => {
    expect(idx.search({ chatKey: 'nope' })).toEqual({ ids: [], total: 0 });
  });
  it('combines text and filters', () => {
    expect(idx.search({ text: 'okafor', deliveryState: 'failed' }).ids).toEqual(['r6']);
    expect(idx.search({ text: 'okafor', from: '2026-11-01' }).ids).toEqual(['r2']);
    expect(
      idx.search({
        holdId: 'foi-2026-07',
        category: 'complaint',
        from: '2026-11-22',
        to: '2026-11-22',
      }).ids,
    ).toEqual(['r4']);
    expect(idx.search({ text: 'quote', holdId: 'sar-2026-02' }).ids).toEqual([]);
  });
});

describe('record search: incremental updates and persistence', () => {
  it('adds, removes and replaces', () => {
    const idx = build();
    idx.add(
      rec(
        'r7',
        { text: 'Precept agreed at £48.20 Band D', sentAt: '2026-11-24T20:00' },
        { categories: ['finance'] },
      ),
    );
    expect(idx.size).toBe(7);
    expect(idx.search({ text: 'precept' }).ids).toEqual(['r7']);
    expect(idx.search({ category: 'finance' }).ids).toEqual(['r7', 'r2']);
    expect(idx.search({}).ids[0]).toBe('r7');

    idx.remove('r2');
    expect(idx.has('r2')).toBe(false);
    expect(idx.search({ text: 'glazing' }).total).toBe(0);
    expect(idx.search({ holdId: 'foi-2026-07' }).ids).toEqual(['r4']);
    expect(idx.search({}).total).toBe(6);

    idx.replace(
      rec(
        'r7',
        { text: 'Precept agreed', sentAt: '2026-11-24T20:00' },
        { deliveryState: 'delivered', categories: [] },
      ),
    );
    expect(idx.search({ category: 'finance' }).ids).toEqual([]);
    expect(idx.search({ deliveryState: 'delivered' }).ids.sort()).toEqual(['r1', 'r7']);
    expect(idx.size).toBe(6);
    expect(() => idx.add(RECORDS[0] as IndexableRecord)).toThrow(/already/);
    idx.remove('missing'); // no-op
  });

  it('round-trips through JSON and answers identically', () => {
    const idx = build();
    idx.remove('r6');
    const restored = loadRecordIndex(JSON.stringify(idx.toJSON()));
    expect(restored.size).toBe(idx.size);
    expect(restored.toJSON().docs).toEqual(JSON.parse(JSON.stringify(idx.toJSON().docs)));
    const queries = [
      {},
      { text: 'plan' },
      { text: 'shleter' },
      { sender: '+44 7700 900123' },
      { holdId: 'foi-2026-07' },
      { from: '2026-11-21' },
      { text: 'the', category: 'complaint' },
    ];
    for (const q of queries) expect(restored.search(q)).toEqual(idx.search(q));
    restored.add(RECORDS[5] as IndexableRecord);
    expect(restored.search({ text: 'hedge' }).ids).toEqual(['r6']);
  });

  it('keeps ids right when removed records make room for new ones, also after reloading', () => {
    const idx = build();
    idx.remove('r2');
    idx.remove('r4');
    idx.add(rec('r8', { text: 'Noticeboard repair quote', sentAt: '2026-11-25T09:00' }));
    expect(idx.search({ text: 'quote' }).ids).toEqual(['r8']);
    expect(idx.search({ text: 'church' }).ids).toEqual([]);
    const restored = loadRecordIndex(JSON.stringify(idx.toJSON()));
    restored.add(rec('r9', { text: 'Church lane noticeboard', sentAt: '2026-11-26T09:00' }));
    restored.add(RECORDS[1] as IndexableRecord);
    expect(restored.search({ text: 'noticeboard' }).ids.sort()).toEqual(['r8', 'r9']);
    expect(restored.search({ text: 'quote' }).ids.sort()).toEqual(['r2', 'r8']);
    expect(restored.search({ text: 'quote', holdId: 'foi-2026-07' }).ids).toEqual(['r2']);
    expect(restored.search({}).ids).toEqual(['r9', 'r8', 'r5', 'r3', 'r2', 'r1', 'r6']);
    expect(findMentions(restored, { name: 'Tom Okafor' }).sort()).toEqual(['r2', 'r6']);
  });

  it('refuses a saved index of another format or version', () => {
    expect(() => loadRecordIndex({ format: 'x', version: 1 } as never)).toThrow(/rebuild/);
    const old = { ...build().toJSON(), version: 1 };
    expect(() => loadRecordIndex(old as never)).toThrow(/rebuild/);
  });
});

describe('findMentions (subject access)', () => {
  const idx = build();
  const both = (person: Parameters<typeof findMentions>[1]): string[] => {
    const a = findMentions(idx, person).sort();
    const b = findMentions(RECORDS, person).sort();
    expect(a).toEqual(b);
    return a;
  };
  it('finds a person by name as sender and in text', () => {
    expect(both({ name: 'Priya Shah' })).toEqual(['r3']);
    expect(both({ name: 'dennis wright' })).toEqual(['r4', 'r6']);
  });
  it.each([
    '07700 900456',
    '+44 7700 900456',
    '+447700900456',
    '0044 7700 900456',
    '(07700) 900-456',
  ])('finds a phone number written as %s', (phone) => {
    expect(both({ phone })).toEqual(['r4']);
  });
  it('finds the sender by phone', () => {
    expect(both({ phone: '07700900123' })).toEqual(['r5']);
  });
  it('finds an e-mail address, ignoring case', () => {
    expect(both({ email: 'Dennis.Wright@Example.org' })).toEqual(['r6']);
  });
  it('combines name, phone and e-mail', () => {
    expect(
      both({ name: 'Tom Okafor', phone: '07700 900123', email: 'dennis.wright@example.org' }),
    ).toEqual(['r2', 'r5', 'r6']);
  });
  it('finds nothing for an empty person', () => {
    expect(both({})).toEqual([]);
  });
});

describe('text helpers', () => {
  it('normalises UK phone numbers', () => {
    expect(normalisePhone('+44 (0)7700 900123')).toBe('07700900123');
    expect(normalisePhone('+1 415 555 0100')).toBe('+14155550100');
    expect(normalisePhone('123')).toBeUndefined();
  });
  it('tokenises en-GB text', () => {
    expect(words("The Council's café — DON’T")).toEqual(['the', 'councils', 'cafe', 'dont']);
  });
});
