/**
 * The edge around `effectiveSettings`: reads the user's settings and the council's managed
 * values from browser storage, and watches both.
 */
import { browser } from 'wxt/browser';
import { effectiveSettings, type EffectiveSettings } from './effective-settings';
import { getSettings, settingsItem } from './settings';

/**
 * The managed values, or undefined when there are none. Firefox throws when no enterprise policy
 * exists; Chrome returns {}. Either way that is "nothing managed", not an error.. Chrome may
 * never answer in some contexts, hence the time limit.
 */
export async function readManaged(): Promise<unknown> {
  try {
    const managed = browser.storage?.managed;
    if (!managed) return undefined;
    const values = await Promise.race([
      managed.get(),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000)),
    ]);
    return values && Object.keys(values).length > 0 ? values : undefined;
  } catch {
    return undefined;
  }
}

export async function loadEffectiveSettings(
  readManagedValues: () => Promise<unknown> = readManaged,
): Promise<EffectiveSettings> {
  const [user, managed] = await Promise.all([getSettings(), readManagedValues()]);
  return effectiveSettings(user, managed);
}

/** Calls `listener` whenever the user's settings or the managed values change; returns a stop. */
export function watchEffectiveSettings(
  listener: (eff: EffectiveSettings) => void,
  readManagedValues: () => Promise<unknown> = readManaged,
): () => void {
  const reload = () => void loadEffectiveSettings(readManagedValues).then(listener);
  const unwatch = settingsItem.watch(reload);
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') reload();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => {
    unwatch();
    browser.storage.onChanged.removeListener(onChanged);
  };
}
