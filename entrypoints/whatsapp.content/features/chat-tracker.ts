import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { LiveChatReader, type LiveRead } from '../../../utils/whatsapp/live-reader';
import { observePage, type ChildListChange } from '../../../utils/whatsapp/observe';
import { SeenMessages } from '../../../utils/whatsapp/accumulate';
import { chatKeyOf } from '../../../utils/chat-key';
import { browser, type Browser } from 'wxt/browser';
import {
  CHAT_PORT,
  onMessage,
  sendMessage,
  type ChatPortMessage,
  type ChatState,
  type ChatSummary,
} from '../../../utils/messaging';
import { OWN_ATTRIBUTE, type Session } from '../session';
import type { ObservedMessage } from '../../../utils/types';

const SUMMARY_EVERY_MS = 250;

/**
 * Reads the open chat on every DOM change (once per frame), accumulates what has been seen,
 * detects chat switches and tells the side panel and background.
 */
export function init(ctx: ContentScriptContext, session: Session): void {
  let seen = new SeenMessages();
  let chatKey: string | undefined;
  // Keeps the row list, each row's facts and the messages between scans: a scan costs what changed.
  const reader = new LiveChatReader();
  /** The messages of the last read, as `session.visible` holds them. */
  let shown: readonly ObservedMessage[] = [];
  let visible = new Map<string, ObservedMessage>();

  // Benchmarks set this attribute on the page to get a User Timing measure per scan.
  const measure = document.documentElement.hasAttribute('data-council-capture-bench');

  const scan = (changed?: Set<Element>, childLists?: ReadonlyMap<Element, ChildListChange>) => {
    const started = measure ? performance.now() : 0;
    const read = reader.read(document, {
      today: localToday(),
      ...(changed ? { changed, ...(childLists ? { childLists } : {}) } : {}),
    });
    const readAt = measure ? performance.now() : 0;
    // Nothing new on the page for us (e.g. typing in the composer): nothing to tell anyone.
    if (read.changed || !session.state) update(read);
    if (measure) {
      const readMs = readAt - started;
      const detail = { ...reader.plans, rowsRead: reader.rowsRead, readMs };
      performance.measure('council-capture:scan', { start: started, detail });
    }
  };

  const update = (read: LiveRead) => {
    const snapshot = read.snapshot;
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
    // Outside the read's spans the messages are the last read's own: only the spans need looking
    // at (all of it after a switch).
    const messages = snapshot.messages;
    const spans = switched ? [{ from: 0, to: messages.length, oldFrom: 0, oldTo: 0 }] : read.spans;
    let grew = false;
    for (const s of spans) if (seen.merge(messages, s.from, s.to).length > 0) grew = true;
    session.rows = read.rowOf;
    // Updated in place where messages may have changed: nothing copied per scan.
    if (switched) visible = new Map();
    for (const s of spans) for (let i = s.oldFrom; i < s.oldTo; i++) visible.delete(shown[i]!.id);
    for (const s of spans)
      for (let i = s.from; i < s.to; i++) visible.set(messages[i]!.id, messages[i]!);
    session.visible = visible;
    shown = messages;
    const state: ChatState = {
      recognised: snapshot.recognised,
      chat: snapshot.chat,
      chatKey: key ?? '',
      // The accumulated list itself (it only grows while the chat stays open): never copied.
      messages: seen.messages,
      locale: document.documentElement.lang || undefined,
      epoch: seen.epoch,
      version: seen.version,
      ...(snapshot.problem ? { problem: snapshot.problem } : {}),
    };
    const problemChanged = session.state?.problem !== state.problem;
    session.state = state;
    session.scanned(switched ? undefined : new Set(read.fresh));
    if (switched || grew || problemChanged) announceState(switched || problemChanged);
  };

  /** Side panels following this tab's chat: told of every change, on their own port. */
  const followers = new Set<Browser.runtime.Port>();
  const onConnect = (port: Browser.runtime.Port) => {
    if (port.name !== CHAT_PORT) return;
    followers.add(port);
    port.onDisconnect.addListener(() => followers.delete(port));
  };
  browser.runtime.onConnect.addListener(onConnect);
  ctx.onInvalidated(() => {
    browser.runtime.onConnect.removeListener(onConnect);
    for (const port of followers) port.disconnect();
  });

  // While messages stream in, one summary per SUMMARY_EVERY_MS is plenty for the side panel, and
  // it is sent outside the frame that read the page. A chat switch (or the page becoming readable
  // or not) goes to every extension page, so that an open panel not yet following this tab
  // learns of it; other changes only to the panels following, and with none, nowhere.
  let announcing = false;
  let toEveryone = false;
  const announceState = (everyone: boolean) => {
    toEveryone ||= everyone;
    if (announcing || (!toEveryone && followers.size === 0)) return;
    announcing = true;
    ctx.setTimeout(() => {
      announcing = false;
      const everyone = toEveryone;
      toEveryone = false;
      if (!session.state) return;
      // A small summary: the side panel asks for the messages it needs.
      const { messages, ...rest } = session.state;
      const summary: ChatSummary = { ...rest, messageCount: messages.length };
      if (everyone) {
        void sendMessage('chatStateChanged', summary).catch(() => undefined);
      } else {
        const message: ChatPortMessage = { kind: 'chatChanged', summary };
        for (const port of followers) {
          try {
            port.postMessage(message);
          } catch {
            followers.delete(port); // closed before its disconnect event came
          }
        }
      }
    }, SUMMARY_EVERY_MS);
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
  const stopChanges = onMessage('getChatChanges', ({ data }) => {
    if (!session.state || data.epoch !== seen.epoch) return undefined;
    const { messages: _all, ...rest } = session.state;
    return { ...rest, ids: seen.ids(), changed: seen.changedSince(data.version) };
  });
  const stopChanged = onMessage('recordsChanged', ({ data }) => {
    if (data.chatKey !== chatKey) return;
    for (const id of data.messageIds) session.captured.add(id);
    session.scanned(new Set(data.messageIds));
  });
  ctx.onInvalidated(() => {
    stopGet();
    stopChanges();
    stopChanged();
  });

  scan();
}

/** The user's local date, so "Today" / "Yesterday" dividers resolve to real dates. */
function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
