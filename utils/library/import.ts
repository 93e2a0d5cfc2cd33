/**
 * Import of WhatsApp's phone "Export chat" files (.txt, or .zip with attachments).
 *
 * Pure: bytes in, messages out. Runs in an extension page and in Node tests (WebCrypto only).
 *
 * The line grammar is the one `whatsapp-chat-parser` (MIT, Pustur) recognises; its header regex is
 * reused verbatim below. We parse line by line ourselves instead of calling `parseString` because an
 * evidence import needs what the library cannot give: the line number of every message (for stable
 * ids and for warnings), garbled lines reported rather than folded silently into the previous
 * message, and local wall times built from the digits (no `Date`, so no zone/DST shifts). The unit
 * tests run `parseString` over every fixture as an oracle, and `scripts/bench/library.ts` measures
 * this importer against it on the same 100,000-line text.
 */
import { unzipSync } from 'fflate';
import type { MediaKind, ObservedMessage } from '../types';
import { sha256Hex } from './hash';

export interface ImportOptions {
  /** Force the day order when the data cannot decide it (e.g. every date has day and month <= 12). */
  daysFirst?: boolean;
  /** The user's own name as it appears in the export: their messages get direction 'out'. */
  ownName?: string;
  /** Overrides the title taken from the file name. */
  chatTitle?: string;
}

export interface ImportWarning {
  /** 1-based line number in the chat text file. */
  line: number;
  /** The line as found (trimmed to 200 characters). */
  text: string;
  /** What is wrong with it, en-GB. */
  problem: string;
}

export interface ImportedAttachment {
  name: string;
  /** Present when the file was inside the zip; absent for a .txt export (media not included). */
  bytes?: Uint8Array;
  /** The imported message that refers to this file, when one does. */
  messageId?: string;
}

export type ImportResult =
  | {
      ok: true;
      chat: { title: string; isGroup: boolean };
      messages: ObservedMessage[];
      /** Lines written by WhatsApp itself (encryption notice, "X added Y", calls...). */
      systemLines: number;
      attachments: ImportedAttachment[];
      /** SHA-256 (hex) of the file exactly as given (the .zip for a zip export). */
      fileSha256: string;
      /** Partial or unreadable lines: reported, never dropped silently. */
      warnings: ImportWarning[];
      dayOrder: 'day-first' | 'month-first';
      /** True when the dates could be read either way and the caller did not say (`daysFirst`). */
      ambiguousDayOrder: boolean;
      /** Name of the chat text file used (the .txt itself, or the one inside the zip). */
      chatFile: string;
    }
  | { ok: false; error: string };

// whatsapp-chat-parser 4.0.2 `regexParser` (date, time, am/pm) followed by our own capture of the rest.
const HEADER =
  /^(?:\u200E|\u200F)*\[?(\d{1,4}[-/.]\s?\d{1,4}[-/.]\s?\d{1,4})[,.]?\s\D*?(\d{1,2}[.:]\d{1,2}(?:[.:]\d{1,2})?)(?:\s([ap]\.?\s?m\.?))?\]?(?:\s-|:)?\s/i;
