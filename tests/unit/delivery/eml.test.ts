import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import {
  buildEmlDraft,
  buildMailto,
  draftSubject,
  encodeMailbox,
  encodeWords,
  MAILTO_MAX_LENGTH,
  type EmlDraftInput,
} from '../../../utils/delivery/eml';
import { formatNote } from '../../../utils/delivery/note';
import { recordsJson } from '../../../utils/delivery/records';
import { fakePng, HOSTILE_TEXTS, hostileRecords, makeRecord } from './fixtures';

const date = new Date('2026-11-22T22:30:00Z');

function input(over: Partial<EmlDraftInput> = {}): EmlDraftInput {
  return {
    to: { name: 'Records Officer', email: 'records@wherstead-pc.gov.uk' },
    from: { name: 'Cllr Jane Smith', email: 'jane.smith@wherstead-pc.gov.uk' },
    records: [makeRecord('Agreed: the hall roof repair goes ahead, £4,200.')],
    chatTitle: 'Planning Committee',
    categories: ['decision', 'finance'],
    date,
    capturedBy: 'Cllr Jane Smith (Chair)',
    ...over,
  };
}

async function parse(eml: string) {
  return PostalMime.parse(eml, { attachmentEncoding: 'arraybuffer' });
}

/** Header names at the top level of the message, lower case, in order. */
function topHeaderNames(eml: string): string[] {
  const head = eml.slice(0, eml.indexOf('\r\n\r\n'));
  return head
    .split('\r\n')
    .filter((l) => !/^[ \t]/.test(l))
    .map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
}

const EXPECTED_HEADERS = [
  'from',
  'to',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'x-unsent',
  'content-type',
];

