import { describe, expect, it } from 'vitest';
import { formatNote } from '../../../utils/delivery/note';
import { HOSTILE_TEXTS, makeRecord } from './fixtures';

describe('formatNote', () => {
  it('is minute-ready plain text with UK dates, captured by/at and the hash', () => {
    const r = makeRecord('Agreed: roof repair goes ahead.\nCost £4,200.', {
      message: {
        ...makeRecord('x').message,
        sender: 'Cllr Bob Jones',
        senderPhone: undefined,
        direction: 'in',
        sentAt: '2026-06-03T18:42',
        forwarded: true,
        edited: false,
        quoted: { sender: 'Clerk', text: 'Can we agree the roof?' },
      },
      capturedAt: '2026-06-03T18:00:00.000Z',
    });
    expect(formatNote(r)).toBe(
      [
        'Council record: WhatsApp message',
        'Chat: Planning <Committee> [U+202E]drowssap (group)',
        'From: Cllr Bob Jones',
        'Sent: 03/06/2026 18:42',
        'About the message: forwarded',
        'In reply to Clerk: "Can we agree the roof?"',
        'Message:',
        'Agreed: roof repair goes ahead.',
        'Cost £4,200.',
        'Categories: planning, decision',
        'Note: Filed for the <b>minutes</b>',
        'Captured by: Cllr Jane Smith (Chair) on 03/06/2026 19:00 (UK time), using the capture button on WhatsApp Web',
        'Policy: wherstead-pc version 2025-05',
        'Keep until: 2032-03-31',
        `Record ID: ${r.id}`,
        `SHA-256: ${r.sha256}`,
      ].join('\n'),
    );
  });

  it('shows hidden controls and keeps CR/LF from forging lines in one-line fields', () => {
    const r = makeRecord(HOSTILE_TEXTS.rlo + '\r\n' + HOSTILE_TEXTS.zeroWidth, {
      message: { ...makeRecord('x').message, sender: 'Eve\r\nSHA-256: forged', sentAt: undefined },
    });
    const note = formatNote(r);
    expect(note).not.toMatch(/[\r\u202E\u200B\uFEFF]/);
    expect(note).toMatch(/^From: Eve SHA-256: forged/m);
    expect(note).toContain('Sent: time not shown by WhatsApp');
    expect(note).toContain('Invoice for [U+202E]gnp.exe[U+202C] please pay\nzero[U+200B]width');
    expect(note.match(/^SHA-256: /gm)).toHaveLength(1);
  });
});
