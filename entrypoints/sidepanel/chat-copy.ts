/**
 * The side panel's copy of the open chat: kept up to date with as little fetched from WhatsApp's
 * page, and as little rendered again, as can be.
 */
import type { ChatChanges, ChatState } from '../../utils/messaging';
import type { ObservedMessage } from '../../utils/types';
import { sameMessage } from '../../utils/whatsapp/same-message';

/** How the panel asks the WhatsApp tab (a function each, so tests can stand in for the tab). */
export interface ChatSource {
  changes(since: { epoch: string; version: number }): Promise<ChatChanges | undefined>;
  all(): Promise<ChatState | undefined>;
}

/**
 * The open chat now. Only what changed since the state shown, when the tab still has that very
 * list of seen messages: a busy chat's tab then sends a few messages and the ids, not every
 * message seen. Otherwise all of it, keeping the objects of unchanged messages.
 */
export async function latestChatState(
  shown: ChatState | undefined,
  source: ChatSource,
): Promise<ChatState | undefined> {
  if (shown) {
    const changes = await source.changes({ epoch: shown.epoch, version: shown.version });
    const next = changes && applyChanges(shown, changes);
    if (next) return next;
  }
  const state = await source.all();
  return state && keepUnchanged(shown, state);
}

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

/**
 * The shown chat state brought up to date by `changes` (asked for since its version): kept
 * objects for the messages not changed, and the shown list itself when nothing moved. Undefined
 * when the changes do not fit what is shown (another list of seen messages, or an id neither
 * shown nor changed): then the whole state must be fetched.
 */
export function applyChanges(shown: ChatState, changes: ChatChanges): ChatState | undefined {
  const { ids, changed, ...rest } = changes;
  if (rest.epoch !== shown.epoch || rest.chatKey !== shown.chatKey) return undefined;
  const old = shown.messages;
  const sameOrder = ids.length === old.length && ids.every((id, i) => old[i]!.id === id);
  if (sameOrder && changed.length === 0) return { ...rest, messages: old };
  const byId = new Map(old.map((m) => [m.id, m]));
  for (const m of changed) byId.set(m.id, m);
  const messages: ObservedMessage[] = [];
  for (const id of ids) {
    const m = byId.get(id);
    if (!m) return undefined;
    messages.push(m);
  }
  return { ...rest, messages };
}
