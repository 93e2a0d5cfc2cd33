import type { Page } from '@playwright/test';
import {
  captureButton,
  captureHosts,
  MESSAGE_ROW,
  messageRows,
  revealCapture,
  waitForControls,
  expect,
  extensionIdOf,
  fixture,
  launch,
  openWhatsApp,
  serveWhatsApp,
  test,
} from './harness';
import {
  HOSTILE_TEXTS,
  generateChatHtml,
  generateRowsHtml,
} from '../../utils/whatsapp/generate-chat';

/** Rows, message rows (`MESSAGE_ROW`, told apart independently of the extension's reader) and
 * the controls on each. */
async function rowCounts(page: Page) {
  return page.evaluate((messageRow) => {
    const rows = [...document.querySelectorAll('#main [role="row"]')];
    const isMessage = (r: Element) => r.matches(messageRow);
    const withButton = (r: Element) => !!r.querySelector('[data-council-capture="capture"]');
    return {
      messages: rows.filter(isMessage).length,
      messagesWithButton: rows.filter((r) => isMessage(r) && withButton(r)).length,
      othersWithButton: rows.filter((r) => !isMessage(r) && withButton(r)).length,
      buttonsPerRow: Math.max(
        0,
        ...rows.map((r) => r.querySelectorAll('[data-council-capture="capture"]').length),
      ),
    };
  }, MESSAGE_ROW);
}

/**
 * Points at every row in turn, as a mouse user moving down the chat would: each message row shows
 * its control (pointed at again until it does, for rows the content script has yet to read).
 */
async function pointAtEveryRow(page: Page) {
  const rows = page.locator('#main [role="row"]');
  const messages = await page.locator(MESSAGE_ROW).count();
  for (let i = 0, m = 0; m < messages; i++) {
    const row = rows.nth(i);
    if (!(await row.evaluate((r, sel) => r.matches(sel), MESSAGE_ROW))) {
      // Dividers may sit under WhatsApp's floating date: the pointer goes to the row itself.
      await row.dispatchEvent('pointerover');
      continue;
    }
    await revealCapture(page, m++);
  }
}

/** Replaces the page's #main with the #main of another fixture, as WhatsApp does on chat switch. */
async function switchChat(page: Page, html: string) {
  await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const next = doc.querySelector('#main');
    if (!next) throw new Error('fixture has no #main');
    document.querySelector('#main')!.replaceWith(document.importNode(next, true));
  }, html);
}

/** Appends rows as WhatsApp does when new messages arrive or older ones load on scroll. */
async function appendRows(page: Page, rowsHtml: string, where: 'top' | 'bottom') {
  await page.evaluate(
    ([source, pos]) => {
      const tpl = document.createElement('template');
      const doc = new DOMParser().parseFromString(`<div>${source}</div>`, 'text/html');
      tpl.content.append(...doc.body.firstElementChild!.childNodes);
      const first = document.querySelector('#main [role="row"]')!;
      const list = first.parentElement!;
      if (pos === 'top') list.prepend(document.importNode(tpl.content, true));
      else list.append(document.importNode(tpl.content, true));
    },
    [rowsHtml, where] as const,
  );
}

