import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateOrder,
  parseDividerDate,
  parseNumericDate,
  parsePrePlainText,
  parseTime,
} from '../../../utils/whatsapp/pre-plain-text';

const NNBSP = '\u202f';

describe('parsePrePlainText', () => {
  it.each([
    // [data-pre-plain-text, locale, sentAt, sender]
    ['[10:15, 22/11/2026] Alice Brown: ', 'en-GB', '2026-11-22T10:15', 'Alice Brown'],
    ['[13:52, 22/03/2026] Bob Clark: ', 'en-GB', '2026-03-22T13:52', 'Bob Clark'],
    [`[2:10${NNBSP}PM, 6/8/2021] Carol Davies: `, 'en-US', '2021-06-08T14:10', 'Carol Davies'],
    [`[2:10${NNBSP}PM, 6/8/2021] Carol Davies: `, 'en-GB', '2021-08-06T14:10', 'Carol Davies'],
    ['[2:10 PM, 6/8/2021] Carol: ', 'en-US', '2021-06-08T14:10', 'Carol'],
    [`[12:05${NNBSP}AM, 11/7/2025] Carol: `, 'en-US', '2025-11-07T00:05', 'Carol'],
    [`[12:30${NNBSP}PM, 11/7/2025] Carol: `, 'en-US', '2025-11-07T12:30', 'Carol'],
    ['[10:33 am, 8/5/2025] Dev Patel: ', 'en-GB', '2025-05-08T10:33', 'Dev Patel'],
    [`[10:33${NNBSP}pm, 8/5/2025] Dev Patel: `, 'en-GB', '2025-05-08T22:33', 'Dev Patel'],
    ['[10:33 a.m., 8/5/2025] Dev: ', 'en-AU', '2025-05-08T10:33', 'Dev'],
    ['[15:04, 15.04.2016] Jane Smith: ', 'de-DE', '2016-04-15T15:04', 'Jane Smith'],
    ['[15:04, 15.04.16] Jane Smith: ', 'de-DE', '2016-04-15T15:04', 'Jane Smith'],
    ['[下午2:10, 2021/6/8] 王小明: ', 'zh-CN', '2021-06-08T14:10', '王小明'],
    ['[오후 2:10, 2021. 6. 8.] 김민수: ', 'ko-KR', '2021-06-08T14:10', '김민수'],
    ['[09:41, 2026/11/22] 山田: ', 'ja-JP', '2026-11-22T09:41', '山田'],
    ['[١٠:١٥, ٢٢/١١/٢٠٢٦] أحمد: ', 'ar-EG', '2026-11-22T10:15', 'أحمد'],
    ['[10:15, 22/11/2026] +44 7700 900456: ', 'en-GB', '2026-11-22T10:15', '+44 7700 900456'],
    ['[10:15, 22/11/2026] Tom: the builder: ', 'en-GB', '2026-11-22T10:15', 'Tom: the builder'],
  ])('%s (%s)', (raw, locale, sentAt, sender) => {
    expect(parsePrePlainText(raw, locale)).toEqual({ sentAt, sender });
  });

  it('keeps the sender but leaves sentAt out when the date or time does not parse', () => {
    expect(parsePrePlainText('[10:15, 31/02/2026] Alice: ', 'en-GB')).toEqual({ sender: 'Alice' });
    expect(parsePrePlainText('[25:15, 22/11/2026] Alice: ', 'en-GB')).toEqual({ sender: 'Alice' });
    expect(parsePrePlainText('[13:15 PM, 22/11/2026] Alice: ', 'en-GB')).toEqual({
      sender: 'Alice',
    });
    // 22/11 is not a month-first date: never swapped to make it fit.
    expect(parsePrePlainText('[10:15, 22/11/2026] Alice: ', 'en-US')).toEqual({ sender: 'Alice' });
    expect(parsePrePlainText('[yesterday] Alice: ', 'en-GB')).toEqual({ sender: 'Alice' });
  });

  it('rejects strings not in the [stamp] sender: shape', () => {
    expect(parsePrePlainText('', 'en-GB')).toBeUndefined();
    expect(parsePrePlainText('Alice Brown: ', 'en-GB')).toBeUndefined();
    expect(parsePrePlainText('[10:15, 22/11/2026] ', 'en-GB')).toBeUndefined();
    expect(parsePrePlainText('[10:15, 22/11/2026] Alice', 'en-GB')).toBeUndefined();
  });

  it('defaults to en-GB order without a locale', () => {
    expect(parsePrePlainText('[10:15, 6/8/2026] A: ')?.sentAt).toBe('2026-08-06T10:15');
  });

  it('reads the same stamp again by each locale, however often it was read before', () => {
    // Stamps are remembered once parsed: by locale, so one page's order never leaks to another.
    for (let i = 0; i < 3; i++) {
      expect(parsePrePlainText('[10:15, 6/8/2026] A: ', 'en-US')?.sentAt).toBe('2026-06-08T10:15');
      expect(parsePrePlainText('[10:15, 6/8/2026] B: ', 'en-GB')?.sentAt).toBe('2026-08-06T10:15');
      expect(parsePrePlainText('[10:15, 6/8/2026] C: ')?.sentAt).toBe('2026-08-06T10:15');
      expect(parsePrePlainText('[10:15, 31/8/2026] D: ', 'en-US')).toEqual({ sender: 'D' });
    }
  });
});

