import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CouncilDb } from '../../../utils/db/database';
import { verifyChain } from '../../../utils/db/audit';
import { deliveriesFor } from '../../../utils/db/deliveries-repo';
import { enqueueWebhook, outboxId, startAttempt } from '../../../utils/db/outbox-repo';
import { RETRY_BUDGET } from '../../../utils/delivery/outbox';
import { verifySignature } from '../../../utils/delivery/webhook';
import { defaultSettings, type Settings } from '../../../utils/settings';
import { settingsItem } from '../../../utils/settings-store';
import {
  OUTBOX_ALARM,
  processOutbox,
  resetOutboxForTests,
} from '../../../entrypoints/background/outbox';
import { capture } from './helpers';

const URL_ = 'https://records.example.gov.uk/hook';
const SECRET = 'correct horse battery staple';

let db: CouncilDb;
beforeEach(async () => {
  db = new CouncilDb(`outbox-${Math.random()}`);
  resetOutboxForTests();
  await setSettings({});
});
afterEach(async () => {
  resetOutboxForTests();
  await db.delete();
});

async function setSettings(over: Partial<Settings>) {
  await settingsItem.setValue({
    ...defaultSettings,
    userName: 'Jane Smith',
    userRole: 'Clerk',
    webhook: { url: URL_, secret: SECRET },
    testBackoffScale: 0,
    testWebhookTimeoutMs: 40,
    ...over,
  });
}

interface Call {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that answers from a script: a status, 'timeout' (hangs until aborted) or an error. */
function scriptedFetch(script: (number | 'timeout' | 'network')[], calls: Call[]) {
  let i = 0;
  return vi.fn((url: string | URL | Request, init?: RequestInit) => {
    calls.push({
      url: String(url),
      headers: init!.headers as Record<string, string>,
      body: init!.body as string,
    });
    const step = script[Math.min(i++, script.length - 1)]!;
    if (step === 'timeout') {
      return new Promise<Response>((_, reject) => {
        init!.signal!.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      });
    }
    if (step === 'network') return Promise.reject(new TypeError('Failed to fetch'));
    const body = step === 400 ? '{"error":"Schema v1 expected <b>here</b>"}' : 'ok';
    return Promise.resolve(new Response(body, { status: step }));
  }) as unknown as typeof fetch;
}

const drain = (fetchFn: typeof fetch) =>
  processOutbox({ db, fetch: fetchFn, now: () => new Date(), rand: () => 0.5 });

describe('background outbox', () => {
  it('503, 503, 503, timeout, 200: delivered exactly once, signed, audited', async () => {
    const r = await capture(
      db,
      'rec-1',
      'Approved: £4,500 for the play area',
      '2026-11-22T09:00:00Z',
    );
    await enqueueWebhook(db, [r.id], URL_, new Date());
    const calls: Call[] = [];
    await drain(scriptedFetch([503, 503, 503, 'timeout', 200], calls));

    expect(calls).toHaveLength(5);
    for (const c of calls) {
      expect(c.url).toBe(URL_);
      expect(c.headers['Idempotency-Key']).toBe(r.id);
      expect(
        verifySignature(
          SECRET,
          c.body,
          c.headers['X-Council-Capture-Timestamp']!,
          c.headers['X-Council-Capture-Signature']!,
          new Date(),
        ),
      ).toBe(true);
      expect(JSON.parse(c.body)).toMatchObject({
        recordId: r.id,
        deliveredBy: 'Jane Smith (Clerk)',
      });
    }
    const entry = await db.outbox.get(outboxId(r.id, URL_));
    expect(entry).toMatchObject({ state: 'delivered', attempts: 5, lastStatus: 200 });
    const ds = await deliveriesFor(db, r.id);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ kind: 'webhook', target: 'records.example.gov.uk' });
    expect(await db.events.where('type').equals('record.delivered').count()).toBe(1);
    expect(verifyChain(await db.events.orderBy('seq').toArray()).ok).toBe(true);

    // Running again sends nothing more.
    const more: Call[] = [];
    await drain(scriptedFetch([200], more));
    expect(more).toHaveLength(0);
  });

