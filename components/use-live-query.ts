import Dexie, { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/** Dexie liveQuery as a Preact hook: re-renders when the queried data changes in any context. */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: setValue,
      error: (err: unknown) => console.error('Council Capture: query failed', err),
    });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}

/**
 * `useLiveQuery` for a heavy query (one that reads whole tables): it runs again at most once
 * every `everyMs`, however often the database changes. A burst of captures then costs one
 * re-run a second, not one each, competing with the captures for the database.
 */
export function useThrottledLiveQuery<T>(
  query: () => Promise<T>,
  deps: unknown[],
  everyMs: number,
): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => throttledLiveQuery(query, everyMs, setValue), deps);
  return value;
}

/**
 * Runs `query` now, and again after writes to the database (committed in any context), at most
 * once every `everyMs` and always once after the last write. Returns a stop.
 */
export function throttledLiveQuery<T>(
  query: () => Promise<T>,
  everyMs: number,
  onValue: (value: T) => void,
): () => void {
  let stopped = false;
  let running = false;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRun = -Infinity;
  const run = async () => {
    running = true;
    dirty = false;
    lastRun = Date.now();
    try {
      const value = await query();
      if (!stopped) onValue(value);
    } catch (err) {
      console.error('Council Capture: query failed', err);
    } finally {
      running = false;
      if (dirty) schedule();
    }
  };
  const schedule = () => {
    dirty = true;
    if (stopped || running || timer !== undefined) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        void run();
      },
      Math.max(0, lastRun + everyMs - Date.now()),
    );
  };
  Dexie.on('storagemutated', schedule);
  void run();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    Dexie.on.storagemutated.unsubscribe(schedule);
  };
}
