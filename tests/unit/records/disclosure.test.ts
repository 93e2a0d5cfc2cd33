import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import {
  addFileToBundle,
  applyRedactions,
  redactionLogCsv,
  REDACTION_LOG_PATH,
  suggestRedactions,
} from '../../../utils/disclosure';
import { buildBundle, verifyBundle } from '../../../utils/delivery/bundle';
import { recordHash, recordIntact } from '../../../utils/db/records-repo';
import type { CouncilRecord } from '../../../utils/types';

function record(id: string, text: string, note = ''): CouncilRecord {
  const r: CouncilRecord = {
    id,
    chatKey: 'title:Parish council',
    messageId: `m-${id}`,
    chat: { title: 'Parish council', isGroup: true },
    message: {
      id: `m-${id}`,
      direction: 'in',
      sender: 'Cllr Bloggs',
      sentAt: '2026-11-20T10:00',
      text,
      forwarded: false,
      edited: false,
      deleted: false,
    },
    categories: ['complaint'],
    note,
    capturedAt: '2026-11-20T10:05:00.000Z',
    capturedBy: 'Jane Smith (Clerk)',
    method: 'web-button',
    policyId: 'wherstead-pc',
    policyVersion: '2024',
    sha256: '',
  };
  r.sha256 = recordHash(r);
  return r;
}

const a = record('a', 'Mrs Patel rang from 07700 900123 about the hedge at IP9 2AB.');
const b = record(
  'b',
  'Email me at jo.bloggs@example.com please',
  'Requester: jo.bloggs@example.com',
);
const c = record('c', 'Meeting moved to Tuesday.');

describe('suggestRedactions', () => {
  it('suggests third parties’ personal data and leaves the data subject’s own', () => {
    const s = suggestRedactions([a, b, c], { email: 'Jo.Bloggs@example.com' });
    const kinds = s.map((x) => `${x.recordId}:${x.kind}:${x.text}`);
    expect(kinds).toContain('a:phone:07700 900123');
    expect(kinds.some((k) => k.startsWith('a:postcode'))).toBe(true);
    expect(s.filter((x) => x.recordId === 'b')).toEqual([]);
    expect(s.filter((x) => x.recordId === 'c')).toEqual([]);
  });
});

describe('applyRedactions', () => {
  it('redacts copies, keeps originals, logs without the redacted text', () => {
    const before = structuredClone(a);
    const s = suggestRedactions([a, c]);
    const out = applyRedactions([a, c], s, {
      by: 'Jane Smith (Clerk)',
      at: new Date('2026-11-22T12:00:00Z'),
      reason: 'Third party personal data (FOIA s40(2))',
    });
    expect(a).toEqual(before);
    const copy = out.records[0]!;
    expect(copy.message.text).toContain('[REDACTED: phone number]');
    expect(copy.message.text).not.toContain('07700');
    expect(copy.message.text).not.toContain('IP9 2AB');
    expect(recordIntact(copy)).toBe(true);
    expect(copy.sha256).not.toBe(a.sha256);
    expect(out.records[1]).toBe(c);
    expect(out.log.length).toBe(s.length);
    expect(out.log[0]!.originalSha256).toBe(a.sha256);
    const csv = redactionLogCsv(out.log);
    expect(csv).not.toContain('07700');
    expect(csv.split('\r\n')[0]).toContain('record_id');
  });

  it('goes into a bundle that still verifies, log listed in the manifest', () => {
    const s = suggestRedactions([a]);
    const out = applyRedactions([a], s, { by: 'J', at: new Date(), reason: 'r' });
    const zip = buildBundle({
      records: out.records,
      events: [],
      chainHead: { seq: 0, hash: '' },
      policy: { id: 'wherstead-pc', version: '2024', council: 'Wherstead PC' },
      createdBy: 'J',
      createdAt: new Date('2026-11-22T12:00:00Z'),
    });
    const withLog = addFileToBundle(
      zip,
      REDACTION_LOG_PATH,
      new TextEncoder().encode(redactionLogCsv(out.log)),
    );
    const v = verifyBundle(withLog);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    const files = unzipSync(withLog);
    expect(strFromU8(files['transcript.html']!)).toContain('[REDACTED: phone number]');
    expect(strFromU8(files['records.json']!)).not.toContain('07700 900123');
  });
});