  it('delivers several records in capture order, the later waiting behind the earlier', async () => {
    const b = await capture(db, 'b', 'second', '2026-11-22T09:05:00Z');
    const a = await capture(db, 'a', 'first', '2026-11-22T09:00:00Z');
    const c = await capture(db, 'c', 'third', '2026-11-22T09:10:00Z');
    await enqueueWebhook(db, [c.id, b.id, a.id], URL_, new Date());
    const calls: Call[] = [];
    await drain(scriptedFetch([503, 503, 503, 'timeout', 200, 200, 200], calls));
    const keys = calls.map((x) => x.headers['Idempotency-Key']);
    expect(keys).toEqual(['a', 'a', 'a', 'a', 'a', 'b', 'c']);
    for (const id of ['a', 'b', 'c']) expect(await deliveriesFor(db, id)).toHaveLength(1);
  });

  it('a 4xx stops at once with the server’s message as plain text', async () => {
    const r = await capture(db, 'r', 'x', '2026-11-22T09:00:00Z');
    await enqueueWebhook(db, [r.id], URL_, new Date());
    const calls: Call[] = [];
    await drain(scriptedFetch([400, 200], calls));
    expect(calls).toHaveLength(1);
    const entry = (await db.outbox.get(outboxId(r.id, URL_)))!;
    expect(entry.state).toBe('failed');
    expect(entry.lastStatus).toBe(400);
    expect(entry.lastError).toContain('The server answered 400');
    expect(entry.lastError).toContain('Schema v1 expected <b>here</b>');
    expect(await deliveriesFor(db, r.id)).toHaveLength(0);
  });

  it('fails visibly after the retry budget; "Try again" starts afresh', async () => {
    const r = await capture(db, 'r', 'x', '2026-11-22T09:00:00Z');
    await enqueueWebhook(db, [r.id], URL_, new Date());
    const calls: Call[] = [];
    await drain(scriptedFetch([500], calls));
    expect(calls).toHaveLength(RETRY_BUDGET);
    const failed = (await db.outbox.get(outboxId(r.id, URL_)))!;
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatch(/^Gave up after 8 attempts/);

    const { retryEntry } = await import('../../../utils/db/outbox-repo');
    await retryEntry(db, failed.id);
    await drain(scriptedFetch([200], calls));
    expect((await db.outbox.get(failed.id))!.state).toBe('delivered');
    expect(await deliveriesFor(db, r.id)).toHaveLength(1);
  });

  it('waits for the next try with the named alarm (real backoff)', async () => {
    await setSettings({ testBackoffScale: undefined });
    const r = await capture(db, 'r', 'x', '2026-11-22T09:00:00Z');
    await enqueueWebhook(db, [r.id], URL_, new Date());
    const calls: Call[] = [];
    await drain(scriptedFetch([503], calls));
    expect(calls).toHaveLength(1);
    const entry = (await db.outbox.get(outboxId(r.id, URL_)))!;
    expect(entry.state).toBe('pending');
    const alarm = await fakeBrowser.alarms.get(OUTBOX_ALARM);
    expect(alarm?.scheduledTime).toBe(Date.parse(entry.nextTryAt!));
    // rand 0.5 of a 30 s window.
    expect(Date.parse(entry.nextTryAt!) - Date.now()).toBeGreaterThan(10_000);
  });

  it('a worker that died mid-request resends on the next wake (idempotency key makes it safe)', async () => {
    const r = await capture(db, 'r', 'x', '2026-11-22T09:00:00Z');
    await enqueueWebhook(db, [r.id], URL_, new Date());
    await startAttempt(db, outboxId(r.id, URL_)); // state 'delivering', then the worker died
    resetOutboxForTests(); // a new worker instance
    const calls: Call[] = [];
    await drain(scriptedFetch([200], calls));
    expect(calls).toHaveLength(1);
    expect(await deliveriesFor(db, r.id)).toHaveLength(1);
  });

  it('network errors without host permission are retried, then fail naming the permission', async () => {
    const r = await capture(db, 'r', 'x', '2026-11-22T09:00:00Z');
    await enqueueWebhook(db, [r.id], URL_, new Date());
    const calls: Call[] = [];
    await drain(scriptedFetch(['network'], calls));
    expect(calls).toHaveLength(RETRY_BUDGET);
    const entry = (await db.outbox.get(outboxId(r.id, URL_)))!;
    expect(entry.state).toBe('failed');
    expect(entry.lastError).toContain('could not be reached');
    expect(entry.lastError).toContain('may not have permission to contact records.example.gov.uk');
  });
});
