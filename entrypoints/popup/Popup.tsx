import { browser } from 'wxt/browser';
import { getDb } from '../../utils/db/database';
import { useLiveQuery } from '../../components/use-live-query';

/** At a glance: what is pending, with quick actions. */
export function Popup() {
  const count = useLiveQuery(() => getDb().records.count(), []);
  const openSidePanel = async () => {
    const win = await browser.windows.getCurrent();
    if ('sidePanel' in browser && win.id !== undefined) {
      await browser.sidePanel.open({ windowId: win.id });
    } else {
      // Firefox: the sidebar (sidebar_action) opens from a user gesture too.
      await (
        browser as unknown as { sidebarAction?: { open(): Promise<void> } }
      ).sidebarAction?.open();
    }
    window.close();
  };
  return (
    <main class="panel popup">
      <h1>Council Capture</h1>
      <p>{count === undefined ? 'Loading…' : `${count} council records kept in this browser.`}</p>
      <p>
        <button type="button" class="primary" onClick={() => void openSidePanel()}>
          Open side panel
        </button>{' '}
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </p>
    </main>
  );
}