// A line that starts like a message header but did not match HEADER: probably damaged.
const HEADERISH = /^[\u200E\u200F]*\[?\s?\d{1,4}[-/.]\s?\d{1,4}[-/.]\s?\d{1,4}\b/;
const LEADING_MARKS = /^[\u200E\u200F\u202A-\u202E]+/;
const EDITED = /\s*[\u200E\u200F]?<This message was edited>$/;
// whatsapp-chat-parser's attachment pattern: "<attached: NAME>" (iOS) or "NAME (file attached)" (Android).
const ATTACHMENT = /^(?:\u200E|\u200F)*(?:<.+:(.+)>|([\w-]+\.\w+)\s[(<].+[)>])/;
const OMITTED = /^(image|video|audio|sticker|GIF|document|Contact card) omitted$/i;
const DELETED = /^(?:This message was deleted|You deleted this message)\.?$/;
const YOU_DELETED = /^You deleted this message\.?$/;

/** Lines WhatsApp writes about the chat itself (English exports). Group-only ones are marked. */
const SYSTEM_PATTERNS: { re: RegExp; group: boolean }[] = [
  { re: /^Messages and calls are end-to-end encrypted/, group: false },
  { re: /^Messages to this group are now secured with end-to-end encryption/, group: true },
  { re: /\bcreated (?:group|this group)\b/, group: true },
  { re: /\b(?:added|removed) .+|\bwas (?:added|removed)\b/, group: true },
  { re: /^(?:You|.+) left$/, group: true },
  { re: /\bjoined using (?:this group's invite link|a group link)\b/, group: true },
  {
    re: /\bchanged (?:the subject|the group name|this group's icon|the group description|this group's settings|the group settings)\b/,
    group: true,
  },
  { re: /\bdeleted this group's icon\b/, group: true },
  { re: /\bnow an admin\b|\bno longer an admin\b/, group: true },
  { re: /\bsecurity code (?:with .+ )?changed\b/, group: false },
  { re: /\bchanged (?:their|his|her) phone number\b|\bchanged to \+?\d/, group: false },
  { re: /disappearing messages/i, group: false },
  { re: /^This chat is with a business account/, group: false },
  { re: /^Missed (?:voice|video|group voice|group video) call/, group: false },
  { re: /\bpinned a message\b/, group: false },
  { re: /^Waiting for this message/, group: false },
];

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses a WhatsApp export (.txt or .zip) into observed messages.
 * Never throws for bad input: returns `{ ok: false, error }` with an en-GB explanation.
 */
export async function importChatExport(
  file: { name: string; bytes: Uint8Array },
  opts: ImportOptions = {},
): Promise<ImportResult> {
  try {
    return await importUnsafe(file, opts);
  } catch (e) {
    return {
      ok: false,
      error: `This file could not be read as a WhatsApp chat export (${String(e)}).`,
    };
  }
}

async function importUnsafe(
  file: { name: string; bytes: Uint8Array },
  opts: ImportOptions,
): Promise<ImportResult> {
  const fileSha256 = await sha256Hex(file.bytes);
  let textBytes = file.bytes;
  let chatFile = file.name;
  const zipped = new Map<string, Uint8Array>();
  if (isZip(file.bytes)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(file.bytes);
    } catch {
      return { ok: false, error: 'This zip file is damaged and cannot be opened.' };
    }
    for (const [path, bytes] of Object.entries(entries)) {
      if (path.endsWith('/') || path.startsWith('__MACOSX/') || baseName(path).startsWith('._'))
        continue;
      zipped.set(path, bytes);
    }
    const names = [...zipped.keys()];
    const chosen =
      names.find((n) => baseName(n) === '_chat.txt') ??
      names.find((n) => /^WhatsApp Chat.*\.txt$/i.test(baseName(n))) ??
      (names.filter((n) => /\.txt$/i.test(n)).length === 1
        ? names.find((n) => /\.txt$/i.test(n))
        : undefined);
    if (!chosen) {
      return {
        ok: false,
        error:
          'This zip file does not contain a WhatsApp chat: no _chat.txt or "WhatsApp Chat with …" text file inside.',
      };
    }
    textBytes = zipped.get(chosen) ?? new Uint8Array();
    zipped.delete(chosen);
    chatFile = chosen;
  }

  const parsed = parseChat(decodeText(textBytes), opts, fileSha256.slice(0, 12));
  if (!parsed) {
    return {
      ok: false,
      error: 'This file is not a WhatsApp chat export: no line starts with a date and time.',
    };
  }
  const { messages, warnings, attachmentRefs } = parsed;

  const attachments: ImportedAttachment[] = [];
  for (const [path, bytes] of zipped) {
    const name = baseName(path);
    const a: ImportedAttachment = { name, bytes };
    const ref = attachmentRefs.get(name);
    if (ref) a.messageId = ref;
    attachments.push(a);
  }
  const inZip = new Set(attachments.map((a) => a.name));
  for (const [name, messageId] of attachmentRefs) {
    if (!inZip.has(name)) attachments.push({ name, messageId });
  }

  warnings.sort((x, y) => x.line - y.line);
  return {
    ok: true,
    chat: {
      title:
        opts.chatTitle ??
        titleFromFileName(file.name) ??
        (chatFile !== file.name ? titleFromFileName(chatFile) : undefined) ??
        parsed.systemAuthor ??
        stripExtension(baseName(file.name)),
      isGroup: parsed.senders > 2 || parsed.groupSystem,
    },
    messages,
    systemLines: parsed.systemLines,
    attachments,
    fileSha256,
    warnings,
    dayOrder: parsed.daysFirst ? 'day-first' : 'month-first',
    ambiguousDayOrder: parsed.ambiguousDayOrder,
    chatFile,
  };
}

interface Parsed {
  messages: ObservedMessage[];
  warnings: ImportWarning[];
  attachmentRefs: Map<string, string>;
  systemLines: number;
  senders: number;
  groupSystem: boolean;
  systemAuthor: string | undefined;
  daysFirst: boolean;
  ambiguousDayOrder: boolean;
}

// Per header, in typed arrays (no object per line): first and second date part as written, year,
// hour, minute, 1-based line, index of the message built from it (-1 for a system line).
const F_A = 0;
const F_B = 1;
const F_YEAR = 2;
const F_HOUR = 3;
const F_MIN = 4;
const F_LINE = 5;
const F_MSG = 6;
const FIELDS = 7;

/**
 * One pass over the lines: each header line starts a message, other lines continue it. Messages are
 * built as soon as they end; their times are filled in once the day order is known.
 */
function parseChat(text: string, opts: ImportOptions, fileTag: string): Parsed | undefined {
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
  // A trailing newline leaves one empty last element: not a line of the file.
  const count =
    lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  const nums = new Int32Array((count + 1) * FIELDS);
  const messages: ObservedMessage[] = [];
  const warnings: ImportWarning[] = [];
  const attachmentRefs = new Map<string, string>(); // file name -> message id
  const authors = new Map<string, AuthorInfo>();
  const senders = new Set<string>();
  const ownKey = opts.ownName ? nameKey(opts.ownName) : undefined;
  let headers = 0;
  let systemLines = 0;
  let groupSystem = false;
  let systemAuthor: string | undefined;
  let firstOver = 0;
  let secondOver = 0;

  // The message being read.
  let curLine = 0;
  let curAuthor: string | null = null;
  let curFirst = '';
  let curMore: string[] | null = null;

  const finish = (): void => {
    const slot = (headers - 1) * FIELDS;
    const body = curMore ? curFirst + '\n' + curMore.join('\n') : curFirst;
    const bare = hasLeadingMark(body) ? body.replace(LEADING_MARKS, '') : body;
    let who: AuthorInfo | undefined;
    if (curAuthor !== null) {
      who = authors.get(curAuthor);
      if (!who) {
        who = authorInfo(curAuthor, ownKey);
        authors.set(curAuthor, who);
      }
    }
    if (!who || who.systemAuthor || (body !== bare && isSystemText(bare))) {
      systemLines++;
      nums[slot + F_MSG] = -1;
      if (!groupSystem && SYSTEM_PATTERNS.some((p) => p.group && p.re.test(bare)))
        groupSystem = true;
      // iOS writes chat-level notices under the chat's own name.
      if (who && !systemAuthor) systemAuthor = who.sender;
      return;
    }
    senders.add(who.key);
    const id = `import-${fileTag}-${curLine}`;
    let msgText = bare;
    let edited = false;
    if (msgText.endsWith('edited>') && EDITED.test(msgText)) {
      edited = true;
      msgText = msgText.replace(EDITED, '');
    }
    const nl = msgText.indexOf('\n');
    const firstLine = nl === -1 ? msgText : msgText.slice(0, nl);
    const deleted = DELETED.test(msgText);
    let media: MediaKind | undefined;
    const att = ATTACHMENT.exec(firstLine);
    const attName = att ? (att[1] ?? att[2])?.trim() : undefined;
    if (attName) {
      media = mediaKindOf(attName);
      if (!attachmentRefs.has(attName)) attachmentRefs.set(attName, id);
    } else if (firstLine.endsWith('omitted')) {
      const om = OMITTED.exec(firstLine);
      if (om) media = omittedKind(om[1] ?? '');
    }
    const message: ObservedMessage = {
      id,
      direction: who.own || (deleted && YOU_DELETED.test(msgText)) ? 'out' : 'in',
      sender: who.sender,
      text: msgText,
      forwarded: false,
      edited,
      deleted,
    };
    if (who.phone) message.senderPhone = who.phone;
    if (media) message.media = media;
    nums[slot + F_MSG] = messages.length;
    messages.push(message);
  };

  for (let i = 0; i < count; i++) {
    const line = lines[i] as string;
    const m = HEADER.exec(line);
    if (m) {
      if (headers > 0) finish();
      const slot = headers * FIELDS;
      headers++;
      readHeader(m, nums, slot);
      if ((nums[slot + F_A] as number) > 12) firstOver++;
      if ((nums[slot + F_B] as number) > 12) secondOver++;
      nums[slot + F_LINE] = i + 1;
      // whatsapp-chat-parser's author rule: the shortest text before ":" + whitespace.
      const start = m[0].length;
      let colon = line.indexOf(':', start + 1);
      while (colon !== -1 && !isSpace(line.charCodeAt(colon + 1)))
        colon = line.indexOf(':', colon + 1);
      curLine = i + 1;
      curAuthor = colon === -1 ? null : line.slice(start, colon);
      curFirst = colon === -1 ? line.slice(start) : line.slice(colon + 2);
      curMore = null;
      if (line.includes('\uFFFD')) warnings.push(undecodable(i + 1, line));
      continue;
    }
    if (line.includes('\uFFFD')) warnings.push(undecodable(i + 1, line));
    else if (HEADERISH.test(line)) {
      warnings.push({
        line: i + 1,
        text: clip(line),
        problem:
          headers > 0
            ? 'This line starts with a date but its time or sender cannot be read; it is kept as part of the previous message.'
            : 'This line starts with a date but its time or sender cannot be read; it comes before the first message and is not imported.',
      });
    } else if (headers === 0 && line.trim() !== '') {
      warnings.push({
        line: i + 1,
        text: clip(line),
        problem:
          'This text comes before the first dated message and is not part of any message; it is not imported.',
      });
    }
    if (headers > 0) {
      if (curMore) curMore.push(line);
      else curMore = [line];
    }
  }
  if (headers === 0) return undefined;
  finish();

  // Day order: decided by the data when any part is > 12, else by the caller, else UK day-first.
  let daysFirst: boolean;
  let ambiguousDayOrder = false;
  if (firstOver > 0 || secondOver > 0) daysFirst = firstOver >= secondOver;
  else if (typeof opts.daysFirst === 'boolean') daysFirst = opts.daysFirst;
  else {
    daysFirst = true;
    ambiguousDayOrder = true;
  }
  const dates = new Map<number, string | null>();
  for (let h = 0; h < headers; h++) {
    const slot = h * FIELDS;
    const a = nums[slot + F_A] as number;
    const b = nums[slot + F_B] as number;
    const year = nums[slot + F_YEAR] as number;
    const dateKey = (year * 100 + a) * 100 + b;
    let date = dates.get(dateKey);
    if (date === undefined) {
      date = calendarDate(year, daysFirst ? b : a, daysFirst ? a : b);
      dates.set(dateKey, date);
    }
    const hour = nums[slot + F_HOUR] as number;
    const minute = nums[slot + F_MIN] as number;
    if (date === null || hour > 23 || minute > 59) {
      const line = nums[slot + F_LINE] as number;
      warnings.push({
        line,
        text: clip(lines[line - 1] ?? ''),
        problem: `The date or time on this line is not a real date (${daysFirst ? 'day' : 'month'} first); the message is kept without a time.`,
      });
      continue;
    }
    const msg = nums[slot + F_MSG] as number;
    if (msg >= 0)
      (messages[msg] as ObservedMessage).sentAt =
        date + (HOURS_MINUTES[hour * 60 + minute] as string);
  }
  return {
    messages,
    warnings,
    attachmentRefs,
    systemLines,
    senders: senders.size,
    groupSystem,
    systemAuthor,
    daysFirst,
    ambiguousDayOrder,
  };
}

/** 'THH:mm' for every minute of the day. */
const HOURS_MINUTES: string[] = Array.from(
  { length: 24 * 60 },
  (_, i) => `T${pad2(Math.floor(i / 60))}:${pad2(i % 60)}`,
);

/** Reads date and time digits into `nums` at `slot` without allocating. */
function readHeader(m: RegExpExecArray, nums: Int32Array, slot: number): void {
  // Date: three numbers; the year is the longest (whatsapp-chat-parser's rule), the other two keep
  // their written order.
  const date = m[1] ?? '';
  let n0 = 0,
    n1 = 0,
    n2 = 0,
    l0 = 0,
    l1 = 0,
    l2 = 0,
    k = 0;
  for (let i = 0; i < date.length && k < 3; i++) {
    const c = date.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (k === 0) {
        n0 = n0 * 10 + c - 48;
        l0++;
      } else if (k === 1) {
        n1 = n1 * 10 + c - 48;
        l1++;
      } else {
        n2 = n2 * 10 + c - 48;
        l2++;
      }
    } else if ((k === 0 && l0) || (k === 1 && l1)) k++;
  }
  const max = Math.max(l0, l1, l2);
  // Year last (22/11/2026), in the middle (rare), or first (2026-11-22: read as month, day).
  const [a, b, y, yl] =
    l2 === max ? [n0, n1, n2, l2] : l1 === max ? [n0, n2, n1, l1] : [n1, n2, n0, l0];
  const time = m[2] ?? '';
  let hour = 0;
  let minute = 0;
  let field = 0;
  for (let i = 0; i < time.length; i++) {
    const c = time.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (field === 0) hour = hour * 10 + (c - 48);
      else if (field === 1) minute = minute * 10 + (c - 48);
    } else field++;
  }
  if (m[3]) {
    const pm = m[3].charCodeAt(0) === 112 || m[3].charCodeAt(0) === 80; // p / P
    if (hour > 12 || hour === 0)
      hour = 99; // not a 12-hour time: reported later
    else if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  nums[slot + F_A] = a;
  nums[slot + F_B] = b;
  nums[slot + F_YEAR] = yl <= 2 ? 2000 + y : y;
  nums[slot + F_HOUR] = hour;
  nums[slot + F_MIN] = minute;
}

/** 'YYYY-MM-DD', or null when there is no such day. */
function calendarDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dim = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > dim) return null;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function isSpace(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 10 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x200a
  );
}

