import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './harness';
import { buildBundle } from '../../utils/delivery/bundle';
import { HOSTILE_TEXTS, eventsFor, hostileRecords } from '../unit/delivery/fixtures';

/** The bundle's transcript is opened by clerks in a browser: hostile text must stay inert there. */
test('the evidence transcript renders hostile text as inert text in Chromium', async ({
  context,
}) => {
  const records = hostileRecords();
  const events = eventsFor(records);
  const last = events[events.length - 1]!;
  const zip = buildBundle({
    records,
    events,
    chainHead: { seq: last.seq, hash: last.hash },
    policy: { id: 'wherstead-pc', version: '2025-05', council: 'Wherstead Parish Council' },
    createdBy: 'Jane Smith (Clerk)',
    createdAt: new Date('2026-11-22T10:15:00Z'),
  });
  const html = strFromU8(unzipSync(zip)['transcript.html']!);

  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
  await page.setContent(html);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(await page.locator('script').count()).toBe(0);
  // No element carries an event handler or a javascript: link.
  const handlers = await page.evaluate(
    () =>
      [...document.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on') || /^\s*javascript:/i.test(a.value)),
      ).length,
  );
  expect(handlers).toBe(0);
  // The hostile markup is shown as text.
  await expect(page.getByText('<script>alert(1)</script>', { exact: false }).first()).toBeVisible();
  await expect(page.getByText(HOSTILE_TEXTS.formula, { exact: false }).first()).toBeVisible();
  // Printable and labelled for assistive technology.
  expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
});
