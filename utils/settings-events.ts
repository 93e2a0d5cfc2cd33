/**
 * Changes to the user's settings (`storage.local`) or the council's managed values
 * (`storage.managed`), from plain storage events: content scripts watch them too, and WXT's
 * storage helper would cost them about a tenth of their size budget.
 */
import { browser } from 'wxt/browser';
import { SETTINGS_KEY } from './settings';

/**
 * Calls `listener` with the area that changed: 'local' when the settings were written with a
 * different value (a write of the same value is not a change), 'managed' on any change to the
 * managed values. Returns a stop.
 */
export function onSettingsChanged(listener: (area: 'local' | 'managed') => void): () => void {
  const onChanged = (
    changes: Record<string, { newValue?: unknown; oldValue?: unknown }>,
    area: string,
  ) => {
    if (area === 'managed') return listener('managed');
    const change = area === 'local' ? changes[SETTINGS_KEY] : undefined;
    if (change && JSON.stringify(change.newValue) !== JSON.stringify(change.oldValue)) {
      listener('local');
    }
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
