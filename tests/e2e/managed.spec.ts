/**
 * Managed deployment, end to end: Debian's Chromium reads an enterprise policy file and hands
 * its `3rdparty.extensions.<id>` values to the built extension through `storage.managed`.
 *
 * Chromium on Linux reads JSON policy files from /etc/chromium/policies/managed/ when it starts
 * (and watches them). An unpacked extension's id comes from its absolute path, so the built
 * extension is copied to fresh directories whose ids are known before launch, and one policy
 * file (removed afterwards, whatever happens) sets values for those ids only: other tests, which
 * load .output/chrome-mv3 itself, are not affected.
 */
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { EXTENSION_PATH, expect, extensionIdOf, launch, storeSettings, test } from './harness';

/** The user's own settings, as a previous session would have left them. */
const storeUserSettings = (context: BrowserContext, settings: Record<string, unknown>) =>
  storeSettings(context, { userName: 'Jane Smith', userRole: 'Clerk', ...settings });

/** Where Debian's Chromium looks for mandatory policy (Google Chrome: /etc/opt/chrome/...). */
const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';
const SHOTS = process.env.SCREENSHOTS_DIR ?? '/tmp/cc-shots';

/**
 * Chromium's id for an extension loaded unpacked: SHA-256 of its absolute (symlink-free) path,
 * the first 32 hex digits written with the letters a–p instead of 0–f.
 */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return hex.replace(/[0-9a-f]/g, (d) => String.fromCharCode(97 + parseInt(d, 16)));
}

/** Why the policy directory cannot be written (not root, read-only...), or undefined. */
function policyDirProblem(): string | undefined {
  let dir = POLICY_DIR;
  while (!existsSync(dir)) dir = dirname(dir);
  try {
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (err) {
    return `${dir} is not writable (${(err as NodeJS.ErrnoException).code ?? String(err)}): enterprise policy can only be tested where the policy directory can be written, e.g. as root in CI`;
  }
}

const PRESET = {
  policyId: 'opcc-cleveland',
  recordsOfficerName: 'Office Manager',
  recordsOfficerEmail: 'records@cleveland.pcc.police.uk',
};
/** Values the extension cannot use; "yes" is not even the boolean its managed_schema asks for. */
const UNUSABLE = { policyId: 'atlantis-pc', recordsOfficerEmail: 'not-an-email' };

/** What the council's IT writes for each copy of the extension, and what reaches it. */
const MANAGED = {
  preset: { written: PRESET, delivered: PRESET },
  unusable: { written: { ...UNUSABLE, composerGuard: 'yes' }, delivered: UNUSABLE },
};
type Case = keyof typeof MANAGED;

const copies = {} as Record<Case, { dir: string; id: string }>;
let policyFile: string | undefined;
/** Directories made for the policy file (deepest last), removed again if left empty. */
const madeDirs: string[] = [];

function cleanUp(): void {
  if (policyFile !== undefined) rmSync(policyFile, { force: true });
  policyFile = undefined;
  for (const dir of madeDirs.splice(0).reverse())
    if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
  for (const { dir } of Object.values(copies)) rmSync(dir, { recursive: true, force: true });
}

/**
 * What chrome://policy shows for the extension (its page is built of shadow roots, so the text
 * is collected through them): the evidence when a value did not arrive.
 */
async function policyPage(context: BrowserContext, id: string): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto('chrome://policy');
    await page.waitForTimeout(1000);
    const text = await page.evaluate(() => {
      const parts: string[] = [];
      const walk = (node: Node): void => {
        if (node.nodeType === Node.TEXT_NODE) {
          const t = node.textContent?.trim();
          if (t) parts.push(t);
          return;
        }
        if (node instanceof Element) {
          if (node.tagName === 'STYLE' || node.tagName === 'SCRIPT') return;
          if (node.shadowRoot) walk(node.shadowRoot);
        }
        node.childNodes.forEach(walk);
      };
      walk(document.body);
      return parts.join(' ');
    });
    const at = text.indexOf(id);
    return at >= 0
      ? `chrome://policy, this extension: ${text.slice(Math.max(0, at - 40), at + 1500)}`
      : `chrome://policy has no policies for ${id}; it ends: ${text.slice(-1500)}`;
  } catch (err) {
    return `chrome://policy could not be read: ${String(err)}`;
  } finally {
    await page.close();
  }
}

/**
 * Launches Chromium with one copy of the extension and waits until Chromium has handed it the
 * managed values (policy loads at startup, the extension's schema a moment later).
 */
async function launchManaged(which: Case, userDataDir: string): Promise<BrowserContext> {
  const { dir, id } = copies[which];
  const context = await launch(userDataDir, dir);
  // The id computed from the path is the one Chromium gave the extension.
  expect(await extensionIdOf(context)).toBe(id);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const managed = () => worker.evaluate(() => chrome.storage.managed.get());
  try {
    // Chromium checks the values against the extension's managed_schema.json first.
    await expect.poll(managed, { timeout: 15_000 }).toEqual(MANAGED[which].delivered);
  } catch (err) {
    throw new Error(
      `storage.managed never had the policy values.\n${await policyPage(context, id)}`,
      {
        cause: err,
      },
    );
  }
  return context;
}

