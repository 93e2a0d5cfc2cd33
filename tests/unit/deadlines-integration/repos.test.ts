import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CouncilDb } from '../../../utils/db/database';
import { verifyChain } from '../../../utils/db/audit';
import { closeHold, openHold } from '../../../utils/db/holds-repo';
import { markChatCleared, uncapturedSuggestions } from '../../../utils/db/clear-down-repo';
import { disposeRecord, extendRetention, retentionState } from '../../../utils/db/retention-repo';
import { listSnoozes, pruneSnoozes, snoozeForADay } from '../../../utils/db/snoozes-repo';
import { captureRecord } from '../../../utils/db/records-repo';
import { getPolicy } from '../../../utils/policy/presets';
import type { ChatEntry } from '../../../utils/types';
import { chatKeyOf } from '../../../utils/chat-key';

const KEY = chatKeyOf({ title: 'OPCC Ops', isGroup: true });

let db: CouncilDb;
beforeEach(() => {
  db = new CouncilDb(`repos-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const chat: ChatEntry = {
  chatKey: KEY,
  title: 'OPCC Ops',
  isGroup: true,
  kind: 'council-group',
  firstSeenAt: '2026-11-01T10:00:00.000Z',
  lastSeenAt: '2026-11-20T10:00:00.000Z',
};
const now = new Date('2026-11-25T10:00:00Z');
const foi = {
  kind: 'foi' as const,
  reference: 'FOI-2026-014',
  receivedAt: '2026-11-20T09:00:00.000Z',
  covers: { chatKeys: [KEY] },
};

async function capture(id: string, categories: string[] = ['decision']) {
  const r = await captureRecord(
    db,
    {
      chat: { title: 'OPCC Ops', isGroup: true },
      message: {
        id,
        direction: 'in',
        sender: 'A',
        sentAt: '2019-01-02T10:00',
        text: 'Agreed <b>x</b>',
        forwarded: false,
        edited: false,
        deleted: false,
      },
      categories,
      note: '',
      method: 'web-button',
    },
    {
      now: new Date('2019-01-02T10:00:00Z'),
      capturedBy: 'Jane (Clerk)',
      policyId: 'opcc-cleveland',
      policyVersion: '1',
      retainUntil: () => '2020-01-02',
      newId: () => `rec-${id}`,
    },
  );
  if (r.status !== 'captured') throw new Error('capture failed');
  return r.record;
}

describe('markChatCleared', () => {
  it('is refused with the s77 explanation while an FOI hold covers the chat', async () => {
    await db.chats.add(chat);
    const hold = await openHold(db, foi, 'Jane', now, () => 'h1');
    const refused = await markChatCleared(db, chat.chatKey, 'Jane', now);
    expect(refused.status).toBe('refused');
    if (refused.status === 'refused') {
      expect(refused.reasons.join(' ')).toMatch(/section 77 of the Freedom of Information Act/);
    }
    expect((await db.chats.get(chat.chatKey))?.lastClearedAt).toBeUndefined();
    await closeHold(db, hold.id, 'Jane', now, 'Response sent');
    const ok = await markChatCleared(db, chat.chatKey, 'Jane', now, { clause: 'Groups' });
    expect(ok.status).toBe('cleared');
    expect((await db.chats.get(chat.chatKey))?.lastClearedAt).toBe(now.toISOString());
    const events = await db.events.orderBy('seq').toArray();
    expect(events.map((e) => e.type)).toEqual(['hold.opened', 'hold.closed', 'chat.cleared']);
    expect(events[2]).toMatchObject({ subject: KEY, details: { clause: 'Groups' } });
    expect(verifyChain(events).ok).toBe(true);
  });

  it('is refused while suggested records are neither captured nor dismissed', async () => {
    await db.chats.add(chat);
    await db.suggested.bulkAdd([
      { chatKey: chat.chatKey, messageId: 'm1', seenAt: '2026-11-20T10:00:00.000Z' },
      { chatKey: chat.chatKey, messageId: 'm2', seenAt: '2026-11-20T10:00:00.000Z' },
      { chatKey: 'title:other', messageId: 'm3', seenAt: '2026-11-20T10:00:00.000Z' },
    ]);
    await capture('m1');
    expect((await uncapturedSuggestions(db, chat.chatKey)).map((s) => s.messageId)).toEqual(['m2']);
    const refused = await markChatCleared(db, chat.chatKey, 'Jane', now);
    expect(refused).toMatchObject({ status: 'refused' });
    await db.dismissals.add({
      chatKey: chat.chatKey,
      messageId: 'm2',
      reason: 'Transitory',
      by: 'Jane',
      at: now.toISOString(),
    });
    expect((await markChatCleared(db, chat.chatKey, 'Jane', now)).status).toBe('cleared');
  });
});

describe('retention', () => {
  const policy = getPolicy('opcc-cleveland');

  it('extends only later, with a reason, audited; the record itself is unchanged', async () => {
    const rec = await capture('m1');
    expect((await extendRetention(db, rec.id, '2030-01-01', ' ', 'Jane', now, policy)).status).toBe(
      'refused',
    );
    expect((await extendRetention(db, rec.id, '2019-06-01', 'x', 'Jane', now, policy)).status).toBe(
      'refused',
    );
    const ok = await extendRetention(db, rec.id, '2030-01-01', 'Audit', 'Jane', now, policy);
    expect(ok).toEqual({ status: 'extended', until: '2030-01-01' });
    expect(await db.records.get(rec.id)).toEqual(rec);
    expect((await retentionState(db)).extendedUntil.get(rec.id)).toBe('2030-01-01');
    // Extended: disposal now refused as still within its keep-until.
    const refused = await disposeRecord(db, rec.id, 'Jane', now, policy);
    expect(refused.status).toBe('refused');
  });

  it('disposes: content and screenshots gone, stub in the chain; holds block it', async () => {
    const rec = await capture('m1');
    await db.screenshots.add({
      id: 's1',
      recordId: rec.id,
      mime: 'image/png',
      bytes: new Uint8Array([1]),
      width: 1,
      height: 1,
      sha256: 'x',
      takenAt: now.toISOString(),
    });
    const hold = await openHold(db, foi, 'Jane', now, () => 'h1');
    const blocked = await disposeRecord(db, rec.id, 'Jane', now, policy);
    expect(blocked.status).toBe('refused');
    if (blocked.status === 'refused') expect(blocked.reasons.join(' ')).toMatch(/FOI-2026-014/);
    expect(await db.records.get(rec.id)).toBeDefined();
    await closeHold(db, hold.id, 'Jane', now, 'Answered');
    const done = await disposeRecord(db, rec.id, 'Jane (Clerk)', now, policy);
    expect(done.status).toBe('disposed');
    expect(await db.records.get(rec.id)).toBeUndefined();
    expect(await db.screenshots.count()).toBe(0);
    const events = await db.events.orderBy('seq').toArray();
    const stub = events.at(-1)!;
    expect(stub).toMatchObject({
      type: 'record.disposed',
      subject: rec.id,
      actor: 'Jane (Clerk)',
      details: {
        recordId: rec.id,
        chatKey: KEY,
        messageId: 'm1',
        sha256: rec.sha256,
        capturedAt: rec.capturedAt,
        categories: ['decision'],
        keepUntil: '2020-01-02',
        disposedBy: 'Jane (Clerk)',
      },
    });
    expect(JSON.stringify(stub.details)).not.toContain('Agreed');
    expect(verifyChain(events).ok).toBe(true);
    expect((await retentionState(db)).disposedIds.has(rec.id)).toBe(true);
    expect((await disposeRecord(db, rec.id, 'Jane', now, policy)).status).toBe('already-disposed');
  });
});

describe('snoozes', () => {
  it('snoozes for a day and prunes ended snoozes', async () => {
    await snoozeForADay(db, 'clear-down:x:2026-11-20', now);
    expect(await listSnoozes(db)).toEqual([
      { key: 'clear-down:x:2026-11-20', until: '2026-11-26T10:00:00.000Z' },
    ]);
    expect(await pruneSnoozes(db, new Date('2026-11-27T00:00:00Z'))).toBe(1);
  });
});
