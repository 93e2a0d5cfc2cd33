import type { CaptureContext } from '../../utils/db/records-repo';
import { capturedByOf, nowFrom } from '../../utils/settings';
import { loadEffectiveSettings } from '../../utils/effective-settings-store';
import { retainUntil } from '../../utils/policy/retention';

/**
 * Who is capturing, now, under which policy: read fresh from storage on every capture. The
 * policy is the effective one (the council's managed choice outranks the user's), so every
 * record says which rules really applied.
 */
export async function captureContext(): Promise<CaptureContext> {
  const { settings, policy } = await loadEffectiveSettings();
  return {
    now: nowFrom(settings),
    capturedBy: capturedByOf(settings),
    policyId: policy.id,
    policyVersion: policy.version,
    retainUntil: (categories, capturedAt) => retainUntil(policy, categories, capturedAt),
  };
}
