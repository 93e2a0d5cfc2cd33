import { onMessage } from '../../utils/messaging';
import { loadEffectiveSettings } from '../../utils/effective-settings-store';
import { policyForAdvice } from '../../utils/effective-settings';

/**
 * Content scripts cannot rely on storage.managed (Chrome may never answer there) and should not
 * bundle every preset, so the background resolves the effective policy and settings for them.
 */
export function registerManaged(): void {
  onMessage('getAdviceContext', async () => {
    const eff = await loadEffectiveSettings();
    return { policy: policyForAdvice(eff), settings: eff.settings };
  });
}
