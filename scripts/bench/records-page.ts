/**
 * The records page with 100,000 records: `npx tsx scripts/bench/records-page.ts` (after `wxt build`).
 * One JSON line on stdout; progress on stderr.
 *
 * Seeds the extension's IndexedDB straight from an extension page (records and their audit
 * events, no UI), then opens the records page as a user would and measures:
 *  - the time until the list shows "100,000 records found" (the first open builds the search
 *    index; the second open loads the saved one);
 *  - scrolling the virtualised list: 40 wheel flicks, then a jump to the end (the scrollbar):
 *    frame intervals and long tasks ≥ 50 ms (PerformanceObserver), and how many rows are in the DOM;
 *  - typing a query into the search box until the result count changes.
 * Environment: BENCH_RECORDS (default 100000).
 */
import type { Page } from 'playwright-core';
import { emit, extensionIdOf, launchChromium, log, percentile, round } from './lib';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const SCROLL_STEPS = 40;
/** A brisk flick of the wheel or trackpad. */
const WHEEL_PX = 1_500;

const TOPICS = [
  'The play area fence needs repair before the weekend',
  'Precept paper for 2027/28 attached, please read before Tuesday',
  'Grass cutting contractor has not turned up again',
  'Tree preservation order application for the oak on Mill Lane',
  'Data protection request received from a resident',
  'Village hall booking for the remembrance service',
  'Streetlight out on Church Street since Friday',
  'Minutes of the November meeting are ready for approval',
];

/** Records shaped as the product stores them (see utils/db/records-repo.ts). */
function seedInPage(page: Page, count: number): Promise<number> {
  return page.evaluate(
    async ([n, topics]) => {
      const open = indexedDB.open('council-capture');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      const day = 24 * 60 * 60 * 1000;
      const start = Date.UTC(2021, 0, 4, 9);
      const tx = db.transaction(['records', 'events', 'chats'], 'readwrite');
      const records = tx.objectStore('records');
      const events = tx.objectStore('events');
      const chats = ['Oakthorpe Parish Council', 'Footpaths working group', 'Alice Brown (Clerk)'];
      for (const title of chats) {
        tx.objectStore('chats').put({
          chatKey: `title:${title}`,
          chat: { title, isGroup: !title.includes('(') },
          kind: title.includes('(') ? 'council-one-to-one' : 'council-group',
          firstSeenAt: new Date(start).toISOString(),
          lastSeenAt: new Date(start).toISOString(),
        });
      }
      for (let i = 0; i < n; i++) {
        const title = chats[i % chats.length]!;
        const at = new Date(start + Math.floor((i * 5 * 365 * day) / n)).toISOString();
        const id = `r${String(i).padStart(7, '0')}`;
        const text = `${topics[i % topics.length]!} (${i})`;
        records.put({
          id,
          chatKey: `title:${title}`,
          messageId: `M${i}`,
          chat: { title, isGroup: !title.includes('(') },
          message: {
            id: `M${i}`,
            direction: i % 4 === 0 ? 'out' : 'in',
            sender: ['Alice Brown', 'Bob Clark', 'Carol Davies', 'You'][i % 4]!,
            text,
            forwarded: false,
            edited: false,
            deleted: false,
            sentAt: at.slice(0, 16),
          },
          capturedAt: at,
          capturedBy: 'Jane Smith (Clerk)',
          method: 'web-button',
          policyId: 'barrowby-pc',
          policyVersion: '2025-05',
          categories: [['finance', 'planning', 'complaint', 'general'][i % 4]!],
          note: '',
          sha256: 'e'.repeat(64),
        });
        events.put({
          seq: i + 1,
          type: 'record.captured',
          at,
          actor: 'Jane Smith (Clerk)',
          subject: id,
          details: {},
          prevHash: 'f'.repeat(64),
          hash: 'e'.repeat(64),
        });
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('seed failed'));
      });
      db.close();
      return n;
    },
    [count, TOPICS] as const,
  );
}

/** Opens the records page and waits for the full count: milliseconds from navigation. */
async function openRecords(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  const expected = `${RECORDS.toLocaleString('en-GB')} records found`;
  await page
    .getByTestId('result-count')
    .filter({ hasText: expected })
    .waitFor({ timeout: 180_000 });
  return Date.now() - started;
}

async function main(): Promise<void> {
  const browser = await launchChromium({ extension: true });
  try {
    // tsx wraps named functions in `__name(...)` calls: give evaluated code a no-op for it.
    await browser.context.addInitScript(
      'if (typeof globalThis.__name !== "function") globalThis.__name = (fn) => fn;',
    );
    const id = await extensionIdOf(browser.context);
    const url = `chrome-extension://${id}/records.html`;
    const page = await browser.context.newPage();
    // Let the page create the database with its schema, then seed it.
    await page.goto(url);
    await page.getByTestId('result-count').waitFor({ timeout: 60_000 });
    let t = Date.now();
    await seedInPage(page, RECORDS);
    log(`records-page: seeded ${RECORDS} records in ${Date.now() - t} ms`);

    const firstOpenMs = await openRecords(page, url);
    log(`records-page: first open ${firstOpenMs} ms`);
    // The index is saved after the first open: give it time, then open again.
    await page.waitForTimeout(3_000);
    const secondOpenMs = await openRecords(page, url);
    log(`records-page: second open ${secondOpenMs} ms`);

    // Scroll the list top to bottom with the wheel, as a user would, recording every frame.
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __long: number[] };
      w.__frames = [];
      w.__long = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__long.push(e.duration);
      }).observe({ type: 'longtask' });
      let last = performance.now();
      const tick = (now: number) => {
        w.__frames.push(now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const list = page.locator('.vlist');
    const box = await list.boundingBox();
    if (!box) throw new Error('no .vlist on the records page');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const rowsInDom: number[] = [];
    for (let i = 0; i < SCROLL_STEPS; i++) {
      await page.mouse.wheel(0, WHEEL_PX);
      await page.waitForTimeout(50);
      rowsInDom.push(await page.locator('.vrow').count());
    }
    // Then to the very end at once, as dragging the scrollbar does.
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(300);
    rowsInDom.push(await page.locator('.vrow').count());
    const atEnd = await list.evaluate(
      (el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2,
    );
    const { frames, long } = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __long: number[] };
      return { frames: w.__frames.slice(1), long: w.__long };
    });

    // Search as the user types it.
    t = Date.now();
    await page.getByRole('searchbox', { name: 'Search the records' }).fill('play area');
    await page
      .getByTestId('result-count')
      .filter({ hasText: /[\d,]+ records? found/ })
      .filter({ hasNotText: `${RECORDS.toLocaleString('en-GB')} records found` })
      .waitFor({ timeout: 60_000 });
    const searchMs = Date.now() - t;

    emit({
      bench: 'records-page',
      records: RECORDS,
      firstOpenMs,
      secondOpenMs,
      scrollSteps: SCROLL_STEPS,
      reachedEnd: atEnd,
      frameP50Ms: round(percentile(frames, 50), 1),
      frameP95Ms: round(percentile(frames, 95), 1),
      longTasksWhileScrolling: long.length,
      longestTaskMs: round(Math.max(0, ...long), 0),
      maxRowsInDom: Math.max(...rowsInDom),
      searchToResultsMs: searchMs,
      note: 'Headless Chromium, seeded straight into IndexedDB. Frame intervals are requestAnimationFrame deltas while the wheel scrolls the virtualised list; searchToResultsMs includes Playwright round trips.',
    });
  } finally {
    await browser.close();
  }
}

await main();