async function options(context: BrowserContext, id: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  await expect(page.getByRole('heading', { name: 'Council Capture settings' })).toBeVisible();
  return page;
}

test.describe('managed deployment (enterprise policy file read by Chromium)', () => {
  const problem = policyDirProblem();
  test.skip(problem !== undefined, problem);

  test.beforeAll(() => {
    if (!existsSync(join(EXTENSION_PATH, 'manifest.json')))
      throw new Error(`Build the extension first: ${EXTENSION_PATH} has no manifest.json`);
    process.once('exit', cleanUp);
    for (const which of Object.keys(MANAGED) as Case[]) {
      const dir = realpathSync(mkdtempSync(join(tmpdir(), `cc-managed-${which}-`)));
      cpSync(EXTENSION_PATH, dir, { recursive: true });
      copies[which] = { dir, id: unpackedExtensionId(dir) };
    }
    const missing: string[] = [];
    for (let dir = POLICY_DIR; !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
    for (const dir of missing) {
      mkdirSync(dir);
      madeDirs.push(dir);
    }
    policyFile = join(POLICY_DIR, `council-capture-e2e-${process.pid}-${Date.now()}.json`);
    const extensions = Object.fromEntries(
      (Object.keys(MANAGED) as Case[]).map((which) => [copies[which].id, MANAGED[which].written]),
    );
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions } }, null, 2));
  });

  test.afterAll(cleanUp);

  test('the council’s preset and records officer apply, marked “Set by your council”, and cannot be changed', async ({
    userDataDir,
  }) => {
    const context = await launchManaged('preset', userDataDir);
    try {
      // The user had chosen otherwise before IT set the policy: IT's values win.
      await storeUserSettings(context, {
        policyId: 'barrowby-pc',
        recordsOfficer: { name: 'Someone Else', email: 'someone@example.org' },
      });
      const page = await options(context, copies.preset.id);

      await expect(page.getByText('Some settings are managed by your council’s IT')).toBeVisible();
      await expect(page.getByRole('alert').filter({ hasText: 'Please note' })).toHaveCount(0);

      const policy = page.getByLabel('Your council’s policy');
      await expect(policy).toHaveValue('opcc-cleveland');
      await expect(policy).toBeDisabled();
      await expect(page.locator('#policy-locked')).toHaveText(/set by your council/i);
      await expect(policy).toHaveAccessibleDescription(/set by your council/i);
      await expect(
        page.getByRole('region', {
          name: 'Rules of Office of the Police and Crime Commissioner for Cleveland',
        }),
      ).toContainText('Clause:');

      const name = page.getByLabel('Records officer’s name');
      const email = page.getByLabel('Records officer’s email');
      await expect(name).toHaveValue('Office Manager');
      await expect(email).toHaveValue('records@cleveland.pcc.police.uk');
      for (const field of [name, email]) {
        await expect(field).toBeDisabled();
        await expect(field).not.toBeEditable();
        await expect(field).toHaveAccessibleDescription(/set by your council/i);
      }

      // Saving the user's own settings keeps IT's values in force, after a reload too.
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'saved' })).toHaveText(
        'Settings saved.',
      );
      await page.reload();
      await expect(page.getByLabel('Your council’s policy')).toHaveValue('opcc-cleveland');
      await expect(page.getByLabel('Records officer’s name')).toHaveValue('Office Manager');
      await expect(page.getByLabel('Records officer’s email')).toHaveValue(
        'records@cleveland.pcc.police.uk',
      );
      await page.setViewportSize({ width: 1000, height: 900 });
      await page.screenshot({ path: `${SHOTS}/options-managed.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  test('a managed preset id (or email) the extension cannot use is ignored with a visible notice; the user’s choice applies', async ({
    userDataDir,
  }) => {
    const context = await launchManaged('unusable', userDataDir);
    try {
      await storeUserSettings(context, {
        policyId: 'wherstead-pc',
        recordsOfficer: { name: 'Clerk', email: 'clerk@example-pc.gov.uk' },
      });
      const page = await options(context, copies.unusable.id);

      const notice = page.getByRole('alert').filter({ hasText: 'Please note' });
      await expect(notice).toContainText(
        'Your council’s IT set a policy that cannot be used: the council policy “atlantis-pc” is not known. Your own choice of policy applies until this is fixed',
      );
      await expect(notice).toContainText(
        'The records officer’s email set by your council’s IT is not an email address; it was ignored.',
      );
      await expect(page.getByLabel('Records officer’s email')).toHaveValue(
        'clerk@example-pc.gov.uk',
      );
      await expect(page.getByLabel('Records officer’s email')).toBeEnabled();
      // The user's own choice applies and stays theirs to change.
      const policy = page.getByLabel('Your council’s policy');
      await expect(policy).toHaveValue('wherstead-pc');
      await expect(policy).toBeEnabled();
      await expect(page.locator('#policy-locked')).toHaveCount(0);
      await expect(
        page.getByRole('region', { name: 'Rules of Wherstead Parish Council' }),
      ).toBeVisible();
      await expect(page.getByText('Some settings are managed by your council’s IT')).toHaveCount(0);
      await policy.selectOption('barrowby-pc');
      await expect(page.getByRole('region', { name: /Rules of Barrowby/ })).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
