import { Dexie } from 'dexie';
import type { AuditEvent } from '../types';
import type { CouncilDb } from './database';
import { canonicalHash } from './hash';

export type NewAuditEvent = Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>;

/** The hash covers every field of the event except the hash itself. */
function hashOf(e: Omit<AuditEvent, 'hash'>): string {
  return canonicalHash({
    seq: e.seq,
    type: e.type,
    at: e.at,
    actor: e.actor,
    subject: e.subject,
    details: e.details,
    prevHash: e.prevHash,
  });
}

/**
 * Appends an event to the hash chain. Must run inside a read-write transaction that includes
 * `events`: IndexedDB serialises such transactions, so two writers can never fork the chain.
 */
export async function appendEvent(db: CouncilDb, event: NewAuditEvent): Promise<AuditEvent> {
  const tx = Dexie.currentTransaction;
  if (!tx || tx.mode !== 'readwrite' || !tx.storeNames.includes('events')) {
    throw new Error('appendEvent must run inside a read-write transaction on events');
  }
  const last = await db.events.orderBy('seq').last();
  const partial = { ...event, seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? '' };
  const full: AuditEvent = { ...partial, hash: hashOf(partial) };
  await db.events.add(full);
  return full;
}

export interface ChainBreak {
  seq: number;
  problem: 'hash-mismatch' | 'broken-link' | 'gap';
}

/** Checks a chain (sorted by seq, from seq 1) end to end and names every break. Pure. */
export function verifyChain(events: readonly AuditEvent[]): { ok: boolean; breaks: ChainBreak[] } {
  const breaks: ChainBreak[] = [];
  let prev: AuditEvent | undefined;
  for (const e of events) {
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (e.seq !== expectedSeq) breaks.push({ seq: e.seq, problem: 'gap' });
    if (e.prevHash !== (prev?.hash ?? '')) breaks.push({ seq: e.seq, problem: 'broken-link' });
    const { hash, ...rest } = e;
    if (hashOf(rest) !== hash) breaks.push({ seq: e.seq, problem: 'hash-mismatch' });
    prev = e;
  }
  return { ok: breaks.length === 0, breaks };
}
