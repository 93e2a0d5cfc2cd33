import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CouncilDb } from '../../../utils/db/database';
import {
  captureRecord,
  capturedMessageIds,
  recordHash,
  recordIntact,
  type CaptureContext,
  type CaptureRequest,
} from '../../../utils/db/records-repo';
import { verifyChain, verifyChainInSlices } from '../../../utils/db/audit';
import type { ObservedMessage } from '../../../utils/types';

const message = (
  id: string,
  text = 'Agreed: order the new bench from Smith & Co for £450.',
): ObservedMessage => ({
  id,
  direction: 'in',
  sender: 'Cllr Alice Brown',
  sentAt: '2026-11-22T10:15',
  text,
  forwarded: false,
  edited: false,
  deleted: false,
});

const request = (id: string, text?: string): CaptureRequest => ({
  chat: { title: 'Wherstead PC councillors', isGroup: true },
  message: message(id, text),
  categories: ['decision', 'finance', 'decision'],
  note: 'From the bench discussion',
  method: 'web-button',
});

let n = 0;
const ctx = (over: Partial<CaptureContext> = {}): CaptureContext => ({
  now: new Date('2026-11-22T10:20:00Z'),
  capturedBy: 'Jane Smith (Clerk)',
  policyId: 'wherstead-pc',
  policyVersion: '2025-1',
  newId: () => `rec-${++n}`,
  ...over,
});

