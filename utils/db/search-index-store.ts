/**
 * The records page's search index, kept in the database beside the data and brought up to date
 * incrementally: it is stored serialised with a high-water mark (the last audit event applied), so
 * opening the page loads it and applies only the audit events written since. Every change to a
 * record is an audit event, so the chain is the one reliable feed of changes from any context.
 *
 * The index is not evidence: when it is missing, unreadable or from another version it is rebuilt
 * from the records.
 */
import type { Hold } from '../deadlines/types';
import { holdCovers } from '../deadlines/holds';
import {
  createRecordIndex,
  loadRecordIndex,
  type IndexableRecord,
  type RecordIndex,
  type RecordIndexJSON,
} from '../library/search';
import type { AuditEvent, CouncilRecord } from '../types';
import type { CouncilDb } from './database';

export const SEARCH_INDEX_KEY = 'searchIndex';

interface StoredIndex {
  /** Last audit seq applied. */
  mark: number;
  index: RecordIndexJSON;
}

export interface SearchIndexState {
  index: RecordIndex;
  mark: number;
}

/** Where a record stands with delivery, for the filter: 'delivered' | 'pending' | 'failed' | 'not-delivered'. */
export function deliveryStateOf(
  deliveredKinds: readonly string[],
  outboxStates: readonly string[],
): string {
  if (deliveredKinds.some((k) => k !== 'screenshot') || outboxStates.includes('delivered')) {
    return 'delivered';
  }
  if (outboxStates.includes('failed')) return 'failed';
  if (outboxStates.some((s) => s === 'pending' || s === 'delivering')) return 'pending';
  return 'not-delivered';
}

/** The moment a record is about, for holds' periods: when it was sent, or else captured. */
export function recordMoment(r: Pick<CouncilRecord, 'message' | 'capturedAt'>): string {
  return r.message.sentAt ?? r.capturedAt;
}

/** Ids of the holds (open or closed) that cover a record: a closed request still names what it held. */
export function holdIdsFor(r: CouncilRecord, holds: readonly Hold[]): string[] {
  const target = { chatKey: r.chatKey, recordId: r.id, at: recordMoment(r) };
  return holds.filter((h) => holdCovers(h, target)).map((h) => h.id);
}

async function enrich(db: CouncilDb, r: CouncilRecord, holds: Hold[]): Promise<IndexableRecord> {
  const [deliveries, outbox] = await Promise.all([
    db.deliveries.where('recordId').equals(r.id).toArray(),
    db.outbox.where('recordId').equals(r.id).toArray(),
  ]);
  return {
    ...r,
    deliveryState: deliveryStateOf(
      deliveries.map((d) => d.kind),
      outbox.map((o) => o.state),
    ),
    holdIds: holdIdsFor(r, holds),
  };
}

/** Builds the index from every record (first open, or after the stored one could not be used). */
export async function buildSearchIndex(db: CouncilDb): Promise<SearchIndexState> {
  return db.transaction(
    'r',
    [db.records, db.deliveries, db.outbox, db.holds, db.events],
    async () => {
      const [records, deliveries, outbox, holds, last] = await Promise.all([
        db.records.toArray(),
        db.deliveries.toArray(),
        db.outbox.toArray(),
        db.holds.toArray(),
        db.events.orderBy('seq').last(),
      ]);
      const kinds = new Map<string, string[]>();
      for (const d of deliveries)
        (kinds.get(d.recordId) ?? kinds.set(d.recordId, []).get(d.recordId)!).push(d.kind);
      const states = new Map<string, string[]>();
      for (const o of outbox)
        (states.get(o.recordId) ?? states.set(o.recordId, []).get(o.recordId)!).push(o.state);
      const index = createRecordIndex();
      for (const r of records) {
        index.add({
          ...r,
          deliveryState: deliveryStateOf(kinds.get(r.id) ?? [], states.get(r.id) ?? []),
          holdIds: holdIdsFor(r, holds),
        });
      }
      return { index, mark: last?.seq ?? 0 };
    },
  );
}

