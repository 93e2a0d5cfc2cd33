import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import {
  readChat,
  findMessageRows,
  messageIdOfRow,
  type RowCache,
} from '../../../utils/whatsapp/read-chat';
import { observePage } from '../../../utils/whatsapp/observe';
import { SeenMessages } from '../../../utils/whatsapp/accumulate';
import { chatKeyOf } from '../../../utils/chat-key';
import { onMessage, sendMessage, type ChatState, type ChatSummary } from '../../../utils/messaging';
import { OWN_ATTRIBUTE, type Session } from '../session';

/**
 * Reads the open chat on every DOM change (once per frame), accumulates what has been seen,
 * detects chat switches and tells the side panel and background.
 */
export function init(ctx: ContentScriptContext, session: Session): void {
  let seen = new SeenMessages();
  let chatKey: string | undefined;
  // What each row says about itself, kept until the row mutates: a scan re-reads only new rows.
  let cache: RowCache = new WeakMap();

  // Benchmarks set this attribute on the page to get a User Timing measure per scan.
  const measure = document.documentElement.hasAttribute('data-council-capture-bench');

  const scan = (changed?: Set<Element>) => {
    const started = measure ? performance.now() : 0;
    for (const el of changed ?? []) {
      const row = el.closest('[role="row"]');
      if (row) cache.delete(row);
    }
    const snapshot = readChat(document, { today: localToday(), cache });
    const key = snapshot.recognised ? chatKeyOf(snapshot.chat) : undefined;
    const switched = key !== chatKey;
    if (switched) {
      chatKey = key;
      seen = new SeenMessages();
      cache = new WeakMap();
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
    session.visible = new Map(snapshot.messages.map((m) => [m.id, m]));
    const state: ChatState = {
      recognised: snapshot.recognised,
      chat: snapshot.chat,
      chatKey: key ?? '',
      // A new array only when something was added, so unchanged scans copy nothing.
      messages: grew || switched || !session.state ? [...seen.messages] : session.state.messages,
      locale: document.documentElement.lang || undefined,
      ...(snapshot.problem ? { problem: snapshot.problem } : {}),
    };
    const problemChanged = session.state?.problem !== state.problem;
    session.state = state;
    session.scanned();
    if (measure) performance.measure('council-capture:scan', { start: started });
    if (switched || grew || problemChanged) {
      // A small summary: the side panel, if open, asks for the messages it needs.
      const { messages, ...rest } = state;
      const summary: ChatSummary = { ...rest, messageCount: messages.length };
      void sendMessage('chatStateChanged', summary).catch(() => undefined);
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
