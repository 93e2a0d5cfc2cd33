import { addYears as fnsAddYears } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRelative } from '../../../utils/deadlines/format.ts';
import {
  addCalendarMonths,
  addDays,
  addYears,
  daysBetween,
  endOfLondonDay,
  endOfLondonDayIso,
  instantOf,
  isoWeekday,
  londonDateOf,
  londonDateOfAny,
  parseIsoDate,
  startOfLondonDay,
} from '../../../utils/deadlines/london.ts';
import {
  addWorkingDays,
  addWorkingDaysToDate,
  isWorkingDay,
  onOrNextWorkingDay,
  workingDaysBetween,
} from '../../../utils/deadlines/working-days.ts';

const at = (iso: string) => new Date(iso);

describe('Europe/London days and instants', () => {
  it('end of day is 23:59:59 local: GMT in winter, BST in summer', () => {
    expect(endOfLondonDayIso('2026-01-15')).toBe('2026-01-15T23:59:59.000Z');
    expect(endOfLondonDayIso('2026-07-15')).toBe('2026-07-15T22:59:59.000Z');
    expect(endOfLondonDay('2026-07-15').toISOString()).toBe('2026-07-15T22:59:59.000Z');
  });

  it('the days the clocks change (last Sunday of March and October)', () => {
    // 29/03/2026: clocks go forward at 01:00 GMT. The day starts in GMT and ends in BST.
    expect(startOfLondonDay('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(endOfLondonDayIso('2026-03-29')).toBe('2026-03-29T22:59:59.000Z');
    expect(endOfLondonDayIso('2026-03-28')).toBe('2026-03-28T23:59:59.000Z');
    // 25/10/2026: clocks go back at 01:00 GMT (02:00 BST). The day starts in BST and ends in GMT.
    expect(startOfLondonDay('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(endOfLondonDayIso('2026-10-25')).toBe('2026-10-25T23:59:59.000Z');
    expect(endOfLondonDayIso('2026-10-24')).toBe('2026-10-24T22:59:59.000Z');
    // 2027 and 2028 changes.
    expect(endOfLondonDayIso('2027-03-28')).toBe('2027-03-28T22:59:59.000Z');
    expect(endOfLondonDayIso('2027-10-31')).toBe('2027-10-31T23:59:59.000Z');
    expect(endOfLondonDayIso('2028-03-26')).toBe('2028-03-26T22:59:59.000Z');
    expect(endOfLondonDayIso('2028-10-29')).toBe('2028-10-29T23:59:59.000Z');
  });

  it('the London date of an instant near midnight', () => {
    expect(londonDateOf('2026-07-05T22:59:59Z')).toBe('2026-07-05');
    expect(londonDateOf('2026-07-05T23:00:00Z')).toBe('2026-07-06'); // 00:00 BST
    expect(londonDateOf('2026-12-05T23:30:00Z')).toBe('2026-12-05'); // GMT
    expect(londonDateOf('2026-03-28T23:30:00Z')).toBe('2026-03-28'); // before the change
    expect(londonDateOf('2026-03-29T23:30:00Z')).toBe('2026-03-30'); // after it
    expect(londonDateOf('2026-10-24T23:30:00Z')).toBe('2026-10-25');
    expect(londonDateOf('2026-10-25T23:30:00Z')).toBe('2026-10-25');
    expect(londonDateOf('2026-06-01T23:30:00+01:00')).toBe('2026-06-01');
    expect(londonDateOf(at('2026-06-01T23:30:00+01:00'))).toBe('2026-06-01');
    expect(londonDateOf(Date.parse('2026-06-01T23:30:00+00:00'))).toBe('2026-06-02');
  });

  it('London date of every hour over both 2026 changes matches Intl', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
    for (const start of ['2026-03-27T00:00:00Z', '2026-10-23T00:00:00Z']) {
      for (let h = 0; h < 96; h++) {
        const t = Date.parse(start) + h * 3_600_000 + 1_800_000;
        expect(londonDateOf(t)).toBe(fmt.format(t));
      }
    }
  });

  it('instantOf: zoned ISO, London wall time, bare date', () => {
    expect(instantOf('2026-07-01T10:00').toISOString()).toBe('2026-07-01T09:00:00.000Z');
    expect(instantOf('2026-12-01T10:00').toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(instantOf('2026-12-01T10:00:00+01:00').toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(instantOf('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(londonDateOfAny('2026-07-01T00:30')).toBe('2026-07-01');
    expect(() => instantOf('not a date')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-7-1')).toThrow(RangeError);
  });

  it('calendar arithmetic', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the clock change
    expect(daysBetween('2026-10-30', '2026-10-24')).toBe(-6);
    expect(isoWeekday('2026-11-22')).toBe(7); // Sunday
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('1969-12-29')).toBe(1);
  });

  it('addYears: 29/02 becomes 28/02 in a common year, as date-fns does', () => {
    expect(addYears('2028-02-29', 6)).toBe('2034-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addYears('2026-12-31', 12)).toBe('2038-12-31');
    for (let d = '2027-01-01'; d < '2033-01-01'; d = addDays(d, 13)) {
      for (const y of [1, 3, 6, 12]) {
        const [yy, mm, dd] = d.split('-').map(Number) as [number, number, number];
        const expected = fnsAddYears(new Date(yy, mm - 1, dd, 12), y);
        const e = `${expected.getFullYear()}-${String(expected.getMonth() + 1).padStart(2, '0')}-${String(expected.getDate()).padStart(2, '0')}`;
        expect(addYears(d, y)).toBe(e);
      }
    }
  });

  it('addCalendarMonths: the corresponding date, or the last day of a shorter month', () => {
    expect(addCalendarMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2028-01-29', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addCalendarMonths('2026-09-03', 1)).toBe('2026-10-03');
    expect(addCalendarMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addCalendarMonths('2026-03-29', 1)).toBe('2026-04-29'); // clock-change day
    expect(addCalendarMonths('2026-10-25', 1)).toBe('2026-11-25');
  });
});

describe('working days', () => {
  it('weekends and bank holidays are not working days', () => {
    expect(isWorkingDay('2026-11-23')).toBe(true);
    expect(isWorkingDay('2026-11-21')).toBe(false);
    expect(isWorkingDay('2026-11-22')).toBe(false);
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute
    expect(isWorkingDay('2026-04-03')).toBe(false); // Good Friday
    expect(isWorkingDay('2026-04-06')).toBe(false); // Easter Monday
    expect(isWorkingDay('2022-09-19')).toBe(false); // State Funeral
    expect(isWorkingDay('2023-05-08')).toBe(false); // Coronation
    expect(isWorkingDay('2020-05-04')).toBe(true); // moved to 8 May that year
  });

  it('counts from the next day: 0 is the same day, 1 the next working day', () => {
    expect(addWorkingDaysToDate('2026-11-23', 0)).toBe('2026-11-23');
    expect(addWorkingDaysToDate('2026-11-23', 1)).toBe('2026-11-24');
    expect(addWorkingDaysToDate('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDaysToDate('2026-11-28', 1)).toBe('2026-11-30'); // Saturday → Monday
    expect(addWorkingDaysToDate('2026-11-30', -1)).toBe('2026-11-27');
    expect(() => addWorkingDaysToDate('2026-11-30', 1.5)).toThrow(RangeError);
  });

  it('over Christmas and New Year', () => {
    // Thu 24/12/2026: 25 Fri, 26-27 weekend, 28 Mon substitute, so the next is Tue 29.
    expect(addWorkingDaysToDate('2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDaysToDate('2026-12-24', 2)).toBe('2026-12-30');
    expect(addWorkingDaysToDate('2026-12-31', 1)).toBe('2027-01-04'); // 1 Jan Friday
    expect(addWorkingDaysToDate('2027-12-24', 1)).toBe('2027-12-29'); // 27, 28 substitutes
  });

  it('over Easter (with the clocks going forward the same weekend in 2027)', () => {
    expect(addWorkingDaysToDate('2027-03-25', 1)).toBe('2027-03-30');
    expect(addWorkingDays(at('2027-03-25T16:00:00Z'), 1).toISOString()).toBe(
      '2027-03-30T22:59:59.000Z',
    );
  });

  it('addWorkingDays lands at the end of the right London day across a clock change', () => {
    // Fri 23/10/2026 10:00 BST + 1 working day = Mon 26/10/2026, now GMT.
    expect(addWorkingDays(at('2026-10-23T09:00:00Z'), 1).toISOString()).toBe(
      '2026-10-26T23:59:59.000Z',
    );
    // Fri 27/03/2026 23:30 GMT + 1 = Mon 30/03/2026, now BST.
    expect(addWorkingDays(at('2026-03-27T23:30:00Z'), 1).toISOString()).toBe(
      '2026-03-30T22:59:59.000Z',
    );
    // 23:30 UTC on Sun 05/07/2026 is already Monday 00:30 BST: the next working day is Tuesday.
    expect(addWorkingDays(at('2026-07-05T23:30:00Z'), 1).toISOString()).toBe(
      '2026-07-07T22:59:59.000Z',
    );
  });

  it('workingDaysBetween is the inverse of addWorkingDaysToDate', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 400; i++) {
      const from = addDays('2020-01-01', Math.floor(rnd() * 4000));
      const n = Math.floor(rnd() * 41) - 10;
      const to = addWorkingDaysToDate(from, n);
      expect(workingDaysBetween(from, to), `${from} + ${n}`).toBe(n);
      if (n !== 0) expect(isWorkingDay(to)).toBe(true);
    }
    expect(workingDaysBetween('2026-12-24', '2026-12-29')).toBe(1);
    expect(workingDaysBetween('2026-12-29', '2026-12-24')).toBe(-1);
    expect(workingDaysBetween('2026-12-24', '2026-12-24')).toBe(0);
  });

  it('onOrNextWorkingDay', () => {
    expect(onOrNextWorkingDay('2026-10-03')).toBe('2026-10-05');
    expect(onOrNextWorkingDay('2026-12-26')).toBe('2026-12-29');
    expect(onOrNextWorkingDay('2026-12-29')).toBe('2026-12-29');
  });
});

describe('en-GB formatting', () => {
  it('formatDate: dd/mm/yyyy of the London day', () => {
    expect(formatDate('2028-02-29')).toBe('29/02/2028');
    expect(formatDate('2026-03-29T23:30:00Z')).toBe('30/03/2026');
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('31/12/2026');
    expect(formatDate('2026-07-01T00:30')).toBe('01/07/2026');
  });

  it('formatDateTime: the London wall clock, including the repeated hour in October', () => {
    expect(formatDateTime('2026-07-01T09:05:00Z')).toBe('01/07/2026 10:05');
    expect(formatDateTime('2026-12-01T09:05:00Z')).toBe('01/12/2026 09:05');
    expect(formatDateTime('2026-10-25T00:30:00Z')).toBe('25/10/2026 01:30'); // BST
    expect(formatDateTime('2026-10-25T01:30:00Z')).toBe('25/10/2026 01:30'); // GMT
    expect(formatDateTime('2026-03-29T01:00:00Z')).toBe('29/03/2026 02:00');
    expect(formatDateTime('2026-03-29')).toBe('29/03/2026');
    // A London wall time (no zone) is shown as it is, whatever the system's zone.
    expect(formatDateTime('2026-07-01T09:55')).toBe('01/07/2026 09:55');
    expect(formatDateTime('2026-12-01T23:30')).toBe('01/12/2026 23:30');
    expect(londonDateOf('2026-07-01T00:30')).toBe('2026-07-01');
  });

  it('formatRelative counts London days', () => {
    const now = at('2026-11-23T10:00:00Z');
    expect(formatRelative(now, '2026-11-23T23:59:59.000Z')).toBe('due today');
    expect(formatRelative(now, '2026-11-24T23:59:59.000Z')).toBe('due tomorrow');
    expect(formatRelative(now, '2026-11-26T23:59:59.000Z')).toBe('due in 3 days');
    expect(formatRelative(now, '2026-11-22T23:59:59.000Z')).toBe('overdue by 1 day');
    expect(formatRelative(now, '2026-11-21T23:59:59.000Z')).toBe('overdue by 2 days');
    expect(formatRelative(now, '2026-11-23T09:00:00.000Z')).toBe('overdue since 09:00');
    // 23:30 UTC on 24/10/2026 is already 25/10 in London.
    expect(formatRelative(at('2026-10-24T23:30:00Z'), '2026-10-25T23:59:59.000Z')).toBe(
      'due today',
    );
  });
});
