import { liveQuery } from 'dexie';
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
