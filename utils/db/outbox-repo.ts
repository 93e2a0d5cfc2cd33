/**
 * The webhook outbox in the database, so queued deliveries survive worker and browser restarts.
 * Decisions (backoff, retry or stop) are the pure state machine's in utils/delivery/outbox.ts;
 * this module only stores its results, each in one transaction.
 */
import { createOutboxEntry, markDelivering, retryNow, type OutboxEntry } from '../delivery/outbox';
import type { CouncilRecord } from '../types';
import type { CouncilDb } from './database';
import { recordDeliveryInTx } from './deliveries-repo';
import { canonicalHash } from './hash';

/** One entry per (record, webhook URL): queuing again is a no-op, a failed one is retried. */
export function outboxId(recordId: string, url: string): string {
  return canonicalHash(['outbox', recordId, url]).slice(0, 32);
}

/** The host a person recognises, for "delivered to <host>". */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Queues records for the webhook. Idempotent: a record already queued or delivered to this URL
 * keeps its entry; a failed one goes back to pending (the user asked again).
 */
export async function enqueueWebhook(
  db: CouncilDb,
  recordIds: readonly string[],
  url: string,
  now: Date,
): Promise<OutboxEntry[]> {
  return db.transaction('rw', db.records, db.outbox, async () => {
    const out: OutboxEntry[] = [];
    for (const recordId of recordIds) {
      if (!(await db.records.get(recordId))) {
        throw new Error(`There is no record ${recordId}, so nothing was queued.`);
      }
      const id = outboxId(recordId, url);
      const existing = await db.outbox.get(id);
      if (existing) {
        const next = existing.state === 'failed' ? retryNow(existing) : existing;
        if (next !== existing) await db.outbox.put(next);
        out.push(next);
        continue;
      }
      const entry = createOutboxEntry({ id, recordId, url, now });
      await db.outbox.add(entry);
      out.push(entry);
    }
    return out;
  });
}

/** Order of delivery: the order the records were captured (then id, for a stable tie-break). */
function byCapture(
  records: Map<string, CouncilRecord>,
): (a: OutboxEntry, b: OutboxEntry) => number {
  const key = (e: OutboxEntry) => records.get(e.recordId)?.capturedAt ?? e.createdAt;
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.recordId < b.recordId ? -1 : 1);
}

/**
 * The entry to send next: the earliest-captured record not yet delivered or failed. Later ones
 * wait behind it (even while it backs off), so a receiver gets records in capture order.
 */
export async function headOfQueue(db: CouncilDb): Promise<OutboxEntry | undefined> {
  const open = await db.outbox.where('state').anyOf('pending', 'delivering').toArray();
  if (open.length === 0) return undefined;
  const recs = await db.records.bulkGet(open.map((e) => e.recordId));
  const byId = new Map(recs.filter((r): r is CouncilRecord => !!r).map((r) => [r.id, r]));
  return open.sort(byCapture(byId))[0];
}

/**
 * After a worker or browser restart, an entry left 'delivering' was interrupted mid-request.
 * It goes back to pending: the receiver may have stored it already, which the Idempotency-Key
 * (the record id) makes harmless.
 */
export async function recoverInterrupted(db: CouncilDb): Promise<number> {
  return db.transaction('rw', db.outbox, async () => {
    const stuck = await db.outbox.where('state').equals('delivering').toArray();
    for (const e of stuck) await db.outbox.put({ ...e, state: 'pending' });
    return stuck.length;
  });
}

/** Marks the entry as being sent, unless it changed meanwhile (returns undefined then). */
export async function startAttempt(db: CouncilDb, id: string): Promise<OutboxEntry | undefined> {
  return db.transaction('rw', db.outbox, async () => {
    const e = await db.outbox.get(id);
    if (!e || e.state !== 'pending') return undefined;
    const next = markDelivering(e);
    await db.outbox.put(next);
    return next;
  });
}

/**
 * Stores the outcome of an attempt. When it is 'delivered', the delivery and its audit event are
 * written in the same transaction, so a record is never shown delivered without the event.
 */
export async function finishAttempt(
  db: CouncilDb,
  next: OutboxEntry,
  actor: string,
): Promise<OutboxEntry> {
  return db.transaction('rw', db.outbox, db.deliveries, db.events, async () => {
    const current = await db.outbox.get(next.id);
    // Delivered is final: a late duplicate outcome never changes it.
    if (current?.state === 'delivered') return current;
    await db.outbox.put(next);
    if (next.state === 'delivered') {
      await recordDeliveryInTx(
        db,
        {
          recordId: next.recordId,
          kind: 'webhook',
          target: hostOf(next.url),
          detail: `HTTP ${next.lastStatus ?? 200} after ${next.attempts} attempt${next.attempts === 1 ? '' : 's'}`,
        },
        actor,
        new Date(next.deliveredAt ?? Date.now()),
      );
    }
    return next;
  });
}

/** The user's "Try again" on a failed entry: pending, due now, with a fresh retry budget. */
export async function retryEntry(db: CouncilDb, id: string): Promise<OutboxEntry | undefined> {
  return db.transaction('rw', db.outbox, async () => {
    const e = await db.outbox.get(id);
    if (!e) return undefined;
    // An attempt in flight finishes on its own; retrying it would send it twice at once.
    if (e.state === 'delivering') return e;
    const next = retryNow(e);
    if (next !== e) await db.outbox.put(next);
    return next;
  });
}

/** A record's outbox entries (for "waiting to send" / "failed" in the UI). */
export async function outboxFor(db: CouncilDb, recordId: string): Promise<OutboxEntry[]> {
  return db.outbox.where('recordId').equals(recordId).toArray();
}
