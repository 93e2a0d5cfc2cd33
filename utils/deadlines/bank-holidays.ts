/**
 * England & Wales bank holidays: the bundled dataset (gov.uk shape, written by hand, checked by a
 * test that every year has the eight standard holidays plus the special ones), and, for years the
 * dataset does not cover, the standard eight computed by rule (special one-off holidays cannot be
 * known in advance: update the JSON when gov.uk announces them).
 */
import data from './bank-holidays-england-wales.json';
import { addDays, isoDate, isoWeekday, type IsoDate } from './london.ts';

export interface BankHolidayEvent {
  title: string;
  date: IsoDate;
}

export interface BankHolidayDataset {
  division: 'england-and-wales';
  events: BankHolidayEvent[];
}

export const dataset: BankHolidayDataset = {
  division: data.division as 'england-and-wales',
  events: data.events,
};

/** First and last years the bundled dataset lists completely. */
export const DATASET_FIRST_YEAR = data.coversYears[0] ?? 2020;
export const DATASET_LAST_YEAR = data.coversYears[1] ?? 2030;

const byDate = new Map<IsoDate, string>(dataset.events.map((e) => [e.date, e.title]));

/** Easter Sunday (Gregorian) by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

function firstMonday(year: number, month: number): IsoDate {
  const first = isoDate(year, month, 1);
  return addDays(first, (8 - isoWeekday(first)) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const last = addDays(
    isoDate(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1),
    -1,
  );
  return addDays(last, -((isoWeekday(last) + 6) % 7));
}

/**
 * The eight standard England & Wales bank holidays of a year by rule, with substitute days for
 * New Year, Christmas and Boxing Day falling at a weekend. No one-off changes (VE Day 2020, the
 * 2022 Jubilee and State Funeral, the 2023 Coronation): only the dataset knows those.
 */
export function standardBankHolidays(year: number): BankHolidayEvent[] {
  const easter = easterSunday(year);
  const taken = new Set<IsoDate>();
  const onWeekday = (date: IsoDate): IsoDate => {
    let d = date;
    while (isoWeekday(d) >= 6 || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    return d;
  };
  const events: BankHolidayEvent[] = [];
  const fixed = (title: string, date: IsoDate) => {
    const actual = onWeekday(date);
    events.push({ title: actual === date ? title : `${title} (substitute day)`, date: actual });
  };
  fixed('New Year’s Day', isoDate(year, 1, 1));
  events.push({ title: 'Good Friday', date: addDays(easter, -2) });
  events.push({ title: 'Easter Monday', date: addDays(easter, 1) });
  events.push({ title: 'Early May bank holiday', date: firstMonday(year, 5) });
  events.push({ title: 'Spring bank holiday', date: lastMonday(year, 5) });
  events.push({ title: 'Summer bank holiday', date: lastMonday(year, 8) });
  // Christmas keeps the 25th when it is a weekday; Boxing Day then takes the next free weekday.
  const christmas = isoDate(year, 12, 25);
  const boxing = isoDate(year, 12, 26);
  if (isoWeekday(boxing) <= 5 && isoWeekday(christmas) === 7) {
    // 25th a Sunday: Boxing Day keeps Monday 26th; Christmas is substituted to Tuesday 27th.
    taken.add(boxing);
    events.push({ title: 'Boxing Day', date: boxing });
    fixed('Christmas Day', christmas);
  } else {
    fixed('Christmas Day', christmas);
    fixed('Boxing Day', boxing);
  }
  return events.sort((a, b) => (a.date < b.date ? -1 : 1));
}

const computedYears = new Map<number, Map<IsoDate, string>>();

function computedFor(year: number): Map<IsoDate, string> {
  let m = computedYears.get(year);
  if (!m) {
    m = new Map(standardBankHolidays(year).map((e) => [e.date, e.title]));
    computedYears.set(year, m);
  }
  return m;
}

export function isDatasetYear(year: number): boolean {
  return year >= DATASET_FIRST_YEAR && year <= DATASET_LAST_YEAR;
}

/** The bank holiday's title on this date, or undefined. */
export function bankHolidayOn(date: IsoDate): string | undefined {
  const year = Number(date.slice(0, 4));
  return isDatasetYear(year) ? byDate.get(date) : computedFor(year).get(date);
}

export function isBankHoliday(date: IsoDate): boolean {
  return bankHolidayOn(date) !== undefined;
}

/** All bank holidays of a year (dataset, or computed outside it). */
export function bankHolidaysIn(year: number): BankHolidayEvent[] {
  if (isDatasetYear(year)) return dataset.events.filter((e) => e.date.startsWith(`${year}-`));
  return standardBankHolidays(year);
}