interface AuthorInfo {
  sender: string;
  key: string;
  phone: string | undefined;
  own: boolean;
  /** Android system lines with ": " inside (e.g. a subject containing a colon) split at the colon. */
  systemAuthor: boolean;
}

function authorInfo(author: string, ownKey: string | undefined): AuthorInfo {
  const sender = author.replace(LEADING_MARKS, '').trim();
  const key = nameKey(sender);
  return {
    sender,
    key,
    phone: phoneOf(sender),
    own: ownKey !== undefined && key === ownKey,
    systemAuthor: /\bchanged (?:the subject|the group description|the group name)\b/.test(author),
  };
}

/** iOS: system notices are written under the chat's name, their text prefixed with U+200E. */
function isSystemText(bare: string): boolean {
  return SYSTEM_PATTERNS.some((p) => p.re.test(bare));
}

function hasLeadingMark(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e);
}

function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes);
  else text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Media kind from an attachment's file name (WhatsApp's own prefixes first, then the extension). */
export function mediaKindOf(fileName: string): MediaKind {
  const n = fileName.toUpperCase();
  if (/^STK-|-STICKER-/.test(n)) return 'sticker';
  if (/-GIF-/.test(n)) return 'gif';
  if (/^(?:PTT|AUD)-|-AUDIO-/.test(n)) return 'audio';
  if (/^VID-|-VIDEO-/.test(n)) return 'video';
  if (/^IMG-|-PHOTO-/.test(n)) return 'image';
  if (/^DOC-/.test(n)) return 'document';
  const ext = n.slice(n.lastIndexOf('.') + 1);
  if (ext === 'GIF') return 'gif';
  if (ext === 'WEBP') return 'sticker';
  if (['JPG', 'JPEG', 'PNG', 'HEIC', 'HEIF', 'BMP'].includes(ext)) return 'image';
  if (['MP4', 'MOV', '3GP', 'M4V', 'AVI', 'MKV', 'WEBM'].includes(ext)) return 'video';
  if (['OPUS', 'OGG', 'M4A', 'MP3', 'AAC', 'AMR', 'WAV'].includes(ext)) return 'audio';
  return 'document';
}

