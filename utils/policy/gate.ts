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

const NONE: Trigger[] = [];

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

/** A set of patterns with their word triggers; `active(text)` says which may match. */
export class TriggerIndex {
  /** Two-letter triggers by their letters (code units packed as c1 * 128 + c2). */
  private readonly by2: Trigger[][] = Array.from({ length: 128 * 128 }, () => NONE);
  /** Longer triggers by their first three characters (c1 * 16384 + c2 * 128 + c3). */
  private readonly by3 = new Map<number, Trigger[]>();
  /** One-letter triggers by that letter. */
  private readonly by1: Trigger[][] = Array.from({ length: 128 }, () => NONE);
  private readonly always: number[] = [];
  private count = 0;
  private buffer = new Uint8Array(0);
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
    if (prefixes === null) {
      this.always.push(id);
      return id;
    }
    for (const keyword of new Set(prefixes)) {
      const exact = keyword.endsWith('$');
      const prefix = exact ? keyword.slice(0, -1) : keyword;
      if (!/^[a-z0-9]+$/.test(prefix)) throw new Error(`Trigger words are a-z0-9 only: ${prefix}`);
      const c1 = prefix.charCodeAt(0);
      const trigger: Trigger = { id, prefix, exact };
      if (prefix.length >= 3) {
        const key = c1 * 16384 + prefix.charCodeAt(1) * 128 + prefix.charCodeAt(2);
        this.by3.set(key, [...(this.by3.get(key) ?? []), trigger]);
        continue;
      }
      const key = prefix.length === 1 ? c1 : c1 * 128 + prefix.charCodeAt(1);
      const table = prefix.length === 1 ? this.by1 : this.by2;
      const list = table[key];
      table[key] = list === NONE || list === undefined ? [trigger] : [...list, trigger];
    }
    return id;
  }

  /**
   * Which patterns may match `lower` (already lower-cased). The returned array is reused by the
   * next call: read it before calling again.
   */
  active(lower: string): Uint8Array {
    const on = this.buffer;
    if (!TriggerIndex.enabled) return on.fill(1);
    on.fill(0);
    for (let k = 0; k < this.always.length; k++) on[this.always[k] as number] = 1;
    const n = lower.length;
    let i = 0;
    while (i < n) {
      let c = lower.charCodeAt(i);
      // Skip to the start of a word (a–z, 0–9).
      while (i < n && !((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) c = lower.charCodeAt(++i);
      if (i >= n) break;
      const start = i;
      const c1 = c;
      while (i < n && ((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) c = lower.charCodeAt(++i);
      if (c1 < 128) {
        const one = this.by1[c1] as Trigger[];
        for (let k = 0; k < one.length; k++) {
          const t = one[k] as Trigger;
          if (!t.exact || i - start === 1) on[t.id] = 1;
        }
        const len = i - start;
        const c2 = lower.charCodeAt(start + 1);
        if (len >= 2 && c2 < 128) {
          const two = this.by2[c1 * 128 + c2] as Trigger[];
          for (let k = 0; k < two.length; k++) {
            const t = two[k] as Trigger;
            if (!t.exact || len === 2) on[t.id] = 1;
          }
          const c3 = lower.charCodeAt(start + 2);
          if (len >= 3 && c3 < 128) {
            const three = this.by3.get(c1 * 16384 + c2 * 128 + c3);
            if (three !== undefined)
              for (let k = 0; k < three.length; k++) {
                const t = three[k] as Trigger;
                if (
                  (t.exact ? t.prefix.length === len : t.prefix.length <= len) &&
                  (t.prefix.length === 3 || lower.startsWith(t.prefix, start))
                )
                  on[t.id] = 1;
              }
          }
        }
      }
    }
    return on;
  }
}

/** One index shared by the classifier and the personal-data detector: one pass per message. */
export const SHARED_GATE = new TriggerIndex();
