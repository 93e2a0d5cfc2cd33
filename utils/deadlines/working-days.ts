/**
 * Working days in England & Wales: Monday to Friday except bank holidays. Days are London calendar
 * days ('YYYY-MM-DD'); an instant is first placed on its London day.
 */
import { isBankHoliday } from './bank-holidays.ts';
import { addDays, endOfLondonDay, isoWeekday, londonDateOf, type IsoDate } from './london.ts';

export function isWorkingDay(date: IsoDate): boolean {
  return isoWeekday(date) <= 5 && !isBankHoliday(date);
}

/**
 * The date `n` working days after `date`: the next working day after `date` is day 1 (as the ICO
 * counts FOI: the day after receipt is day one; a request received on a Saturday starts on Monday).
 * `n = 0` gives `date` itself. Negative `n` counts backwards.
 */
export function addWorkingDaysToDate(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number: ${n}`);
  const step = n < 0 ? -1 : 1;
  let d = date;
  let left = Math.abs(n);
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** The end (23:59:59 London) of the `n`th working day after the London day of `fromInstant`. */
export function addWorkingDays(fromInstant: Date, n: number): Date {
  return endOfLondonDay(addWorkingDaysToDate(londonDateOf(fromInstant), n));
}

/**
 * Working days between two dates, counted the way `addWorkingDaysToDate` steps, so that
 * `workingDaysBetween(d, addWorkingDaysToDate(d, n)) === n`: forwards, the working days after
 * `from` up to and including `to`; backwards (negative), those from `to` up to but excluding `from`.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  if (to > from) {
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
    return count;
  }
  for (let d = to; d < from; d = addDays(d, 1)) if (isWorkingDay(d)) count--;
  return count;
}

/** `date` if it is a working day, otherwise the next working day after it. */
export function onOrNextWorkingDay(date: IsoDate): IsoDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}
