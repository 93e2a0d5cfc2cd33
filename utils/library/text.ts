/** Text normalisation shared by the search index and the subject-access helper (en-GB). */

const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’‘`]/g;
const NON_WORD = /[^\p{L}\p{N}]+/u;

/** Case and diacritics folding: "Café NAÏVE" → "cafe naive". */
export function fold(s: string): string {
  const lower = s.toLowerCase();
  // Fast path: plain ASCII needs no decomposition.
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFD').replace(MARKS, '');
}

/** Words of a text, folded: apostrophes join ("don't" → "dont", "council's" → "councils"). */
export function words(s: string): string[] {
  return fold(s).replace(APOSTROPHES, '').split(NON_WORD).filter(Boolean);
}

/** A person's name as a comparable key: folded, single spaces, no direction marks. */
export function nameKey(s: string): string {
  return fold(s.replace(/[\u200E\u200F\u202A-\u202E]/g, ''))
    .trim()
    .replace(/\s+/g, ' ');
}

/**
 * A phone number in one comparable form: UK numbers in national form ("+44 7700 900123",
 * "0044 7700-900123", "(07700) 900 123" → "07700900123"); others as "+<digits>".
 * Returns undefined when there are too few or too many digits to be a phone number.
 */
export function normalisePhone(raw: string): string | undefined {
  const trimmed = raw.trim();
  let digits = trimmed.replace(/\D/g, '');
  let international = trimmed.startsWith('+');
  if (!international && digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  if (international && digits.startsWith('44')) {
    digits = digits.slice(2);
    if (digits.startsWith('0')) digits = digits.slice(1); // "+44 (0)7700 …"
    digits = '0' + digits;
    international = false;
  }
  if (digits.length < 9 || digits.length > 15) return undefined;
  return international ? `+${digits}` : digits;
}

const PHONE_IN_TEXT = /(?:\+|\b00|\b0)\d[\d\s\-().]{7,16}\d/g;
const EMAIL_IN_TEXT = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;

/** Phone numbers mentioned in a text, normalised with `normalisePhone`. */
export function phonesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PHONE_IN_TEXT)) {
    const p = normalisePhone(m[0]);
    if (p) out.push(p);
  }
  return out;
}

/** E-mail addresses mentioned in a text, lower-cased. */
export function emailsIn(text: string): string[] {
  return Array.from(text.matchAll(EMAIL_IN_TEXT), (m) => m[0].toLowerCase());
}
