import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readChat, findMessageRows, messageIdOfRow } from '../../../utils/whatsapp/read-chat';
import { observePage } from '../../../utils/whatsapp/observe';
import { SeenMessages } from '../../../utils/whatsapp/accumulate';
import { chatKeyOf } from '../../../utils/chat-key';
import { onMessage, sendMessage, type ChatState } from '../../../utils/messaging';
import { OWN_ATTRIBUTE, type Session } from '../session';

/**
 * Reads the open chat on every DOM change (once per frame), accumulates what has been seen,
 * detects chat switches and tells the side panel and background.
 */
export function init(ctx: ContentScriptContext, session: Session): void {
  let seen = new SeenMessages();
  let chatKey: string | undefined;

  // Benchmarks set this attribute on the page to get a User Timing measure per scan.
  const measure = document.documentElement.hasAttribute('data-council-capture-bench');

  const scan = () => {
    const started = measure ? performance.now() : 0;
    const snapshot = readChat(document, { today: localToday() });
    const key = snapshot.recognised ? chatKeyOf(snapshot.chat) : undefined;
    const switched = key !== chatKey;
    if (switched) {
      chatKey = key;
      seen = new SeenMessages();
      session.captured = new Set();
      if (key) {
        void sendMessage('chatOpened', snapshot.chat).catch(() => undefined);
        void refreshCaptured(key);
      }
    }
    const grew = seen.merge(snapshot.messages);

    session.rows = new Map();
    if (snapshot.recognised) {
      for (const row of findMessageRows(document)) {
        const id = messageIdOfRow(row);
        if (id) session.rows.set(id, row);
      }
    }
    const state: ChatState = {
      recognised: snapshot.recognised,
      chat: snapshot.chat,
      chatKey: key ?? '',
      messages: [...seen.messages],
      locale: document.documentElement.lang || undefined,
      ...(snapshot.problem ? { problem: snapshot.problem } : {}),
    };
    const problemChanged = session.state?.problem !== state.problem;
    session.state = state;
    session.scanned();
    if (measure) performance.measure('council-capture:scan', { start: started });
    if (switched || grew || problemChanged) {
      // Nobody may be listening (side panel closed): that is fine.
      void sendMessage('chatStateChanged', state).catch(() => undefined);
    }
  };

  const refreshCaptured = async (key: string) => {
    try {
      const ids = await sendMessage('capturedIds', { chatKey: key });
      if (key !== chatKey) return;
      session.captured = new Set(ids);
      session.scanned();
    } catch {
      // Background not reachable (extension reloading): buttons still work on click.
    }
  };

  const stopObserving = observePage(document.body, scan, { ownAttribute: OWN_ATTRIBUTE });
  ctx.onInvalidated(stopObserving);

  const stopGet = onMessage('getChatState', () => session.state);
  const stopChanged = onMessage('recordsChanged', ({ data }) => {
    if (data.chatKey !== chatKey) return;
    for (const id of data.messageIds) session.captured.add(id);
    session.scanned();
  });
  ctx.onInvalidated(() => {
    stopGet();
    stopChanged();
  });

  scan();
}

/** The user's local date, so "Today" / "Yesterday" dividers resolve to real dates. */
function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
