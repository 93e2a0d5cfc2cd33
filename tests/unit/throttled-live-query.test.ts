import Dexie, { type EntityTable } from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { throttledLiveQuery } from '../../components/use-live-query';

interface Item {
  id?: number;
  n: number;
}
const db = new Dexie('throttled-live-query-test') as Dexie & { items: EntityTable<Item, 'id'> };
db.version(1).stores({ items: '++id' });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stop: (() => void) | undefined;
// Created before the tests: creating it is a write too.
beforeAll(async () => {
  await db.open();
  await sleep(20);
});
afterEach(async () => {
  stop?.();
  await db.items.clear();
});

describe('throttledLiveQuery', () => {
  it('runs at most once a period however often the database changes, and after the last change', async () => {
    const EVERY = 100;
    let runs = 0;
    const seen: number[] = [];
    stop = throttledLiveQuery(
      async () => {
        runs++;
        return db.items.count();
      },
      EVERY,
      (n) => seen.push(n),
    );
    await sleep(20);
    expect(seen).toEqual([0]);

    const started = Date.now();
    const WRITES = 40;
    for (let i = 0; i < WRITES; i++) await db.items.add({ n: i });
    const elapsed = Date.now() - started;
    await sleep(EVERY * 3);
    // The first run, then one per period while writes went on (however long they took), and one
    // after the last; a live query without the throttle would have run after every write.
    expect(runs).toBeLessThanOrEqual(2 + Math.ceil(elapsed / EVERY) + 1);
    expect(runs).toBeLessThan(WRITES / 2);
    // Nothing lost: the last value counts every write.
    expect(seen.at(-1)).toBe(WRITES);
  });

  it('stops running when stopped', async () => {
    let runs = 0;
    stop = throttledLiveQuery(
      async () => {
        runs++;
        return db.items.count();
      },
      10,
      () => {},
    );
    await sleep(20);
    stop();
    await db.items.add({ n: 1 });
    await sleep(50);
    expect(runs).toBe(1);
  });
});
