import type { ChatState } from '../../utils/messaging';
import type { ObservedMessage } from '../../utils/types';

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

/** Every field equal (the quoted reply by value). */
export function sameMessage(a: ObservedMessage, b: ObservedMessage): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof ObservedMessage)[]);
  for (const key of keys) {
    if (key === 'quoted') {
      if (a.quoted?.sender !== b.quoted?.sender || a.quoted?.text !== b.quoted?.text) return false;
      if ((a.quoted === undefined) !== (b.quoted === undefined)) return false;
    } else if (a[key] !== b[key]) {
      return false;
    }
  }
  return true;
}
