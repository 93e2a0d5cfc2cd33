import type { CaptureContext } from '../../utils/db/records-repo';
import { capturedByOf, getSettings, nowFrom } from '../../utils/settings';
import { getPolicy, presets } from '../../utils/policy/presets';
import { retainUntil } from '../../utils/policy/retention';

/** Who is capturing, now, under which policy: read fresh from storage on every capture. */
export async function captureContext(): Promise<CaptureContext> {
  const settings = await getSettings();
  const policy =
    (settings.policyId === 'custom' ? settings.customPolicy : getPolicy(settings.policyId)) ??
    presets[0]!;
  return {
    now: nowFrom(settings),
    capturedBy: capturedByOf(settings),
    policyId: policy.id,
    policyVersion: policy.version,
    retainUntil: (categories, capturedAt) => retainUntil(policy, categories, capturedAt),
  };
}
