import type { ChatEntry, ChatIdentity, ChatKind } from '../types';
import { chatKeyOf } from '../chat-key';
import { appendEvent } from './audit';
import type { CouncilDb } from './database';

/** Records that a chat was seen; must run inside a rw transaction on chats + events. */
export async function upsertChatInTx(
  db: CouncilDb,
  chat: ChatIdentity,
  at: string,
  actor = 'system',
): Promise<ChatEntry> {
  const chatKey = chatKeyOf(chat);
  const existing = await db.chats.get(chatKey);
  if (existing) {
    const updated: ChatEntry = { ...existing, title: chat.title, lastSeenAt: at };
    await db.chats.put(updated);
    return updated;
  }
  const entry: ChatEntry = {
    chatKey,
    title: chat.title,
    isGroup: chat.isGroup,
    kind: 'unclassified',
    firstSeenAt: at,
    lastSeenAt: at,
    ...(chat.jid ? { jid: chat.jid } : {}),
  };
  await db.chats.add(entry);
  await appendEvent(db, {
    type: 'chat.seen',
    at,
    actor,
    subject: chatKey,
    details: { title: chat.title, isGroup: chat.isGroup },
  });
  return entry;
}

export async function noteChatSeen(
  db: CouncilDb,
  chat: ChatIdentity,
  now: Date,
): Promise<ChatEntry> {
  return db.transaction('rw', db.chats, db.events, () =>
    upsertChatInTx(db, chat, now.toISOString()),
  );
}

export async function setChatKind(
  db: CouncilDb,
  chatKey: string,
  kind: ChatKind,
  actor: string,
  now: Date,
): Promise<void> {
  await db.transaction('rw', db.chats, db.events, async () => {
    const chat = await db.chats.get(chatKey);
    if (!chat) throw new Error(`No chat ${chatKey}`);
    if (chat.kind === kind) return;
    await db.chats.put({ ...chat, kind });
    await appendEvent(db, {
      type: 'chat.classified',
      at: now.toISOString(),
      actor,
      subject: chatKey,
      details: { from: chat.kind, to: kind },
    });
  });
}
