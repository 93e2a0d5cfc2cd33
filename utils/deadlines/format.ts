/** en-GB display of dates and deadlines, always in Europe/London time. */
import { daysBetween, londonDateOfAny, londonWallTimeOf } from './london.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 'dd/mm/yyyy' for a 'YYYY-MM-DD' date, a London wall time or an ISO instant (its London day). */
export function formatDate(iso: string): string {
  const d = londonDateOfAny(iso);
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** 'dd/mm/yyyy HH:mm' in Europe/London for an ISO instant. */
export function formatDateTime(iso: string): string {
  if (ISO_DATE.test(iso)) return formatDate(iso);
  const { date, time } = londonWallTimeOf(iso);
  return `${formatDate(date)} ${time}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Relative to `now`, counted in London calendar days: 'due today', 'due tomorrow',
 * 'due in 3 days', 'overdue by 2 days'; on the day itself once the time has passed,
 * 'overdue since 14:00'.
 */
export function formatRelative(now: Date, dueAt: string): string {
  const days = daysBetween(londonDateOfAny(now.toISOString()), londonDateOfAny(dueAt));
  if (days === 1) return 'due tomorrow';
  if (days > 1) return `due in ${plural(days, 'day')}`;
  if (days < 0) return `overdue by ${plural(-days, 'day')}`;
  if (now.getTime() <= Date.parse(dueAt)) return 'due today';
  return `overdue since ${londonWallTimeOf(dueAt).time}`;
}
