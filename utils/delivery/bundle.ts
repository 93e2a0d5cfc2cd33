/**
 * Evidence bundle: one .zip a records officer can keep, read, print and check.
 *
 *   README.txt       how to check the bundle (plain English)
 *   transcript.html  readable, printable transcript (no script, strict CSP)
 *   records.json     the records exactly as stored
 *   records.csv      the same for spreadsheets (UTF-8 BOM, RFC 4180, formulas neutralised)
 *   audit-log.json   the audit events about these records, and the chain head
 *   screenshots/…    screenshots, if any
 *   manifest.json    SHA-256 of every other file and of every record's canonical JSON
 *
 * `verifyBundle` recomputes every hash and names each changed, missing or added file or record.
 * Pure and synchronous: runs in a service worker, an extension page and Node alike.
 */
import { unzipSync, zipSync, type Zippable, type ZipOptions } from 'fflate';
import type { AuditEvent, CouncilRecord } from '../types';
import { toCsv } from './csv';
import { recordCanonicalSha256, recordsJson } from './records';
import { renderTranscript } from './transcript';
import { recordIntact } from '../record-hash';
import {
  formatUkDateTime,
  oneLine,
  safeFilename,
  sha256Hex,
  truncate,
  uniqueName,
  utf8,
} from './text';

export { toCsv, neutraliseCsvCell, csvField, CSV_COLUMNS } from './csv';
export { renderTranscript, TRANSCRIPT_CSP, type TranscriptInput } from './transcript';
export { escapeHtml, revealControls, revealControlsHtml } from './text';

export const BUNDLE_FORMAT = 'council-capture.bundle/v1';
export const MANIFEST_PATH = 'manifest.json';

/**
 * How files are compressed. Text always compresses well; screenshots (PNG/JPEG) are already
 * compressed, so `text-deflate-N` stores them and deflates only text at level N. Measured with
 * `npx tsx scripts/bench/bundle.ts`; see there for figures.
 */
export type BundleCompression =
  'store' | 'deflate-1' | 'deflate-6' | 'text-deflate-1' | 'text-deflate-6';
export const DEFAULT_COMPRESSION: BundleCompression = 'text-deflate-1';

export interface BundlePolicy {
  id: string;
  version: string;
  council: string;
}

export interface BundleInput {
  records: CouncilRecord[];
  /** The audit chain for those records. */
  events: AuditEvent[];
  chainHead: { seq: number; hash: string };
  policy: BundlePolicy;
  createdBy: string;
  createdAt: Date;
  screenshots?: { recordId: string; filename: string; bytes: Uint8Array }[];
  compression?: BundleCompression;
}

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface ManifestRecord {
  id: string;
  /** The record's own hash of its evidence fields, as stored. */
  sha256: string;
  /** SHA-256 of the RFC 8785 canonical JSON of the whole record as in records.json. */
  canonicalSha256: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: 1;
  createdAt: string;
  createdBy: string;
  policy: BundlePolicy;
  auditChainHead: { seq: number; hash: string };
  hashAlgorithm: 'SHA-256';
  files: ManifestFile[];
  records: ManifestRecord[];
}

export type BundleProblemKind =
  | 'changed'
  | 'missing'
  | 'added'
  | 'record-changed'
  | 'record-missing'
  | 'record-added'
  | 'manifest-unreadable';

export interface BundleProblem {
  file?: string;
  recordId?: string;
  problem: BundleProblemKind;
  detail: string;
}

export interface BundleVerification {
  ok: boolean;
  problems: BundleProblem[];
  summary: string;
  /** The manifest, when it could be read. */
  manifest?: BundleManifest;
}

