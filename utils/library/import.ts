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
// whatsapp-chat-parser's author split: the shortest text before ": ".
const AUTHOR = /^(.+?):\s/;
// A line that starts like a message header but did not match HEADER: probably damaged.
const HEADERISH = /^[\u200E\u200F]*\[?\s?\d{1,4}[-/.]\s?\d{1,4}[-/.]\s?\d{1,4}\b/;
const DATE_SPLIT = /[-/.]\s?/;
const TIME_SPLIT = /[.:]/;
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

interface Header {
  line: number; // 1-based
  raw: string;
  /** The two non-year date parts in the order written, and the year. */
  a: number;
  b: number;
  year: number;
  hour: number;
  minute: number;
  author: string | null;
  /** First line of the body (after the header and author). */
  first: string;
  /** Continuation lines, joined later. */
  more: string[] | null;
}

/**
 * Parses a WhatsApp export (.txt or .zip) into observed messages.
 * Never throws for bad input: returns `{ ok: false, error }` with an en-GB explanation.
 */
export async function importChatExport(
  file: { name: string; bytes: Uint8Array },
  opts: ImportOptions = {},
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
    let chosen: string | undefined;
    for (const [path, bytes] of Object.entries(entries)) {
      if (path.endsWith('/') || path.startsWith('__MACOSX/') || baseName(path).startsWith('._')) continue;
      zipped.set(path, bytes);
    }
    const names = [...zipped.keys()];
    chosen =
      names.find((n) => baseName(n) === '_chat.txt') ??
      names.find((n) => /^WhatsApp Chat.*\.txt$/i.test(baseName(n))) ??
      (names.filter((n) => /\.txt$/i.test(n)).length === 1 ? names.find((n) => /\.txt$/i.test(n)) : undefined);
    if (!chosen) {
      return {
        ok: false,
        error: 'This zip file does not contain a WhatsApp chat: no _chat.txt or "WhatsApp Chat with …" text file inside.',
      };
    }
    textBytes = zipped.get(chosen) ?? new Uint8Array();
    zipped.delete(chosen);
    chatFile = chosen;
  }

  const text = decodeText(textBytes);
  const parsed = parseLines(text);
  if (parsed.headers.length === 0) {
    return {
      ok: false,
      error: 'This file is not a WhatsApp chat export: no line starts with a date and time.',
    };
  }
  const { headers, warnings } = parsed;

  // Day order: decided by the data when any part is > 12, else by the caller, else UK day-first.
  let firstOver = 0;
  let secondOver = 0;
  for (const h of headers) {
    if (h.a > 12) firstOver++;
    if (h.b > 12) secondOver++;
  }
  let daysFirst: boolean;
  let ambiguousDayOrder = false;
  if (firstOver > 0 || secondOver > 0) {
    daysFirst = firstOver >= secondOver;
  } else if (typeof opts.daysFirst === 'boolean') {
    daysFirst = opts.daysFirst;
  } else {
    daysFirst = true;
    ambiguousDayOrder = true;
  }

  const fileTag = fileSha256.slice(0, 12);
  const ownKey = opts.ownName ? nameKey(opts.ownName) : undefined;
  const messages: ObservedMessage[] = [];
  const attachmentRefs = new Map<string, string>(); // file name -> message id
  const senders = new Set<string>();
  let systemLines = 0;
  let groupSystem = false;
  let systemAuthor: string | undefined;

  for (const h of headers) {
    const body = h.more ? h.first + '\n' + h.more.join('\n') : h.first;
    const bare = body.replace(LEADING_MARKS, '');
    const sentAt = wallTime(h, daysFirst);
    if (sentAt === undefined) {
      warnings.push({
        line: h.line,
        text: clip(h.raw),
        problem: `The date or time on this line is not a real date (${daysFirst ? 'day' : 'month'} first); the message is kept without a time.`,
      });
    }
    const system = h.author === null || isSystemBody(bare, body, h.author);
    if (system) {
      systemLines++;
      if (SYSTEM_PATTERNS.some((p) => p.group && p.re.test(bare))) groupSystem = true;
      // iOS writes chat-level notices under the chat's own name.
      if (h.author !== null && !systemAuthor) systemAuthor = h.author.replace(LEADING_MARKS, '').trim();
      continue;
    }
    const sender = (h.author ?? '').replace(LEADING_MARKS, '').trim();
    senders.add(nameKey(sender));
    const id = `import-${fileTag}-${h.line}`;
    let msgText = bare;
    let edited = false;
    if (EDITED.test(msgText)) {
      edited = true;
      msgText = msgText.replace(EDITED, '');
    }
    const firstLine = msgText.split('\n', 1)[0] ?? '';
    const deleted = DELETED.test(msgText);
    let media: MediaKind | undefined;
    const att = ATTACHMENT.exec(firstLine);
    const attName = att ? (att[1] ?? att[2])?.trim() : undefined;
    if (attName) {
      media = mediaKindOf(attName);
      if (!attachmentRefs.has(attName)) attachmentRefs.set(attName, id);
    } else {
      const om = OMITTED.exec(firstLine);
      if (om) media = omittedKind(om[1] ?? '');
    }
    const phone = phoneOf(sender);
    const message: ObservedMessage = {
      id,
      direction: (ownKey !== undefined && nameKey(sender) === ownKey) || YOU_DELETED.test(msgText) ? 'out' : 'in',
      sender,
      text: msgText,
      forwarded: false,
      edited,
      deleted,
    };
    if (phone) message.senderPhone = phone;
    if (sentAt) message.sentAt = sentAt;
    if (media) message.media = media;
    messages.push(message);
  }

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
      title: opts.chatTitle ?? titleFromFileName(file.name) ?? systemAuthor ?? stripExtension(baseName(file.name)),
      isGroup: senders.size > 2 || groupSystem,
    },
    messages,
    systemLines,
    attachments,
    fileSha256,
    warnings,
    dayOrder: daysFirst ? 'day-first' : 'month-first',
    ambiguousDayOrder,
    chatFile,
  };
}

