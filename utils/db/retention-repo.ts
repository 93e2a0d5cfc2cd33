/**
 * Retention review: extend a record's keep-until (with a reason) or dispose of it. Records are
 * never edited in place: an extension is an audit event the deadline engine reads back, and a
 * disposal removes the content but leaves a stub in the audit chain (what, when, by whom, under
 * which rule). Nothing is ever deleted from WhatsApp.
 */
import { canDispose, effectiveKeepUntil, retentionDecision } from '../deadlines';
import type { Policy } from '../policy/schema';
import { appendEvent } from './audit';
import type { CouncilDb } from './database';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type ExtendResult =
  { status: 'extended'; until: string } | { status: 'refused'; reasons: string[] };

export type DisposeResult =
  | { status: 'disposed'; stub: DisposalStub }
  | { status: 'already-disposed' }
  | { status: 'refused'; reasons: string[] };

/** What stays in the audit chain after a record is disposed of. */
export interface DisposalStub {
  recordId: string;
  chatKey: string;
  messageId: string;
  sha256: string;
  capturedAt: string;
  categories: string[];
  keepUntil?: string;
  rule?: string;
  clause?: string;
  policyId: string;
  policyVersion: string;
  disposedBy: string;
  disposedAt: string;
}

/** Disposed record ids and extensions, read back from the audit chain. */
export async function retentionState(
  db: CouncilDb,
): Promise<{ disposedIds: Set<string>; extendedUntil: Map<string, string> }> {
  const events = await db.events
    .where('type')
    .anyOf('record.disposed', 'record.retention-extended')
    .sortBy('seq');
  const disposedIds = new Set<string>();
  const extendedUntil = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'record.disposed') disposedIds.add(e.subject);
    else {
      const until = e.details.until;
      // Extensions only lengthen: the latest event is the longest (checked when written).
      if (typeof until === 'string') extendedUntil.set(e.subject, until);
    }
  }
  return { disposedIds, extendedUntil };
}

async function extensionOf(db: CouncilDb, recordId: string): Promise<string | undefined> {
  const events = await db.events.where('subject').equals(recordId).sortBy('seq');
  let until: string | undefined;
  for (const e of events) {
    if (e.type === 'record.retention-extended' && typeof e.details.until === 'string') {
      until = e.details.until;
    }
  }
  return until;
}

/**
 * Keeps a record longer: until a later day ('YYYY-MM-DD') or permanently, with a reason; audited
 * 'record.retention-extended'. The record itself is not changed.
 */
export async function extendRetention(
  db: CouncilDb,
  recordId: string,
  until: string,
  reason: string,
  actor: string,
  now: Date,
  policy?: Policy,
): Promise<ExtendResult> {
  if (until !== 'permanent' && !ISO_DATE.test(until)) {
    return { status: 'refused', reasons: ['Give the new keep-until date.'] };
  }
  if (typeof reason !== 'string' || reason.trim() === '') {
    return { status: 'refused', reasons: ['Say why the record must be kept longer.'] };
  }
  return db.transaction('rw', db.records, db.events, async () => {
    const record = await db.records.get(recordId);
    if (!record) return { status: 'refused', reasons: ['This record has been disposed of.'] };
    const previous = effectiveKeepUntil(policy, record, await extensionOf(db, recordId));
    if (previous === 'permanent') {
      return { status: 'refused', reasons: ['This record is already kept permanently.'] };
    }
    if (until !== 'permanent' && previous !== undefined && until <= previous) {
      return {
        status: 'refused',
        reasons: ['An extension must be later than the current keep-until date.'],
      };
    }
    await appendEvent(db, {
      type: 'record.retention-extended',
      at: now.toISOString(),
      actor,
      subject: recordId,
      details: { until, reason: reason.trim(), ...(previous ? { previous } : {}) },
    });
    return { status: 'extended', until };
  });
}

/**
 * Disposes of a record after its retention: deletes the record, its screenshots and any delivery
 * still waiting in the outbox (which carries its content), and appends 'record.disposed' with the
 * stub. Refused while a hold covers it or before its keep-until date has passed. Idempotent.
 */
export async function disposeRecord(
  db: CouncilDb,
  recordId: string,
  actor: string,
  now: Date,
  policy?: Policy,
): Promise<DisposeResult> {
  return db.transaction(
    'rw',
    [db.records, db.screenshots, db.outbox, db.events, db.holds],
    async () => {
      const record = await db.records.get(recordId);
      if (!record) {
        const stub = await db.events
          .where('subject')
          .equals(recordId)
          .filter((e) => e.type === 'record.disposed')
          .first();
        return stub
          ? { status: 'already-disposed' }
          : { status: 'refused', reasons: ['There is no such record.'] };
      }
      const extendedUntil = await extensionOf(db, recordId);
      const holds = await db.holds.toArray();
      const verdict = canDispose(now, record, holds, {
        ...(policy ? { policy } : {}),
        ...(extendedUntil ? { extendedUntil } : {}),
      });
      if (!verdict.ok) return { status: 'refused', reasons: verdict.reasons };
      const decision = policy ? retentionDecision(policy, record.categories) : undefined;
      const keepUntil = effectiveKeepUntil(policy, record, extendedUntil);
      const disposedAt = now.toISOString();
      const stub: DisposalStub = {
        recordId,
        chatKey: record.chatKey,
        messageId: record.messageId,
        sha256: record.sha256,
        capturedAt: record.capturedAt,
        categories: record.categories,
        policyId: record.policyId,
        policyVersion: record.policyVersion,
        disposedBy: actor,
        disposedAt,
        ...(keepUntil ? { keepUntil } : {}),
        ...(decision ? { rule: decision.kind, clause: decision.clause } : {}),
      };
      await db.screenshots.where('recordId').equals(recordId).delete();
      await db.outbox
        .where('recordId')
        .equals(recordId)
        .filter((o) => o.state !== 'delivered')
        .delete();
      await db.records.delete(recordId);
      await appendEvent(db, {
        type: 'record.disposed',
        at: disposedAt,
        actor,
        subject: recordId,
        details: { ...stub },
      });
      return { status: 'disposed', stub };
    },
  );
}
