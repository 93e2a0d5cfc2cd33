/**
 * Deadlines at the edge: badge, alarms and notifications from what `dueItems` says is due.
 *
 * Everything is recomputed from storage on every wake (start-up, install, update, alarm, message,
 * database or settings change), so a killed worker or a restarted browser misses nothing. Keys
 * already notified are kept in `browser.storage.local`, so nothing is notified twice.
 */
import { Dexie } from 'dexie';
import { browser, type Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { getDb } from '../../utils/db/database';
import { markChatCleared } from '../../utils/db/clear-down-repo';
import { snoozeForADay } from '../../utils/db/snoozes-repo';
import { loadDue } from '../../utils/due-inputs';
import {
  loadEffectiveSettings,
  watchEffectiveSettings,
} from '../../utils/effective-settings-store';
import { onMessage, sendMessage } from '../../utils/messaging';
import {
  MAX_SINGLE_NOTIFICATIONS,
  notificationOf,
  planReminders,
  summaryOf,
  workingHoursFor,
} from '../../utils/reminders';
import { capturedByOf, nowFrom } from '../../utils/settings';
import type { DueItem } from '../../utils/deadlines';

/** The one alarm: wake to recompute at the next moment something changes. */
export const RECOMPUTE_ALARM = 'deadlines:recompute';
/** Notification ids: one per due item key, or a summary. */
export const ITEM_NOTIFICATION_PREFIX = 'cc-due:';
export const SUMMARY_NOTIFICATION_PREFIX = 'cc-due-summary:';
/** Chrome clamps alarms to 30 s; a minute is soon enough for reminders. */
const MIN_ALARM_DELAY_MS = 60_000;
const BADGE_COLOUR = '#a4262c';
const WHATSAPP_URL = 'https://web.whatsapp.com/';

/** Due item key → ISO instant it was notified. */
export const notifiedItem = storage.defineItem<Record<string, string>>('local:deadlinesNotified', {
  fallback: {},
});

const CHAT_KINDS = new Set<DueItem['kind']>(['clear-down', 'capture']);

type ActionApi = typeof browser.action;
function actionApi(): ActionApi | undefined {
  // Chrome MV3: action; Firefox MV2: browserAction (same badge methods).
  const b = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return b.action ?? b.browserAction;
}

/** Firefox shows no notification buttons (and rejects the option). */
const supportsButtons = !import.meta.env.FIREFOX;

let chain: Promise<void> = Promise.resolve();

/** Recomputes badge, reminders and the next alarm; runs one at a time so none notify twice. */
export function recompute(): Promise<void> {
  chain = chain.then(run, run).catch((err: unknown) => {
    console.error('Council Capture: deadlines could not be recomputed', err);
  });
  return chain;
}

/** Resolves when every recompute asked for so far has finished (tests). */
export function deadlinesIdle(): Promise<void> {
  return chain;
}

async function run(): Promise<void> {
  const applied = await loadEffectiveSettings();
  const state = await loadDue(getDb(), applied);
  const hours = workingHoursFor(state.policy, applied.settings);
  const notified = await notifiedItem.getValue();
  const plan = planReminders(
    state.now,
    state.items,
    new Set(Object.keys(notified)),
    hours,
    state.snoozes,
  );

  const action = actionApi();
  if (action) {
    await action.setBadgeText({ text: plan.badge.text });
    await action.setBadgeBackgroundColor({ color: BADGE_COLOUR });
    await action.setTitle({ title: plan.badge.title });
  }

  // Remember before notifying: after a crash in between we may miss one notification (the badge
  // and popup still show the item), but we never show one twice.
  const current = new Set(state.items.map((i) => i.key));
  const next: Record<string, string> = {};
  const dropped: string[] = [];
  for (const [key, at] of Object.entries(notified)) {
    if (current.has(key)) next[key] = at;
    else dropped.push(key);
  }
  const at = state.now.toISOString();
  for (const item of plan.notify) next[item.key] = at;
  await notifiedItem.setValue(next);

  // Items that are done, snoozed or moved on: their notifications are out of date.
  for (const key of dropped) {
    void browser.notifications.clear(ITEM_NOTIFICATION_PREFIX + key).catch(() => undefined);
  }
  await showNotifications(plan.notify, at);

  if (plan.wakeAt) {
    const delay = Math.max(plan.wakeAt.getTime() - state.now.getTime(), MIN_ALARM_DELAY_MS);
    await browser.alarms.create(RECOMPUTE_ALARM, { when: Date.now() + delay });
  } else {
    await browser.alarms.clear(RECOMPUTE_ALARM);
  }
}

async function showNotifications(items: readonly DueItem[], at: string): Promise<void> {
  if (items.length === 0) return;
  const iconUrl = browser.runtime.getURL('/notification-icon.png');
  if (items.length > MAX_SINGLE_NOTIFICATIONS) {
    const { title, message } = summaryOf(items);
    await create(SUMMARY_NOTIFICATION_PREFIX + at, {
      type: 'basic',
      iconUrl,
      title,
      message,
      ...(supportsButtons ? { buttons: [{ title: 'Open Council Capture' }] } : {}),
    });
    return;
  }
  for (const item of items) {
    const { title, message } = notificationOf(item);
    const first = CHAT_KINDS.has(item.kind) ? 'Open the chat' : 'Open Council Capture';
    await create(ITEM_NOTIFICATION_PREFIX + item.key, {
      type: 'basic',
      iconUrl,
      title,
      message,
      ...(supportsButtons ? { buttons: [{ title: first }, { title: 'Snooze a day' }] } : {}),
    });
  }
}

async function create(
  id: string,
  options: Browser.notifications.NotificationCreateOptions,
): Promise<void> {
  try {
    await browser.notifications.create(id, options);
  } catch (err) {
    // Notifications switched off by the user or the OS: the badge and popup still show the item.
    console.warn('Council Capture: notification not shown', err);
  }
}

/** The popup, or (where it cannot be opened programmatically) the same page in a tab. */
async function openPopup(): Promise<void> {
  try {
    const action = actionApi() as (ActionApi & { openPopup?: () => Promise<void> }) | undefined;
    if (action?.openPopup) {
      await action.openPopup();
      return;
    }
  } catch {
    // No focused window, or not allowed without a user gesture: fall through.
  }
  await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
}

async function whatsAppTab(create: boolean) {
  const [tab] = await browser.tabs.query({ url: 'https://web.whatsapp.com/*' });
  if (tab?.id !== undefined) {
    await browser.tabs.update(tab.id, { active: true });
    if (tab.windowId !== undefined) {
      await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
    }
    return tab;
  }
  if (create) await browser.tabs.create({ url: WHATSAPP_URL });
  return undefined;
}

/** Brings WhatsApp Web forward and asks the page to open the chat from its chat list. */
export async function openChatInWhatsApp(
  chatKey: string,
): Promise<{ opened: boolean; problem?: string }> {
  const chat = await getDb().chats.get(chatKey);
  if (!chat) return { opened: false, problem: 'Council Capture does not know this chat.' };
  const tab = await whatsAppTab(true);
  const choose = `Choose “${chat.title}” in the chat list.`;
  if (!tab?.id) return { opened: false, problem: `WhatsApp Web is opening. ${choose}` };
  try {
    const result = await sendMessage('openChat', { title: chat.title }, tab.id);
    return result.opened ? { opened: true } : { opened: false, problem: choose };
  } catch {
    return { opened: false, problem: `WhatsApp Web is still loading. ${choose}` };
  }
}

/** OPCC group admins: the policy's reminder text goes into the chat's message box, unsent. */
export async function putReminderInChat(
  chatKey: string,
): Promise<{ inserted: boolean; problem?: string }> {
  const { policy } = await loadEffectiveSettings();
  const text = policy.clearDown?.reminderText;
  if (!text) return { inserted: false, problem: 'Your council’s policy has no reminder text.' };
  const chat = await getDb().chats.get(chatKey);
  if (!chat) return { inserted: false, problem: 'Council Capture does not know this chat.' };
  const tab = await whatsAppTab(false);
  if (!tab?.id) {
    return { inserted: false, problem: `Open WhatsApp Web and the chat “${chat.title}” first.` };
  }
  try {
    return await sendMessage('insertReminder', { title: chat.title, text }, tab.id);
  } catch {
    return { inserted: false, problem: 'WhatsApp Web is still loading. Try again in a moment.' };
  }
}

async function snooze(key: string): Promise<void> {
  const { settings } = await loadEffectiveSettings();
  await snoozeForADay(getDb(), key, nowFrom(settings));
  await browser.notifications.clear(ITEM_NOTIFICATION_PREFIX + key).catch(() => undefined);
  await recompute();
}

async function onButtonClicked(id: string, index: number): Promise<void> {
  await browser.notifications.clear(id).catch(() => undefined);
  if (!id.startsWith(ITEM_NOTIFICATION_PREFIX)) return openPopup();
  const key = id.slice(ITEM_NOTIFICATION_PREFIX.length);
  if (index === 1) return snooze(key);
  const state = await loadDue(getDb(), await loadEffectiveSettings());
  const item = state.items.find((i) => i.key === key);
  if (item && CHAT_KINDS.has(item.kind)) {
    await openChatInWhatsApp(item.subject);
    return;
  }
  await openPopup();
}

function clauseOf(clause: string | undefined): { clause?: string } {
  return clause ? { clause } : {};
}

let mutationTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Registers every deadline listener synchronously (MV3 wakes the worker for them). Returns a
 * function removing the message handlers (tests register again after resetting the fake browser).
 */
export function registerDeadlines(): () => void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RECOMPUTE_ALARM) void recompute();
  });
  browser.runtime.onStartup.addListener(() => void recompute());
  browser.runtime.onInstalled.addListener(() => void recompute());
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(ITEM_NOTIFICATION_PREFIX) && !id.startsWith(SUMMARY_NOTIFICATION_PREFIX)) {
      return;
    }
    void browser.notifications.clear(id).catch(() => undefined);
    void openPopup();
  });
  browser.notifications.onButtonClicked?.addListener((id, index) => {
    if (id.startsWith(ITEM_NOTIFICATION_PREFIX) || id.startsWith(SUMMARY_NOTIFICATION_PREFIX)) {
      void onButtonClicked(id, index);
    }
  });
  // Settings (policy, working hours, test clock) or the council's managed values changed.
  const unwatch = watchEffectiveSettings(() => void recompute());
  // Database writes in this worker or in an open extension page (Dexie broadcasts them); pages
  // also send `deadlinesChanged`, which wakes a sleeping worker.
  Dexie.on('storagemutated', () => {
    if (mutationTimer) clearTimeout(mutationTimer);
    mutationTimer = setTimeout(() => void recompute(), 500);
  });

  const stops = [
    onMessage('deadlinesChanged', () => recompute()),
    onMessage('markChatCleared', async ({ data }) => {
      const { settings, policy } = await loadEffectiveSettings();
      const result = await markChatCleared(
        getDb(),
        data.chatKey,
        capturedByOf(settings),
        nowFrom(settings),
        clauseOf(policy.clearDown?.clause),
      );
      await recompute();
      return result;
    }),
    onMessage('snoozeDueItem', ({ data }) => snooze(data.key)),
    onMessage('openChatInWhatsApp', ({ data }) => openChatInWhatsApp(data.chatKey)),
    onMessage('putReminderInChat', ({ data }) => putReminderInChat(data.chatKey)),
  ];

  // Every wake: the worker may have been killed while something fell due.
  void recompute();
  return () => {
    unwatch();
    stops.forEach((stop) => stop());
  };
}
