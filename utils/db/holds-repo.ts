/**
 * Holds (FOI, subject access, legal, dispute, breach): opened and closed, never deleted, each
 * change audited in the same transaction.
 */
import type { Hold, HoldKind } from '../deadlines/types';
import { appendEvent } from './audit';
import type { CouncilDb } from './database';

const KINDS: readonly HoldKind[] = ['foi', 'sar', 'legal', 'dispute', 'breach'];

export type NewHold = Omit<Hold, 'id' | 'openedAt'>;

/** Plain-English problem with a new hold, or undefined when it can be saved. */
export function validateHold(hold: NewHold): string | undefined {
  if (!KINDS.includes(hold?.kind)) return 'Choose what kind of hold this is.';
  if (typeof hold.reference !== 'string' || hold.reference.trim() === '') {
    return 'Give the council’s reference for this request, for example FOI-2026-014.';
  }
  if (hold.reference.length > 200) return 'The reference is too long (200 characters at most).';
  if (typeof hold.receivedAt !== 'string' || Number.isNaN(Date.parse(hold.receivedAt))) {
    return 'Give the date the request was received.';
  }
  if (hold.dueAt !== undefined && Number.isNaN(Date.parse(hold.dueAt))) {
    return 'The agreed due date is not a valid date.';
  }
  if (hold.closedAt !== undefined) return 'A new hold cannot already be closed.';
  const c = hold.covers;
  if (!c || typeof c !== 'object') return 'Say what the hold covers.';
  if (c.from !== undefined && c.to !== undefined && c.from > c.to) {
    return 'The start of the period is after its end.';
  }
  if (hold.note !== undefined && hold.note.length > 10_000) {
    return 'The note is too long (10,000 characters at most).';
  }
  return undefined;
}

/** Opens a hold; audited 'hold.opened'. Throws (nothing written) when the hold is invalid. */
export async function openHold(
  db: CouncilDb,
  hold: NewHold,
  actor: string,
  now: Date,
  newId: () => string = () => crypto.randomUUID(),
): Promise<Hold> {
  const invalid = validateHold(hold);
  if (invalid) throw new Error(invalid);
  const openedAt = now.toISOString();
  const { closedAt: _closed, ...rest } = hold;
  const saved: Hold = {
    ...structuredClone(rest),
    reference: hold.reference.trim(),
    id: newId(),
    openedAt,
  };
  return db.transaction('rw', db.holds, db.events, async () => {
    await db.holds.add(saved);
    await appendEvent(db, {
      type: 'hold.opened',
      at: openedAt,
      actor,
      subject: saved.id,
      details: {
        kind: saved.kind,
        reference: saved.reference,
        receivedAt: saved.receivedAt,
        covers: saved.covers,
        ...(saved.dueAt ? { dueAt: saved.dueAt } : {}),
      },
    });
    return saved;
  });
}

/**
 * Closes a hold with a reason; audited 'hold.closed'. Idempotent: closing a closed hold changes
 * nothing and returns it as it is.
 */
export async function closeHold(
  db: CouncilDb,
  id: string,
  actor: string,
  now: Date,
  reason: string,
): Promise<Hold> {
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new Error('Say why the hold is being closed, for example “Response sent 12/03/2026”.');
  }
  return db.transaction('rw', db.holds, db.events, async () => {
    const hold = await db.holds.get(id);
    if (!hold) throw new Error('That hold no longer exists.');
    if (hold.closedAt !== undefined) return hold;
    const closedAt = now.toISOString();
    const closed: Hold = { ...hold, closedAt };
    await db.holds.put(closed);
    await appendEvent(db, {
      type: 'hold.closed',
      at: closedAt,
      actor,
      subject: id,
      details: { kind: hold.kind, reference: hold.reference, reason: reason.trim() },
    });
    return closed;
  });
}

/** Every hold, newest first. */
export async function listHolds(db: CouncilDb): Promise<Hold[]> {
  const all = await db.holds.orderBy('openedAt').reverse().toArray();
  return all;
}

/** Holds not yet closed, newest first. */
export async function listOpenHolds(db: CouncilDb): Promise<Hold[]> {
  return (await listHolds(db)).filter((h) => h.closedAt === undefined);
}
