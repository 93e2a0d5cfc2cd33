/**
 * Word-trigger gate for the advice patterns, so that most patterns are never run on a message
 * that cannot match them. Each pattern's possible leading words are read from its source (the
 * literal letters each top-level alternative starts with); a pattern with any alternative that
 * does not start with a literal word (a digit class, an anchor, a lookaround...) always runs.
 *
 * A gate can only skip a pattern that could not match at a word start, so it never changes a
 * result: tests compare gated and ungated runs over the whole corpus.
 */

interface Trigger {
  id: number;
  prefix: string;
  /** Whole word only (keyword written with a trailing '$'). */
  exact: boolean;
}

/** Index of the top-level `|` splits of a pattern source (depth 0, outside classes). */
function splitTop(src: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(src.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(src.slice(start));
  return parts;
}

/** End index (exclusive) of the group opening at `open`. */
function groupEnd(src: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return src.length;
}

const SKIP = /^(?:\\b|\^|\\s[*+?]|\\s\{\d+(?:,\d*)?\}|\s)/;
const WORD_CHAR = /[a-z0-9]/;

/** Possible leading words of a pattern; null when it may start anywhere. */
export function leadingWords(src: string): string[] | null {
  const out: string[] = [];
  for (const alt of splitTop(src)) {
    const words = leadOfAlternative(alt);
    if (words === null) return null;
    out.push(...words);
  }
  return out;
}

/**
 * Leading words of `source` with some replaced by rarer words: `replace` maps a leading word to
 * words that every alternative starting with it also has at the start of a word (`the\s+review`
 * needs "review", so it need not run on every message with "the").
 */
export function refinedWords(
  source: string,
  replace: Readonly<Record<string, readonly string[]>>,
): string[] {
  const words = leadingWords(source.toLowerCase());
  if (words === null) throw new Error('No leading words to refine');
  for (const word of Object.keys(replace))
    if (!words.includes(word)) throw new Error(`Not a leading word: ${word}`);
  return words.flatMap((w) => (Object.hasOwn(replace, w) ? (replace[w] ?? []) : [w]));
}

function leadOfAlternative(alt: string): string[] | null {
  let s = alt;
  for (let m = SKIP.exec(s); m !== null && m[0].length > 0; m = SKIP.exec(s))
    s = s.slice(m[0].length);
  if (s.length === 0) return null;
  if (s.startsWith('(?:')) {
    const end = groupEnd(s, 0);
    const inner = s.slice(3, end - 1);
    const quant = s[end];
    const innerWords = leadingWords(inner);
    if (innerWords === null) return null;
    if (quant === '?' || quant === '*' || (quant === '{' && s[end + 1] === '0')) {
      const rest = s.slice(end + (quant === '{' ? s.indexOf('}', end) - end + 1 : 1));
      const restWords = leadOfAlternative(rest);
      return restWords === null ? null : [...innerWords, ...restWords];
    }
    return innerWords;
  }
  if (s.startsWith('(')) {
    // Named or plain capturing group: same as (?:...) without the optional case.
    if (s.startsWith('(?<') && !s.startsWith('(?<=') && !s.startsWith('(?<!')) {
      const end = groupEnd(s, 0);
      return leadingWords(s.slice(s.indexOf('>') + 1, end - 1));
    }
    return null;
  }
  let word = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (!WORD_CHAR.test(c)) break;
    const next = s.charAt(i + 1);
    if (next === '?' || next === '*' || next === '{') break;
    word += c;
    if (next === '+') break;
  }
  return word.length > 0 ? [word] : null;
}

/** Word characters as codes 1–36 (a–z, then 0–9); 0 for anything else, which ends a word. */
const CODE = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CODE[c] = c - 96;
for (let c = 48; c <= 57; c++) CODE[c] = c - 48 + 27;
const BASE = 37;
/**
 * Bucket keys: a word's first letter (1–36), first two (37–1368) or first three (1369–50652),
 * so one flat table holds every bucket.
 */
const KEYS = BASE * BASE * BASE;

const codeAt = (s: string, i: number): number => {
  const c = s.charCodeAt(i);
  return c < 128 ? (CODE[c] as number) : 0;
};

/** A set of patterns with their word triggers; `active(text)` says which may match. */
export class TriggerIndex {
  private readonly triggers: (Trigger & { key: number })[] = [];
  private readonly always: number[] = [];
  private count = 0;
  private buffer = new Uint8Array(0);
  /**
   * The lookup tables, built on first use after a change: triggers sorted by bucket key, and
   * for each key the index of its first trigger (`first[key]` to `first[key + 1]`).
   */
  private first: Uint16Array | null = null;
  private ids = new Uint16Array(0);
  /** Prefix length, negative for a whole-word trigger. */
  private lengths = new Int16Array(0);
  /** Code of the prefix's fourth character (0 if shorter): a quick test before comparing. */
  private fourth = new Uint8Array(0);
  private prefixes: string[] = [];
  /** For tests: when false, every pattern is active. */
  static enabled = true;

