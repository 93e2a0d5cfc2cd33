/**
 * The machine-readable forms of records shared by the email draft, the bundle and verification.
 */
import type { CouncilRecord } from '../types';
import { canonicalSha256 } from './text';

/** `records.json`: the records exactly as stored, pretty-printed, LF, trailing newline. */
export function recordsJson(records: readonly CouncilRecord[]): string {
  return JSON.stringify(records, null, 2) + '\n';
}

/**
 * SHA-256 of a whole record's RFC 8785 canonical JSON (every field, including the record's own
 * `sha256` of its evidence fields). This is what a bundle manifest lists per record.
 */
export function recordCanonicalSha256(record: CouncilRecord): string {
  return canonicalSha256(record);
}
