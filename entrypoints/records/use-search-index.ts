import { liveQuery } from 'dexie';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getDb } from '../../utils/db/database';
import {
  applyNewEvents,
  openSearchIndex,
  saveSearchIndex,
  type SearchIndexState,
} from '../../utils/db/search-index-store';

/** Saving serialises the whole index: do it once things settle, not after every capture. */
const SAVE_AFTER_MS = 3000;

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
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      saveTimer = undefined;
      if (current) run(() => saveSearchIndex(db, current!));
    };
    const onHide = () => {
      if (saveTimer) {
        clearTimeout(saveTimer);
        save();
      }
    };
    addEventListener('pagehide', onHide);
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
          if ((await applyNewEvents(db, current)) > 0) {
            setVersion((v) => v + 1);
            if (saveTimer) clearTimeout(saveTimer);
            saveTimer = setTimeout(save, SAVE_AFTER_MS);
          }
        }),
      error: (e: unknown) => setError(String(e)),
    });
    return () => {
      live = false;
      sub.unsubscribe();
      removeEventListener('pagehide', onHide);
      // Not saved here: a reload follows a restore, and the old index must not outlive it.
      if (saveTimer) clearTimeout(saveTimer);
    };
  }, [generation]);

  const reload = useCallback(() => {
    setState(undefined);
    setGeneration((g) => g + 1);
  }, []);
  return { state, version, error, reload };
}
