import type { ChatIdentity } from './types';

/**
 * A stable key for a chat. WhatsApp Web stopped exposing chat JIDs in April 2026, so newer chats
 * are keyed by title; users can merge chats whose title changed (see options page).
 */
export function chatKeyOf(
  chat: Pick<ChatIdentity, 'title' | 'jid'> & Partial<ChatIdentity>,
): string {
  return chat.jid ? `jid:${chat.jid}` : `title:${chat.title}`;
}
