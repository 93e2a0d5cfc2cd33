/**
 * Records from an imported chat export: each chosen message is captured through `captureRecord`
 * (method 'import', the export file's SHA-256 kept), so idempotency and the audit chain hold
 * exactly as for WhatsApp Web captures. One 'import.completed' event then says what came from
 * which file, including how many lines could not be read.
 */
import type { CaptureResult, ChatIdentity, ObservedMessage } from '../types';
import { chatKeyOf } from '../chat-key';
import { appendEvent } from './audit';
import type { CouncilDb } from './database';
import { captureRecord, type CaptureContext } from './records-repo';

export interface ImportedSelection {
  chat: ChatIdentity;
  fileName: string;
  fileSha256: string;
  /** The messages the user chose, each with the categories to file it under. */
  items: { message: ObservedMessage; categories: string[] }[];
  /** Lines of the export that could not be read (reported to the user and kept in the audit). */
  warnings: number;
}

export interface ImportCaptureSummary {
  captured: number;
  alreadyCaptured: number;
  errors: string[];
  results: CaptureResult[];
}

export async function captureImported(
  db: CouncilDb,
  sel: ImportedSelection,
  ctx: CaptureContext,
): Promise<ImportCaptureSummary> {
  if (!/^[0-9a-f]{64}$/.test(sel.fileSha256)) {
    return {
      captured: 0,
      alreadyCaptured: 0,
      errors: ['The export file has no valid SHA-256.'],
      results: [],
    };
  }
  const results: CaptureResult[] = [];
  for (const item of sel.items) {
    results.push(
      await captureRecord(
        db,
        {
          chat: sel.chat,
          message: item.message,
          categories: item.categories,
          note: '',
          method: 'import',
          sourceFileSha256: sel.fileSha256,
        },
        ctx,
      ),
    );
  }
  const captured = results.filter((r) => r.status === 'captured').length;
  const alreadyCaptured = results.filter((r) => r.status === 'already-captured').length;
  const errors = results.flatMap((r) => (r.status === 'error' ? [r.error] : []));
  if (captured > 0) {
    await db.transaction('rw', db.events, async () => {
      await appendEvent(db, {
        type: 'import.completed',
        at: ctx.now.toISOString(),
        actor: ctx.capturedBy,
        subject: chatKeyOf(sel.chat),
        details: {
          fileName: sel.fileName,
          fileSha256: sel.fileSha256,
          captured,
          alreadyCaptured,
          unreadableLines: sel.warnings,
          recordIds: results.flatMap((r) => (r.status === 'captured' ? [r.record.id] : [])),
        },
      });
    });
  }
  return { captured, alreadyCaptured, errors, results };
}
