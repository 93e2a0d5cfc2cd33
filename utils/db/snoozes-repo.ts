/**
 * "Remind me later" for due items. A snooze only hides a reminder for a while; it changes no
 * record, so it is not an audit event.
 */
import type { Snooze } from '../deadlines/types';
import type { CouncilDb } from './database';

export const SNOOZE_DAY_MS = 24 * 60 * 60 * 1000;

/** Snoozes the item with this key until `until` (replacing an earlier snooze of it). */
export async function snoozeItem(db: CouncilDb, key: string, until: Date): Promise<Snooze> {
  if (typeof key !== 'string' || key === '') throw new Error('Nothing to snooze.');
  const snooze: Snooze = { key, until: until.toISOString() };
  await db.snoozes.put(snooze);
  return snooze;
}

/** Snoozes for a day from `now`. */
export function snoozeForADay(db: CouncilDb, key: string, now: Date): Promise<Snooze> {
  return snoozeItem(db, key, new Date(now.getTime() + SNOOZE_DAY_MS));
}

export async function unsnooze(db: CouncilDb, key: string): Promise<void> {
  await db.snoozes.delete(key);
}

/** Every snooze (the engine ignores ended ones). */
export function listSnoozes(db: CouncilDb): Promise<Snooze[]> {
  return db.snoozes.toArray();
}

/** Removes snoozes that ended before `now`, so the table does not grow for ever. */
export async function pruneSnoozes(db: CouncilDb, now: Date): Promise<number> {
  return db.snoozes.where('until').below(now.toISOString()).delete();
}
