import { readFileSync } from 'node:fs';
import {
  waitForControls,
  expect,
  fixture,
  openWhatsApp,
  serveWhatsApp,
  storeSettings,
  test,
} from './harness';

const SHOTS = process.env.SCREENSHOTS_DIR ?? '/tmp/cc-shots';

test.describe('council policy', () => {
  test('the options page shows the chosen policy’s rules with their clauses', async ({
    extensionPage,
  }) => {
    const page = await extensionPage('options.html');
    await expect(page.getByRole('heading', { name: 'Council Capture settings' })).toBeVisible();
    await page.getByLabel('Your council’s policy').selectOption('opcc-cleveland');
    const rules = page.getByRole('region', { name: /Rules of .*Cleveland/ });
    await expect(rules).toContainText('Which chats are covered');
    await expect(rules).toContainText('Clause:');
    await expect(rules.locator('.clause').first()).toBeVisible();
    await page.getByLabel('Your name').fill('Jane Smith');
    await page.getByLabel('Your role (for example Councillor, Clerk)').fill('Clerk');
    await page.getByLabel('Records officer’s email').fill('not-an-email');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'email' })).toContainText(
      'not an email address',
    );
    await page.getByLabel('Records officer’s email').fill('records@example.gov.uk');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'saved' })).toHaveText(
      'Settings saved.',
    );
    // Wherstead keeps the warning while typing on: shown locked, with the clause.
    await page.getByLabel('Your council’s policy').selectOption('wherstead-pc');
    await expect(page.getByLabel('Warn me while I type')).toBeDisabled();
    await expect(page.locator('#guard-locked')).toContainText(
      'Your council’s policy keeps this on',
    );
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.screenshot({ path: `${SHOTS}/options.png`, fullPage: true });
    await page.reload();
    await expect(page.getByLabel('Your council’s policy')).toHaveValue('opcc-cleveland');
    await expect(page.getByLabel('Your name')).toHaveValue('Jane Smith');
  });

  test('an unknown policy falls back safely with a visible notice', async ({
    context,
    extensionPage,
  }) => {
    await storeSettings(context, { policyId: 'atlantis-pc' });
    const page = await extensionPage('options.html');
    await expect(page.getByRole('alert').first()).toContainText(
      'The council policy “atlantis-pc” is not known',
    );
  });

  test('a custom policy is an edited copy of a preset, checked before use', async ({
    extensionPage,
  }) => {
    const page = await extensionPage('options.html');
    await page.getByLabel('Start from').selectOption('wherstead-pc');
    await page.getByRole('button', { name: 'Make an editable copy' }).click();
    const editor = page.getByLabel('Policy rules (JSON)');
    const json = JSON.parse(await editor.inputValue());
    await editor.fill(JSON.stringify({ ...json, retention: [] }));
    await page.getByRole('button', { name: 'Check and use this policy' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'not used' })).toContainText(
      'retention must be a non-empty list',
    );
    await editor.fill(JSON.stringify({ ...json, council: 'Example Parish Council' }));
    await page.getByRole('button', { name: 'Check and use this policy' }).click();
    await expect(page.getByLabel('Your council’s policy')).toHaveValue('custom');
    await expect(
      page.getByRole('region', { name: 'Rules of Example Parish Council' }),
    ).toBeVisible();
  });

  test('the side panel suggests a record with its clause; one click captures it with the suggested category', async ({
    context,
    extensionPage,
  }) => {
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    const page = await openWhatsApp(context);
    await waitForControls(page);
    const panel = await extensionPage('sidepanel.html');
    const first = panel.locator('li.message').first();
    await expect(first.locator('.suggestion')).toContainText('Suggested record: Finance');
    await expect(first.locator('.suggestion .clause').first()).toContainText('(policy: ');
    const count = panel.locator('.suggested-count');
    await expect(count).toContainText(/\d+ suggested records not yet captured in this chat/);
    const before = Number((await count.textContent())?.match(/\d+/)?.[0]);
    // The content script reported them (first seen), for the deadline engine's reminders.
    const stored = () =>
      panel.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('council-capture');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const req = open.result.transaction('suggested').objectStore('suggested').count();
              req.onsuccess = () => resolve(req.result);
            };
          }),
      );
    await expect.poll(stored).toBe(before);
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.screenshot({ path: `${SHOTS}/sidepanel.png` });
    await first.getByRole('button', { name: /^Capture as suggested \(Finance\)/ }).click();
    await expect(first).toContainText('✓ Council record');
    await expect(count).toContainText(`${before - 1} suggested`);
    await panel.getByRole('tab', { name: /Records \(1\)/ }).click();
    await panel.locator('.record-summary').first().click();
    await expect(panel.getByLabel('Record evidence')).toContainText('finance');

    // "Not a record", with a reason: kept as a decision, and the count follows.
    await panel.getByRole('tab', { name: /Messages/ }).click();
    const next = panel.locator('li.message.suggested').first();
    const nextId = await next.getAttribute('data-message-id');
    await next.getByRole('button', { name: /^Not a record/ }).click();
    await next.getByLabel('Why is this not a record?').fill('Thanks message only');
    await next.getByRole('button', { name: 'Save decision' }).click();
    const same = panel.locator(`li.message[data-message-id="${nextId}"]`);
    await expect(same).toContainText('Not a record — your decision: Thanks message only');
    await expect(count).toContainText(`${before - 2} suggested`);
  });

  test('chats seen so far are listed on the options page and can be marked', async ({
    context,
    extensionPage,
  }) => {
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    const page = await openWhatsApp(context);
    await waitForControls(page);
    const options = await extensionPage('options.html');
    const select = options.getByLabel('Mark chat Oakthorpe Parish Council');
    await expect(select).toHaveValue('unclassified');
    await select.selectOption('personal');
    await expect(options.getByRole('status').filter({ hasText: 'now marked' })).toHaveText(
      '“Oakthorpe Parish Council” is now marked: Personal (excluded).',
    );
    // Personal chats are outside the policy: the side panel makes no suggestions there.
    const panel = await extensionPage('sidepanel.html');
    await expect(panel.locator('.suggested-count')).toContainText('marked personal');
    await expect(panel.locator('li.message .suggestion')).toHaveCount(0);
  });

  test('the composer guard warns calmly while typing and never blocks or alters the draft', async ({
    context,
  }) => {
    await serveWhatsApp(context, () => fixture('group-2026.html'));
    const page = await openWhatsApp(context);
    await waitForControls(page);
    // Anything that stopped Enter or typing would show up as defaultPrevented here.
    await page.evaluate(() => {
      (window as unknown as { prevented: string[] }).prevented = [];
      for (const type of ['keydown', 'keypress', 'beforeinput', 'input'])
        document.addEventListener(type, (e) => {
          if (e.defaultPrevented)
            (window as unknown as { prevented: string[] }).prevented.push(type);
        });
    });
    const composer = page.locator('footer [contenteditable="true"]').first();
    await composer.click();
    const guard = page.locator('[data-council-capture="composer-guard"] [role="status"]');
    const typed = 'Please call her on 07700 900123 tonight';
    await page.keyboard.type(typed);
    await expect(guard).toContainText('personal data (a phone number)');
    await expect(guard).toContainText('(policy: ');
    await expect(composer).toHaveText(typed);
    await page.screenshot({ path: `${SHOTS}/composer-warning.png` });

    const why = page.locator('[data-council-capture="composer-guard"] button[aria-controls]');
    await expect(why).toHaveAccessibleName('Why?');
    await why.click();
    await expect(why).toHaveAttribute('aria-expanded', 'true');
    await expect(page.locator('[data-council-capture="composer-guard"] .why')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/composer-why.png` });
    await composer.click();

    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await expect(guard).toBeEmpty();
    const decision = "Let's agree to buy the new bench now";
    await page.keyboard.type(decision);
    await expect(guard).toContainText('properly convened meeting');
    await expect(composer).toHaveText(decision);
    await page.keyboard.press('Enter');
    expect(
      await page.evaluate(() => (window as unknown as { prevented: string[] }).prevented),
    ).toEqual([]);

    await page
      .locator('[data-council-capture="composer-guard"]')
      .getByRole('button', { name: /Dismiss/ })
      .click();
    await expect(guard).toBeEmpty();
  });

  test('settings export then import round trip; a bad file shows an error and changes nothing', async ({
    extensionPage,
  }) => {
    const page = await extensionPage('options.html');
    await page.getByLabel('Your council’s policy').selectOption('leicester-rights-participation');
    await page.getByLabel('Your name').fill('Sam Patel');
    await page.getByLabel('Records officer’s name').fill('Records Team');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'saved' })).toHaveText(
      'Settings saved.',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export settings' }).click(),
    ]);
    const file = await download.path();
    const exported = readFileSync(file, 'utf8');
    expect(JSON.parse(exported)).toMatchObject({
      format: 'council-capture-settings',
      settings: { policyId: 'leicester-rights-participation', userName: 'Sam Patel' },
    });

    // Change things, then import the file back.
    await page.getByLabel('Your council’s policy').selectOption('barrowby-pc');
    await page.getByLabel('Your name').fill('Somebody Else');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByLabel('Your name')).toHaveValue('Somebody Else');
    const input = page.getByLabel('Import settings from a file');
    await input.setInputFiles({
      name: 'settings.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exported),
    });
    await expect(page.getByRole('status').filter({ hasText: 'imported' })).toContainText(
      'Settings imported from settings.json.',
    );
    await expect(page.getByLabel('Your name')).toHaveValue('Sam Patel');
    await expect(page.getByLabel('Your council’s policy')).toHaveValue(
      'leicester-rights-participation',
    );

    // A bad file: a clear error, and nothing changes (also after a reload).
    const bad = JSON.parse(exported);
    bad.settings.userName = 'Mallory';
    bad.settings.recordsOfficer.email = 'nope';
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'not imported' });
    await expect(alert).toContainText('nothing was changed');
    await expect(alert).toContainText('settings.recordsOfficer.email is not an email address');
    await page.screenshot({ path: `${SHOTS}/options-bad-file.png` });
    await page.reload();
    await expect(page.getByLabel('Your name')).toHaveValue('Sam Patel');
  });
});
