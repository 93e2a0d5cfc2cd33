import type { CaptureContext } from '../../utils/db/records-repo';
import { capturedByOf, getSettings } from '../../utils/settings';

/** Who is capturing, now, under which policy: read fresh from storage on every capture. */
export async function captureContext(): Promise<CaptureContext> {
  const settings = await getSettings();
  return {
    now: new Date(),
    capturedBy: capturedByOf(settings),
    policyId: settings.policyId,
    policyVersion: 'unversioned',
  };
}