let db: CouncilDb;
beforeEach(() => {
  db = new CouncilDb(`test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('captureRecord', () => {
  it('keeps the message exactly as seen, with who, when, how and a SHA-256', async () => {
    const result = await captureRecord(db, request('3EB0AAA'), ctx());
    expect(result.status).toBe('captured');
    if (result.status !== 'captured') return;
    const stored = await db.records.get(result.record.id);
    expect(stored).toEqual(result.record);
    expect(stored).toMatchObject({
      chatKey: 'title:Wherstead PC councillors',
      messageId: '3EB0AAA',
      message: message('3EB0AAA'),
      categories: ['decision', 'finance'],
      capturedAt: '2026-11-22T10:20:00.000Z',
      capturedBy: 'Jane Smith (Clerk)',
      method: 'web-button',
      policyId: 'wherstead-pc',
      policyVersion: '2025-1',
    });
    expect(stored!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(recordIntact(stored!)).toBe(true);
  });

  it('is idempotent by chat and message id: the second capture says already captured', async () => {
    const first = await captureRecord(db, request('3EB0BBB'), ctx());
    const second = await captureRecord(
      db,
      request('3EB0BBB'),
      ctx({ now: new Date('2026-11-23T09:00:00Z') }),
    );
    expect(second.status).toBe('already-captured');
    if (first.status !== 'captured' || second.status !== 'already-captured') return;
    expect(second.record).toEqual(first.record);
    expect(await db.records.count()).toBe(1);
    expect(await db.events.where('type').equals('record.captured').count()).toBe(1);
  });

  it('treats the same message id in another chat as a different record', async () => {
    await captureRecord(db, request('SAME'), ctx());
    const other = { ...request('SAME'), chat: { title: 'Clerk', isGroup: false } };
    expect((await captureRecord(db, other, ctx())).status).toBe('captured');
    expect(await db.records.count()).toBe(2);
  });

  it('gives one record when the same message is captured twice at once', async () => {
    const results = await Promise.all([
      captureRecord(db, request('RACE'), ctx()),
      captureRecord(db, request('RACE'), ctx()),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['already-captured', 'captured']);
    expect(await db.records.count()).toBe(1);
  });

  it('appends an audit event per capture to a verifiable hash chain', async () => {
    for (const id of ['A1', 'A2', 'A3']) await captureRecord(db, request(id), ctx());
    const events = await db.events.orderBy('seq').toArray();
    // The first capture also registers the chat.
    expect(events.map((e) => e.type)).toEqual([
      'chat.seen',
      'record.captured',
      'record.captured',
      'record.captured',
    ]);
    expect(events.filter((e) => e.type === 'record.captured')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'chat.seen')).toHaveLength(1);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(verifyChain(events)).toEqual({ ok: true, breaks: [] });
  });

  it('detects a tampered, removed or reordered audit event', async () => {
    for (const id of ['B1', 'B2', 'B3']) await captureRecord(db, request(id), ctx());
    const events = await db.events.orderBy('seq').toArray();
    const tampered = events.map((e) => ({ ...e }));
    tampered[1]!.details = { ...tampered[1]!.details, messageId: 'FORGED' };
    expect(verifyChain(tampered).breaks).toEqual([{ seq: 2, problem: 'hash-mismatch' }]);
    const removed = events.filter((e) => e.seq !== 2);
    expect(verifyChain(removed).breaks.map((b) => b.problem)).toEqual(['gap', 'broken-link']);
  });

  it('verifies in slices with the same findings, pausing between slices, and from a checked event', async () => {
    for (const id of ['S1', 'S2', 'S3', 'S4', 'S5']) await captureRecord(db, request(id), ctx());
    const events = await db.events.orderBy('seq').toArray();
    let pauses = 0;
    const pause = () => ((pauses += 1), Promise.resolve());
    expect(await verifyChainInSlices(events, { sliceSize: 2, pause })).toEqual(verifyChain(events));
    expect(pauses).toBe(Math.ceil(events.length / 2) - 1);
    const tampered = events.map((e) => ({ ...e }));
    tampered[3]!.details = { ...tampered[3]!.details, messageId: 'FORGED' };
    expect((await verifyChainInSlices(tampered, { sliceSize: 2, pause })).breaks).toEqual(
      verifyChain(tampered).breaks,
    );
    // Only the events after one already checked: they must link to it.
    const head = events.slice(0, 3);
    const rest = events.slice(3);
    const after = head.at(-1)!;
    expect((await verifyChainInSlices(rest, { after })).ok).toBe(true);
    expect((await verifyChainInSlices(rest, { after: { ...after, hash: 'x' } })).breaks).toEqual([
      { seq: after.seq + 1, problem: 'broken-link' },
    ]);
  });

  it('detects a record altered after capture', async () => {
    const r = await captureRecord(db, request('C1'), ctx());
    if (r.status !== 'captured') throw new Error('not captured');
    const altered = { ...r.record, message: { ...r.record.message, text: 'Not agreed.' } };
    expect(recordIntact(altered)).toBe(false);
    // the note and categories are annotations, not evidence
    expect(recordHash({ ...r.record, note: 'x' } as never)).toBe(r.record.sha256);
  });

  it('writes nothing when any part of the transaction fails (e.g. quota exceeded)', async () => {
    const add = db.events.add.bind(db.events);
    db.events.add = (() => {
      const err = new Error('The quota has been exceeded.');
      err.name = 'QuotaExceededError';
      return Promise.reject(err);
    }) as unknown as typeof db.events.add;
    const result = await captureRecord(db, request('Q1'), ctx());
    db.events.add = add;
    expect(result.status).toBe('error');
    if (result.status === 'error')
      expect(result.error).toMatch(/run out of storage.*nothing was saved/);
    expect(await db.records.count()).toBe(0);
    expect(await db.chats.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
    // and the next attempt works
    expect((await captureRecord(db, request('Q1'), ctx())).status).toBe('captured');
  });

  it('refuses malformed requests with a clear reason and writes nothing', async () => {
    const bad = { ...request('X'), message: { ...message(''), id: '' } };
    const result = await captureRecord(db, bad, ctx());
    expect(result).toEqual({
      status: 'error',
      error: 'The message has no WhatsApp id, so it cannot be captured safely.',
    });
    expect(await db.records.count()).toBe(0);
  });

  it('lists captured message ids per chat', async () => {
    await captureRecord(db, request('D1'), ctx());
    await captureRecord(db, request('D2'), ctx());
    expect((await capturedMessageIds(db, 'title:Wherstead PC councillors')).sort()).toEqual([
      'D1',
      'D2',
    ]);
    expect(await capturedMessageIds(db, 'title:Other')).toEqual([]);
  });
});

describe('hostile message text', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'Invoice \u202Egnp.exe\u202C attached',
    'zero\u200Bwidth\u200D\uFEFFjoiners',
    '=HYPERLINK("http://evil.example","click")',
    '+SUM(1,2)\t-1\r\n@cmd',
    '🥾🏛️👍🏽 parish 🇬🇧',
    'x'.repeat(50_000),
    'truncated emoji \uD83D here',
  ];
  it.each(hostile.map((t, i) => [i, t] as const))('stores text %i exactly', async (i, text) => {
    const r = await captureRecord(db, request(`H${i}`, text), ctx());
    if (r.status !== 'captured') throw new Error(r.status);
    const stored = await db.records.get(r.record.id);
    expect(stored!.message.text).toBe(text);
    expect(stored!.message.text.length).toBe(text.length);
    expect(recordIntact(stored!)).toBe(true);
  });
});