function omittedKind(word: string): MediaKind | undefined {
  const w = word.toLowerCase();
  if (
    w === 'image' ||
    w === 'video' ||
    w === 'audio' ||
    w === 'sticker' ||
    w === 'gif' ||
    w === 'document'
  )
    return w;
  return undefined; // "Contact card omitted"
}

function titleFromFileName(name: string): string | undefined {
  const m = /^WhatsApp Chat (?:with |- )(.+)\.(?:txt|zip)$/i.exec(baseName(name));
  return m?.[1]?.trim() || undefined;
}

/** E.164-ish digits when the sender shown is a phone number (unsaved contact). */
function phoneOf(sender: string): string | undefined {
  if (!/^\+?[\d\s\-()]{7,}$/.test(sender)) return undefined;
  const digits = sender.replace(/\D/g, '');
  return sender.trim().startsWith('+') ? `+${digits}` : digits;
}

function nameKey(name: string): string {
  return name.replace(LEADING_MARKS, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function stripExtension(name: string): string {
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(0, i) : name;
}

function undecodable(line: number, text: string): ImportWarning {
  return {
    line,
    text: clip(text),
    problem:
      'This line contains characters that could not be decoded (the file may be damaged); they are shown as �.',
  };
}

function clip(s: string): string {
  return s.length > 200 ? s.slice(0, 200) + '…' : s;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
