import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { onMessage, sendMessage, type ChatState } from '../../utils/messaging';
import { keepUnchanged } from './keep-unchanged';

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
    const refresh = async () => {
      tabId = await findWhatsAppTab();
      if (cancelled) return;
      if (tabId === undefined) return setStatus({ kind: 'no-tab' });
      try {
        const state = await sendMessage('getChatState', undefined, tabId);
        if (cancelled) return;
        setStatus(state ? { kind: 'ready', tabId, state } : { kind: 'not-ready', tabId });
      } catch {
        if (!cancelled) setStatus({ kind: 'not-ready', tabId });
      }
    };
    // The content script sends a summary; fetch the messages, one request at a time.
    let fetching = false;
    let again = false;
    const fetchState = async (id: number) => {
      if (fetching) {
        again = true;
        return;
      }
      fetching = true;
      try {
        const state = await sendMessage('getChatState', undefined, id);
        if (!cancelled && state && id === tabId)
          setStatus((was) => ({
            kind: 'ready',
            tabId: id,
            state: keepUnchanged(was.kind === 'ready' ? was.state : undefined, state),
          }));
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
      stop();
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);

  return status;
}
