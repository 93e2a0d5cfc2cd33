/**
 * Disclosure for FOI and subject access: third parties' personal data is suggested for redaction
 * (from the personal-data detector), the user confirms, and the bundle carries redacted COPIES
 * with every redaction shown as such in the text and listed in a redaction log. The stored records
 * are never touched. Pure: records in, copies + log out.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { findPersonalData, type SensitiveKind } from './policy/personal-data';
import { recordHash } from './db/records-repo';
import { csvField } from './delivery/csv';
import { sha256Hex } from './delivery/text';
import { normalisePhone } from './library/text';
import type { CouncilRecord } from './types';

export type RedactableField = 'text' | 'quoted' | 'note';

export interface RedactionCandidate {
  /** Stable: record, field and position, so a confirmation list survives re-renders. */
  key: string;
  recordId: string;
  field: RedactableField;
  start: number;
  end: number;
  kind: SensitiveKind;
  /** The matched text, shown to the user deciding; never written to the log or the bundle. */
  text: string;
}

export interface RedactionLogEntry {
  recordId: string;
  /** The stored record's SHA-256 (unchanged) and the redacted copy's, linking the two. */
  originalSha256: string;
  redactedSha256: string;
  field: RedactableField;
  kind: SensitiveKind;
  start: number;
  end: number;
  /** Characters removed. */
  length: number;
  replacement: string;
  reason: string;
  by: string;
  at: string;
}

/** The requester's own details are theirs to see: not suggested for redaction in a subject access. */
export interface DataSubject {
  phone?: string;
  email?: string;
}

const KIND_LABEL: Record<SensitiveKind, string> = {
  email: 'email address',
  phone: 'phone number',
  postcode: 'postcode',
  address: 'address',
  'ni-number': 'National Insurance number',
  'nhs-number': 'NHS number',
  'date-of-birth': 'date of birth',
  'bank-account': 'bank details',
  health: 'health information',
  'criminal-record': 'criminal record information',
  'special-category': 'special category data',
};

export function redactionLabel(kind: SensitiveKind): string {
  return `[REDACTED: ${KIND_LABEL[kind]}]`;
}

function fieldsOf(r: CouncilRecord): [RedactableField, string][] {
  const out: [RedactableField, string][] = [['text', r.message.text]];
  if (r.message.quoted) out.push(['quoted', r.message.quoted.text]);
  if (r.note) out.push(['note', r.note]);
  return out;
}

function isSubjects(kind: SensitiveKind, text: string, subject?: DataSubject): boolean {
  if (!subject) return false;
  if (kind === 'email' && subject.email) {
    return text.trim().toLowerCase() === subject.email.trim().toLowerCase();
  }
  if (kind === 'phone' && subject.phone) {
    const a = normalisePhone(text);
    return a !== undefined && a === normalisePhone(subject.phone);
  }
  return false;
}

/** Personal data found in the records, suggested for redaction (the subject's own left out). */
export function suggestRedactions(
  records: readonly CouncilRecord[],
  subject?: DataSubject,
): RedactionCandidate[] {
  const out: RedactionCandidate[] = [];
  for (const r of records) {
    for (const [field, value] of fieldsOf(r)) {
      for (const m of findPersonalData(value)) {
        if (isSubjects(m.kind, m.text, subject)) continue;
        out.push({
          key: `${r.id}:${field}:${m.start}:${m.end}`,
          recordId: r.id,
          field,
          start: m.start,
          end: m.end,
          kind: m.kind,
          text: value.slice(m.start, m.end),
        });
      }
    }
  }
  return out;
}

/** Replaces the spans (non-overlapping after merging, right to left so positions hold). */
function redactString(
  value: string,
  spans: readonly RedactionCandidate[],
): { text: string; applied: RedactionCandidate[] } {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RedactionCandidate[] = [];
  for (const s of sorted) {
    if (s.start < 0 || s.end > value.length || s.end <= s.start) continue;
    const last = kept[kept.length - 1];
    if (last && s.start < last.end) continue; // inside one already redacted
    kept.push(s);
  }
  let text = value;
  for (const s of [...kept].reverse()) {
    text = text.slice(0, s.start) + redactionLabel(s.kind) + text.slice(s.end);
  }
  return { text, applied: kept };
}