function bytesOf(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') throw new Error('expected bytes');
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

describe('buildEmlDraft', () => {
  it('builds a draft that a real MIME parser reads back: headers, both bodies, attachments', async () => {
    const shots = [
      { filename: 'roof.png', bytes: fakePng(20_000, 3), mime: 'image/png' },
      {
        filename: '../../etc/passwd\r\nBcc: x@y',
        bytes: fakePng(500, 4),
        mime: 'image/png\r\nX: y',
      },
    ];
    const inp = input({ screenshots: shots });
    const draft = buildEmlDraft(inp);
    expect(draft.subject).toBe(
      '[Council record] Planning Committee – 22/11/2026 – decision, finance',
    );
    expect(draft.filename).toBe('council-record-planning-committee-2026-11-22.eml');
    // CRLF only, 7-bit, no line over 998.
    expect(draft.eml).not.toMatch(/[^\r]\n|\r(?!\n)/);
    expect([...draft.eml].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    for (const line of draft.eml.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);

    const mail = await parse(draft.eml);
    expect(topHeaderNames(draft.eml)).toEqual(EXPECTED_HEADERS);
    expect(mail.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
    expect(mail.subject).toBe(draft.subject);
    expect(mail.to).toEqual([{ name: 'Records Officer', address: 'records@wherstead-pc.gov.uk' }]);
    expect(mail.from).toEqual({
      name: 'Cllr Jane Smith',
      address: 'jane.smith@wherstead-pc.gov.uk',
    });
    expect(mail.bcc).toBeUndefined();
    expect(mail.text).toContain('Agreed: the hall roof repair goes ahead, £4,200.');
    expect(mail.html).toContain('Agreed: the hall roof repair goes ahead, £4,200.');
    expect(mail.html).toMatch(/^<!DOCTYPE html>/);

    expect(mail.attachments.map((a) => a.filename)).toEqual([
      'records.json',
      'roof.png',
      'passwd_Bcc_x_y',
    ]);
    const [json, roof, weird] = mail.attachments;
    expect(new TextDecoder().decode(bytesOf(json!.content))).toBe(recordsJson(inp.records));
    expect(json!.mimeType).toBe('application/json');
    expect(bytesOf(roof!.content)).toEqual(shots[0]!.bytes);
    expect(roof!.mimeType).toBe('image/png');
    expect(bytesOf(weird!.content)).toEqual(shots[1]!.bytes);
    expect(weird!.mimeType).toBe('application/octet-stream');
  });

  it('is a draft without a From when none is given', async () => {
    const draft = buildEmlDraft(input({ from: undefined }));
    expect(topHeaderNames(draft.eml)).toEqual(EXPECTED_HEADERS.slice(1));
    expect((await parse(draft.eml)).from).toBeUndefined();
  });

  it('hostile subject, names and text can never add a header', async () => {
    const evil = 'Evil\r\nBcc: evil@x\r\nX-Injected: 1\n\nbody';
    const records = hostileRecords();
    const draft = buildEmlDraft(
      input({
        to: { name: `Officer\r\nBcc: evil@x`, email: 'records@council.gov.uk' },
        from: { name: `"Jane" \\ <jane@evil>\r\nCc: c@x`, email: 'jane@council.gov.uk' },
        chatTitle: evil + ' ' + '日本語 '.repeat(400),
        categories: ['decision\r\nBcc: evil@x', 'finance'],
        records,
        capturedBy: 'Me\r\nBcc: evil@x',
      }),
    );
    expect(topHeaderNames(draft.eml)).toEqual(EXPECTED_HEADERS);
    const mail = await parse(draft.eml);
    expect(mail.bcc).toBeUndefined();
    expect(mail.cc).toBeUndefined();
    expect(mail.headers.map((h) => h.key).sort()).toEqual([...EXPECTED_HEADERS].sort());
    expect(mail.to).toEqual([{ name: 'Officer Bcc: evil@x', address: 'records@council.gov.uk' }]);
    expect(mail.from).toEqual({
      name: '"Jane" \\ <jane@evil> Cc: c@x',
      address: 'jane@council.gov.uk',
    });
    expect(mail.subject).toBe(draft.subject);
    expect(mail.subject).toMatch(/^\[Council record\] Evil Bcc: evil@x X-Injected: 1 body 日本語/);
    expect(mail.subject).toMatch(/… – 22\/11\/2026 – decision Bcc: evil@x, finance$/);
    // Every hostile text reaches the plain body, the HTML is escaped, no script survives.
    expect(mail.text).toContain(HOSTILE_TEXTS.long);
    expect(mail.text).toContain('Invoice for [U+202E]gnp.exe[U+202C] please pay');
    expect(mail.text).toContain(HOSTILE_TEXTS.emoji);
    expect(mail.text).toContain(HOSTILE_TEXTS.nonAscii);
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).not.toMatch(/<img/i);
    expect(mail.html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('\u202E');
    const json = mail.attachments[0]!;
    expect(JSON.parse(new TextDecoder().decode(bytesOf(json.content)))).toEqual(records);
  });

  it('encodes non-ASCII names and very long names as folded RFC 2047 words', async () => {
    const name = 'Siân Llŷr-Öztürk 日本語 '.repeat(30);
    const header = encodeMailbox({ name, email: 'sian@council.gov.uk' });
    for (const word of header.match(/=\?[^?]+\?B\?[^?]*\?=/g) ?? []) {
      expect(word.length).toBeLessThanOrEqual(75);
    }
    const draft = buildEmlDraft(input({ to: { name, email: 'sian@council.gov.uk' } }));
    const mail = await parse(draft.eml);
    expect(mail.to).toEqual([{ name: name.trim(), address: 'sian@council.gov.uk' }]);
  });

  it('never splits a character between encoded-words', () => {
    const words = encodeWords('👨‍👩‍👧'.repeat(20)).split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    const decoded = words.map((w) => {
      const b64 = w.slice('=?UTF-8?B?'.length, -2);
      return new TextDecoder('utf-8', { fatal: true }).decode(
        Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)),
      );
    });
    expect(decoded.join('')).toBe('👨‍👩‍👧'.repeat(20));
  });

  it('refuses addresses that are not plain email addresses', () => {
    for (const email of [
      'a@b.c\r\nBcc: x@y',
      'no-at-sign',
      'a b@c.d',
      'a@b',
      '<a@b.c>',
      'a@b.c>, x@y.z',
    ]) {
      expect(() => buildEmlDraft(input({ to: { email } }))).toThrow(/not a valid email address/);
    }
  });

  it('omits the category part of the subject when there is none', () => {
    expect(draftSubject('Chat', date, [])).toBe('[Council record] Chat – 22/11/2026');
    // UK date: 23:30 UTC on 31 May is 1 June in London (BST).
    expect(draftSubject('Chat', new Date('2026-05-31T23:30:00Z'), ['x'])).toBe(
      '[Council record] Chat – 01/06/2026 – x',
    );
  });
});

describe('buildMailto', () => {
  it('builds an RFC 6068 link that cannot add parameters or headers', () => {
    const url = buildMailto(
      { email: 'records@council.gov.uk' },
      'Subject & more\r\nBcc: x@y',
      'line one\nline two &bcc=evil@x',
    );
    expect(url).toBeDefined();
    const u = new URL(url!);
    expect(u.protocol).toBe('mailto:');
    expect(u.pathname).toBe('records@council.gov.uk');
    expect([...u.searchParams.keys()]).toEqual(['subject', 'body']);
    expect(u.searchParams.get('subject')).toBe('Subject & more Bcc: x@y');
    expect(u.searchParams.get('body')).toBe('line one\r\nline two &bcc=evil@x');
  });

  it('returns undefined above 1,800 characters so the UI offers the .eml draft', () => {
    const record = makeRecord(HOSTILE_TEXTS.long);
    expect(buildMailto('records@council.gov.uk', 'Record', formatNote(record))).toBeUndefined();
    const short = buildMailto('records@council.gov.uk', 'Record', 'x'.repeat(1700));
    expect(short).toBeDefined();
    expect(short!.length).toBeLessThanOrEqual(MAILTO_MAX_LENGTH);
    const over = buildMailto('records@council.gov.uk', 'Record', 'x'.repeat(1800));
    expect(over).toBeUndefined();
  });

  it('copes with lone surrogates and refuses a bad address', () => {
    expect(buildMailto('a@council.gov.uk', 'x\uD800', 'y\uDC00')).toContain('%EF%BF%BD');
    expect(() => buildMailto('a@council.gov.uk?bcc=x@y', 's', 'b')).toThrow(RangeError);
  });
});
