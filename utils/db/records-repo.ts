export { evidenceOf, recordHash, recordIntact } from '../record-hash';
import type {
  CaptureMethod,
  CaptureResult,
  ChatIdentity,
  CouncilRecord,
  ObservedMessage,
  RecordEvidence,
} from '../types';
import { chatKeyOf } from '../chat-key';
import { appendEvent } from './audit';
import type { CouncilDb } from './database';
import { recordHash } from '../record-hash';
import { upsertChatInTx } from './chats-repo';

export interface CaptureRequest {
  chat: ChatIdentity;
  message: ObservedMessage;
  categories: string[];
  note: string;
  method: CaptureMethod;
  /** For imports: SHA-256 of the original export file, kept with the record. */
  sourceFileSha256?: string;
}

/** Who, when and under which policy: supplied by the caller so this module stays clock-free. */
export interface CaptureContext {
  now: Date;
  capturedBy: string;
  policyId: string;
  policyVersion: string;
  /** From the policy's retention rules ('YYYY-MM-DD' or 'permanent'). */
  retainUntil?: (categories: string[], capturedAt: string) => string | undefined;
  newId?: () => string;
}

/** Rejects malformed requests before anything is written. Text is never trimmed or altered. */
export function validateCaptureRequest(req: CaptureRequest): string | undefined {
  const m = req?.message;
  if (!m || typeof m.id !== 'string' || m.id.length === 0 || m.id.length > 200) {
    return 'The message has no WhatsApp id, so it cannot be captured safely.';
  }
  if (typeof m.text !== 'string') return 'The message text could not be read.';
  if (!req.chat || typeof req.chat.title !== 'string' || req.chat.title.length === 0) {
    return 'The chat could not be identified, so the record would not be findable.';
  }
  if (!Array.isArray(req.categories) || req.categories.some((c) => typeof c !== 'string')) {
    return 'The categories are not valid.';
  }
  if (typeof req.note !== 'string' || req.note.length > 10_000) {
    return 'The note is too long (10,000 characters at most).';
  }
  return undefined;
}

/** Plain-English reason for a failed write; the transaction guarantees nothing was half written. */
export function describeWriteError(err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  const inner = (err as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return 'Your browser has run out of storage for records, so nothing was saved. Free some space (or export and archive older records) and try again.';
  }
  return `The record could not be saved, so nothing was written. (${name || 'Error'}: ${
    err instanceof Error ? err.message : String(err)
  })`;
}

/**
 * Captures one message as a council record: idempotent by (chat, message id), transactional
 * (record + chat + audit event, or nothing), audited.
 */
export async function captureRecord(
  db: CouncilDb,
  req: CaptureRequest,
  ctx: CaptureContext,
): Promise<CaptureResult> {
  const invalid = validateCaptureRequest(req);
  if (invalid) return { status: 'error', error: invalid };
  const chatKey = chatKeyOf(req.chat);
  try {
    return await db.transaction('rw', db.records, db.chats, db.events, async () => {
      const existing = await db.records
        .where('[chatKey+messageId]')
        .equals([chatKey, req.message.id])
        .first();
      if (existing) return { status: 'already-captured', record: existing } as const;

      const capturedAt = ctx.now.toISOString();
      const categories = [...new Set(req.categories)];
      const evidence: RecordEvidence = {
        chatKey,
        messageId: req.message.id,
        chat: { ...req.chat },
        message: structuredClone(req.message),
        capturedAt,
        capturedBy: ctx.capturedBy,
        method: req.method,
        policyId: ctx.policyId,
        policyVersion: ctx.policyVersion,
      };
      const record: CouncilRecord = {
        ...evidence,
        id: ctx.newId?.() ?? crypto.randomUUID(),
        categories,
        note: req.note,
        sha256: recordHash(evidence),
      };
      const retainUntil = ctx.retainUntil?.(categories, capturedAt);
      if (retainUntil) record.retainUntil = retainUntil;
      if (req.sourceFileSha256) record.sourceFileSha256 = req.sourceFileSha256;

      await db.records.add(record);
      await upsertChatInTx(db, req.chat, capturedAt);
      await appendEvent(db, {
        type: 'record.captured',
        at: capturedAt,
        actor: ctx.capturedBy,
        subject: record.id,
        details: {
          chatKey,
          messageId: record.messageId,
          method: record.method,
          categories,
          sha256: record.sha256,
          ...(record.sourceFileSha256 ? { sourceFileSha256: record.sourceFileSha256 } : {}),
        },
      });
      return { status: 'captured', record } as const;
    });
  } catch (err) {
    return { status: 'error', error: describeWriteError(err) };
  }
}

/** Message ids already captured in a chat, for the page's buttons. */
export async function capturedMessageIds(db: CouncilDb, chatKey: string): Promise<string[]> {
  const rows = await db.records.where('chatKey').equals(chatKey).toArray();
  return rows.map((r) => r.messageId);
}

export async function recordsForChat(db: CouncilDb, chatKey: string): Promise<CouncilRecord[]> {
  return db.records.where('chatKey').equals(chatKey).sortBy('capturedAt');
}
