/**
 * Backup and restore of the whole database, through the backup file format in
 * utils/library/backup.ts.
 *
 * Restore checks everything before it writes anything: the file (hashes, passphrase), the audit
 * chain (`verifyChain`) and every record's own SHA-256. Then it writes in ONE transaction into an
 * empty database, or replaces the existing one only when the caller says the user confirmed it.
 * It never merges: two chains cannot be merged without breaking both.
 */
import { createBackup, readBackup, type BackupProgress } from '../library/backup';
import type { Hold, Snooze, SuggestedRecord } from '../deadlines/types';
import type { OutboxEntry } from '../delivery/outbox';
import type { AuditEvent, ChatEntry, CouncilRecord } from '../types';
import { verifyChain } from './audit';
import type { CouncilDb, Delivery, Dismissal, Screenshot } from './database';
import { recordIntact } from './records-repo';
import { SEARCH_INDEX_KEY } from './search-index-store';

/**
 * The backup's settings part: the user's settings plus the smaller tables the file format has no
 * part of its own for (screenshot metadata travels here; the image bytes are their own parts).
 */
export interface SettingsPart {
  settings: unknown;
  tables: {
    deliveries: Delivery[];
    suggested: SuggestedRecord[];
    dismissals: Dismissal[];
    snoozes: Snooze[];
    screenshots: Omit<Screenshot, 'bytes'>[];
  };
}

/** Every table a backup holds; the same list is replaced on restore. */
function backedUpTables(db: CouncilDb) {
  return [
    db.records,
    db.events,
    db.chats,
    db.holds,
    db.outbox,
    db.deliveries,
    db.screenshots,
    db.suggested,
    db.dismissals,
    db.snoozes,
  ];
}

/** Everything in the database, read in one transaction so the copy is consistent. */
export async function exportDatabase(
  db: CouncilDb,
  settings: unknown,
  opts: { passphrase?: string; now?: Date; iterations?: number } = {},
  onProgress?: (p: BackupProgress) => void,
): Promise<{ bytes: Uint8Array; counts: { records: number; events: number } }> {
  const tables = backedUpTables(db);
  const dump = await db.transaction('r', tables, async () => ({
    records: await db.records.toArray(),
    events: await db.events.orderBy('seq').toArray(),
    chats: await db.chats.toArray(),
    holds: await db.holds.toArray(),
    outbox: await db.outbox.toArray(),
    deliveries: await db.deliveries.toArray(),
    screenshots: await db.screenshots.toArray(),
    suggested: await db.suggested.toArray(),
    dismissals: await db.dismissals.toArray(),
    snoozes: await db.snoozes.toArray(),
  }));
  const part: SettingsPart = {
    settings,
    tables: {
      deliveries: dump.deliveries,
      suggested: dump.suggested,
      dismissals: dump.dismissals,
      snoozes: dump.snoozes,
      screenshots: dump.screenshots.map(({ bytes: _bytes, ...meta }) => meta),
    },
  };
  const bytes = await createBackup(
    {
      records: dump.records,
      events: dump.events,
      chats: dump.chats,
      holds: dump.holds,
      outbox: dump.outbox,
      settings: part,
      screenshots: dump.screenshots.map((s) => ({ id: s.id, bytes: s.bytes })),
    },
    opts,
    onProgress,
  );
  return { bytes, counts: { records: dump.records.length, events: dump.events.length } };
}

export type RestoreResult =
  | {
      ok: true;
      records: number;
      events: number;
      /** The settings found in the backup, for the caller to put into storage. */
      settings: unknown;
    }
  | {
      ok: false;
      /** 'not-empty': the database has records; ask the user, then call again with `replace`. */
      error:
        | 'wrong-passphrase'
        | 'damaged'
        | 'not-a-backup'
        | 'passphrase-required'
        | 'chain-broken'
        | 'record-altered'
        | 'not-empty'
        | 'write-failed';
      message: string;
    };

/** What the database holds now, to decide whether a restore would replace anything. */
export async function databaseCounts(db: CouncilDb): Promise<{ records: number; events: number }> {
  return { records: await db.records.count(), events: await db.events.count() };
}

export async function restoreDatabase(
  db: CouncilDb,
  bytes: Uint8Array,
  opts: { passphrase?: string; replace?: boolean } = {},
): Promise<RestoreResult> {
  const read = await readBackup(bytes, opts.passphrase);
  if (!read.ok) return { ok: false, error: read.error, message: read.message };

  const events = (read.data.events as AuditEvent[]).slice().sort((a, b) => a.seq - b.seq);
  const chain = verifyChain(events);
  if (!chain.ok) {
    const first = chain.breaks[0]!;
    return {
      ok: false,
      error: 'chain-broken',
      message: `The backup's audit trail is broken at event ${first.seq} (${first.problem}), so nothing was restored.`,
    };
  }
  const records = read.data.records as CouncilRecord[];
  const altered = records.filter((r) => {
    try {
      return !recordIntact(r);
    } catch {
      return true;
    }
  });
  if (altered.length > 0) {
    return {
      ok: false,
      error: 'record-altered',
      message: `${altered.length} record${altered.length === 1 ? '' : 's'} in the backup no longer match${altered.length === 1 ? 'es' : ''} ${altered.length === 1 ? 'its' : 'their'} SHA-256 (first: ${altered[0]!.id}), so nothing was restored.`,
    };
  }
  const part = (read.data.settings ?? {}) as Partial<SettingsPart>;
  const t = part.tables;
  const shotMeta = new Map((t?.screenshots ?? []).map((s) => [s.id, s]));
  const screenshots: Screenshot[] = read.data.screenshots.flatMap((s) => {
    const meta = shotMeta.get(s.id);
    return meta ? [{ ...meta, bytes: s.bytes }] : [];
  });

  // The stored search index (meta) is dropped too: it described the records being replaced.
  const all = [...backedUpTables(db), db.meta];
  try {
    const refused = await db.transaction('rw', all, async () => {
      const existing = (await db.records.count()) + (await db.events.count());
      if (existing > 0 && !opts.replace) return true;
      // Replacing (confirmed by the user): the old contents go in the same transaction.
      await Promise.all(all.map((table) => table.clear()));
      await db.records.bulkAdd(records);
      await db.events.bulkAdd(events);
      await db.chats.bulkAdd(read.data.chats as ChatEntry[]);
      await db.holds.bulkAdd(read.data.holds as Hold[]);
      await db.outbox.bulkAdd(read.data.outbox as OutboxEntry[]);
      await db.deliveries.bulkAdd(t?.deliveries ?? []);
      await db.screenshots.bulkAdd(screenshots);
      await db.suggested.bulkAdd(t?.suggested ?? []);
      await db.dismissals.bulkAdd(t?.dismissals ?? []);
      await db.snoozes.bulkAdd(t?.snoozes ?? []);
      // The search index is rebuilt from the restored records on next open.
      await db.meta.delete(SEARCH_INDEX_KEY);
      return false;
    });
    if (refused) {
      return {
        ok: false,
        error: 'not-empty',
        message:
          'This browser already holds records. Restoring would replace all of them with the backup; confirm that to go on. Nothing has been changed.',
      };
    }
  } catch (err) {
    return {
      ok: false,
      error: 'write-failed',
      message: `The backup could not be written, so nothing was changed. (${err instanceof Error ? err.message : String(err)})`,
    };
  }
  return { ok: true, records: records.length, events: events.length, settings: part.settings };
}
