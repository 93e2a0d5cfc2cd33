/**
 * Email delivery: an editable draft (.eml, RFC 5322 + MIME) and a short `mailto:` link.
 *
 * Why a small builder of our own rather than `mimetext`: mimetext 3.0.28 writes mailbox
 * addresses, custom header values and attachment file names into headers unchecked (a CR/LF in
 * any of them adds a header, e.g. `Bcc:`), and it puts a whole subject in one encoded-word with
 * no folding (RFC 2047 limits an encoded-word to 75 characters; RFC 5322 a line to 998). Here:
 *
 * - every header value is either validated printable ASCII or RFC 2047 B-encoded UTF-8, split
 *   into encoded-words of at most 75 characters on code-point boundaries and folded with
 *   CRLF + space; a last check refuses any header line holding a bare CR or LF;
 * - every body and attachment is base64 (76-character lines), so no text in a body can ever form
 *   a MIME boundary or a header;
 * - boundaries start with `=_`, which can occur neither in base64 nor in an encoded-word.
 *
 * `X-Unsent: 1` makes Outlook (and Thunderbird, with "Edit as new") open the file as a draft.
 */
import type { CouncilRecord } from '../types';
import { formatNote, messageFlags, senderLabel } from './note';
import { recordsJson } from './records';
import {
  base64,
  escapeHtml,
  flattenLines,
  formatUkDate,
  formatUkDateTime,
  formatWallTime,
  isoUkDate,
  normaliseNewlines,
  oneLine,
  revealControls,
  revealControlsHtml,
  sha256Hex,
  slug,
  safeFilename,
  toWellFormed,
  truncate,
  ukParts,
  uniqueName,
  utf8,
} from './text';

export interface MailAddress {
  name?: string;
  email: string;
}

export interface EmlScreenshot {
  filename: string;
  bytes: Uint8Array;
  mime: string;
}

export interface EmlDraftInput {
  to: MailAddress;
  from?: MailAddress;
  records: CouncilRecord[];
  chatTitle: string;
  categories: string[];
  date: Date;
  screenshots?: EmlScreenshot[];
  capturedBy: string;
}

export interface EmlDraft {
  /** Suggested download name, ASCII, e.g. `council-record-planning-group-2026-11-22.eml`. */
  filename: string;
  /** The message, CRLF line endings, 7-bit ASCII. */
  eml: string;
  /** The subject as a person reads it (before encoding). */
  subject: string;
}

const CRLF = '\r\n';
/** The longest chat title kept in a subject; the full title is in the body. */
const SUBJECT_CHAT_MAX = 120;
/** mailto: links longer than this are cut or refused by some mail clients and browsers. */
export const MAILTO_MAX_LENGTH = 1800;

/**
 * Deliberately conservative address check: ASCII local part (RFC 5322 dot-atom characters) and
 * a dotted host name. Council addresses are ASCII; anything else is refused, never encoded.
 */
const EMAIL_RE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL_RE.test(email);
}

function checkedEmail(email: string): string {
  if (!isValidEmail(email)) {
    throw new RangeError(`"${oneLine(truncate(email, 80))}" is not a valid email address.`);
  }
  return email;
}

/** Printable ASCII that a mail reader would not mistake for an encoded-word. */
function isPlainAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s) && !s.includes('=?');
}

/**
 * RFC 2047 B-encoded words for any text: at most 42 UTF-8 bytes each (56 base64 characters, 68
 * with the `=?UTF-8?B?…?=` wrapper), split between code points, separated by folding
 * whitespace (which decoders drop between adjacent encoded-words).
 */
export function encodeWords(text: string): string {
  const words: string[] = [];
  let chunk: number[] = [];
  const flush = (): void => {
    if (chunk.length) words.push(`=?UTF-8?B?${base64(Uint8Array.from(chunk))}?=`);
    chunk = [];
  };
  for (const ch of toWellFormed(text)) {
    const bytes = utf8(ch);
    if (chunk.length + bytes.length > 42) flush();
    chunk.push(...bytes);
  }
  flush();
  return words.join(CRLF + ' ') || '=?UTF-8?B??=';
}

/** An unstructured header value (Subject): plain when short printable ASCII, else encoded. */
export function encodeUnstructured(text: string): string {
  const one = oneLine(text);
  return isPlainAscii(one) && one.length <= 200 ? one : encodeWords(one);
}

/** A mailbox `Display Name <addr>`: the name quoted when plain ASCII, else encoded-words. */
export function encodeMailbox(addr: MailAddress): string {
  const email = checkedEmail(addr.email);
  const name = oneLine(addr.name ?? '');
  if (!name) return email;
  const phrase =
    isPlainAscii(name) && name.length <= 200
      ? `"${name.replace(/[\\"]/g, (c) => '\\' + c)}"`
      : encodeWords(name);
  return `${phrase} <${email}>`;
}

