/**
 * Locale-aware parsing of WhatsApp Web's `data-pre-plain-text` ("[10:15, 22/11/2026] Alice: ")
 * and of the bare times and dates it shows elsewhere (message meta, date dividers).
 *
 * WhatsApp formats these in the UI locale (`<html lang>`): `[2:10 PM, 6/8/2021]` (en-US, with a
 * U+202F narrow no-break space before PM), `[10:33 am, 8/5/2025]`, `[13:52, 22/03/2026]`,
 * `[15:04, 15.04.2016]`, `[下午2:10, 2021/6/8]`. Whether `6/8` is 6 August or June 8 is decided by
 * the locale's own numeric date order (`Intl.DateTimeFormat(locale).formatToParts`), never guessed
 * per message. Anything that does not parse cleanly gives `undefined`, never a guess.
 */

export interface PrePlainText {
  /** Local wall time 'YYYY-MM-DDTHH:mm', absent when the time or date did not parse. */
  sentAt?: string;
  /** The displayed sender: saved name, formatted phone number, or the user's own profile name. */
  sender: string;
}

/** Locale used when the page gives none: the product is for UK councils. */
export const DEFAULT_LOCALE = 'en-GB';

type DatePart = 'day' | 'month' | 'year';

const orderCache = new Map<string, DatePart[]>();

/** The order of day, month and year in the locale's short numeric date (e.g. en-US → month, day, year). */
export function dateOrder(locale: string | undefined): DatePart[] {
  const key = locale || DEFAULT_LOCALE;
  const cached = orderCache.get(key);
  if (cached) return cached;
  let order: DatePart[];
  try {
    const parts = new Intl.DateTimeFormat(key, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    }).formatToParts(new Date(2006, 10, 22));
    order = parts
      .map((p) => p.type)
      .filter((t): t is DatePart => t === 'day' || t === 'month' || t === 'year');
  } catch {
    order = [];
  }
  if (order.length !== 3) order = ['day', 'month', 'year'];
  orderCache.set(key, order);
  return order;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Zero of each decimal digit run WhatsApp may show: ASCII, Arabic-Indic, Persian, Devanagari,
 * Bengali, Thai, full-width. */
const DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10];

const NON_ASCII = /[^ -~]/; // anything outside printable ASCII (a digit run WhatsApp localised)

/** Map those digits to ASCII. */
function asciiDigits(s: string): string {
  if (!NON_ASCII.test(s)) return s; // the common case: nothing to map
  return s.replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0) ?? 0x30;
    const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9);
    return zero === undefined ? d : String(cp - zero);
  });
}

const PM = /(?:\bp\.?\s?m\.?|下午|午後|오후|م|अपराह्न)/iu;
const AM = /(?:\ba\.?\s?m\.?|上午|午前|오전|ص|पूर्वाह्न)/iu;

/** "10:15", "2:10 PM", "2:10\u202fpm", "下午2:10", "15.04" (dotted times) → "HH:mm". */
export function parseTime(raw: string): string | undefined {
  const s = asciiDigits(raw).replace(/[\u00a0\u202f\u2009]/g, ' ');
  const m = /(\d{1,2})[:.](\d{2})(?!\d)/.exec(s);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  if (minute > 59) return undefined;
  const rest = s.slice(0, m.index) + ' ' + s.slice(m.index + m[0].length);
  const pm = PM.test(rest);
  const am = !pm && AM.test(rest);
  if (pm || am) {
    if (hour < 1 || hour > 12) return undefined;
    if (hour === 12) hour = 0;
    if (pm) hour += 12;
  } else if (hour > 23) {
    return undefined;
  }
  return `${pad(hour)}:${pad(minute)}`;
}

/** A numeric date in the locale's order ("22/11/2026", "6/8/2021", "15.04.2016") → "YYYY-MM-DD". */
export function parseNumericDate(raw: string, locale?: string): string | undefined {
  const nums = asciiDigits(raw).match(/\d+/g);
  if (!nums || nums.length !== 3) return undefined;
  const order = dateOrder(locale);
  const value: Partial<Record<DatePart, number>> = {};
  order.forEach((part, i) => {
    value[part] = Number(nums[i]);
  });
  let { year } = value;
  const { month, day } = value;
  if (year === undefined || month === undefined || day === undefined) return undefined;
  if (year < 100) year += 2000;
  if (month < 1 || month > 12 || day < 1) return undefined;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return undefined;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/**
 * Parse `data-pre-plain-text`. Returns undefined when the string is not in the
 * `[time, date] sender: ` shape; `sentAt` is absent when the time or date does not parse.
 */
export function parsePrePlainText(s: string, locale?: string): PrePlainText | undefined {
  const m = /^\s*\[([^\]]*)\]\s*([\s\S]*?):\s*$/.exec(s);
  if (!m) return undefined;
  const sender = (m[2] ?? '').trim();
  if (!sender) return undefined;
  const sentAt = stampOf(m[1] ?? '', locale);
  return sentAt ? { sentAt, sender } : { sender };
}

/**
 * Dates and times parsed so far: a chat repeats its days on every message and its minutes often,
 * and new rows arrive with a new minute but the same day. Dates by locale and text, times by text.
 */
const dates = new Map<string, string | undefined>();
const times = new Map<string, string | undefined>();

function remembered(
  cache: Map<string, string | undefined>,
  key: string,
  parse: () => string | undefined,
) {
  if (cache.has(key)) return cache.get(key);
  const value = parse();
  if (cache.size >= 5_000) cache.clear();
  cache.set(key, value);
  return value;
}

/** "10:15, 22/11/2026" → "2026-11-22T10:15" (undefined unless both parts parse). */
function stampOf(stamp: string, locale: string | undefined): string | undefined {
  const comma = stamp.search(/[,،，]/);
  if (comma < 0) return undefined;
  const a = stamp.slice(0, comma).trim();
  const b = stamp.slice(comma + 1).trim();
  // WhatsApp puts the time first; accept the reverse only when it is unambiguous.
  const [timePart, datePart] = b.includes(':') && !a.includes(':') ? [b, a] : [a, b];
  const time = remembered(times, timePart, () => parseTime(timePart));
  const date = remembered(dates, `${locale ?? ''}\n${datePart}`, () =>
    parseNumericDate(datePart, locale),
  );
  return time && date ? `${date}T${time}` : undefined;
}

const RELATIVE_DAYS: Record<string, number> = { today: 0, yesterday: 1 };
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** 'YYYY-MM-DD' plus n days (n may be negative). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/**
 * A date divider's label → 'YYYY-MM-DD'. Numeric dates follow the locale; "Today", "Yesterday"
 * and weekday names (shown for the last week) need `today` ('YYYY-MM-DD') and English labels.
 */
export function parseDividerDate(
  label: string,
  locale?: string,
  today?: string,
): string | undefined {
  const text = label.replace(/\s+/g, ' ').trim();
  if (/\d/.test(asciiDigits(text))) return parseNumericDate(text, locale);
  const word = text.toLowerCase();
  if (!today || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return undefined;
  const back = RELATIVE_DAYS[word];
  if (back !== undefined) return addDays(today, -back);
  const weekday = WEEKDAYS.indexOf(word);
  if (weekday < 0) return undefined;
  const todayWeekday = new Date(`${today}T12:00:00Z`).getUTCDay();
  // WhatsApp names the weekday for 2-6 days ago; any other reading would be a guess.
  const diff = (todayWeekday - weekday + 7) % 7;
  return diff >= 2 ? addDays(today, -diff) : undefined;
}
