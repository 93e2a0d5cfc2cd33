import { useEffect, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import {
  CHAT_PORT,
  onMessage,
  sendMessage,
  type ChatPortMessage,
  type ChatState,
} from '../../utils/messaging';
import { latestChatState } from './chat-copy';

export type TabStatus =
  | { kind: 'looking' }
  | { kind: 'no-tab' }
  | { kind: 'not-ready'; tabId: number }
  | { kind: 'ready'; tabId: number; state: ChatState };

/** The most relevant WhatsApp Web tab: the active one, else the one used most recently. */
async function findWhatsAppTab(): Promise<number | undefined> {
  const tabs = await browser.tabs.query({ url: 'https://web.whatsapp.com/*' });
  const best = tabs.sort(
    (a, b) => Number(b.active) - Number(a.active) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0),
  )[0];
  return best?.id;
}

/** Follows the open WhatsApp chat: asks the content script, then listens for its changes. */
export function useWhatsAppTab(): TabStatus {
  const [status, setStatus] = useState<TabStatus>({ kind: 'looking' });

  useEffect(() => {
    let tabId: number | undefined;
    let cancelled = false;
    /** The chat state on screen, so that a fetch can ask only for what changed since. */
    let shown: ChatState | undefined;
    const show = (id: number, state: ChatState | undefined) => {
      shown = state;
      setStatus(state ? { kind: 'ready', tabId: id, state } : { kind: 'not-ready', tabId: id });
    };
    const latest = (id: number) =>
      latestChatState(shown, {
        changes: (since) => sendMessage('getChatChanges', since, id),
        all: () => sendMessage('getChatState', undefined, id),
      });
    /**
     * A port to the tab's content script, which then tells this panel of every change in the open
     * chat (and, with no panel following, tells no one). A tab that is loading has no listener
     * yet: the port closes at once, and the tab's first announcement brings us back here.
     */
    let port: Browser.runtime.Port | undefined;
    let portTab: number | undefined;
    const follow = (id: number) => {
      if (port && portTab === id) return;
      port?.disconnect();
      const p = browser.tabs.connect(id, { name: CHAT_PORT });
      port = p;
      portTab = id;
      p.onMessage.addListener((message: ChatPortMessage) => {
        if (message.kind === 'chatChanged' && id === tabId && !cancelled) void fetchState(id);
      });
      p.onDisconnect.addListener(() => {
        void browser.runtime.lastError; // "no receiving end" while the tab loads: expected
        if (port !== p) return;
        port = undefined;
        portTab = undefined;
      });
    };
    const refresh = async () => {
      tabId = await findWhatsAppTab();
      if (cancelled) return;
      if (tabId === undefined) {
        shown = undefined;
        return setStatus({ kind: 'no-tab' });
      }
      const id = tabId;
      follow(id);
      try {
        const state = await latest(id);
        if (!cancelled && id === tabId) show(id, state);
      } catch {
        if (!cancelled && id === tabId) show(id, undefined);
      }
    };
    // The content script sends a summary; fetch the changes, one request at a time.
    let fetching = false;
    let again = false;
    const fetchState = async (id: number) => {
      if (fetching) {
        again = true;
        return;
      }
      fetching = true;
      try {
        const state = await latest(id);
        if (!cancelled && state && id === tabId) show(id, state);
      } catch {
        // The tab went away or is reloading: the next change or tab event refreshes.
      } finally {
        fetching = false;
        if (again && !cancelled) {
          again = false;
          void fetchState(id);
        }
      }
    };
    const stop = onMessage('chatStateChanged', ({ sender }) => {
      if (sender.tab?.id === undefined) return;
      if (tabId === undefined || sender.tab.id === tabId) {
        tabId = sender.tab.id;
        follow(tabId);
        void fetchState(tabId);
      }
    });
    const onActivated = () => void refresh();
    const onUpdated = (_id: number, info: { status?: string }) => {
      if (info.status === 'complete') void refresh();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    void refresh();
    return () => {
      cancelled = true;
      port?.disconnect();
      stop();
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);

  return status;
}
