/**
 * A formal note of one record, ready to paste into minutes or a case file (plain text).
 * Hidden controls in message text are shown as `[U+202E]`, never applied.
 */
import type { CouncilRecord } from '../types';
import { formatUkDateTime, formatWallTime, oneLine, revealControls } from './text';

const METHOD_LABEL: Record<CouncilRecord['method'], string> = {
  'web-button': 'capture button on WhatsApp Web',
  'side-panel': 'Council Capture side panel',
  import: 'import of a WhatsApp chat export',
};

/** Message flags and media as a short phrase, e.g. "forwarded, edited, image". */
export function messageFlags(record: CouncilRecord): string[] {
  const m = record.message;
  const flags: string[] = [];
  if (m.media) flags.push(`${m.media} attached (not kept)`);
  if (m.forwarded) flags.push('forwarded');
  if (m.edited) flags.push('edited');
  if (m.deleted) flags.push('deleted by sender');
  return flags;
}

/** Sender as one line: name, with the phone number when WhatsApp showed one. */
export function senderLabel(record: CouncilRecord): string {
  const m = record.message;
  const name = oneLine(m.sender) || 'Unknown sender';
  const who = m.direction === 'out' ? `${name} (sent by the councillor)` : name;
  return m.senderPhone && oneLine(m.senderPhone) !== name
    ? `${who}, ${oneLine(m.senderPhone)}`
    : who;
}

/** Minute-ready plain text (LF line endings) for one record. */
export function formatNote(record: CouncilRecord): string {
  const m = record.message;
  const lines: string[] = [];
  lines.push('Council record: WhatsApp message');
  lines.push(
    `Chat: ${oneLine(record.chat.title) || 'Untitled chat'}${record.chat.isGroup ? ' (group)' : ''}`,
  );
  lines.push(`From: ${senderLabel(record)}`);
  lines.push(`Sent: ${formatWallTime(m.sentAt) ?? 'time not shown by WhatsApp'}`);
  const flags = messageFlags(record);
  if (flags.length) lines.push(`About the message: ${flags.join(', ')}`);
  if (m.quoted) {
    lines.push(
      `In reply to ${m.quoted.sender ? oneLine(m.quoted.sender) : 'an earlier message'}: ` +
        `"${oneLine(m.quoted.text)}"`,
    );
  }
  lines.push('Message:');
  const text = revealControls(m.text);
  lines.push(text.length ? text : '(no text)');
  if (record.categories.length) {
    lines.push(`Categories: ${record.categories.map(oneLine).join(', ')}`);
  }
  if (record.note.trim()) lines.push(`Note: ${revealControls(record.note)}`);
  lines.push(
    `Captured by: ${oneLine(record.capturedBy)} on ${formatUkDateTime(record.capturedAt)} ` +
      `(UK time), using the ${METHOD_LABEL[record.method] ?? oneLine(String(record.method))}`,
  );
  lines.push(`Policy: ${oneLine(record.policyId)} version ${oneLine(record.policyVersion)}`);
  if (record.retainUntil) {
    lines.push(
      `Keep until: ${record.retainUntil === 'permanent' ? 'permanently' : oneLine(record.retainUntil)}`,
    );
  }
  lines.push(`Record ID: ${oneLine(record.id)}`);
  lines.push(`SHA-256: ${oneLine(record.sha256)}`);
  return lines.join('\n');
}
