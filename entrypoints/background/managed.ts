import { onMessage } from '../../utils/messaging';
import { readManaged } from '../../utils/effective-settings-store';

/**
 * Content scripts cannot rely on storage.managed (Chrome may never answer there), so they ask
 * here for the values the council's IT set. Raw values: each context merges them itself.
 */
export function registerManaged(): void {
  onMessage('getManagedSettings', () => readManaged());
}
