import { Dexie, type EntityTable } from 'dexie';
import type { AuditEvent, ChatEntry, CouncilRecord } from '../types';
import type { Hold, Snooze, SuggestedRecord } from '../deadlines/types';
import type { OutboxEntry } from '../delivery/outbox';

/** Where a record went: an email draft, a bundle, a webhook delivery, the clipboard. */
export interface Delivery {
  id: string;
  recordId: string;
  kind: 'email-draft' | 'mailto' | 'bundle' | 'webhook' | 'clipboard-note' | 'screenshot';
  /** ISO instant. */
  at: string;
  /** Human-readable target: 'clerk@…', a bundle file name, a host. */
  target: string;
  detail?: string;
}

/** A screenshot of a message bubble kept with its record as evidence. */
export interface Screenshot {
  id: string;
  recordId: string;
  mime: 'image/png';
  bytes: Uint8Array;
  width: number;
  height: number;
  sha256: string;
  takenAt: string;
}

/** A suggested record the user looked at and decided not to capture, with the reason. */
export interface Dismissal {
  chatKey: string;
  messageId: string;
  reason: string;
  by: string;
  at: string;
}

/** A keyed value stored beside the data (not evidence: it can always be rebuilt from it). */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/**
 * The one database, in the extension origin (never in a content script, where IndexedDB would
 * belong to web.whatsapp.com). Never edit a shipped `version(n)`: add the next one.
 */
export class CouncilDb extends Dexie {
  records!: EntityTable<CouncilRecord, 'id'>;
  chats!: EntityTable<ChatEntry, 'chatKey'>;
  events!: EntityTable<AuditEvent, 'seq'>;
  holds!: EntityTable<Hold, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  deliveries!: EntityTable<Delivery, 'id'>;
  screenshots!: EntityTable<Screenshot, 'id'>;
  /** Messages the advice suggested are records (the capture clock starts when first seen). */
  suggested!: Dexie.Table<SuggestedRecord, [string, string]>;
  dismissals!: Dexie.Table<Dismissal, [string, string]>;
  snoozes!: EntityTable<Snooze, 'key'>;
  /** Small keyed values kept with the data, e.g. the serialised search index and its mark. */
  meta!: EntityTable<MetaEntry, 'key'>;

  constructor(name = 'council-capture') {
    super(name);
    this.version(1).stores({
      // &[chatKey+messageId]: one record per message, so capture is idempotent.
      records: 'id, &[chatKey+messageId], chatKey, capturedAt, *categories, retainUntil',
      chats: 'chatKey, kind, lastSeenAt',
      events: 'seq, type, subject, at',
    });
    this.version(2).stores({
      holds: 'id, kind, openedAt, closedAt',
      outbox: 'id, recordId, state, nextTryAt',
      deliveries: 'id, recordId, kind, at',
      screenshots: 'id, recordId',
      suggested: '[chatKey+messageId], chatKey, seenAt',
      dismissals: '[chatKey+messageId], chatKey',
      snoozes: 'key, until',
    });
    // The records page keeps its search index here so it is updated, not rebuilt, on open.
    this.version(3).stores({
      meta: 'key',
    });
  }
}

let instance: CouncilDb | undefined;

/** The shared instance for extension contexts; tests create their own `new CouncilDb(name)`. */
export function getDb(): CouncilDb {
  instance ??= new CouncilDb();
  return instance;
}