function readme(m: Omit<BundleManifest, 'files'>, paths: string[]): string {
  const lines = [
    'COUNCIL RECORDS BUNDLE',
    '======================',
    '',
    `Council: ${oneLine(m.policy.council)}`,
    `Policy: ${oneLine(m.policy.id)} version ${oneLine(m.policy.version)}`,
    `Prepared by: ${oneLine(m.createdBy)}`,
    `Prepared: ${formatUkDateTime(m.createdAt)} (UK time)`,
    `Records: ${m.records.length}`,
    `Audit log head: event ${m.auditChainHead.seq}, ${oneLine(m.auditChainHead.hash)}`,
    '',
    'WHAT IS IN THIS BUNDLE',
    '',
    'README.txt       This file.',
    'transcript.html  The messages to read or print. Open it in any web browser. It contains no',
    '                 scripts. Hidden formatting characters (for example U+202E, which reverses',
    '                 text) are shown as [U+202E] rather than applied.',
    'records.json     Each record exactly as captured (the evidence).',
    'records.csv      The same records for a spreadsheet. A cell that begins with = + - or @',
    '                 has an apostrophe added in front, so a spreadsheet shows it as text and',
    '                 never runs it as a formula.',
    'audit-log.json   The audit log entries about these records and the head of the log.',
    'manifest.json    The SHA-256 fingerprint of every other file and of every record.',
  ];
  if (paths.some((p) => p.startsWith('screenshots/'))) {
    lines.push('screenshots/     Screenshots taken when the messages were captured.');
  }
  lines.push(
    '',
    'HOW TO CHECK THAT NOTHING HAS BEEN CHANGED',
    '',
    '1. With Council Capture (quickest). From a copy of the Council Capture source code, run:',
    '',
    '       npm run verify -- path/to/this-bundle.zip',
    '',
    '   It lists any file or record that was changed, removed or added since the bundle was',
    '   made, and ends with "Verified" when there is none.',
    '',
    '2. By hand. Unzip the bundle, then work out the SHA-256 of each file and compare it with',
    '   the "sha256" shown for that file under "files" in manifest.json:',
    '',
    '       Windows (PowerShell):  Get-FileHash -Algorithm SHA256 records.json',
    '       Windows (Command):     certutil -hashfile records.json SHA256',
    '       macOS:                 shasum -a 256 records.json',
    '       Linux:                 sha256sum records.json',
    '',
    '   Every file other than manifest.json must be listed, and every hash must match.',
    '',
    '3. Each record. Under "records" in manifest.json, "canonicalSha256" is the SHA-256 of the',
    '   record from records.json written as canonical JSON (RFC 8785, the JSON',
    '   Canonicalization Scheme). "sha256" is the fingerprint the extension gave the record when',
    '   it was captured; it also appears in records.json, the CSV and the transcript.',
    '',
    '4. The audit log. The head above (event number and hash) can be compared with the audit',
    "   log in Council Capture on the councillor's device: the same event must have the same",
    '   hash there. Each entry in audit-log.json carries the hash of the entry before it.',
    '',
    'The manifest proves the bundle has not changed since it was made. It does not by itself',
    'prove who made it: keep the bundle in the council record system, where access is logged.',
    '',
  );
  return lines.join('\r\n');
}

function fileOptions(path: string, compression: BundleCompression): ZipOptions {
  switch (compression) {
    case 'store':
      return { level: 0 };
    case 'deflate-1':
      return { level: 1 };
    case 'deflate-6':
      return { level: 6 };
    case 'text-deflate-1':
      return { level: path.startsWith('screenshots/') ? 0 : 1 };
    case 'text-deflate-6':
      return { level: path.startsWith('screenshots/') ? 0 : 6 };
  }
}

