import { describe, expect, it } from 'vitest';
import data from '../../../utils/deadlines/bank-holidays-england-wales.json';
import {
  bankHolidayOn,
  bankHolidaysIn,
  DATASET_FIRST_YEAR,
  DATASET_LAST_YEAR,
  dataset,
  easterSunday,
  isBankHoliday,
  standardBankHolidays,
} from '../../../utils/deadlines/bank-holidays.ts';

// ---- An independent calendar, computed here to cross-check the hand-written data. ----

/** Easter Sunday by Oudin's algorithm (1940): independent of the Meeus/Butcher one in the code. */
function oudinEaster(y: number): string {
  const g = y % 19;
  const c = Math.floor(y / 100);
  const h = (c - Math.floor(c / 4) - Math.floor((8 * c + 13) / 25) + 19 * g + 15) % 30;
  const i = h - Math.floor(h / 28) * (1 - Math.floor(29 / (h + 1)) * Math.floor((21 - g) / 11));
  const j = (y + Math.floor(y / 4) + i + 2 - c + Math.floor(c / 4)) % 7;
  const l = i - j;
  const month = 3 + Math.floor((l + 40) / 44);
  const day = l + 28 - 31 * Math.floor(month / 4);
  return ymd(new Date(Date.UTC(y, month - 1, day)));
}

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function utc(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}
function plusDays(s: string, n: number): string {
  return ymd(new Date(utc(s).getTime() + n * 86_400_000));
}
function weekday(s: string): number {
  return utc(s).getUTCDay(); // 0 Sunday ... 6 Saturday
}
function isWeekend(s: string): boolean {
  const w = weekday(s);
  return w === 0 || w === 6;
}
function firstMondayOfMay(y: number): string {
  let d = `${y}-05-01`;
  while (weekday(d) !== 1) d = plusDays(d, 1);
  return d;
}
function lastMondayOf(y: number, month: number): string {
  let d = plusDays(ymd(new Date(Date.UTC(y, month, 1))), -1);
  while (weekday(d) !== 1) d = plusDays(d, -1);
  return d;
}

/** The eight standard holidays, with substitutes, plus the special changes announced by gov.uk. */
function expectedYear(y: number): Map<string, string> {
  const out = new Map<string, string>();
  const substitute = (d: string): string => {
    let s = d;
    while (isWeekend(s) || out.has(s)) s = plusDays(s, 1);
    return s;
  };
  out.set(substitute(`${y}-01-01`), 'new-year');
  const easter = oudinEaster(y);
  out.set(plusDays(easter, -2), 'good-friday');
  out.set(plusDays(easter, 1), 'easter-monday');
  out.set(firstMondayOfMay(y), 'early-may');
  out.set(lastMondayOf(y, 5), 'spring');
  out.set(lastMondayOf(y, 8), 'summer');
  if (weekday(`${y}-12-25`) === 0) {
    // Christmas on a Sunday: Boxing Day keeps Monday 26th, Christmas moves to Tuesday 27th.
    out.set(`${y}-12-26`, 'boxing');
    out.set(`${y}-12-27`, 'christmas');
  } else {
    out.set(substitute(`${y}-12-25`), 'christmas');
    out.set(substitute(`${y}-12-26`), 'boxing');
  }
  const move = (from: string, to: string) => {
    const what = out.get(from);
    expect(what, `${from} should be a standard holiday`).toBeDefined();
    out.delete(from);
    out.set(to, what ?? '');
  };
  if (y === 2020) move('2020-05-04', '2020-05-08'); // VE Day 75th anniversary
  if (y === 2022) {
    move('2022-05-30', '2022-06-02'); // Spring bank holiday moved for the Platinum Jubilee
    out.set('2022-06-03', 'platinum-jubilee');
    out.set('2022-09-19', 'state-funeral');
  }
  if (y === 2023) out.set('2023-05-08', 'coronation');
  return out;
}

const TITLE_FOR: Record<string, RegExp> = {
  'new-year': /^New Year’s Day/,
  'good-friday': /^Good Friday$/,
  'easter-monday': /^Easter Monday$/,
  'early-may': /^Early May bank holiday/,
  spring: /^Spring bank holiday$/,
  summer: /^Summer bank holiday$/,
  christmas: /^Christmas Day/,
  boxing: /^Boxing Day/,
  'platinum-jubilee': /Platinum Jubilee/,
  'state-funeral': /State Funeral of Queen Elizabeth II/,
  coronation: /coronation of King Charles III/,
};

