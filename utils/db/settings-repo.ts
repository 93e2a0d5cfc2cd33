import { appendEvent } from './audit';
import type { CouncilDb } from './database';

/**
 * Audits a settings change (which fields, and the policy now in force): the policy applies to
 * every later capture, so when it changed is evidence. The values themselves stay in settings.
 */
export async function noteSettingsChanged(
  db: CouncilDb,
  changed: string[],
  policy: { id: string; version: string },
  actor: string,
  now: Date,
): Promise<void> {
  if (changed.length === 0) return;
  await db.transaction('rw', db.events, () =>
    appendEvent(db, {
      type: 'settings.changed',
      at: now.toISOString(),
      actor,
      subject: 'settings',
      details: { changed, policyId: policy.id, policyVersion: policy.version },
    }),
  );
}