  /** Registers a pattern (its source is read in lower case); returns its id. */
  add(source: string): number {
    return this.addKeywords(leadingWords(source.toLowerCase()));
  }

  /**
   * Registers a gate on words of your choosing: active when a word of the message starts with
   * one of `prefixes` (lower case, letters and digits; 'bi$' = that whole word only);
   * null = always active.
   */
  addKeywords(prefixes: readonly string[] | null): number {
    const id = this.count++;
    this.buffer = new Uint8Array(this.count);
    this.first = null;
    if (prefixes === null) {
      this.always.push(id);
      return id;
    }
    for (const keyword of new Set(prefixes)) {
      const exact = keyword.endsWith('$');
      const prefix = exact ? keyword.slice(0, -1) : keyword;
      if (!/^[a-z0-9]+$/.test(prefix)) throw new Error(`Trigger words are a-z0-9 only: ${prefix}`);
      let key = 0;
      for (let i = 0; i < Math.min(3, prefix.length); i++) key = key * BASE + codeAt(prefix, i);
      this.triggers.push({ id, prefix, exact, key });
    }
    return id;
  }

  private build(): Uint16Array {
    const sorted = [...this.triggers].sort((a, b) => a.key - b.key);
    if (sorted.length >= 65535 || this.count >= 65535) throw new Error('Too many triggers');
    const first = new Uint16Array(KEYS + 1);
    this.ids = new Uint16Array(sorted.length);
    this.lengths = new Int16Array(sorted.length);
    this.fourth = new Uint8Array(sorted.length);
    this.prefixes = sorted.map((t) => t.prefix);
    sorted.forEach((t, j) => {
      this.ids[j] = t.id;
      this.lengths[j] = t.exact ? -t.prefix.length : t.prefix.length;
      this.fourth[j] = t.prefix.length > 3 ? codeAt(t.prefix, 3) : 0;
    });
    let j = 0;
    for (let key = 0; key <= KEYS; key++) {
      while (j < sorted.length && (sorted[j] as { key: number }).key < key) j++;
      first[key] = j;
    }
    this.first = first;
    return first;
  }

  /** Marks the patterns whose triggers in bucket `key` fit the word lower[start, start + len). */
  private fire(
    on: Uint8Array,
    first: Uint16Array,
    key: number,
    lower: string,
    start: number,
    len: number,
  ): void {
    const end = first[key + 1] as number;
    for (let j = first[key] as number; j < end; j++) {
      const l = this.lengths[j] as number;
      if (l < 0 ? -l !== len : l > len) continue;
      const fourth = this.fourth[j] as number;
      if (
        fourth !== 0 &&
        (codeAt(lower, start + 3) !== fourth ||
          ((l > 4 || l < -4) && !lower.startsWith(this.prefixes[j] as string, start)))
      )
        continue;
      on[this.ids[j] as number] = 1;
    }
  }

  /**
   * Which patterns may match `lower` (already lower-cased). The returned array is reused by the
   * next call: read it before calling again.
   */
  active(lower: string): Uint8Array {
    const on = this.buffer;
    if (!TriggerIndex.enabled) return on.fill(1);
    const first = this.first ?? this.build();
    on.fill(0);
    for (let k = 0; k < this.always.length; k++) on[this.always[k] as number] = 1;
    const n = lower.length;
    let i = 0;
    while (i < n) {
      const a = codeAt(lower, i);
      if (a === 0) {
        i++;
        continue;
      }
      // A word (a–z, 0–9) starts at i: its first three codes pick the buckets.
      const start = i++;
      const b = i < n ? codeAt(lower, i) : 0;
      let c = 0;
      if (b !== 0) {
        i++;
        c = i < n ? codeAt(lower, i) : 0;
        if (c !== 0) {
          i++;
          while (i < n && codeAt(lower, i) !== 0) i++;
        }
      }
      const len = i - start;
      if (first[a] !== first[a + 1]) this.fire(on, first, a, lower, start, len);
      if (b === 0) continue;
      const ab = a * BASE + b;
      if (first[ab] !== first[ab + 1]) this.fire(on, first, ab, lower, start, len);
      if (c === 0) continue;
      const abc = ab * BASE + c;
      if (first[abc] !== first[abc + 1]) this.fire(on, first, abc, lower, start, len);
    }
    return on;
  }
}

/** One index shared by the classifier and the personal-data detector: one pass per message. */
export const SHARED_GATE = new TriggerIndex();
