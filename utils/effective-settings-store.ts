/**
 * The edge around `effectiveSettings`: reads the user's settings and the council's managed
 * values from browser storage, and watches both.
 */
import { browser } from 'wxt/browser';
import { effectiveSettings, type EffectiveSettings } from './effective-settings';
import { getSettings } from './settings-store';
import { onSettingsChanged } from './settings-events';

/**
 * The managed values, or undefined when there are none. Firefox throws when no enterprise policy
 * exists; Chrome returns {}. Either way that is "nothing managed", not an error. Chrome may take
 * seconds to answer (or never answer) while its policy service starts, hence the time limit.
 */
async function fetchManaged(): Promise<{ values: unknown }> {
  try {
    const managed = browser.storage?.managed;
    if (!managed) return { values: undefined };
    const values = await managed.get();
    return { values: Object.keys(values).length > 0 ? values : undefined };
  } catch {
    return { values: undefined };
  }
}

const MANAGED_WAIT_MS = 2000;

/**
 * Managed values change only when the council's IT changes the policy (storage.onChanged says
 * so), so an answer is kept: every capture reads the effective policy, and must not wait on
 * the browser's policy service each time. A read still unanswered is shared, not repeated, and
 * once it has kept one caller waiting the full time, the others do not wait for it.
 */
let managedAnswer: { values: unknown } | undefined;
let managedRead: Promise<{ values: unknown }> | undefined;
let managedSlow = false;
let managedWatched = false;

export async function readManaged(): Promise<unknown> {
  if (managedAnswer) return managedAnswer.values;
  if (!managedWatched && browser.storage?.onChanged) {
    managedWatched = true;
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed') forgetManaged();
    });
  }
  if (managedRead && managedSlow) return undefined;
  const read = (managedRead ??= fetchManaged().then((answer) => {
    if (managedRead === read) {
      managedAnswer = answer;
      managedRead = undefined;
      managedSlow = false;
    }
    return answer;
  }));
  const answer = await Promise.race([
    read,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), MANAGED_WAIT_MS)),
  ]);
  if (!answer) managedSlow = true;
  return answer?.values;
}

/** Forgets everything about managed values, listener included (tests reset the fake browser). */
export function resetManagedCache(): void {
  forgetManaged();
  managedWatched = false;
}

/** Drops the kept managed values: the council's policy changed. */
export function forgetManaged(): void {
  managedAnswer = undefined;
  managedRead = undefined;
  managedSlow = false;
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
  return onSettingsChanged((area) => {
    // Before reading again: this listener may run before readManaged's own.
    if (area === 'managed') forgetManaged();
    reload();
  });
}
