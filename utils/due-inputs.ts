/**
 * Everything the deadline engine needs, loaded from the database and settings in one place, so
 * the background (badge, alarms, notifications) and the popup always agree on what is due.
 */
import { dueItems, type DueItem, type DueOptions, type DueRecord, type Hold } from './deadlines';
import type { Snooze } from './deadlines/types';
import type { CouncilDb } from './db/database';
import { retentionState } from './db/retention-repo';
import type { Policy } from './policy/schema';
import { nowFrom, type Settings } from './settings';
import type { ChatEntry } from './types';

/** The settings that apply and the council policy they resolve to (see `effectiveSettings`). */
export interface Applied {
  settings: Settings;
  policy: Policy;
}

export interface DueInputs {
  now: Date;
  policy: Policy;
  chats: ChatEntry[];
  records: DueRecord[];
  holds: Hold[];
  snoozes: Snooze[];
  opts: DueOptions;
}

/** Reads the tables the engine needs (inside one read transaction: a consistent view). */
export async function loadDueInputs(db: CouncilDb, applied: Applied): Promise<DueInputs> {
  const { settings, policy } = applied;
  const now = nowFrom(settings);
  return db.transaction(
    'r',
    [db.chats, db.records, db.holds, db.suggested, db.dismissals, db.snoozes, db.events],
    async () => {
      const [chats, rows, holds, suggested, dismissals, snoozes, retention] = await Promise.all([
        db.chats.toArray(),
        db.records.toArray(),
        db.holds.toArray(),
        db.suggested.toArray(),
        db.dismissals.toArray(),
        db.snoozes.toArray(),
        retentionState(db),
      ]);
      const dismissed = new Set(dismissals.map((d) => `${d.chatKey}\u0000${d.messageId}`));
      const records: DueRecord[] = rows.map((r) => ({
        id: r.id,
        chatKey: r.chatKey,
        capturedAt: r.capturedAt,
        categories: r.categories,
        message: r.message,
        ...(r.retainUntil !== undefined ? { retainUntil: r.retainUntil } : {}),
      }));
      const opts: DueOptions = {
        suggested: suggested.filter((s) => !dismissed.has(`${s.chatKey}\u0000${s.messageId}`)),
        snoozes,
        inactiveAfterDays: settings.inactiveAfterDays,
        disposedIds: retention.disposedIds,
        extendedUntil: retention.extendedUntil,
        ...(settings.captureWithinWorkingDays !== undefined
          ? { captureWithinWorkingDays: settings.captureWithinWorkingDays }
          : {}),
      };
      return { now, policy, chats, records, holds, snoozes, opts };
    },
  );
}

export interface DueState extends DueInputs {
  items: DueItem[];
}

/** What is due now, with the inputs it came from (the popup shows chats and holds too). */
export async function loadDue(db: CouncilDb, applied: Applied): Promise<DueState> {
  const inputs = await loadDueInputs(db, applied);
  const items = dueItems(
    inputs.now,
    inputs.policy,
    inputs.chats,
    inputs.records,
    inputs.holds,
    inputs.opts,
  );
  return { ...inputs, items };
}