/** Splits the text into message headers with their continuation lines; collects line warnings. */
function parseLines(text: string): { headers: Header[]; warnings: ImportWarning[] } {
  const lines = text.split(/\r\n|\r|\n/);
  const headers: Header[] = [];
  const warnings: ImportWarning[] = [];
  let current: Header | undefined;
  // A trailing newline leaves one empty last element: not a line of the file.
  const count = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  for (let i = 0; i < count; i++) {
    const line = lines[i] as string;
    const m = HEADER.exec(line);
    if (m) {
      const h = makeHeader(i + 1, m, line.slice(m[0].length));
      if (h) {
        if (line.includes('\uFFFD')) warnings.push(undecodable(i + 1, line));
        headers.push(h);
        current = h;
        continue;
      }
    }
    if (line.includes('\uFFFD')) warnings.push(undecodable(i + 1, line));
    else if (HEADERISH.test(line)) {
      warnings.push({
        line: i + 1,
        text: clip(line),
        problem: current
          ? 'This line starts with a date but its time or sender cannot be read; it is kept as part of the previous message.'
          : 'This line starts with a date but its time or sender cannot be read; it comes before the first message and is not imported.',
      });
    } else if (!current && line.trim() !== '') {
      warnings.push({
        line: i + 1,
        text: clip(line),
        problem: 'This text comes before the first dated message and is not part of any message; it is not imported.',
      });
      continue;
    }
    if (current) {
      if (current.more) current.more.push(line);
      else current.more = [line];
    }
  }
  return { headers, warnings };
}

function makeHeader(line: number, m: RegExpExecArray, rest: string): Header | undefined {
  const parts = (m[1] ?? '').split(DATE_SPLIT);
  const [p0 = '', p1 = '', p2 = ''] = parts;
  // Year = the longest part (whatsapp-chat-parser's rule); the other two keep their written order.
  let a: string, b: string, y: string;
  const max = Math.max(p0.length, p1.length, p2.length);
  if (p2.length === max) [a, b, y] = [p0, p1, p2];
  else if (p1.length === max) [a, b, y] = [p0, p2, p1];
  else [a, b, y] = [p1, p2, p0];
  const [hh = '', mm = ''] = (m[2] ?? '').split(TIME_SPLIT);
  let hour = Number(hh);
  const ampm = m[3] ? m[3].replace(/[^apm]/gi, '').toUpperCase() : '';
  if (ampm) {
    if (hour > 12 || hour === 0) hour = 99; // invalid on a 12-hour clock: flagged later
    else if (hour === 12) hour = ampm === 'AM' ? 0 : 12;
    else if (ampm === 'PM') hour += 12;
  }
  const am = AUTHOR.exec(rest);
  const year = y.length <= 2 ? 2000 + Number(y) : Number(y);
  return {
    line,
    raw: m.input,
    a: Number(a),
    b: Number(b),
    year,
    hour,
    minute: Number(mm),
    author: am ? (am[1] ?? null) : null,
    first: am ? rest.slice(am[0].length) : rest,
    more: null,
  };
}

function wallTime(h: Header, daysFirst: boolean): string | undefined {
  const day = daysFirst ? h.a : h.b;
  const month = daysFirst ? h.b : h.a;
  if (month < 1 || month > 12 || day < 1 || h.hour > 23 || h.minute > 59) return undefined;
  const leap = (h.year % 4 === 0 && h.year % 100 !== 0) || h.year % 400 === 0;
  const dim = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > dim) return undefined;
  return `${String(h.year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(h.hour)}:${pad2(h.minute)}`;
}

function isSystemBody(bare: string, body: string, author: string): boolean {
  // iOS: system notices are written under the chat's name, prefixed with U+200E.
  if (body !== bare && SYSTEM_PATTERNS.some((p) => p.re.test(bare))) return true;
  // Android system lines with ": " inside (e.g. a subject containing a colon) are split at the colon.
  return /\bchanged (?:the subject|the group description|the group name)\b/.test(author);
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
  if (w === 'image' || w === 'video' || w === 'audio' || w === 'sticker' || w === 'gif' || w === 'document') return w;
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
    problem: 'This line contains characters that could not be decoded (the file may be damaged); they are shown as �.',
  };
}

function clip(s: string): string {
  return s.length > 200 ? s.slice(0, 200) + '…' : s;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