const YEARS = Array.from({ length: 11 }, (_, i) => 2020 + i);

describe('bundled England & Wales bank holidays', () => {
  it('has the gov.uk shape', () => {
    expect(data.division).toBe('england-and-wales');
    expect(dataset.division).toBe('england-and-wales');
    for (const e of data.events) {
      expect(Object.keys(e).sort()).toEqual(['date', 'title']);
      expect(e.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(ymd(utc(e.date))).toBe(e.date); // a real calendar date
      expect(e.title.length).toBeGreaterThan(0);
    }
  });

  it('covers at least 2020 to 2030', () => {
    expect(DATASET_FIRST_YEAR).toBeLessThanOrEqual(2020);
    expect(DATASET_LAST_YEAR).toBeGreaterThanOrEqual(2030);
    for (const y of YEARS) expect(bankHolidaysIn(y).length).toBeGreaterThanOrEqual(8);
  });

  it('lists events in date order with no duplicates and none at a weekend', () => {
    const dates = data.events.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of dates) expect(isWeekend(d), d).toBe(false);
  });

  it('has 91 events from 2020 to 2030: 8 a year plus the Jubilee, the State Funeral and the Coronation', () => {
    expect(data.events.filter((e) => e.date >= '2020' && e.date < '2031')).toHaveLength(91);
  });

  it.each(YEARS)('%i matches the computed calendar exactly, with the right titles', (y) => {
    const expected = expectedYear(y);
    const actual = bankHolidaysIn(y);
    expect(actual.map((e) => e.date)).toEqual([...expected.keys()].sort());
    for (const e of actual) {
      const what = expected.get(e.date) ?? '';
      expect(e.title, `${e.date} (${what})`).toMatch(TITLE_FOR[what] ?? /^$/);
    }
  });

  it('Easter: both algorithms agree with each other and with known dates', () => {
    for (let y = 1900; y <= 2200; y++) expect(easterSunday(y), String(y)).toBe(oudinEaster(y));
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible
    expect(easterSunday(2285)).toBe('2285-03-22'); // earliest possible
  });

  it('the special holidays of 2020, 2022 and 2023', () => {
    expect(bankHolidayOn('2020-05-08')).toMatch(/VE day/);
    expect(isBankHoliday('2020-05-04')).toBe(false);
    expect(bankHolidayOn('2022-06-02')).toBe('Spring bank holiday');
    expect(isBankHoliday('2022-05-30')).toBe(false);
    expect(bankHolidayOn('2022-06-03')).toMatch(/Platinum Jubilee/);
    expect(bankHolidayOn('2022-09-19')).toMatch(/State Funeral/);
    expect(bankHolidayOn('2023-05-08')).toMatch(/coronation/);
    expect(bankHolidayOn('2023-05-01')).toMatch(/Early May/);
  });

  it('substitute days at weekends', () => {
    expect(bankHolidayOn('2022-01-03')).toMatch(/New Year.*substitute/);
    expect(bankHolidayOn('2021-12-27')).toMatch(/Christmas.*substitute/);
    expect(bankHolidayOn('2021-12-28')).toMatch(/Boxing.*substitute/);
    expect(bankHolidayOn('2022-12-26')).toBe('Boxing Day');
    expect(bankHolidayOn('2022-12-27')).toMatch(/Christmas.*substitute/);
    expect(bankHolidayOn('2026-12-28')).toMatch(/Boxing.*substitute/);
  });

  it('the rule-based calendar agrees with the dataset in every year without special changes', () => {
    for (const y of YEARS) {
      if (y === 2020 || y === 2022 || y === 2023) continue;
      expect(standardBankHolidays(y)).toEqual(bankHolidaysIn(y));
    }
  });

  it('beyond the dataset, the eight standard holidays are computed', () => {
    const y2031 = bankHolidaysIn(2031);
    expect(y2031.map((e) => e.date)).toEqual([...expectedYear(2031).keys()].sort());
    expect(bankHolidayOn('2031-04-11')).toBe('Good Friday');
    // 2032: Christmas on a Saturday.
    expect(bankHolidayOn('2032-12-27')).toMatch(/Christmas.*substitute/);
    expect(bankHolidayOn('2032-12-28')).toMatch(/Boxing.*substitute/);
    for (let y = 2031; y <= 2060; y++) {
      expect(bankHolidaysIn(y).map((e) => e.date)).toEqual([...expectedYear(y).keys()].sort());
    }
  });
});