/** One header line; refuses anything but CRLF-plus-whitespace folding. */
function header(name: string, value: string): string {
  const line = `${name}: ${value}`;
  if (/[^\x20-\x7e\r\n\t]/.test(line) || /\r(?!\n[ \t])|(?<!\r)\n/.test(line)) {
    throw new Error(`Refusing to write an unsafe ${name} header`);
  }
  return line + CRLF;
}

function base64Body(bytes: Uint8Array): string {
  return (base64(bytes).match(/.{1,76}/g) ?? []).join(CRLF);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date in UK local time, e.g. `Sun, 22 Nov 2026 22:44:33 +0000`. */
export function rfc5322Date(date: Date): string {
  const p = ukParts(date);
  const off = Math.abs(p.offsetMinutes);
  const zone =
    (p.offsetMinutes < 0 ? '-' : '+') +
    String(Math.floor(off / 60)).padStart(2, '0') +
    String(off % 60).padStart(2, '0');
  const month = MONTHS[Number(p.month) - 1] ?? 'Jan';
  return `${p.weekday}, ${p.day} ${month} ${p.year} ${p.hour}:${p.minute}:${p.second} ${zone}`;
}

/** `[Council record] <chat> – <dd/mm/yyyy> – <categories>` (en dashes; categories if any). */
export function draftSubject(chatTitle: string, date: Date, categories: readonly string[]): string {
  const chat = truncate(oneLine(chatTitle) || 'WhatsApp chat', SUBJECT_CHAT_MAX);
  const parts = [`[Council record] ${chat}`, formatUkDate(date)];
  const cats = categories.map(oneLine).filter(Boolean);
  if (cats.length) parts.push(cats.join(', '));
  return parts.join(' – ');
}

function plainBody(input: EmlDraftInput): string {
  const n = input.records.length;
  const lines = [
    `Please file the following ${n === 1 ? 'council record' : `${n} council records`} in the ` +
      `council's record system.`,
    '',
    `Chat: ${oneLine(input.chatTitle)}`,
    `Captured by: ${oneLine(input.capturedBy)}`,
    `Prepared: ${formatUkDateTime(input.date)} (UK time)`,
    '',
    'The attached records.json holds each record exactly as captured, with its SHA-256 hash. ' +
      'Hidden formatting characters in messages are shown below as [U+XXXX].',
  ];
  for (const r of input.records)
    lines.push('', '----------------------------------------', '', formatNote(r));
  lines.push('', '----------------------------------------', '', 'Prepared with Council Capture.');
  return lines.join('\n');
}

const CELL = 'padding:4px 8px;vertical-align:top;text-align:left;border-bottom:1px solid #ddd';

function htmlRecord(r: CouncilRecord): string {
  const rows: [string, string][] = [
    ['From', escapeHtml(senderLabel(r))],
    ['Sent', escapeHtml(formatWallTime(r.message.sentAt) ?? 'time not shown by WhatsApp')],
  ];
  const flags = messageFlags(r);
  if (flags.length) rows.push(['About', escapeHtml(flags.join(', '))]);
  if (r.message.quoted) {
    rows.push([
      'In reply to',
      `<bdi>${revealControlsHtml(`${r.message.quoted.sender ? r.message.quoted.sender + ': ' : ''}${r.message.quoted.text}`)}</bdi>`,
    ]);
  }
  rows.push([
    'Message',
    `<bdi style="white-space:pre-wrap;overflow-wrap:anywhere">${revealControlsHtml(r.message.text) || '(no text)'}</bdi>`,
  ]);
  if (r.categories.length)
    rows.push(['Categories', escapeHtml(r.categories.map(oneLine).join(', '))]);
  if (r.note.trim()) {
    rows.push(['Note', `<bdi style="white-space:pre-wrap">${revealControlsHtml(r.note)}</bdi>`]);
  }
  rows.push([
    'Captured',
    escapeHtml(`${oneLine(r.capturedBy)}, ${formatUkDateTime(r.capturedAt)} (UK time)`),
  ]);
  rows.push(['Record ID', escapeHtml(oneLine(r.id))]);
  rows.push(['SHA-256', `<code>${escapeHtml(oneLine(r.sha256))}</code>`]);
  return (
    `<table style="border-collapse:collapse;margin:0 0 24px 0;width:100%">` +
    rows
      .map(
        ([k, v]) =>
          `<tr><th scope="row" style="${CELL};width:9em">${k}</th><td style="${CELL}">${v}</td></tr>`,
      )
      .join('') +
    `</table>`
  );
}

function htmlBody(input: EmlDraftInput, subject: string): string {
  const n = input.records.length;
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#0b0c0c">',
    `<p>Please file the following ${n === 1 ? 'council record' : `${n} council records`} in the council's record system.</p>`,
    `<p>Chat: <bdi>${revealControlsHtml(flattenLines(input.chatTitle))}</bdi><br>`,
    `Captured by: ${escapeHtml(oneLine(input.capturedBy))}<br>`,
    `Prepared: ${escapeHtml(formatUkDateTime(input.date))} (UK time)</p>`,
    '<p>The attached records.json holds each record exactly as captured, with its SHA-256 hash. ' +
      'Hidden formatting characters in messages are shown as [U+XXXX].</p>',
    ...input.records.map(htmlRecord),
    '<p>Prepared with Council Capture.</p>',
    '</body></html>',
  ].join('\r\n');
}