/**
 * Redacted copies of the records (only those with confirmed redactions change) and the log. Each
 * changed copy gets the SHA-256 of its own evidence, so the bundle verifies; the log links it to
 * the original's.
 */
export function applyRedactions(
  records: readonly CouncilRecord[],
  confirmed: readonly RedactionCandidate[],
  meta: { by: string; at: Date; reason: string },
): { records: CouncilRecord[]; log: RedactionLogEntry[] } {
  const byRecord = new Map<string, RedactionCandidate[]>();
  for (const c of confirmed) {
    const list = byRecord.get(c.recordId) ?? [];
    list.push(c);
    byRecord.set(c.recordId, list);
  }
  const log: RedactionLogEntry[] = [];
  const out = records.map((r) => {
    const mine = byRecord.get(r.id);
    if (!mine?.length) return r;
    const copy: CouncilRecord = structuredClone(r);
    const applied: RedactionCandidate[] = [];
    const run = (field: RedactableField, value: string): string => {
      const res = redactString(
        value,
        mine.filter((c) => c.field === field),
      );
      applied.push(...res.applied);
      return res.text;
    };
    copy.message.text = run('text', r.message.text);
    if (copy.message.quoted && r.message.quoted) {
      copy.message.quoted.text = run('quoted', r.message.quoted.text);
    }
    if (r.note) copy.note = run('note', r.note);
    if (applied.length === 0) return r;
    copy.sha256 = recordHash(copy);
    for (const c of applied) {
      log.push({
        recordId: r.id,
        originalSha256: r.sha256,
        redactedSha256: copy.sha256,
        field: c.field,
        kind: c.kind,
        start: c.start,
        end: c.end,
        length: c.end - c.start,
        replacement: redactionLabel(c.kind),
        reason: meta.reason,
        by: meta.by,
        at: meta.at.toISOString(),
      });
    }
    return copy;
  });
  return { records: out, log };
}

const LOG_COLUMNS = [
  'record_id',
  'field',
  'kind',
  'start',
  'end',
  'characters_removed',
  'shown_as',
  'reason',
  'redacted_by',
  'redacted_at',
  'original_sha256',
  'redacted_copy_sha256',
] as const;

/** The redaction log as CSV (RFC 4180, BOM for Excel, formula injection neutralised). */
export function redactionLogCsv(log: readonly RedactionLogEntry[]): string {
  const rows = [LOG_COLUMNS.map(csvField).join(',')];
  for (const e of log) {
    rows.push(
      [
        e.recordId,
        e.field,
        e.kind,
        String(e.start),
        String(e.end),
        String(e.length),
        e.replacement,
        e.reason,
        e.by,
        e.at,
        e.originalSha256,
        e.redactedSha256,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

export const REDACTION_LOG_PATH = 'redaction-log.csv';

/**
 * Adds a file to a bundle made by `buildBundle` and lists it, with its SHA-256, in the bundle's
 * manifest, so `verifyBundle` checks it like every other file.
 */
export function addFileToBundle(zip: Uint8Array, path: string, bytes: Uint8Array): Uint8Array {
  const entries = unzipSync(zip);
  if (entries[path]) throw new Error(`The bundle already has a file called ${path}.`);
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) throw new Error('The bundle has no manifest.');
  const manifest = JSON.parse(strFromU8(manifestBytes)) as {
    files: { path: string; sha256: string; bytes: number }[];
  };
  manifest.files.push({ path, sha256: sha256Hex(bytes), bytes: bytes.length });
  const zippable: Zippable = {};
  for (const [p, b] of Object.entries(entries)) {
    if (p !== 'manifest.json') zippable[p] = [b, { level: /\.(png|jpe?g)$/i.test(p) ? 0 : 6 }];
  }
  zippable[path] = [bytes, { level: 6 }];
  zippable['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2) + '\n');
  return zipSync(zippable);
}
