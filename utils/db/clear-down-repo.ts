/**
 * Marking a chat as cleared down (the user deleted its messages in WhatsApp; the product never
 * does). The pure `canClearDown` decides; this repository re-checks inside the write transaction,
 * so a hold opened a moment earlier in another context still blocks it.
 */
import { canClearDown } from '../deadlines';
import type { SuggestedRecord } from '../deadlines/types';
import type { ChatEntry } from '../types';
import { appendEvent } from './audit';
import type { CouncilDb } from './database';

export type ClearDownResult =
  { status: 'cleared'; chat: ChatEntry } | { status: 'refused'; reasons: string[] };

/** Suggested records in a chat that were neither captured nor dismissed (with a reason). */
export async function uncapturedSuggestions(
  db: CouncilDb,
  chatKey: string,
): Promise<SuggestedRecord[]> {
  const [suggested, captured, dismissed] = await Promise.all([
    db.suggested.where('chatKey').equals(chatKey).toArray(),
    db.records.where('chatKey').equals(chatKey).toArray(),
    db.dismissals.where('chatKey').equals(chatKey).toArray(),
  ]);
  const done = new Set([...captured.map((r) => r.messageId), ...dismissed.map((d) => d.messageId)]);
  return suggested.filter((s) => !done.has(s.messageId));
}

/**
 * Records that the user cleared a chat down at `now`; audited 'chat.cleared'. Refused, with the
 * reasons and nothing written, while an open hold covers the chat or suggested records in it are
 * not yet captured or dismissed.
 */
export async function markChatCleared(
  db: CouncilDb,
  chatKey: string,
  actor: string,
  now: Date,
  details: { clause?: string } = {},
): Promise<ClearDownResult> {
  return db.transaction(
    'rw',
    [db.chats, db.events, db.holds, db.suggested, db.records, db.dismissals],
    async () => {
      const chat = await db.chats.get(chatKey);
      if (!chat)
        return { status: 'refused', reasons: ['Council Capture does not know this chat.'] };
      const holds = await db.holds.toArray();
      const pending = await uncapturedSuggestions(db, chatKey);
      const verdict = canClearDown(now, chatKey, holds, pending);
      if (!verdict.ok) return { status: 'refused', reasons: verdict.reasons };
      const at = now.toISOString();
      const cleared: ChatEntry = { ...chat, lastClearedAt: at };
      await db.chats.put(cleared);
      await appendEvent(db, {
        type: 'chat.cleared',
        at,
        actor,
        subject: chatKey,
        details: {
          title: chat.title,
          kind: chat.kind,
          ...(chat.lastClearedAt ? { previouslyClearedAt: chat.lastClearedAt } : {}),
          ...(details.clause ? { clause: details.clause } : {}),
        },
      });
      return { status: 'cleared', chat: cleared };
    },
  );
}
