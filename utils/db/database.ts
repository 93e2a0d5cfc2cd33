import { Dexie, type EntityTable } from 'dexie';
import type { AuditEvent, ChatEntry, CouncilRecord } from '../types';

/**
 * The one database, in the extension origin (never in a content script, where IndexedDB would
 * belong to web.whatsapp.com). Never edit a shipped `version(n)`: add the next one.
 */
export class CouncilDb extends Dexie {
  records!: EntityTable<CouncilRecord, 'id'>;
  chats!: EntityTable<ChatEntry, 'chatKey'>;
  events!: EntityTable<AuditEvent, 'seq'>;

  constructor(name = 'council-capture') {
    super(name);
    this.version(1).stores({
      // &[chatKey+messageId]: one record per message, so capture is idempotent.
      records: 'id, &[chatKey+messageId], chatKey, capturedAt, *categories, retainUntil',
      chats: 'chatKey, kind, lastSeenAt',
      events: 'seq, type, subject, at',
    });
  }
}

let instance: CouncilDb | undefined;

/** The shared instance for extension contexts; tests create their own `new CouncilDb(name)`. */
export function getDb(): CouncilDb {
  instance ??= new CouncilDb();
  return instance;
}
