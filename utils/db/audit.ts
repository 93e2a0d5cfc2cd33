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
  let prev: Pick<AuditEvent, 'seq' | 'hash'> | undefined;
  for (const e of events) prev = checkLink(e, prev, breaks);
  return { ok: breaks.length === 0, breaks };
}

/** One event against the one before it (none: the first of the chain); returns it. */
function checkLink(
  e: AuditEvent,
  prev: Pick<AuditEvent, 'seq' | 'hash'> | undefined,
  breaks: ChainBreak[],
): AuditEvent {
  if (e.seq !== (prev?.seq ?? 0) + 1) breaks.push({ seq: e.seq, problem: 'gap' });
  if (e.prevHash !== (prev?.hash ?? '')) breaks.push({ seq: e.seq, problem: 'broken-link' });
  const { hash, ...rest } = e;
  if (hashOf(rest) !== hash) breaks.push({ seq: e.seq, problem: 'hash-mismatch' });
  return e;
}

/**
 * `verifyChain` for a page that must stay responsive: checks `events` (which follow `after`, the
 * last event already verified, if any) a slice at a time, letting the page paint in between.
 * 100,000 events take seconds of hashing; no slice blocks for more than a few milliseconds.
 */
export async function verifyChainInSlices(
  events: readonly AuditEvent[],
  {
    after,
    sliceSize = 500,
    pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  }: {
    after?: Pick<AuditEvent, 'seq' | 'hash'>;
    sliceSize?: number;
    pause?: () => Promise<void>;
  } = {},
): Promise<{ ok: boolean; breaks: ChainBreak[] }> {
  const breaks: ChainBreak[] = [];
  let prev = after;
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && i % sliceSize === 0) await pause();
    prev = checkLink(events[i]!, prev, breaks);
  }
  return { ok: breaks.length === 0, breaks };
}
