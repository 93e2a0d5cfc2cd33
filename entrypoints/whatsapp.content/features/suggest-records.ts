import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../../utils/messaging';
import { classifyMessage } from '../../../utils/policy/classify';
import type { Policy } from '../../../utils/policy/schema';
import { watchAdviceContext, type AdviceContext } from '../../../utils/advice-context';
import type { Session } from '../session';
import type { ObservedMessage } from '../../../utils/types';

/** Suggestions only start capture clocks: a second late is nothing, and saves a message per frame. */
const SEND_AFTER_MS = 1_000;
/** Messages classified per task (about 5 ms on a slow laptop). */
const SLICE = 200;

/**
 * Reports messages the advice says are council records, once each, so the background can start
 * their capture clock when first seen. A scan only queues the messages it read afresh; they are
 * classified and sent after the frame, together, at most once a second.
 */
export function init(ctx: ContentScriptContext, session: Session): void {
  let policy: Policy | undefined;
  let looked = new Set<string>();
  let chatKey = '';
  let retryAll = false;
  /** Messages to look at once the frame is over, and whether that is scheduled. */
  let queue: ObservedMessage[] = [];
  let scheduled = false;

  /** Every message seen is new in some scan: looking at the new ones (`ids`) is enough. */
  const scan = (all = false, ids?: ReadonlySet<string>) => {
    const state = session.state;
    if (!policy || !state?.recognised || !state.chatKey) return;
    if (state.chatKey !== chatKey) {
      chatKey = state.chatKey;
      looked = new Set();
      queue = [];
      all = true;
    }
    if (retryAll) all = true;
    retryAll = false;
    for (const m of all ? state.messages : visible(ids)) if (!looked.has(m.id)) queue.push(m);
    if (queue.length > 0 && !scheduled) {
      scheduled = true;
      ctx.setTimeout(send, SEND_AFTER_MS);
    }
  };

  const send = () => {
    scheduled = false;
    const state = session.state;
    // A slice per task: a whole chat at once (when the policy arrives) would be a long task.
    const messages = queue.splice(0, SLICE);
    const key = chatKey;
    if (!policy || !state || state.chatKey !== key || !key) {
      queue = [];
      return;
    }
    if (queue.length > 0) {
      scheduled = true;
      ctx.setTimeout(send, 0);
    }
    const items: { messageId: string; sentAt?: string }[] = [];
    for (const m of messages) {
      if (looked.has(m.id)) continue;
      looked.add(m.id);
      if (m.deleted || session.captured.has(m.id)) continue;
      if (!classifyMessage(m.text, policy, { isGroup: state.chat.isGroup }).record) continue;
      items.push({ messageId: m.id, ...(m.sentAt ? { sentAt: m.sentAt } : {}) });
    }
    if (items.length === 0) return;
    sendMessage('suggestRecords', { chatKey: key, items }).catch(() => {
      // Background asleep or reloading: look at them again on the next scan.
      if (key !== chatKey) return;
      for (const i of items) looked.delete(i.messageId);
      retryAll = true; // they may have scrolled out of the page by then
    });
  };

  const apply = (p: Policy) => {
    const changed = policy !== undefined && policy.id !== p.id;
    policy = p;
    // A different policy may suggest differently: look again (the background keeps first-seen).
    if (changed) looked = new Set();
    scan(true);
  };
  ctx.onInvalidated(watchAdviceContext((advice: AdviceContext) => apply(advice.policy)));
  ctx.onInvalidated(session.onScan((ids) => scan(false, ids)));

  function* visible(ids: ReadonlySet<string> | undefined): Iterable<ObservedMessage> {
    if (!ids) return yield* session.visible.values();
    for (const id of ids) {
      const m = session.visible.get(id);
      if (m) yield m;
    }
  }
}
