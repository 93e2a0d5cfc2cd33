/**
 * Reminder decisions for the background worker, pure: which due items to notify now (once each,
 * and only in working hours), what the badge says, and when to wake next.
 */
import { formatDate, isWorkingDay, londonDateOf, nextAlarmAt, type DueItem } from './deadlines';
import type { Snooze } from './deadlines/types';
import { addDays, isoWeekday, londonInstant, startOfLondonDay } from './deadlines/london';
import type { Policy, WorkingHours } from './policy/schema';
import type { Settings } from './settings';

export type Hours = Pick<WorkingHours, 'days' | 'start' | 'end'>;

/** When neither the policy nor the settings say: Monday to Friday, 09:00 to 17:00. */
export const DEFAULT_WORKING_HOURS: Hours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

/** More new items than this at once make one summary notification instead of one each. */
export const MAX_SINGLE_NOTIFICATIONS = 3;

export function workingHoursFor(policy: Policy, settings: Pick<Settings, 'workingHours'>): Hours {
  return settings.workingHours ?? policy.workingHours ?? DEFAULT_WORKING_HOURS;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function startOn(date: string, hours: Hours): Date {
  const m = minutesOf(hours.start);
  return londonInstant(date, Math.floor(m / 60), m % 60);
}

function endOn(date: string, hours: Hours): Date {
  const m = minutesOf(hours.end);
  return londonInstant(date, Math.floor(m / 60), m % 60);
}

function isWorkDay(date: string, hours: Hours): boolean {
  return hours.days.includes(isoWeekday(date)) && isWorkingDay(date);
}

/** Within working hours (London time; weekends and bank holidays are not working days). */
export function inWorkingHours(now: Date, hours: Hours): boolean {
  const today = londonDateOf(now);
  if (!isWorkDay(today, hours)) return false;
  const t = now.getTime();
  return t >= startOn(today, hours).getTime() && t < endOn(today, hours).getTime();
}

/** `now` if within working hours, else the start of the next working period. */
export function nextWorkingStart(now: Date, hours: Hours): Date {
  if (inWorkingHours(now, hours)) return now;
  const today = londonDateOf(now);
  for (let i = 0; i < 21; i++) {
    const day = addDays(today, i);
    if (!isWorkDay(day, hours)) continue;
    const start = startOn(day, hours);
    if (start.getTime() > now.getTime()) return start;
  }
  return startOn(addDays(today, 1), hours); // no working day configured: do not stay silent for ever
}

/** Items worth a notification: due today or overdue (London days). */
export function isDueNow(now: Date, item: DueItem): boolean {
  return londonDateOf(item.dueAt) <= londonDateOf(now);
}

export interface ReminderPlan {
  /** Items to notify now (not notified before). */
  notify: DueItem[];
  /** Set when items wait for working hours. */
  deferredUntil?: Date;
  badge: { text: string; title: string };
  /** When to recompute next (undefined: nothing ahead; a daily wake still applies). */
  wakeAt?: Date;
}

const KIND_NAMES: Record<DueItem['kind'], [string, string]> = {
  'clear-down': ['clear-down', 'clear-downs'],
  capture: ['capture', 'captures'],
  'retention-review': ['retention review', 'retention reviews'],
  hold: ['request or hold', 'requests or holds'],
  'policy-review': ['policy review', 'policy reviews'],
};

/** "2 clear-downs, 1 capture" in the engine's order of kinds. */
export function describeCounts(items: readonly DueItem[]): string {
  const counts = new Map<DueItem['kind'], number>();
  for (const i of items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${KIND_NAMES[kind][n === 1 ? 0 : 1]}`).join(', ');
}

/** Badge: the overdue count (empty when none), with an accessible title saying what it counts. */
export function badgeOf(items: readonly DueItem[]): { text: string; title: string } {
  const overdue = items.filter((i) => i.overdue);
  if (overdue.length === 0) {
    return { text: '', title: 'Council Capture: nothing overdue' };
  }
  const n = overdue.length;
  return {
    text: n > 99 ? '99+' : String(n),
    title: `Council Capture: ${n} overdue (${describeCounts(overdue)})`,
  };
}

export function planReminders(
  now: Date,
  items: readonly DueItem[],
  notified: ReadonlySet<string>,
  hours: Hours,
  snoozes: readonly Snooze[] = [],
): ReminderPlan {
  const fresh = items.filter((i) => isDueNow(now, i) && !notified.has(i.key));
  const quiet = !inWorkingHours(now, hours);
  const plan: ReminderPlan = { notify: quiet ? [] : fresh, badge: badgeOf(items) };
  const candidates: number[] = [];
  if (quiet && fresh.length > 0) {
    plan.deferredUntil = nextWorkingStart(now, hours);
    candidates.push(plan.deferredUntil.getTime());
  }
  const next = nextAlarmAt(now, items, { snoozes, wakeDaily: true });
  if (next) candidates.push(next.getTime());
  // Items due on a later day become "due today" at the start of that day.
  const today = londonDateOf(now);
  let firstLaterDay: string | undefined;
  for (const i of items) {
    const day = londonDateOf(i.dueAt);
    if (day > today && (firstLaterDay === undefined || day < firstLaterDay)) firstLaterDay = day;
  }
  if (firstLaterDay) candidates.push(startOfLondonDay(firstLaterDay).getTime());
  const t = now.getTime();
  const future = candidates.filter((c) => c > t);
  if (future.length > 0) plan.wakeAt = new Date(future.reduce((a, b) => Math.min(a, b)));
  return plan;
}

/** Notification text for one item (en-GB, plain text). */
export function notificationOf(item: DueItem): { title: string; message: string } {
  const when = item.overdue
    ? `Overdue since ${formatDate(item.dueAt)}.`
    : `Due ${formatDate(item.dueAt)}.`;
  return { title: item.title, message: `${when} ${item.detail}` };
}

/** One notification for many items. */
export function summaryOf(items: readonly DueItem[]): { title: string; message: string } {
  const overdue = items.filter((i) => i.overdue).length;
  return {
    title: `Council Capture: ${items.length} things need attention`,
    message:
      `${describeCounts(items)}.` +
      (overdue > 0 ? ` ${overdue} overdue.` : '') +
      ' Open Council Capture to see them.',
  };
}
