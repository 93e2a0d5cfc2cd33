/**
 * Small, pure text helpers shared by every delivery format (email, bundle, note, webhook).
 *
 * Message text is hostile input: it may hold HTML, script, bidi overrides (U+202E), zero-width
 * characters, CR/LF, formulas, lone surrogates and 50,000-character messages. Everything here
 * runs unchanged in a browser extension (no Node built-ins) and in Node 20 tests.
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Councils in England and Wales: every date a person reads is UK local time. */
export const UK_TIME_ZONE = 'Europe/London';

const encoder = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8(data) : data));
}

/** Replaces lone UTF-16 surrogates by U+FFFD (like `String.prototype.toWellFormed`). */
export function toWellFormed(s: string): string {
  return s.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

function wellFormedDeep(value: unknown): unknown {
  if (typeof value === 'string') return toWellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormedDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[toWellFormed(k)] = wellFormedDeep(v);
    return out;
  }
  return value;
}

/**
 * RFC 8785 canonical JSON. Lone surrogates (which RFC 8785 forbids, and which a truncated emoji
 * in a WhatsApp DOM can produce) are replaced by U+FFFD first, so hashing never throws.
 */
export function canonicalJson(value: unknown): string {
  let json: string | undefined;
  try {
    json = canonicalize(value);
  } catch {
    json = canonicalize(wellFormedDeep(value));
  }
  if (json === undefined) throw new Error('This value has no JSON form');
  return json;
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function canonicalSha256(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Invisible characters that can disguise what a message says, with a readable name.
 * Bidi controls (e.g. U+202E makes "exe.txt" read as "txt.exe") and zero-width characters are
 * shown, never applied. Deliberately NOT listed: U+200D ZERO WIDTH JOINER and U+200C ZWNJ (used
 * by emoji sequences, Persian and Indic scripts), variation selectors and tag characters (used by
 * the flags of England, Scotland and Wales).
 */
const CONTROL_NAMES: Record<number, string> = {
  0x061c: 'arabic letter mark',
  0x200b: 'zero-width space',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2061: 'invisible function application',
  0x2062: 'invisible times',
  0x2063: 'invisible separator',
  0x2064: 'invisible plus',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0x180e: 'Mongolian vowel separator',
  0xfeff: 'zero-width no-break space',
  0xfff9: 'interlinear annotation anchor',
  0xfffa: 'interlinear annotation separator',
  0xfffb: 'interlinear annotation terminator',
};

/** Matches one character to reveal: the table above, C0 controls other than TAB/LF, DEL, C1. */
const CONTROL_RE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

export function controlName(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return CONTROL_NAMES[cp] ?? 'control character';
}

export function codePointLabel(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
}

/** CRLF and lone CR become LF, so every format controls its own line endings. */
export function normaliseNewlines(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/**
 * Plain-text form for people to read: newlines normalised, lone surrogates replaced, and every
 * invisible control shown as `[U+202E]` instead of being applied.
 */
export function revealControls(s: string): string {
  return toWellFormed(normaliseNewlines(s)).replace(CONTROL_RE, (ch) => `[${codePointLabel(ch)}]`);
}

/**
 * HTML form: escaped, with every invisible control shown as a labelled marker instead of being
 * applied. Safe as element content (not for use inside a `<script>` or `<style>`).
 */
export function revealControlsHtml(s: string): string {
  const text = toWellFormed(normaliseNewlines(s));
  let out = '';
  let last = 0;
  for (const m of text.matchAll(CONTROL_RE)) {
    const i = m.index;
    out += escapeHtml(text.slice(last, i));
    const label = codePointLabel(m[0]);
    out += `<span class="ctl" title="${escapeHtml(`Hidden character ${label}, ${controlName(m[0])}: shown here, not applied`)}">[${label}]</span>`;
    last = i + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** True when the text holds a character that `revealControls` would show. */
export function hasHiddenControls(s: string): boolean {
  CONTROL_RE.lastIndex = 0;
  const found = CONTROL_RE.test(s);
  CONTROL_RE.lastIndex = 0;
  return found;
}

/** Line breaks and tabs become single spaces (hidden controls untouched: reveal them after). */
export function flattenLines(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').trim();
}

/** One line: any run of CR, LF, TAB, other controls becomes a single space; trimmed. */
export function oneLine(s: string): string {
  return revealControls(s)
    .replace(/[\n\t]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Shortens to at most `max` code points, ending with an ellipsis when cut. */
export function truncate(s: string, max: number): string {
  const cps = Array.from(s);
  if (cps.length <= max) return s;
  return cps.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/**
 * `'YYYY-MM-DDTHH:mm'` local wall time (as read from WhatsApp, no zone) → `'dd/mm/yyyy HH:mm'`.
 * Returns undefined when absent or not in that form.
 */
export function formatWallTime(sentAt: string | undefined): string | undefined {
  if (!sentAt) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(sentAt);
  if (!m) return undefined;
  return `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}`;
}

/**
 * UK wall-clock parts of an instant. The browser's and Node's own time-zone data (one cached
 * `Intl.DateTimeFormat`) gives the UK offset; the offset is cached per UTC hour, which is exact
 * because UK clocks change at 01:00 UTC. About twenty times faster than a `TZDate` per call,
 * which matters for 10,000-record bundles.
 */
let ukFormat: Intl.DateTimeFormat | undefined;
const offsetByHour = new Map<number, number>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const HOUR_MS = 3_600_000;

function ukOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    ukFormat ??= new Intl.DateTimeFormat('en-GB', {
      timeZone: UK_TIME_ZONE,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    const at = hour * HOUR_MS;
    const p: Record<string, number> = {};
    for (const part of ukFormat.formatToParts(at)) p[part.type] = Number(part.value);
    const wall = Date.UTC(
      p.year ?? 1970,
      (p.month ?? 1) - 1,
      p.day ?? 1,
      p.hour ?? 0,
      p.minute ?? 0,
    );
    offset = Math.round((wall - at) / 60_000);
    if (offsetByHour.size > 10_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

export interface UkParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  weekday: string;
  /** Minutes east of UTC (0 in winter, 60 in summer). */
  offsetMinutes: number;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

export function ukParts(d: Date): UkParts {
  const offsetMinutes = ukOffsetMinutes(d.getTime());
  const w = new Date(d.getTime() + offsetMinutes * 60_000);
  return {
    year: String(w.getUTCFullYear()).padStart(4, '0'),
    month: pad2(w.getUTCMonth() + 1),
    day: pad2(w.getUTCDate()),
    hour: pad2(w.getUTCHours()),
    minute: pad2(w.getUTCMinutes()),
    second: pad2(w.getUTCSeconds()),
    weekday: WEEKDAYS[w.getUTCDay()] ?? '',
    offsetMinutes,
  };
}

function toDate(at: Date | string): Date | undefined {
  const d = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** An instant → `'dd/mm/yyyy HH:mm'` in UK local time. */
export function formatUkDateTime(at: Date | string): string {
  const d = toDate(at);
  if (!d) return typeof at === 'string' ? oneLine(at) : 'unknown time';
  const p = ukParts(d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** An instant → `'dd/mm/yyyy'` in UK local time. */
export function formatUkDate(at: Date): string {
  const p = ukParts(at);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An instant → `'yyyy-mm-dd'` in UK local time (for file names that sort). */
export function isoUkDate(at: Date): string {
  const p = ukParts(at);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Base64 of bytes, without Node's Buffer (btoa exists in browsers, workers and Node 16+). */
export function base64(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 0x6000; // multiple of 3, so chunks concatenate without padding in the middle
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += btoa(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return out;
}

/** A file-name-safe ASCII slug: letters, digits and single hyphens, at most `max` characters. */
export function slug(s: string, max = 40): string {
  const ascii = s
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return ascii.slice(0, max).replace(/-+$/g, '');
}

/** A safe file name (no path, no controls, ASCII), keeping the extension; never empty. */
export function safeFilename(name: string, fallback = 'file'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let cleaned = base
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .replace(/_+/g, '_');
  if (cleaned.length > 100) {
    const dot = cleaned.lastIndexOf('.');
    const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
    cleaned = cleaned.slice(0, 100 - ext.length) + ext;
  }
  return cleaned || fallback;
}

/** `name.png`, then `name-2.png`, `name-3.png`… so no two attachments share a name. */
export function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${stem}-${i}${ext}`;
  used.add(candidate.toLowerCase());
  return candidate;
}
