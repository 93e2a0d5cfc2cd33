import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CouncilDb } from '../../../utils/db/database';
import { dismissSuggestion, noteSuggested } from '../../../utils/db/suggestions-repo';
import { captureRecord } from '../../../utils/db/records-repo';
import { noteChatSeen, setChatKind } from '../../../utils/db/chats-repo';
import { verifyChain } from '../../../utils/db/audit';

let db: CouncilDb;
let n = 0;
const t1 = new Date('2026-11-22T10:00:00Z');
const t2 = new Date('2026-11-22T11:00:00Z');

beforeEach(() => {
  db = new CouncilDb(`suggest-${n++}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('suggested records', () => {
  it('stores only new ids with the first-seen time, one audit event per batch', async () => {
    expect(
      await noteSuggested(db, 'chat-a', [{ messageId: 'm1', sentAt: '2026-11-22T09:58' }], t1),
    ).toEqual(['m1']);
    expect(
      await noteSuggested(
        db,
        'chat-a',
        [{ messageId: 'm1' }, { messageId: 'm2' }, { messageId: 'm2' }],
        t2,
      ),
    ).toEqual(['m2']);
    expect(await noteSuggested(db, 'chat-a', [{ messageId: 'm1' }], t2)).toEqual([]);
    const rows = await db.suggested.toArray();
    expect(rows).toEqual([
      { chatKey: 'chat-a', messageId: 'm1', seenAt: t1.toISOString(), sentAt: '2026-11-22T09:58' },
      { chatKey: 'chat-a', messageId: 'm2', seenAt: t2.toISOString() },
    ]);
    const events = await db.events.orderBy('seq').toArray();
    expect(events.map((e) => [e.type, e.details])).toEqual([
      ['record.suggested', { messageIds: ['m1'] }],
      ['record.suggested', { messageIds: ['m2'] }],
    ]);
    expect(verifyChain(events).ok).toBe(true);
  });

  it('skips captured and dismissed messages, and chats marked personal', async () => {
    const chat = { title: 'Book club', isGroup: true };
    const captured = await captureRecord(
      db,
      {
        chat,
        message: {
          id: 'c1',
          direction: 'in',
          sender: 'A',
          text: 'Agreed',
          forwarded: false,
          edited: false,
          deleted: false,
        },
        categories: [],
        note: '',
        method: 'side-panel',
      },
      { now: t1, capturedBy: 'Jane', policyId: 'wherstead-pc', policyVersion: '1' },
    );
    expect(captured.status).toBe('captured');
    const chatKey = captured.status === 'captured' ? captured.record.chatKey : '';
    await dismissSuggestion(db, { chatKey, messageId: 'd1', reason: 'A joke' }, 'Jane', t1);
    expect(
      await noteSuggested(
        db,
        chatKey,
        [{ messageId: 'c1' }, { messageId: 'd1' }, { messageId: 'n1' }],
        t2,
      ),
    ).toEqual(['n1']);
    await noteChatSeen(db, chat, t1);
    await setChatKind(db, chatKey, 'personal', 'Jane', t2);
    expect(await noteSuggested(db, chatKey, [{ messageId: 'n2' }], t2)).toEqual([]);
  });
});

describe('dismissing a suggestion', () => {
  it('records the reason and who decided, once, audited', async () => {
    const first = await dismissSuggestion(
      db,
      { chatKey: 'chat-a', messageId: 'm1', reason: '  Social arrangement  ' },
      'Jane Smith (Clerk)',
      t1,
    );
    expect(first).toEqual({
      status: 'dismissed',
      dismissal: {
        chatKey: 'chat-a',
        messageId: 'm1',
        reason: 'Social arrangement',
        by: 'Jane Smith (Clerk)',
        at: t1.toISOString(),
      },
    });
    const again = await dismissSuggestion(
      db,
      { chatKey: 'chat-a', messageId: 'm1', reason: 'Other' },
      'Jane Smith (Clerk)',
      t2,
    );
    expect(again.status).toBe('already-dismissed');
    const events = await db.events.toArray();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'suggestion.dismissed',
      actor: 'Jane Smith (Clerk)',
      details: { messageId: 'm1', reason: 'Social arrangement' },
    });
  });

  it('refuses an empty reason and writes nothing', async () => {
    const r = await dismissSuggestion(
      db,
      { chatKey: 'c', messageId: 'm', reason: '  ' },
      'Jane',
      t1,
    );
    expect(r).toEqual({ status: 'error', error: 'Say why this is not a record.' });
    expect(await db.dismissals.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });
});
