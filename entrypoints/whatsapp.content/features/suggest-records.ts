import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage, type SeenForAdvice } from '../../../utils/messaging';
import { watchAdviceContext } from '../../../utils/advice-context';
import type { Session } from '../session';
import type { ObservedMessage } from '../../../utils/types';

/** Suggestions only start capture clocks: a second late is nothing, and saves a message per frame. */
const SEND_AFTER_MS = 1_000;
/** Messages sent per task (a whole chat at once would be one long copy). */
const SLICE = 200;

/**
 * Sends each message first seen to the background, once, so that it can classify it and start
 * the capture clock of the records among them. The background classifies, not this script:
 * classifying costs WhatsApp's page nothing there (and its first use compiles every pattern of
 * the policy, a long task in the page). A scan only queues the messages it read afresh; they are
 * sent after the frame, together, at most once a second.
 */
export function init(ctx: ContentScriptContext, session: Session): void {
  let policyId: string | undefined;
  let looked = new Set<string>();
  let chatKey = '';
  let retryAll = false;
  /** Messages to send once the frame is over, and whether that is scheduled. */
  let queue: ObservedMessage[] = [];
  let scheduled = false;

  /** Every message seen is new in some scan: looking at the new ones (`ids`) is enough. */
  const scan = (all = false, ids?: ReadonlySet<string>) => {
    const state = session.state;
    if (!state?.recognised || !state.chatKey) return;
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
    const batch = queue.splice(0, SLICE);
    const key = chatKey;
    if (!state || state.chatKey !== key || !key) {
      queue = [];
      return;
    }
    if (queue.length > 0) {
      scheduled = true;
      ctx.setTimeout(send, 0);
    }
    const messages: SeenForAdvice[] = [];
    for (const m of batch) {
      if (looked.has(m.id)) continue;
      looked.add(m.id);
      if (m.deleted || session.captured.has(m.id)) continue;
      messages.push({ messageId: m.id, text: m.text, ...(m.sentAt ? { sentAt: m.sentAt } : {}) });
    }
    if (messages.length === 0) return;
    const isGroup = state.chat.isGroup;
    sendMessage('suggestRecords', { chatKey: key, isGroup, messages }).catch(() => {
      // Background asleep or reloading: look at them again on the next scan.
      if (key !== chatKey) return;
      for (const m of messages) looked.delete(m.messageId);
      retryAll = true; // they may have scrolled out of the page by then
    });
  };

  // A different policy may suggest differently: send them all again (the background keeps the
  // time each was first suggested).
  const onPolicy = (id: string) => {
    const changed = policyId !== undefined && policyId !== id;
    policyId = id;
    if (changed) {
      looked = new Set();
      scan(true);
    }
  };
  ctx.onInvalidated(watchAdviceContext((advice) => onPolicy(advice.policy.id)));
  ctx.onInvalidated(session.onScan((ids) => scan(false, ids)));
  // The chat as read before this feature was listening.
  scan(true);

  function* visible(ids: ReadonlySet<string> | undefined): Iterable<ObservedMessage> {
    if (!ids) return yield* session.visible.values();
    for (const id of ids) {
      const m = session.visible.get(id);
      if (m) yield m;
    }
  }
}
