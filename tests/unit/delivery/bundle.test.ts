import { strFromU8, strToU8, unzipSync, Zip, ZipPassThrough, zipSync, type Zippable } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  buildBundle,
  CSV_COLUMNS,
  escapeHtml,
  neutraliseCsvCell,
  renderTranscript,
  toCsv,
  verifyBundle,
  type BundleInput,
  type BundleManifest,
} from '../../../utils/delivery/bundle';
import { recordCanonicalSha256 } from '../../../utils/delivery/records';
import { sha256Hex } from '../../../utils/delivery/text';
import type { CouncilRecord } from '../../../utils/types';
import {
  eventsFor,
  fakePng,
  flipByte,
  HOSTILE_TEXTS,
  hostileRecords,
  makeRecord,
} from './fixtures';

function bundleInput(records = hostileRecords()): BundleInput {
  const events = eventsFor(records);
  const last = events[events.length - 1]!;
  return {
    records,
    events,
    chainHead: { seq: last.seq, hash: last.hash },
    policy: { id: 'wherstead-pc', version: '2025-05', council: 'Wherstead Parish Council' },
    createdBy: 'Cllr Jane Smith (Chair)',
    createdAt: new Date('2026-11-22T22:30:00Z'),
    screenshots: [
      { recordId: records[0]!.id, filename: 'shot.png', bytes: fakePng(5000, 1) },
      { recordId: records[0]!.id, filename: 'shot.png', bytes: fakePng(4000, 2) },
      {
        recordId: (records[1] ?? records[0])!.id,
        filename: '../../evil\r\n.png',
        bytes: fakePng(3000, 3),
      },
    ],
  };
}

function rezip(files: Record<string, Uint8Array>): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(files)) z[k] = v;
  return zipSync(z);
}

describe('buildBundle', () => {
  const input = bundleInput();
  const progress: [number, number][] = [];
  const zip = buildBundle(input, (d, t) => progress.push([d, t]));
  const files = unzipSync(zip);
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as BundleManifest;

  it('holds the expected files, every one hashed in the manifest', () => {
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.txt',
        'audit-log.json',
        'manifest.json',
        'records.csv',
        'records.json',
        `screenshots/${input.records[0]!.id}-shot-2.png`,
        `screenshots/${input.records[0]!.id}-shot.png`,
        `screenshots/${input.records[1]!.id}-evil_.png`,
        'transcript.html',
      ].sort(),
    );
    expect(manifest.format).toBe('council-capture.bundle/v1');
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      Object.keys(files)
        .filter((p) => p !== 'manifest.json')
        .sort(),
    );
    for (const f of manifest.files) {
      expect(sha256Hex(files[f.path]!)).toBe(f.sha256);
      expect(files[f.path]!.length).toBe(f.bytes);
    }
    expect(manifest.records).toEqual(
      input.records.map((r) => ({
        id: r.id,
        sha256: r.sha256,
        canonicalSha256: recordCanonicalSha256(r),
      })),
    );
    expect(manifest.auditChainHead).toEqual(input.chainHead);
    expect(manifest.policy).toEqual(input.policy);
    expect(manifest.createdBy).toBe(input.createdBy);
    expect(manifest.createdAt).toBe('2026-11-22T22:30:00.000Z');
    expect(files[`screenshots/${input.records[0]!.id}-shot.png`]).toEqual(
      input.screenshots![0]!.bytes,
    );
  });

  it('round-trips records.json and carries the audit events', () => {
    expect(JSON.parse(strFromU8(files['records.json']!))).toEqual(input.records);
    const audit = JSON.parse(strFromU8(files['audit-log.json']!));
    expect(audit.head).toEqual(input.chainHead);
    expect(audit.events).toEqual(input.events);
  });

  it('reports progress up to the total', () => {
    expect(progress[0]).toEqual([0, progress[0]![1]]);
    expect(progress.at(-1)).toEqual([progress[0]![1], progress[0]![1]]);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]![0]).toBeGreaterThan(progress[i - 1]![0]);
  });

  it('is deterministic for the same input', () => {
    expect(sha256Hex(buildBundle(input))).toBe(sha256Hex(zip));
  });

  it('has a README that explains how to verify', () => {
    const readme = strFromU8(files['README.txt']!);
    expect(readme).toContain('npm run verify -- ');
    expect(readme).toContain('Get-FileHash -Algorithm SHA256');
    expect(readme).toContain('sha256sum');
    expect(readme).toContain('RFC 8785');
  });

  it('verifies as unchanged', () => {
    const v = verifyBundle(zip);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.summary).toMatch(/^Verified: 8 files and 14 records match the manifest/);
  });

  it('compresses as asked, and every variant verifies', () => {
    for (const compression of [
      'store',
      'deflate-1',
      'deflate-6',
      'text-deflate-1',
      'text-deflate-6',
    ] as const) {
      const z = buildBundle({ ...input, compression });
      expect(verifyBundle(z).ok).toBe(true);
    }
    const stored = buildBundle({ ...input, compression: 'store' });
    expect(stored.length).toBeGreaterThan(zip.length);
  });
});