test.describe('capture as record', () => {
  test('puts a control on every message row and none on dividers or system rows', async ({
    context,
  }) => {
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    const page = await openWhatsApp(context);
    await waitForControls(page);
    // Built when wanted: only the row pointed at has one so far.
    await expect(captureHosts(page)).toHaveCount(1);
    // Keyboard: WhatsApp's arrow keys move focus onto a message row; Tab then reaches its
    // control (after any link in the message), which shows and names what it does.
    await page.mouse.move(0, 0);
    const firstRow = messageRows(page).nth(1);
    await firstRow.focus();
    const first = captureButton(page, 1);
    const onOurs = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute('data-council-capture') === 'capture',
      );
    for (let tabs = 0; tabs < 4 && !(await onOurs()); tabs++) {
      await page.keyboard.press('Tab');
      // Tab stays within the focused message until it reaches the control.
      expect(await firstRow.evaluate((row) => row.contains(document.activeElement))).toBe(true);
    }
    await expect(first).toBeFocused();
    await expect(first).toBeVisible();
    await expect(first).toHaveAccessibleName(/^Capture as record: message from /);
    await page.keyboard.press('Enter');
    await expect(first).toHaveText('✓ Council record');
    // Mouse: pointing at any message row shows its control; at a divider or notice, none.
    await pointAtEveryRow(page);
    const counts = await rowCounts(page);
    expect(counts.messages).toBeGreaterThan(5);
    expect(counts.messagesWithButton).toBe(counts.messages);
    expect(counts.othersWithButton).toBe(0);
    expect(counts.buttonsPerRow).toBe(1);
    await expect(await revealCapture(page, 3)).toHaveAccessibleName(/^Capture as record: /);
  });

  test('a row WhatsApp re-renders under a resting pointer keeps its control', async ({
    context,
  }) => {
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    const page = await openWhatsApp(context);
    await waitForControls(page);
    await revealCapture(page, 2);
    // React replaces the row with a new one (without our control); the pointer does not move.
    await page.evaluate((selector) => {
      const row = document.querySelectorAll(selector)[2]!;
      const again = row.cloneNode(true) as Element;
      for (const own of again.querySelectorAll('[data-council-capture]')) own.remove();
      row.replaceWith(again);
    }, MESSAGE_ROW);
    await expect(captureButton(page, 2)).toBeVisible();
    await expect(captureHosts(page)).toHaveCount(2); // the first row's, and this one's again
  });

  test('captures from the page once, then says it is already captured', async ({
    context,
    extensionPage,
  }) => {
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    const page = await openWhatsApp(context);
    const button = await revealCapture(page, 1);
    await button.click();
    await expect(button).toHaveText('✓ Council record');
    await expect(page.locator('[data-council-capture="announcer"] [role="status"]')).toContainText(
      'Captured as a council record',
    );
    await button.click();
    await expect(page.locator('[data-council-capture="announcer"] [role="status"]')).toContainText(
      'Already captured',
    );
    const panel = await extensionPage('sidepanel.html');
    await panel.getByRole('tab', { name: /Records/ }).click();
    await expect(panel.locator('.record')).toHaveCount(1);
    await panel.locator('.record-summary').click();
    await expect(panel.getByLabel('Record evidence')).toContainText('SHA-256');
    await expect(panel.getByLabel('Record evidence')).toContainText('✓ matches the record');
    await expect(panel.getByLabel('Record evidence')).toContainText(
      'Capture button on WhatsApp Web',
    );
  });

  test('captures several from the side panel with a category and a note', async ({
    context,
    extensionPage,
  }) => {
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    const page = await openWhatsApp(context);
    await waitForControls(page);
    const panel = await extensionPage('sidepanel.html');
    const items = panel.locator('li.message');
    await expect(items.first()).toBeVisible();
    await items.nth(0).getByRole('checkbox').check();
    await items.nth(3).getByRole('checkbox').check();
    await panel.getByLabel('Category').selectOption('finance');
    await panel.getByLabel('Note (optional)').fill('Precept discussion');
    await panel.getByRole('button', { name: 'Capture 2 selected' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'captured' })).toContainText(
      '2 captured as council records.',
    );
    await expect(items.nth(0)).toContainText('✓ Council record');
    await panel.getByRole('tab', { name: /Records \(2\)/ }).click();
    await panel.locator('.record-summary').first().click();
    await expect(panel.getByLabel('Record evidence')).toContainText('finance');
    await expect(panel.getByLabel('Record evidence')).toContainText('Precept discussion');
    // The page's buttons follow.
    await expect(page.locator('[data-council-capture="capture"][data-captured]')).toHaveCount(2);
  });

  test('keeps records across a service-worker restart and a browser restart', async ({
    context,
    userDataDir,
  }) => {
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    let page = await openWhatsApp(context);
    await (await revealCapture(page, 0)).click();
    await expect(captureButton(page, 0)).toHaveText('✓ Council record');

    // Stop the service worker as Chrome does when idle; the next capture must wake it.
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await (await revealCapture(page, 1)).click();
    await expect(captureButton(page, 1)).toHaveText('✓ Council record');
    await context.close();

    const again = await launch(userDataDir);
    try {
      await serveWhatsApp(again, () => fixture('group-2026.html'));
      page = await openWhatsApp(again);
      await expect(page.locator('[data-council-capture="capture"][data-captured]')).toHaveCount(2);
      const id = await extensionIdOf(again);
      const panel = await again.newPage();
      await panel.goto(`chrome-extension://${id}/sidepanel.html`);
      await expect(panel.getByRole('tab', { name: /Records \(2\)/ })).toBeVisible();
    } finally {
      await again.close();
    }
  });

  test('follows a chat switch and rows added by scrolling', async ({ context, extensionPage }) => {
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    const page = await openWhatsApp(context);
    await waitForControls(page);
    const panel = await extensionPage('sidepanel.html');
    const title = panel.locator('.chat-header h2');
    const groupTitle = (await title.textContent()) ?? '';

    await switchChat(page, fixture('one-to-one-2026.html'));
    await expect(title).not.toHaveText(groupTitle);
    await expect(panel.locator('.chat-header')).toContainText('One-to-one chat');
    await pointAtEveryRow(page);
    const before = await rowCounts(page);
    expect(before.messages).toBeGreaterThan(0);
    expect(before.messagesWithButton).toBe(before.messages);

    // One-to-one rows, as this chat is: new ones today, older ones before its first day.
    const rows = { isGroup: false };
    const newer = generateRowsHtml({ ...rows, messages: 20, seed: 7, startId: 5000 });
    const older = generateRowsHtml({
      ...rows,
      messages: 5,
      seed: 8,
      startId: 9000,
      endDate: '2026-11-17',
    });
    await appendRows(page, newer, 'bottom');
    await appendRows(page, older, 'top');
    await pointAtEveryRow(page);
    const after = await rowCounts(page);
    expect(after.messages).toBe(before.messages + 25);
    expect(after.messagesWithButton).toBe(after.messages);
    expect(after.othersWithButton).toBe(0);
    await expect(panel.locator('li.message')).toHaveCount(before.messages + 25);
    // In the page's order: the rows scrolled in at the top come first in the panel too.
    const pageIds = await page
      .locator('#main [role="row"] [data-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
    const panelIds = await panel
      .locator('li.message')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-message-id')));
    expect(panelIds).toEqual(pageIds);
  });

  test('renders hostile message text as inert text', async ({ context, extensionPage }) => {
    const dialogs: string[] = [];
    context.on('page', (p) => p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss())));
    await serveWhatsApp(context, () =>
      generateChatHtml({ messages: 30, seed: 3, hostile: true, title: 'Hostile test group' }),
    );
    const page = await openWhatsApp(context);
    await waitForControls(page);
    const count = await messageRows(page).count();
    for (let i = 0; i < count; i++) await (await revealCapture(page, i)).click();
    await expect(page.locator('[data-council-capture="capture"][data-captured]')).toHaveCount(
      count,
    );
    const panel = await extensionPage('sidepanel.html');
    panel.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    await expect(panel.locator('li.message')).toHaveCount(count);
    // Every hostile text is shown exactly, as text (long ones folded until asked for).
    const shown = await panel.locator('li.message .text bdi').allTextContents();
    for (const hostile of HOSTILE_TEXTS) {
      if (hostile.length <= 600) expect(shown).toContain(hostile);
      else expect(shown).toContain(`${hostile.slice(0, 600)}…`);
    }
    await panel.getByRole('button', { name: 'Show all 50,000 characters' }).click();
    const all = await panel.locator('li.message .text bdi').allTextContents();
    expect(all).toContain(HOSTILE_TEXTS.find((t) => t.length === 50_000));
    // The evidence view shows it as text too.
    await panel.getByRole('tab', { name: /Records/ }).click();
    await panel.locator('.record-summary').first().click();
    await expect(panel.getByLabel('Record evidence')).toBeVisible();
    expect(await panel.locator('img, script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