/** Builds the bundle (.zip bytes). `onProgress(done, total)` is called as work proceeds. */
export function buildBundle(
  input: BundleInput,
  onProgress?: (done: number, total: number) => void,
): Uint8Array {
  const shots = input.screenshots ?? [];
  const total = input.records.length + shots.length + 4;
  let done = 0;
  const step = (n = 1): void => {
    done += n;
    onProgress?.(done, total);
  };
  onProgress?.(0, total);

  const records: ManifestRecord[] = [];
  input.records.forEach((r, i) => {
    records.push({ id: r.id, sha256: r.sha256, canonicalSha256: recordCanonicalSha256(r) });
    if ((i + 1) % 500 === 0 || i === input.records.length - 1) step(((i % 500) + 1) | 0);
  });

  const used = new Set<string>();
  const shotFiles: { recordId: string; path: string; bytes: Uint8Array }[] = [];
  for (const s of shots) {
    const name = uniqueName(
      `${safeFilename(s.recordId, 'record')}-${safeFilename(s.filename, 'screenshot.png')}`,
      used,
    );
    shotFiles.push({ recordId: s.recordId, path: `screenshots/${name}`, bytes: s.bytes });
  }

  const createdAt = input.createdAt.toISOString();
  const events = [...input.events].sort((a, b) => a.seq - b.seq);
  const files: { path: string; bytes: Uint8Array }[] = [];
  files.push({
    path: 'transcript.html',
    bytes: utf8(
      renderTranscript({
        records: input.records,
        policy: input.policy,
        createdBy: input.createdBy,
        createdAt: input.createdAt,
        chainHead: input.chainHead,
        screenshots: shotFiles,
      }),
    ),
  });
  step();
  files.push({ path: 'records.json', bytes: utf8(recordsJson(input.records)) });
  files.push({ path: 'records.csv', bytes: utf8(toCsv(input.records)) });
  step();
  files.push({
    path: 'audit-log.json',
    bytes: utf8(JSON.stringify({ head: input.chainHead, events }, null, 2) + '\n'),
  });
  step();

  const head: Omit<BundleManifest, 'files'> = {
    format: BUNDLE_FORMAT,
    formatVersion: 1,
    createdAt,
    createdBy: input.createdBy,
    policy: { id: input.policy.id, version: input.policy.version, council: input.policy.council },
    auditChainHead: { seq: input.chainHead.seq, hash: input.chainHead.hash },
    hashAlgorithm: 'SHA-256',
    records,
  };
  const allPaths = [...files.map((f) => f.path), ...shotFiles.map((f) => f.path)];
  files.unshift({ path: 'README.txt', bytes: utf8(readme(head, allPaths)) });

  const manifestFiles: ManifestFile[] = [];
  for (const f of files) {
    manifestFiles.push({ path: f.path, sha256: sha256Hex(f.bytes), bytes: f.bytes.length });
  }
  for (const f of shotFiles) {
    manifestFiles.push({ path: f.path, sha256: sha256Hex(f.bytes), bytes: f.bytes.length });
    step();
  }
  const manifest: BundleManifest = {
    format: head.format,
    formatVersion: head.formatVersion,
    createdAt: head.createdAt,
    createdBy: head.createdBy,
    policy: head.policy,
    auditChainHead: head.auditChainHead,
    hashAlgorithm: head.hashAlgorithm,
    files: manifestFiles,
    records: head.records,
  };

  const compression = input.compression ?? DEFAULT_COMPRESSION;
  const zippable: Zippable = {};
  for (const f of [...files, ...shotFiles])
    zippable[f.path] = [f.bytes, fileOptions(f.path, compression)];
  zippable[MANIFEST_PATH] = [
    utf8(JSON.stringify(manifest, null, 2) + '\n'),
    fileOptions(MANIFEST_PATH, compression),
  ];
  // The zip's own timestamps are the bundle's creation time, so one input gives one output.
  const mtime = Math.max(input.createdAt.getTime(), Date.UTC(1980, 0, 2));
  const zip = zipSync(zippable, { mtime });
  step();
  return zip;
}

/** Uncompressed sizes above this are refused when verifying (protects against zip bombs). */
const MAX_UNZIPPED_BYTES = 2 * 1024 ** 3;

function isHex64(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
}