const MIME_RE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

function attachmentPart(filename: string, mime: string, bytes: Uint8Array): string {
  const type = MIME_RE.test(mime.toLowerCase()) ? mime.toLowerCase() : 'application/octet-stream';
  return (
    header('Content-Type', `${type}; name="${filename}"`) +
    header('Content-Disposition', `attachment; filename="${filename}"`) +
    header('Content-Transfer-Encoding', 'base64') +
    CRLF +
    base64Body(bytes) +
    CRLF
  );
}

function textPart(mime: 'text/plain' | 'text/html', text: string): string {
  const crlf = normaliseNewlines(text).replace(/\n/g, CRLF);
  return (
    header('Content-Type', `${mime}; charset=utf-8`) +
    header('Content-Transfer-Encoding', 'base64') +
    CRLF +
    base64Body(utf8(toWellFormed(crlf))) +
    CRLF
  );
}

/** Build an editable email draft holding the records (text + HTML bodies, JSON, screenshots). */
export function buildEmlDraft(input: EmlDraftInput): EmlDraft {
  const subject = draftSubject(input.chatTitle, input.date, input.categories);
  const seed = sha256Hex(
    [input.date.toISOString(), ...input.records.map((r) => `${r.id}:${r.sha256}`)].join('\n'),
  );
  const mixed = `=_cc_mixed_${seed.slice(0, 24)}`;
  const alt = `=_cc_alt_${seed.slice(24, 48)}`;

  let eml = '';
  if (input.from) eml += header('From', encodeMailbox(input.from));
  eml += header('To', encodeMailbox(input.to));
  eml += header('Subject', encodeUnstructured(subject));
  eml += header('Date', rfc5322Date(input.date));
  eml += header('Message-ID', `<${seed.slice(0, 32)}@council-capture.invalid>`);
  eml += header('MIME-Version', '1.0');
  eml += header('X-Unsent', '1');
  eml += header('Content-Type', `multipart/mixed; boundary="${mixed}"`);
  eml += CRLF;
  eml += 'This is a multi-part message in MIME format.' + CRLF;

  eml += `--${mixed}${CRLF}`;
  eml += header('Content-Type', `multipart/alternative; boundary="${alt}"`) + CRLF;
  eml += `--${alt}${CRLF}` + textPart('text/plain', plainBody(input));
  eml += `--${alt}${CRLF}` + textPart('text/html', htmlBody(input, subject));
  eml += `--${alt}--${CRLF}`;

  eml +=
    `--${mixed}${CRLF}` +
    attachmentPart('records.json', 'application/json', utf8(recordsJson(input.records)));

  const used = new Set(['records.json']);
  for (const shot of input.screenshots ?? []) {
    const name = uniqueName(safeFilename(shot.filename, 'screenshot.png'), used);
    eml += `--${mixed}${CRLF}` + attachmentPart(name, shot.mime, shot.bytes);
  }
  eml += `--${mixed}--${CRLF}`;

  const filename = `council-record-${slug(input.chatTitle) || 'chat'}-${isoUkDate(input.date)}.eml`;
  return { filename, eml, subject };
}

/**
 * A `mailto:` link (RFC 6068) or undefined when it would be longer than 1,800 characters, in
 * which case the UI offers the .eml draft instead. Subject is kept to one line; body line breaks
 * become CRLF as RFC 6068 asks. Throws RangeError for an invalid address.
 */
export function buildMailto(
  to: string | MailAddress,
  subject: string,
  body: string,
): string | undefined {
  const email = checkedEmail(typeof to === 'string' ? to : to.email);
  const at = email.lastIndexOf('@');
  const addr = encodeURIComponent(email.slice(0, at)) + '@' + email.slice(at + 1);
  const subj = encodeURIComponent(toWellFormed(oneLine(subject)));
  const text = encodeURIComponent(toWellFormed(revealControls(body)).replace(/\n/g, '\r\n'));
  const url = `mailto:${addr}?subject=${subj}&body=${text}`;
  return url.length <= MAILTO_MAX_LENGTH ? url : undefined;
}
