/**
 * Europe/London calendar helpers. Every conversion between an instant and a London wall time goes
 * through `@date-fns/tz` (`TZDate`): there is no hand-written daylight-saving logic here.
 *
 * Calendar-date arithmetic ('YYYY-MM-DD' plus days, months or years) does not involve a time zone,
 * so it is done on plain calendar numbers (UTC `Date` used only as a day counter).
 */
import { TZDate } from '@date-fns/tz';
import { addMonths } from 'date-fns';

export const LONDON = 'Europe/London';

/** A calendar date, 'YYYY-MM-DD' (a London day when it stands for a day in the UK). */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  const y = year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, '0');
  return `${y}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/**
 * Splits 'YYYY-MM-DD' (throws on anything else: a silent wrong date is worse than an error).
 * Character arithmetic rather than a regular expression: this is on the hot path of `dueItems`.
 */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const year =
      digitAt(date, 0) * 1000 + digitAt(date, 1) * 100 + digitAt(date, 2) * 10 + digitAt(date, 3);
    const month = digitAt(date, 5) * 10 + digitAt(date, 6);
    const day = digitAt(date, 8) * 10 + digitAt(date, 9);
    if (!Number.isNaN(year + month + day)) return { year, month, day };
  }
  throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
}

function dayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(date) + n);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  // Day 0 of the Unix epoch (1970-01-01) was a Thursday (ISO 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Adds whole years to a calendar date; 29 February becomes 28 February in a common year (as
 * date-fns `addYears` does). Cheap string arithmetic, used per record for retention.
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const y = year + years;
  if (month === 2 && day === 29 && !isLeapYear(y)) return isoDate(y, 2, 28);
  // Same month and day: only the year changes.
  return y >= 1000 && y <= 9999 ? `${y}${date.slice(4)}` : isoDate(y, month, day);
}

/**
 * Adds calendar months with date-fns: the corresponding date, or the last day of the month when
 * there is none (31 January + 1 month = 28 or 29 February), as the ICO counts subject access.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const shifted = addMonths(new TZDate(year, month - 1, day, 12, 0, 0, 0, LONDON), months);
  return isoDate(shifted.getFullYear(), shifted.getMonth() + 1, shifted.getDate());
}

function toMs(instant: Date | string | number): number {
  if (typeof instant === 'number') return instant;
  if (typeof instant === 'string') {
    // A bare date or a London wall time has no zone: JavaScript would read it in the system's
    // zone (or as UTC), so it goes through TZDate instead.
    const n = instant.length;
    if (
      (n === 10 || n === 16 || n === 19) &&
      (ISO_DATE.test(instant) || LOCAL_WALL.test(instant))
    ) {
      return instantOf(instant).getTime();
    }
    const ms = Date.parse(instant);
    if (Number.isNaN(ms)) throw new RangeError(`Not an ISO instant: ${instant}`);
    return ms;
  }
  return instant.getTime();
}

// The London date of an instant only changes on UTC hour boundaries (both daylight-saving changes
// happen at 01:00 UTC), so a cache keyed by UTC hour is exact and keeps `TZDate` off hot paths.
const londonDateByHour = new Map<number, IsoDate>();

/** The London calendar date ('YYYY-MM-DD') of an instant. */
export function londonDateOf(instant: Date | string | number): IsoDate {
  const ms = toMs(instant);
  const hour = Math.floor(ms / HOUR_MS);
  let date = londonDateByHour.get(hour);
  if (date === undefined) {
    const t = new TZDate(hour * HOUR_MS, LONDON);
    date = isoDate(t.getFullYear(), t.getMonth() + 1, t.getDate());
    if (londonDateByHour.size > 200_000) londonDateByHour.clear();
    londonDateByHour.set(hour, date);
  }
  return date;
}

/** The London wall time 'YYYY-MM-DD HH:mm' of an instant. */
export function londonWallTimeOf(instant: Date | string | number): {
  date: IsoDate;
  time: string;
} {
  const t = new TZDate(toMs(instant), LONDON);
  return {
    date: isoDate(t.getFullYear(), t.getMonth() + 1, t.getDate()),
    time: `${pad2(t.getHours())}:${pad2(t.getMinutes())}`,
  };
}

/** The instant of a London wall time on a date (a time skipped by the clocks going forward moves on). */
export function londonInstant(
  date: IsoDate,
  hours: number,
  minutes = 0,
  seconds = 0,
  milliseconds = 0,
): Date {
  const { year, month, day } = parseIsoDate(date);
  return new Date(
    new TZDate(year, month - 1, day, hours, minutes, seconds, milliseconds, LONDON).getTime(),
  );
}

const endOfDayIso = new Map<IsoDate, string>();
const endOfDayMs = new Map<IsoDate, number>();

/** 23:59:59 London time on `date`, in milliseconds since the epoch. Cached. */
export function endOfLondonDayMs(date: IsoDate): number {
  let ms = endOfDayMs.get(date);
  if (ms === undefined) {
    ms = Date.parse(endOfLondonDayIso(date));
    if (endOfDayMs.size > 100_000) endOfDayMs.clear();
    endOfDayMs.set(date, ms);
  }
  return ms;
}

/** 23:59:59 London time on `date`, as an ISO UTC instant string. Cached: few distinct dates occur. */
export function endOfLondonDayIso(date: IsoDate): string {
  let iso = endOfDayIso.get(date);
  if (iso === undefined) {
    iso = londonInstant(date, 23, 59, 59).toISOString();
    if (endOfDayIso.size > 100_000) endOfDayIso.clear();
    endOfDayIso.set(date, iso);
  }
  return iso;
}

/** 23:59:59 London time on `date`. */
export function endOfLondonDay(date: IsoDate): Date {
  return new Date(endOfLondonDayIso(date));
}

/** 00:00 London time on `date`. */
export function startOfLondonDay(date: IsoDate): Date {
  return londonInstant(date, 0);
}

/**
 * An instant from either an ISO string with a zone ('...Z', '+01:00') or a London wall time
 * without one ('YYYY-MM-DDTHH:mm', as `ObservedMessage.sentAt`), or a bare date (its start).
 */
export function instantOf(at: string): Date {
  const wall = LOCAL_WALL.exec(at);
  if (wall) {
    return londonInstant(
      isoDate(Number(wall[1]), Number(wall[2]), Number(wall[3])),
      Number(wall[4]),
      Number(wall[5]),
      Number(wall[6] ?? 0),
    );
  }
  if (ISO_DATE.test(at)) return startOfLondonDay(at);
  return new Date(toMs(at));
}

/** The London date of an ISO instant, a London wall time or a bare date. */
export function londonDateOfAny(at: string): IsoDate {
  // Fast path by length (hot in dueItems): 'YYYY-MM-DD' is 10 characters, a wall time
  // 'YYYY-MM-DDTHH:mm(:ss)' 16 or 19; an instant with a zone is never 10, 16 or 19 long.
  const n = at.length;
  if ((n === 10 && ISO_DATE.test(at)) || ((n === 16 || n === 19) && LOCAL_WALL.test(at))) {
    return n === 10 ? at : at.slice(0, 10);
  }
  return londonDateOf(at);
}
