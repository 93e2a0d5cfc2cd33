import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CouncilDb } from '../../../utils/db/database';
import { verifyChain } from '../../../utils/db/audit';
import {
  deliveriesFor,
  deliveryId,
  recordDeliveries,
  saveScreenshot,
} from '../../../utils/db/deliveries-repo';
import {
  enqueueWebhook,
  finishAttempt,
  headOfQueue,
  outboxId,
  recoverInterrupted,
  retryEntry,
  startAttempt,
} from '../../../utils/db/outbox-repo';
import { sha256Hex } from '../../../utils/delivery/text';
import { cropBox } from '../../../utils/screenshot-crop';
import { webhookPermissionPattern } from '../../../utils/webhook-permission';
import { capture } from './helpers';

let db: CouncilDb;
beforeEach(() => {
  db = new CouncilDb(`delivery-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const actor = 'Jane Smith (Clerk)';
const now = new Date('2026-11-22T10:15:00Z');
const URL_ = 'https://records.example.gov.uk/hook';

describe('deliveries repository', () => {
  it('records a delivery with an audit event, and a repeat is a no-op', async () => {
    const r = await capture(db, 'r1', 'Approved', '2026-11-22T09:00:00Z');
    const d = { recordId: r.id, kind: 'email-draft' as const, target: 'clerk@example.gov.uk' };
    const [first] = await recordDeliveries(db, [d], actor, now);
    const [again] = await recordDeliveries(db, [d], actor, new Date('2026-11-23T10:00:00Z'));
    expect(first!.id).toBe(deliveryId(d));
    expect(again).toEqual(first);
    expect(await deliveriesFor(db, r.id)).toHaveLength(1);
    const events = await db.events.where('type').equals('record.delivered').toArray();
    expect(events).toHaveLength(1);
    expect(events[0]!.subject).toBe(r.id);
    expect(events[0]!.details).toMatchObject({ kind: 'email-draft', target: d.target });
    expect(verifyChain(await db.events.orderBy('seq').toArray()).ok).toBe(true);
  });

  it('keeps different targets apart (two bundles are two deliveries)', async () => {
    const r = await capture(db, 'r1', 'Approved', '2026-11-22T09:00:00Z');
    await recordDeliveries(db, [{ recordId: r.id, kind: 'bundle', target: 'a.zip' }], actor, now);
    await recordDeliveries(
      db,
      [{ recordId: r.id, kind: 'bundle', target: 'b.zip' }],
      actor,
      new Date(now.getTime() + 60_000),
    );
    expect((await deliveriesFor(db, r.id)).map((d) => d.target)).toEqual(['a.zip', 'b.zip']);
  });

  it('writes nothing when one record of a batch does not exist', async () => {
    const r = await capture(db, 'r1', 'Approved', '2026-11-22T09:00:00Z');
    await expect(
      recordDeliveries(
        db,
        [
          { recordId: r.id, kind: 'bundle', target: 'a.zip' },
          { recordId: 'nope', kind: 'bundle', target: 'a.zip' },
        ],
        actor,
        now,
      ),
    ).rejects.toThrow(/no record nope/);
    expect(await db.deliveries.count()).toBe(0);
    expect(await db.events.where('type').equals('record.delivered').count()).toBe(0);
  });

  it('keeps a screenshot once, with its hash, audited', async () => {
    const r = await capture(db, 'r1', 'Approved', '2026-11-22T09:00:00Z');
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const shot = { recordId: r.id, bytes, width: 10, height: 4, sha256: sha256Hex(bytes) };
    const a = await saveScreenshot(db, shot, actor, now);
    const b = await saveScreenshot(db, shot, actor, now);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(await db.screenshots.count()).toBe(1);
    const [d] = await deliveriesFor(db, r.id);
    expect(d!.kind).toBe('screenshot');
    expect(d!.detail).toContain(shot.sha256);
  });
});

describe('outbox repository', () => {
  it('queues once per record and URL, in capture order', async () => {
    const late = await capture(db, 'late', 'B', '2026-11-22T09:30:00Z');
    const early = await capture(db, 'early', 'A', '2026-11-22T09:00:00Z');
    await enqueueWebhook(db, [late.id, early.id], URL_, now);
    await enqueueWebhook(db, [late.id, early.id], URL_, now);
    expect(await db.outbox.count()).toBe(2);
    expect((await headOfQueue(db))!.recordId).toBe('early');
  });

  it('refuses to queue an unknown record, queuing nothing', async () => {
    const r = await capture(db, 'r1', 'A', '2026-11-22T09:00:00Z');
    await expect(enqueueWebhook(db, [r.id, 'ghost'], URL_, now)).rejects.toThrow(/ghost/);
    expect(await db.outbox.count()).toBe(0);
  });

  it('recovers an interrupted attempt, and a failed entry can be retried', async () => {
    const r = await capture(db, 'r1', 'A', '2026-11-22T09:00:00Z');
    await enqueueWebhook(db, [r.id], URL_, now);
    const id = outboxId(r.id, URL_);
    const started = await startAttempt(db, id);
    expect(started!.state).toBe('delivering');
    expect(await startAttempt(db, id)).toBeUndefined();
    expect(await recoverInterrupted(db)).toBe(1);
    expect((await db.outbox.get(id))!.state).toBe('pending');
    await finishAttempt(
      db,
      { ...started!, state: 'failed', attempts: 8, lastError: 'Gave up' },
      actor,
    );
    const retried = await retryEntry(db, id);
    expect(retried).toMatchObject({ state: 'pending', attempts: 0, lastError: 'Gave up' });
    // Queuing a failed record again also retries it.
    await finishAttempt(db, { ...retried!, state: 'failed', attempts: 8 }, actor);
    const [again] = await enqueueWebhook(db, [r.id], URL_, now);
    expect(again!.state).toBe('pending');
  });

  it('writes the delivery and its audit event with "delivered", never twice', async () => {
    const r = await capture(db, 'r1', 'A', '2026-11-22T09:00:00Z');
    await enqueueWebhook(db, [r.id], URL_, now);
    const started = (await startAttempt(db, outboxId(r.id, URL_)))!;
    const done = {
      ...started,
      state: 'delivered' as const,
      attempts: 1,
      lastStatus: 200,
      deliveredAt: now.toISOString(),
    };
    await finishAttempt(db, done, actor);
    await finishAttempt(db, { ...done, attempts: 2 }, actor);
    const ds = await deliveriesFor(db, r.id);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ kind: 'webhook', target: 'records.example.gov.uk' });
    expect(await db.events.where('type').equals('record.delivered').count()).toBe(1);
  });
});

describe('screenshot crop', () => {
  it('scales the bubble by the device pixel ratio and clamps to the image', () => {
    const rect = { x: 100.5, y: 50, width: 300, height: 80.25, devicePixelRatio: 2 };
    expect(cropBox({ ...rect, viewportWidth: 1280 }, { width: 2560, height: 1800 })).toEqual({
      sx: 201,
      sy: 100,
      width: 600,
      height: 161,
      scale: 2,
    });
    const off = { x: 1200, y: 850, width: 300, height: 100, devicePixelRatio: 1 };
    expect(cropBox({ ...off, viewportWidth: 1280 }, { width: 1280, height: 900 })).toMatchObject({
      width: 80,
      height: 50,
    });
    const gone = { x: 0, y: 950, width: 300, height: 100, devicePixelRatio: 1 };
    expect(cropBox({ ...gone, viewportWidth: 1280 }, { width: 1280, height: 900 })).toBeUndefined();
  });
});

describe('webhook permission pattern', () => {
  it('asks for the host only (no port, no path)', () => {
    expect(webhookPermissionPattern('https://flows.example.gov.uk:8443/a/b?c')).toBe(
      'https://flows.example.gov.uk/*',
    );
    expect(webhookPermissionPattern('http://127.0.0.1:4010/hook')).toBe('http://127.0.0.1/*');
    expect(webhookPermissionPattern('ftp://x')).toBeUndefined();
  });
});