describe('transcript.html', () => {
  const records = hostileRecords();
  const html = renderTranscript({
    records,
    policy: { id: 'p', version: '1', council: 'Council <b>&</b>' },
    createdBy: 'Me <script>',
    createdAt: new Date('2026-07-01T12:00:00Z'),
    chainHead: { seq: 3, hash: 'a'.repeat(64) },
    screenshots: [{ recordId: records[0]!.id, path: 'screenshots/x"><script>.png' }],
  });

  it('is a self-contained, accessible document with a strict CSP and no script', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed|link|base|form)\b/i);
    expect(html).toContain('<h1>');
    expect(html).toContain('<h2 id="chat-1">');
    expect(html).toContain('<th scope="col">Sender</th>');
    expect(html).toContain('<caption>');
    expect(html).toMatch(/\.msg\{white-space:pre-wrap/);
  });

  it('escapes every hostile text and shows hidden controls instead of applying them', () => {
    expect(html).toContain(escapeHtml(HOSTILE_TEXTS.script));
    expect(html).toContain('Council &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).toContain('Me &lt;script&gt;');
    expect(html).toContain('href="screenshots/x&quot;&gt;&lt;script&gt;.png"');
    for (const ch of ['\u202E', '\u202C', '\u200B', '\uFEFF', '\u2066', '\u2069', '\r']) {
      expect(html).not.toContain(ch);
    }
    expect(html).toContain(
      'Invoice for <span class="ctl" title="Hidden character U+202E, right-to-left override',
    );
    expect(html).toContain('>[U+202E]</span>gnp.exe');
    expect(html).toContain('<bdi>Planning &lt;Committee&gt; <span class="ctl"');
    expect(html).toContain(HOSTILE_TEXTS.emoji);
    expect(html).toContain(escapeHtml(HOSTILE_TEXTS.nonAscii));
    expect(html).toContain(HOSTILE_TEXTS.long);
    expect(html).toContain('line one\nBcc: evil@x\n\n--boundary\nline three\nline four');
  });

  it('shows UK dates as dd/mm/yyyy HH:mm', () => {
    const r = makeRecord('x', {
      message: { ...makeRecord('x').message, sentAt: '2026-03-05T09:07' },
    });
    const out = renderTranscript({
      records: [r],
      policy: { id: 'p', version: '1', council: 'C' },
      createdBy: 'Me',
      createdAt: new Date('2026-07-01T12:00:00Z'),
    });
    expect(out).toContain('<td class="when">05/03/2026 09:07</td>');
    expect(out).toContain('01/07/2026 13:00'); // BST
  });
});

describe('records.csv', () => {
  const records = hostileRecords();
  const csv = toCsv(records);

  it('starts with a BOM and parses back to the same text, formulas neutralised', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [head, ...rows] = parsed.data;
    expect(head).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(records.length);
    const textCol = CSV_COLUMNS.indexOf('text');
    rows.forEach((row, i) => {
      expect(row).toHaveLength(CSV_COLUMNS.length);
      expect(row[textCol]).toBe(neutraliseCsvCell(records[i]!.message.text));
    });
    const texts = rows.map((r) => r[textCol]);
    expect(texts).toContain(`'${HOSTILE_TEXTS.formula}`);
    expect(texts).toContain(`'${HOSTILE_TEXTS.plus}`);
    expect(texts).toContain(`'${HOSTILE_TEXTS.minus}`);
    expect(texts).toContain(`'${HOSTILE_TEXTS.at}`);
    expect(texts).toContain(`'${HOSTILE_TEXTS.tab}`);
    expect(texts).toContain(`'${HOSTILE_TEXTS.cr}`);
    expect(texts).toContain(HOSTILE_TEXTS.quotes);
    expect(texts).toContain(HOSTILE_TEXTS.long);
    expect(texts).toContain(HOSTILE_TEXTS.emoji);
    // No cell a spreadsheet would run.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('is UTF-8 with a BOM inside the bundle', () => {
    const zip = buildBundle(bundleInput(records));
    const bytes = unzipSync(zip)['records.csv']!;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['  =1', "'  =1"],
    ['\uff1d1', "'\uff1d1"],
    ['a=1', 'a=1'],
    ['', ''],
    ['Hello', 'Hello'],
  ])('neutraliseCsvCell(%j) = %j', (input, expected) => {
    expect(neutraliseCsvCell(input)).toBe(expected);
  });
});

