/**
 * Suggested records (messages the advice says are records) and dismissals ("not a record", with
 * the user's reason). Both are evidence of what the product advised and what the user decided,
 * so every write is transactional, idempotent and audited.
 */
import type { CouncilDb, Dismissal } from './database';
import type { SuggestedRecord } from '../deadlines/types';
import { appendEvent } from './audit';

export interface SuggestedItem {
  messageId: string;
  /** The message's own wall time, when known. */
  sentAt?: string;
}

/**
 * Notes messages first seen as suggested records. Only new ones are written (seenAt = `now`, the
 * first time seen, which starts the capture clock); messages already captured or dismissed, and
 * anything in a chat marked personal (outside every policy), are skipped. One audit event per
 * call. Returns the ids written.
 */
export async function noteSuggested(
  db: CouncilDb,
  chatKey: string,
  items: SuggestedItem[],
  now: Date,
  actor = 'system',
): Promise<string[]> {
  if (!chatKey || items.length === 0) return [];
  const unique = [...new Map(items.map((i) => [i.messageId, i])).values()].filter(
    (i) => typeof i.messageId === 'string' && i.messageId.length > 0 && i.messageId.length <= 200,
  );
  return db.transaction(
    'rw',
    [db.suggested, db.records, db.dismissals, db.chats, db.events],
    async () => {
      const chat = await db.chats.get(chatKey);
      if (chat?.kind === 'personal') return [];
      const keys = unique.map((i) => [chatKey, i.messageId] as [string, string]);
      const [seen, dismissed, captured] = await Promise.all([
        db.suggested.bulkGet(keys),
        db.dismissals.bulkGet(keys),
        db.records.where('[chatKey+messageId]').anyOf(keys).toArray(),
      ]);
      const capturedIds = new Set(captured.map((r) => r.messageId));
      const seenAt = now.toISOString();
      const fresh: SuggestedRecord[] = [];
      unique.forEach((item, i) => {
        if (seen[i] || dismissed[i] || capturedIds.has(item.messageId)) return;
        fresh.push({
          chatKey,
          messageId: item.messageId,
          seenAt,
          ...(item.sentAt ? { sentAt: item.sentAt } : {}),
        });
      });
      if (fresh.length === 0) return [];
      await db.suggested.bulkAdd(fresh);
      await appendEvent(db, {
        type: 'record.suggested',
        at: seenAt,
        actor,
        subject: chatKey,
        details: { messageIds: fresh.map((f) => f.messageId) },
      });
      return fresh.map((f) => f.messageId);
    },
  );
}

export type DismissResult =
  | { status: 'dismissed'; dismissal: Dismissal }
  | { status: 'already-dismissed'; dismissal: Dismissal }
  | { status: 'error'; error: string };

/** Records the user's decision that a suggested record is not one, with their reason. */
export async function dismissSuggestion(
  db: CouncilDb,
  req: { chatKey: string; messageId: string; reason: string },
  by: string,
  now: Date,
): Promise<DismissResult> {
  const reason = typeof req.reason === 'string' ? req.reason.trim() : '';
  if (!req.chatKey || !req.messageId)
    return { status: 'error', error: 'The message is not known.' };
  if (reason === '') return { status: 'error', error: 'Say why this is not a record.' };
  if (reason.length > 1000)
    return { status: 'error', error: 'The reason is too long (1,000 characters at most).' };
  try {
    return await db.transaction('rw', db.dismissals, db.events, async () => {
      const existing = await db.dismissals.get([req.chatKey, req.messageId]);
      if (existing) return { status: 'already-dismissed', dismissal: existing } as const;
      const dismissal: Dismissal = {
        chatKey: req.chatKey,
        messageId: req.messageId,
        reason,
        by,
        at: now.toISOString(),
      };
      await db.dismissals.add(dismissal);
      await appendEvent(db, {
        type: 'suggestion.dismissed',
        at: dismissal.at,
        actor: by,
        subject: req.chatKey,
        details: { messageId: req.messageId, reason },
      });
      return { status: 'dismissed', dismissal } as const;
    });
  } catch (err) {
    return {
      status: 'error',
      error: `The decision could not be saved, so nothing was written (${
        err instanceof Error ? err.message : String(err)
      }).`,
    };
  }
}