const RECORD_EVENTS = new Set<AuditEvent['type']>([
  'record.captured',
  'record.annotated',
  'record.delivered',
  'record.disposed',
  'record.retention-extended',
]);

/**
 * Applies the audit events after `state.mark` to the index (in place). Returns how many events were
 * read; 0 means nothing changed.
 */
export async function applyNewEvents(db: CouncilDb, state: SearchIndexState): Promise<number> {
  const events = await db.events.where('seq').above(state.mark).sortBy('seq');
  if (events.length === 0) return 0;
  const holds = await db.holds.toArray();
  const recordIds = new Set<string>();
  const newHolds: Hold[] = [];
  for (const e of events) {
    if (RECORD_EVENTS.has(e.type)) recordIds.add(e.subject);
    else if (e.type === 'hold.opened') {
      const h = holds.find((x) => x.id === e.subject);
      if (h) newHolds.push(h);
    }
  }
  if (newHolds.length > 0) {
    // A new hold can cover any record: walk them once (holds are rare, records many).
    await db.records.each((r) => {
      if (
        newHolds.some((h) =>
          holdCovers(h, { chatKey: r.chatKey, recordId: r.id, at: recordMoment(r) }),
        )
      ) {
        recordIds.add(r.id);
      }
    });
  }
  if (recordIds.size > REBUILD_OVER) {
    // A large backlog (an import elsewhere, a long time closed): one bulk read beats thousands of
    // small ones, record by record.
    const built = await buildSearchIndex(db);
    state.index = built.index;
    state.mark = built.mark;
    return events.length;
  }
  const ids = [...recordIds];
  const records = await db.records.bulkGet(ids);
  for (const [i, id] of ids.entries()) {
    const r = records[i];
    if (!r) state.index.remove(id);
    else state.index.replace(await enrich(db, r, holds));
  }
  state.mark = events[events.length - 1]!.seq;
  return events.length;
}

/** Beyond this many changed records, `applyNewEvents` rebuilds the index instead. */
const REBUILD_OVER = 500;

export async function saveSearchIndex(db: CouncilDb, state: SearchIndexState): Promise<void> {
  const value: StoredIndex = { mark: state.mark, index: state.index.toJSON() };
  await db.meta.put({ key: SEARCH_INDEX_KEY, value });
}

/**
 * Loads the stored index and applies what happened since; builds it when there is none. Saves it
 * back when anything changed, so the next open is cheap.
 */
export async function openSearchIndex(
  db: CouncilDb,
): Promise<SearchIndexState & { rebuilt: boolean }> {
  const row = await db.meta.get(SEARCH_INDEX_KEY);
  const stored = row?.value as StoredIndex | undefined;
  let state: SearchIndexState | undefined;
  if (stored && typeof stored.mark === 'number') {
    try {
      state = { index: loadRecordIndex(stored.index), mark: stored.mark };
    } catch {
      state = undefined;
    }
  }
  // A restored or replaced database starts its chain again: an index ahead of it is stale.
  const last = await db.events.orderBy('seq').last();
  if (state && state.mark > (last?.seq ?? 0)) state = undefined;
  if (!state) {
    const built = await buildSearchIndex(db);
    await saveSearchIndex(db, built);
    return { ...built, rebuilt: true };
  }
  if ((await applyNewEvents(db, state)) > 0) await saveSearchIndex(db, state);
  return { ...state, rebuilt: false };
}

/** Brings an open index up to date (after a change seen by liveQuery); saves when it moved. */
export async function refreshSearchIndex(db: CouncilDb, state: SearchIndexState): Promise<boolean> {
  const n = await applyNewEvents(db, state);
  if (n > 0) await saveSearchIndex(db, state);
  return n > 0;
}

/** Forgets the stored index (after a restore): the next open rebuilds it from the records. */
export async function dropSearchIndex(db: CouncilDb): Promise<void> {
  await db.meta.delete(SEARCH_INDEX_KEY);
}