describe('verifyBundle tamper detection', () => {
  const input = bundleInput();
  const zip = buildBundle(input);
  const original = unzipSync(zip);
  const copy = (): Record<string, Uint8Array> => {
    const out: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(original)) out[k] = v.slice();
    return out;
  };

  it('names a file with one changed byte', () => {
    const files = copy();
    flipByte(files['transcript.html'], 100);
    const v = verifyBundle(rezip(files));
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([
      {
        file: 'transcript.html',
        problem: 'changed',
        detail: expect.stringContaining('transcript.html has changed'),
      },
    ]);
    expect(v.summary).toMatch(/^Not verified: 1 problem found/);
  });

  it('names a removed file', () => {
    const files = copy();
    const shot = Object.keys(files).find((p) => p.startsWith('screenshots/'))!;
    delete files[shot];
    const v = verifyBundle(rezip(files));
    expect(v.problems).toEqual([{ file: shot, problem: 'missing', detail: expect.any(String) }]);
  });

  it('names an added file', () => {
    const files = copy();
    files['screenshots/extra.png'] = fakePng(100);
    const v = verifyBundle(rezip(files));
    expect(v.problems).toEqual([
      {
        file: 'screenshots/extra.png',
        problem: 'added',
        detail: expect.stringContaining('not in the manifest'),
      },
    ]);
  });

  it('names an altered, a removed and an added record in records.json', () => {
    const files = copy();
    const records = JSON.parse(strFromU8(files['records.json']!)) as CouncilRecord[];
    const altered = records[2]!;
    altered.message.text = 'Something the councillor never said';
    const removed = records.splice(3, 1)[0]!;
    records.push(makeRecord('smuggled in', { id: 'ffffffff-0000-4000-8000-000000000000' }));
    files['records.json'] = strToU8(JSON.stringify(records, null, 2) + '\n');
    const v = verifyBundle(rezip(files));
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual(
      expect.arrayContaining([
        { file: 'records.json', problem: 'changed', detail: expect.any(String) },
        {
          file: 'records.json',
          recordId: altered.id,
          problem: 'record-changed',
          detail: expect.any(String),
        },
        {
          file: 'records.json',
          recordId: removed.id,
          problem: 'record-missing',
          detail: expect.any(String),
        },
        {
          file: 'records.json',
          recordId: 'ffffffff-0000-4000-8000-000000000000',
          problem: 'record-added',
          detail: expect.any(String),
        },
      ]),
    );
    expect(v.problems).toHaveLength(4);
  });

  it('notices a record changed even when records.json is re-hashed into a forged manifest file list', () => {
    const files = copy();
    const records = JSON.parse(strFromU8(files['records.json']!)) as CouncilRecord[];
    records[0]!.capturedBy = 'Someone else';
    files['records.json'] = strToU8(JSON.stringify(records, null, 2) + '\n');
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as BundleManifest;
    manifest.files.find((f) => f.path === 'records.json')!.sha256 = sha256Hex(
      files['records.json'],
    );
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    const v = verifyBundle(rezip(files));
    expect(v.problems).toEqual([
      {
        file: 'records.json',
        recordId: records[0]!.id,
        problem: 'record-changed',
        detail: expect.any(String),
      },
    ]);
  });

  it('names a file that appears twice (different unzip tools could show either copy)', () => {
    const chunks: Uint8Array[] = [];
    const zipper = new Zip((err, chunk) => {
      if (err) throw err;
      chunks.push(chunk);
    });
    const add = (name: string, bytes: Uint8Array): void => {
      const entry = new ZipPassThrough(name);
      zipper.add(entry);
      entry.push(bytes, true);
    };
    for (const [name, bytes] of Object.entries(original)) add(name, bytes);
    add('records.csv', strToU8('"=evil()"'));
    zipper.end();
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      all.set(c, at);
      at += c.length;
    }
    const v = verifyBundle(all);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual({
      file: 'records.csv',
      problem: 'added',
      detail: 'records.csv appears 2 times in the bundle; only one copy belongs there',
    });
  });

  it('reports unreadable input and a missing or broken manifest', () => {
    expect(verifyBundle(new Uint8Array([1, 2, 3])).problems[0]!.problem).toBe(
      'manifest-unreadable',
    );
    const noManifest = copy();
    delete noManifest['manifest.json'];
    const v = verifyBundle(rezip(noManifest));
    expect(v.problems).toEqual([
      {
        file: 'manifest.json',
        problem: 'manifest-unreadable',
        detail: 'the bundle has no manifest.json',
      },
    ]);
    const broken = copy();
    broken['manifest.json'] = strToU8('{"format": "council-capture.bundle/v1", "files": 3');
    expect(verifyBundle(rezip(broken)).problems[0]).toMatchObject({
      problem: 'manifest-unreadable',
    });
  });
});

describe('record hashes', () => {
  it('never throw on lone surrogates and survive a JSON round trip', () => {
    const r = makeRecord('broken emoji \uD83D end');
    const again = JSON.parse(JSON.stringify(r)) as CouncilRecord;
    expect(recordCanonicalSha256(again)).toBe(recordCanonicalSha256(r));
    const zip = buildBundle(bundleInput([r]));
    expect(verifyBundle(zip).ok).toBe(true);
  });
});
