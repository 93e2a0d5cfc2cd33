/**
 * A record's SHA-256 covers what was seen and how it was captured (not the note or categories,
 * which are annotations). Pure, so capture, exports and verification use exactly the same rule.
 */
import type { CouncilRecord, RecordEvidence } from './types';
import { canonicalHash } from './db/hash';

/** The fields a record's SHA-256 covers. */
export function evidenceOf(r: RecordEvidence): RecordEvidence {
  return {
    chatKey: r.chatKey,
    messageId: r.messageId,
    chat: r.chat,
    message: r.message,
    capturedAt: r.capturedAt,
    capturedBy: r.capturedBy,
    method: r.method,
    policyId: r.policyId,
    policyVersion: r.policyVersion,
  };
}

export function recordHash(r: RecordEvidence): string {
  return canonicalHash(evidenceOf(r));
}

/** True when the record still matches the hash taken at capture. */
export function recordIntact(r: CouncilRecord): boolean {
  return recordHash(r) === r.sha256;
}
