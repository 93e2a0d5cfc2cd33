import type { ChatState } from '../../utils/messaging';
import { sameMessage } from '../../utils/whatsapp/same-message';

/**
 * The chat state just fetched, with every message equal to one already shown replaced by that
 * very object (and the whole list by the shown one when nothing in it changed). Each fetch gives
 * new objects; kept ones let the list render and classify again only what changed.
 */
export function keepUnchanged(shown: ChatState | undefined, next: ChatState): ChatState {
  if (!shown || shown.chatKey !== next.chatKey) return next;
  const before = new Map(shown.messages.map((m) => [m.id, m]));
  let same = shown.messages.length === next.messages.length;
  const messages = next.messages.map((m, i) => {
    const old = before.get(m.id);
    const kept = old && sameMessage(old, m) ? old : m;
    if (kept !== shown.messages[i]) same = false;
    return kept;
  });
  return { ...next, messages: same ? shown.messages : messages };
}
