import { useCallback, useRef, useState } from 'preact/hooks';
import { getDb } from '../../utils/db/database';
import type { CouncilRecord } from '../../utils/types';

/**
 * Records for the rows in view, fetched in one `bulkGet` per frame of scrolling rather than all
 * 100,000 at once. Records are never edited in place, so what is cached stays right.
 */
export function useRecordCache(): (id: string) => CouncilRecord | null | undefined {
  const cache = useRef(new Map<string, CouncilRecord | null>());
  const pending = useRef(new Set<string>());
  const scheduled = useRef(false);
  const [, bump] = useState(0);
  return useCallback((id: string) => {
    const hit = cache.current.get(id);
    if (hit !== undefined) return hit;
    if (!pending.current.has(id)) {
      pending.current.add(id);
      if (!scheduled.current) {
        scheduled.current = true;
        setTimeout(() => {
          const ids = [...pending.current];
          pending.current.clear();
          scheduled.current = false;
          void getDb()
            .records.bulkGet(ids)
            .then((rows) => {
              rows.forEach((r, i) => cache.current.set(ids[i] as string, r ?? null));
              bump((n) => n + 1);
            });
        }, 0);
      }
    }
    return undefined;
  }, []);
}