describe('dateOrder', () => {
  it.each([
    ['en-GB', ['day', 'month', 'year']],
    ['en-US', ['month', 'day', 'year']],
    ['de-DE', ['day', 'month', 'year']],
    ['ja-JP', ['year', 'month', 'day']],
    ['not a locale!', ['day', 'month', 'year']],
    ['', ['day', 'month', 'year']],
  ])('%s', (locale, order) => {
    expect(dateOrder(locale)).toEqual(order);
  });
});

describe('parseTime / parseNumericDate', () => {
  it.each([
    ['10:15', '10:15'],
    ['9:05', '09:05'],
    [`2:10${NNBSP}PM`, '14:10'],
    ['12:00 am', '00:00'],
    ['12:00 pm', '12:00'],
    ['Edited10:15', '10:15'],
    ['15.04', '15:04'],
    ['10:61', undefined],
    ['0:17 PM', undefined],
    ['noon', undefined],
  ])('time %s', (raw, hhmm) => {
    expect(parseTime(raw)).toBe(hhmm);
  });

  it('dates', () => {
    expect(parseNumericDate('29/02/2028', 'en-GB')).toBe('2028-02-29');
    expect(parseNumericDate('29/02/2027', 'en-GB')).toBeUndefined();
    expect(parseNumericDate('6/8/2021', 'en-US')).toBe('2021-06-08');
    expect(parseNumericDate('22/11', 'en-GB')).toBeUndefined();
    expect(parseNumericDate('0/11/2026', 'en-GB')).toBeUndefined();
  });
});

describe('parseDividerDate', () => {
  it.each([
    ['21/11/2026', 'en-GB', undefined, '2026-11-21'],
    ['21.11.2026', 'de-DE', undefined, '2026-11-21'],
    ['11/6/2025', 'en-US', undefined, '2025-11-06'],
    ['Today', 'en-GB', '2026-11-22', '2026-11-22'],
    ['TODAY', 'en-GB', '2026-11-22', '2026-11-22'],
    ['Yesterday', 'en-GB', '2026-11-01', '2026-10-31'],
    ['Friday', 'en-GB', '2026-11-22', '2026-11-20'],
    ['Monday', 'en-GB', '2026-11-22', '2026-11-16'],
    ['Sunday', 'en-GB', '2026-11-22', undefined],
    ['Saturday', 'en-GB', '2026-11-22', undefined],
    ['Today', 'en-GB', undefined, undefined],
    ['Heute', 'de-DE', '2026-11-22', undefined],
    ['Alice Brown added Bob Clark', 'en-GB', '2026-11-22', undefined],
  ])('%s (%s, today %s)', (label, locale, today, date) => {
    expect(parseDividerDate(label, locale, today)).toBe(date);
  });

  it('addDays crosses months and years', () => {
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
