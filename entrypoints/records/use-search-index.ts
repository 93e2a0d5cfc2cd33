import { liveQuery } from 'dexie';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getDb } from '../../utils/db/database';
import {
  openSearchIndex,
  refreshSearchIndex,
  type SearchIndexState,
} from '../../utils/db/search-index-store';

export interface SearchIndexHook {
  state?: SearchIndexState;
  /** Bumped whenever the index changed, so memoised searches run again. */
  version: number;
  error?: string;
  /** Forget the loaded index and open it again (after a restore). */
  reload: () => void;
}

/**
 * The stored search index, opened once and kept current: any new audit event (a capture from the
 * side panel, a hold opened here) is applied as it happens, one change at a time.
 */
export function useSearchIndex(): SearchIndexHook {
  const [state, setState] = useState<SearchIndexState | undefined>();
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const [generation, setGeneration] = useState(0);
  // One update at a time: liveQuery can fire while the previous refresh is still running.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    const db = getDb();
    let live = true;
    let current: SearchIndexState | undefined;
    const run = (job: () => Promise<void>) => {
      queue.current = queue.current.then(job).catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      });
    };
    run(async () => {
      const opened = await openSearchIndex(db);
      if (!live) return;
      current = opened;
      setState(opened);
      setVersion((v) => v + 1);
    });
    const sub = liveQuery(() => db.events.orderBy('seq').last()).subscribe({
      next: () =>
        run(async () => {
          if (!current || !live) return;
          if (await refreshSearchIndex(db, current)) setVersion((v) => v + 1);
        }),
      error: (e: unknown) => setError(String(e)),
    });
    return () => {
      live = false;
      sub.unsubscribe();
    };
  }, [generation]);

  const reload = useCallback(() => {
    setState(undefined);
    setGeneration((g) => g + 1);
  }, []);
  return { state, version, error, reload };
}
