import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ITEM_NOTIFICATION_PREFIX,
  RECOMPUTE_ALARM,
  deadlinesIdle,
  notifiedItem,
  registerDeadlines,
} from '../../../entrypoints/background/deadlines';
import { getDb } from '../../../utils/db/database';
import { openHold } from '../../../utils/db/holds-repo';
import { sendMessage } from '../../../utils/messaging';
import { defaultSettings, type Settings } from '../../../utils/settings';
import { settingsItem } from '../../../utils/settings-store';

const CHAT = 'title:OPCC Ops';
// Seen Tuesday 10/11/2026: the weekly clear-down fell due at the end of 17/11/2026.
const chat = {
  chatKey: CHAT,
  title: 'OPCC Ops',
  isGroup: true,
  kind: 'council-group' as const,
  firstSeenAt: '2026-11-10T10:00:00.000Z',
  lastSeenAt: '2026-11-10T10:00:00.000Z',
};
const KEY = `clear-down:${CHAT}:2026-11-17`;
// The OPCC policy (August 2020) is reviewed yearly: its review is overdue too.
const REVIEW = 'policy-review:opcc-cleveland:2021-08-01';

async function setClock(testClock: string) {
  const s: Settings = {
    ...defaultSettings,
    policyId: 'opcc-cleveland',
    userName: 'Pat Admin',
    testClock,
  };
  await settingsItem.setValue(s);
}

/** Waits for the recomputes triggered so far (including the settings watcher's). */
async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 20));
    await deadlinesIdle();
  }
}

let stop: () => void;
let create: ReturnType<typeof vi.spyOn>;
beforeEach(async () => {
  const db = getDb();
  await Promise.all(db.tables.map((t) => t.clear()));
  await db.chats.add(chat);
  create = vi.spyOn(fakeBrowser.notifications, 'create');
});
afterEach(async () => {
  await settle();
  stop?.();
  vi.restoreAllMocks();
});

describe('background deadlines with the fake browser', () => {
  it('shows the overdue count on the badge and notifies once, across alarms and restarts', async () => {
    await setClock('2026-11-25T10:00:00.000Z'); // Wednesday, working hours
    stop = registerDeadlines();
    await settle();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getTitle({})).toBe(
      'Council Capture: 2 overdue (1 policy review, 1 clear-down)',
    );
    expect(create.mock.calls.map((c: unknown[]) => c[0])).toEqual([
      ITEM_NOTIFICATION_PREFIX + REVIEW,
      ITEM_NOTIFICATION_PREFIX + KEY,
    ]);
    const options = create.mock.calls[1]?.[1] as { title: string; buttons?: { title: string }[] };
    expect(options.title).toBe('Clear down “OPCC Ops”');
    expect(options.buttons?.map((b) => b.title)).toEqual(['Open the chat', 'Snooze a day']);
    expect(Object.keys(await notifiedItem.getValue()).sort()).toEqual([KEY, REVIEW].sort());
    const alarm = await fakeBrowser.alarms.get(RECOMPUTE_ALARM);
    expect(alarm).toBeDefined();

    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    await fakeBrowser.runtime.onStartup.trigger();
    // A restarted worker: listeners registered again, state only in storage.
    stop();
    stop = registerDeadlines();
    await settle();
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('is quiet outside working hours, then notifies at the next working start', async () => {
    await setClock('2026-11-28T10:00:00.000Z'); // Saturday
    stop = registerDeadlines();
    await settle();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(create).not.toHaveBeenCalled();
    const alarm = await fakeBrowser.alarms.get(RECOMPUTE_ALARM);
    expect(alarm).toBeDefined();
    await setClock('2026-11-30T09:00:00.000Z'); // Monday 09:00
    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    await settle();
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('snoozes from the notification button: badge cleared, notification gone', async () => {
    await setClock('2026-11-25T10:00:00.000Z');
    stop = registerDeadlines();
    await settle();
    await fakeBrowser.notifications.onButtonClicked.trigger(ITEM_NOTIFICATION_PREFIX + KEY, 1);
    await settle();
    expect(await getDb().snoozes.get(KEY)).toEqual({ key: KEY, until: '2026-11-26T10:00:00.000Z' });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([
      ITEM_NOTIFICATION_PREFIX + REVIEW,
    ]);
  });

  it('refuses to mark a chat cleared under an FOI hold (s77), then records it once the hold closes', async () => {
    await setClock('2026-11-25T10:00:00.000Z');
    stop = registerDeadlines();
    await settle();
    const hold = await openHold(
      getDb(),
      {
        kind: 'foi',
        reference: 'FOI-2026-031',
        receivedAt: '2026-11-24T09:00:00.000Z',
        covers: { chatKeys: [CHAT] },
      },
      'Pat Admin',
      new Date('2026-11-25T10:00:00.000Z'),
    );
    const refused = await sendMessage('markChatCleared', { chatKey: CHAT });
    expect(refused.status).toBe('refused');
    expect(JSON.stringify(refused)).toMatch(/section 77/);
    await getDb().holds.update(hold.id, { closedAt: '2026-11-25T09:59:00.000Z' });
    const ok = await sendMessage('markChatCleared', { chatKey: CHAT });
    expect(ok.status).toBe('cleared');
    await settle();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    const cleared = await getDb().events.where('type').equals('chat.cleared').toArray();
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatchObject({ actor: 'Pat Admin', subject: CHAT });
  });
});
