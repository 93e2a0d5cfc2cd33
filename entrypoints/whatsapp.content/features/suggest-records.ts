import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../../utils/messaging';
import { classifyMessage } from '../../../utils/policy/classify';
import type { Policy } from '../../../utils/policy/schema';
import { watchAdviceContext, type AdviceContext } from '../../../utils/advice-context';
import type { Session } from '../session';

/**
 * Reports messages the advice says are council records, once each, so the background can start
 * their capture clock when first seen. Classifies only ids not yet looked at (one batch per scan).
 */
export function init(ctx: ContentScriptContext, session: Session): void {
  let policy: Policy | undefined;
  let looked = new Set<string>();
  let chatKey = '';

  const scan = () => {
    const state = session.state;
    if (!policy || !state?.recognised || !state.chatKey) return;
    if (state.chatKey !== chatKey) {
      chatKey = state.chatKey;
      looked = new Set();
    }
    const items: { messageId: string; sentAt?: string }[] = [];
    for (const m of state.messages) {
      if (looked.has(m.id)) continue;
      looked.add(m.id);
      if (m.deleted || session.captured.has(m.id)) continue;
      if (!classifyMessage(m.text, policy, { isGroup: state.chat.isGroup }).record) continue;
      items.push({ messageId: m.id, ...(m.sentAt ? { sentAt: m.sentAt } : {}) });
    }
    if (items.length === 0) return;
    const key = chatKey;
    sendMessage('suggestRecords', { chatKey: key, items }).catch(() => {
      // Background asleep or reloading: look at them again on the next scan.
      if (key === chatKey) for (const i of items) looked.delete(i.messageId);
    });
  };

  const apply = (p: Policy) => {
    const changed = policy !== undefined && policy.id !== p.id;
    policy = p;
    // A different policy may suggest differently: look again (the background keeps first-seen).
    if (changed) looked = new Set();
    scan();
  };
  ctx.onInvalidated(watchAdviceContext((advice: AdviceContext) => apply(advice.policy)));
  ctx.onInvalidated(session.onScan(scan));
}
