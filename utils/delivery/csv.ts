/**
 * `records.csv`: RFC 4180 (every field quoted, `"` doubled, CRLF between rows), UTF-8 with a
 * byte-order mark so Excel reads non-ASCII correctly, and formula injection neutralised.
 */
import type { CouncilRecord } from '../types';
import { formatUkDateTime, formatWallTime } from './text';

/**
 * A spreadsheet runs a cell as a formula when it starts with `=`, `+`, `-` or `@` (and some
 * also after TAB/CR, leading spaces, or the full-width forms ＝＋－＠). Such cells get a leading
 * apostrophe (OWASP "CSV injection" advice), so `=HYPERLINK(…)` is shown as text, never run.
 */
export function neutraliseCsvCell(s: string): string {
  return /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/.test(s) ? `'${s}` : s;
}

/** One RFC 4180 field: neutralised, always quoted, quotes doubled. */
export function csvField(value: string): string {
  return `"${neutraliseCsvCell(value).replace(/"/g, '""')}"`;
}

export const CSV_COLUMNS = [
  'record_id',
  'chat',
  'chat_key',
  'group_chat',
  'message_id',
  'direction',
  'sender',
  'sender_phone',
  'sent_local',
  'text',
  'media',
  'quoted_sender',
  'quoted_text',
  'forwarded',
  'edited',
  'deleted',
  'categories',
  'note',
  'captured_by',
  'captured_at_uk',
  'captured_at_utc',
  'method',
  'policy_id',
  'policy_version',
  'retain_until',
  'sha256',
] as const;

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function row(r: CouncilRecord): string[] {
  const m = r.message;
  return [
    r.id,
    r.chat.title,
    r.chatKey,
    yesNo(r.chat.isGroup),
    r.messageId,
    m.direction === 'out' ? 'sent' : 'received',
    m.sender,
    m.senderPhone ?? '',
    formatWallTime(m.sentAt) ?? '',
    m.text,
    m.media ?? '',
    m.quoted?.sender ?? '',
    m.quoted?.text ?? '',
    yesNo(m.forwarded),
    yesNo(m.edited),
    yesNo(m.deleted),
    r.categories.join('; '),
    r.note,
    r.capturedBy,
    formatUkDateTime(r.capturedAt),
    r.capturedAt,
    r.method,
    r.policyId,
    r.policyVersion,
    r.retainUntil ?? '',
    r.sha256,
  ];
}

/** The CSV text, starting with U+FEFF (the BOM once encoded as UTF-8). */
export function toCsv(records: readonly CouncilRecord[]): string {
  const lines = [CSV_COLUMNS.map(csvField).join(',')];
  for (const r of records) lines.push(row(r).map(csvField).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
