import { browser } from 'wxt/browser';
import { useEffect, useState } from 'preact/hooks';
import { getDb } from '../../utils/db/database';
import { loadDue, type DueState } from '../../utils/due-inputs';
import type { EffectiveSettings } from '../../utils/effective-settings';
import { useEffectiveSettings } from '../../components/use-effective-settings';
import { useThrottledLiveQuery } from '../../components/use-live-query';
import { DueSection } from './DueSection';
import { HoldsSummary } from './HoldsSummary';
import { openPage } from './open-page';

async function openSidePanel() {
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
}

/** At a glance: pending clear-downs first, then captures, retention reviews and open holds. */
export function Popup() {
  const eff = useEffectiveSettings();
  return (
    <main class="panel popup">
      <h1>Council Capture</h1>
      {eff ? <DueOverview eff={eff} /> : <p role="status">Loading…</p>}
      <nav class="popup-nav" aria-label="Council Capture pages">
        <button type="button" class="primary" onClick={() => void openSidePanel()}>
          Open side panel
        </button>
        <a href="/records.html" onClick={(e) => openPage(e, '/records.html')}>
          Records library
        </a>
        <a href="/holds.html" onClick={(e) => openPage(e, '/holds.html')}>
          Holds and requests
        </a>
        <a
          href="/options.html"
          onClick={(e) => {
            e.preventDefault();
            void browser.runtime.openOptionsPage();
          }}
        >
          Settings
        </a>
      </nav>
    </main>
  );
}

function DueOverview({ eff }: { eff: EffectiveSettings }) {
  // Everything due reads whole tables: while captures stream in (from the side panel, say), it
  // runs again once a second rather than after each one.
  const state = useThrottledLiveQuery(
    () => loadDue(getDb(), { settings: eff.settings, policy: eff.policy }),
    [eff],
    1_000,
  );
  // One polite live region for the outcome of actions (marked cleared, snoozed, reminder put in).
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => setStatus(''), 10_000);
    return () => clearTimeout(t);
  }, [status]);
  return (
    <>
      <p role="status" class="popup-status">
        {status}
      </p>
      {state === undefined ? (
        <p>Loading what is due…</p>
      ) : (
        <Due state={state} eff={eff} say={setStatus} />
      )}
    </>
  );
}

function Due({
  state,
  eff,
  say,
}: {
  state: DueState;
  eff: EffectiveSettings;
  say: (text: string) => void;
}) {
  const { items } = state;
  const clearDowns = items.filter((i) => i.kind === 'clear-down');
  const captures = items.filter((i) => i.kind === 'capture');
  const reviews = items.filter((i) => i.kind === 'retention-review');
  const others = items.filter((i) => i.kind === 'policy-review');
  const openHolds = state.holds.filter((h) => h.closedAt === undefined);
  const overdue = items.filter((i) => i.overdue).length;
  const nothing =
    clearDowns.length + captures.length + reviews.length + others.length + openHolds.length === 0;
  if (nothing) {
    return (
      <div class="notice popup-empty">
        <h2>Nothing is due</h2>
        <p>
          You are up to date. Clear-downs of council chats, records to capture, retention reviews
          and open requests will appear here when they fall due.
        </p>
        <p class="muted">
          Open WhatsApp Web, then mark your council chats in Settings, so Council Capture can remind
          you about them.
        </p>
      </div>
    );
  }
  const ctx = { state, eff, say };
  return (
    <>
      <p class="popup-summary">
        {overdue === 0
          ? 'Nothing is overdue.'
          : `${overdue} ${overdue === 1 ? 'item is' : 'items are'} overdue.`}
      </p>
      <DueSection
        id="clear-downs"
        heading="Clear-downs"
        items={clearDowns}
        empty="No chat needs clearing down."
        ctx={ctx}
      />
      <DueSection
        id="captures"
        heading="Records to capture"
        items={captures}
        empty="No suggested record is waiting to be captured."
        ctx={ctx}
        limit={3}
        more={<span class="muted">Capture them (or dismiss them) in the side panel.</span>}
      />
      <DueSection
        id="reviews"
        heading="Retention reviews"
        items={reviews}
        empty="No record is due for a retention review."
        ctx={ctx}
        limit={5}
        more={
          <a href="/records.html" onClick={(e) => openPage(e, '/records.html')}>
            Review records in the Records library
          </a>
        }
      />
      <HoldsSummary holds={openHolds} now={state.now} policy={state.policy} />
      {others.length > 0 ? (
        <DueSection id="policy" heading="Policy" items={others} empty="" ctx={ctx} />
      ) : null}
    </>
  );
}