function parseManifest(bytes: Uint8Array): BundleManifest | string {
  let m: unknown;
  try {
    m = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return 'manifest.json is not valid JSON';
  }
  if (!m || typeof m !== 'object') return 'manifest.json is not a JSON object';
  const o = m as Record<string, unknown>;
  if (o.format !== BUNDLE_FORMAT) {
    return `manifest.json is not a ${BUNDLE_FORMAT} manifest (format: ${truncate(String(o.format), 60)})`;
  }
  if (!Array.isArray(o.files) || !Array.isArray(o.records)) {
    return 'manifest.json has no list of files or records';
  }
  for (const f of o.files as unknown[]) {
    const e = f as Partial<ManifestFile> | null;
    if (!e || typeof e.path !== 'string' || !isHex64(e.sha256)) {
      return 'manifest.json lists a file without a path or SHA-256';
    }
  }
  for (const r of o.records as unknown[]) {
    const e = r as Partial<ManifestRecord> | null;
    if (!e || typeof e.id !== 'string' || !isHex64(e.canonicalSha256)) {
      return 'manifest.json lists a record without an id or SHA-256';
    }
  }
  return o as unknown as BundleManifest;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Checks a bundle against its manifest; names every changed, missing or added file or record. */
/** The record's own evidence hash still matches (false for anything not shaped like a record). */
function evidenceIntact(r: unknown): boolean {
  try {
    return recordIntact(r as CouncilRecord);
  } catch {
    return false;
  }
}

export function verifyBundle(zipBytes: Uint8Array): BundleVerification {
  const problems: BundleProblem[] = [];
  const unreadable = (detail: string, file?: string): BundleVerification => ({
    ok: false,
    problems: [{ ...(file ? { file } : {}), problem: 'manifest-unreadable', detail }],
    summary: `Cannot verify: ${detail}.`,
  });

  let entries: Record<string, Uint8Array>;
  /** Entry names and how often each occurs: a second entry of one name could show different
   * content in different unzip tools, so it is reported. */
  const seen = new Map<string, number>();
  try {
    let totalSize = 0;
    entries = unzipSync(zipBytes, {
      filter: (f) => {
        seen.set(f.name, (seen.get(f.name) ?? 0) + 1);
        totalSize += f.originalSize;
        if (totalSize > MAX_UNZIPPED_BYTES) throw new Error('the bundle unpacks to more than 2 GB');
        return true;
      },
    });
  } catch (e) {
    const why =
      e instanceof Error && e.message.includes('2 GB')
        ? e.message
        : 'the file is not a readable zip archive';
    return unreadable(why);
  }
  const manifestBytes = entries[MANIFEST_PATH];
  if (!manifestBytes) return unreadable('the bundle has no manifest.json', MANIFEST_PATH);
  const manifest = parseManifest(manifestBytes);
  if (typeof manifest === 'string') return unreadable(manifest, MANIFEST_PATH);

  // Files.
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const bytes = entries[f.path];
    if (!bytes) {
      problems.push({
        file: f.path,
        problem: 'missing',
        detail: `${f.path} is listed in the manifest but not in the bundle`,
      });
    } else if (sha256Hex(bytes) !== f.sha256) {
      problems.push({
        file: f.path,
        problem: 'changed',
        detail: `${f.path} has changed: its SHA-256 does not match the manifest`,
      });
    }
  }
  for (const path of Object.keys(entries)) {
    if (path === MANIFEST_PATH || path.endsWith('/') || listed.has(path)) continue;
    problems.push({
      file: path,
      problem: 'added',
      detail: `${path} is in the bundle but not in the manifest`,
    });
  }

  for (const [path, count] of seen) {
    if (count > 1) {
      problems.push({
        file: path,
        problem: 'added',
        detail: `${path} appears ${count} times in the bundle; only one copy belongs there`,
      });
    }
  }

  // Records.
  const recordsBytes = entries['records.json'];
  let records: unknown[] | undefined;
  if (recordsBytes) {
    try {
      const parsed: unknown = JSON.parse(
        new TextDecoder('utf-8', { fatal: true }).decode(recordsBytes),
      );
      if (Array.isArray(parsed)) records = parsed;
    } catch {
      records = undefined;
    }
  }
  if (!records) {
    if (recordsBytes) {
      problems.push({
        file: 'records.json',
        problem: 'changed',
        detail: 'records.json can no longer be read as a list of records',
      });
    }
    for (const r of manifest.records) {
      problems.push({
        recordId: r.id,
        problem: 'record-missing',
        detail: `Record ${r.id} cannot be found`,
      });
    }
  } else {
    const byId = new Map<string, unknown[]>();
    for (const r of records) {
      const id = r && typeof r === 'object' ? (r as { id?: unknown }).id : undefined;
      const key = typeof id === 'string' ? id : '';
      byId.set(key, [...(byId.get(key) ?? []), r]);
    }
    const expected = new Set<string>();
    for (const m of manifest.records) {
      expected.add(m.id);
      const found = byId.get(m.id);
      if (!found || found.length === 0) {
        problems.push({
          recordId: m.id,
          file: 'records.json',
          problem: 'record-missing',
          detail: `Record ${m.id} is missing from records.json`,
        });
        continue;
      }
      const [first, ...extra] = found;
      let hash: string;
      try {
        hash = recordCanonicalSha256(first as CouncilRecord);
      } catch {
        hash = '';
      }
      const storedHash = (first as { sha256?: unknown }).sha256;
      if (hash !== m.canonicalSha256 || (m.sha256 !== undefined && storedHash !== m.sha256)) {
        problems.push({
          recordId: m.id,
          file: 'records.json',
          problem: 'record-changed',
          detail: `Record ${m.id} has changed since the bundle was made`,
        });
      } else if (!evidenceIntact(first)) {
        problems.push({
          recordId: m.id,
          file: 'records.json',
          problem: 'record-changed',
          detail: `Record ${m.id} does not match the SHA-256 taken when it was captured: it was altered before the bundle was made`,
        });
      }
      for (const _ of extra) {
        problems.push({
          recordId: m.id,
          file: 'records.json',
          problem: 'record-added',
          detail: `Record ${m.id} appears more than once in records.json`,
        });
      }
    }
    for (const [id, list] of byId) {
      if (expected.has(id)) continue;
      for (const _ of list) {
        problems.push({
          ...(id ? { recordId: id } : {}),
          file: 'records.json',
          problem: 'record-added',
          detail: id
            ? `Record ${id} is in records.json but not in the manifest`
            : 'records.json holds an entry without a record id',
        });
      }
    }
  }

  const ok = problems.length === 0;
  const made = `made ${formatUkDateTime(manifest.createdAt)} by ${oneLine(String(manifest.createdBy))}`;
  const summary = ok
    ? `Verified: ${plural(manifest.files.length, 'file')} and ${plural(manifest.records.length, 'record')} match the manifest (bundle ${made}).`
    : `Not verified: ${plural(problems.length, 'problem')} found (bundle ${made}).`;
  return { ok, problems, summary, manifest };
}
