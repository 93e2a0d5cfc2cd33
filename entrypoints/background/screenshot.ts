/**
 * Screenshot of one record's message: the WhatsApp Web tab is captured as it is shown, cropped
 * to the message bubble (rectangle from the content script, device pixel ratio applied), and
 * kept with the record with its SHA-256. Cropping runs in the worker with OffscreenCanvas.
 */
import { browser } from 'wxt/browser';
import { getDb } from '../../utils/db/database';
import { saveScreenshot } from '../../utils/db/deliveries-repo';
import { sha256Hex } from '../../utils/delivery/text';
import { onMessage, sendMessage, type ScreenshotResult } from '../../utils/messaging';
import { cropBox } from '../../utils/screenshot-crop';
import { capturedByOf, nowFrom } from '../../utils/settings';
import { getSettings } from '../../utils/settings-store';

export function registerScreenshots(): void {
  onMessage('takeScreenshot', ({ data }) => takeScreenshot(data.recordId));
}

async function whatsAppTab() {
  const tabs = await browser.tabs.query({ url: 'https://web.whatsapp.com/*' });
  return tabs.sort(
    (a, b) => Number(b.active) - Number(a.active) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0),
  )[0];
}

export async function takeScreenshot(recordId: string): Promise<ScreenshotResult> {
  const db = getDb();
  const record = await db.records.get(recordId);
  if (!record) return { ok: false, problem: 'This record is no longer in the database.' };
  const tab = await whatsAppTab();
  if (tab?.id === undefined || tab.windowId === undefined) {
    return { ok: false, problem: 'Open WhatsApp Web in this browser first.' };
  }
  if (!tab.active) {
    // Only the tab on show can be captured: bring WhatsApp Web forward first.
    await browser.tabs.update(tab.id, { active: true });
  }
  const rect = await sendMessage('bubbleRect', { messageId: record.messageId }, tab.id).catch(
    () => undefined,
  );
  if (!rect) {
    return {
      ok: false,
      problem:
        'The message is not on the WhatsApp Web page. Open the chat there, scroll to the message, ' +
        'and try again.',
    };
  }
  let dataUrl: string;
  try {
    dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    // Chrome and Firefox allow it only with activeTab, granted by a click on our toolbar button.
    const permission = /activeTab|all_urls|permission/i.test(why);
    return {
      ok: false,
      problem: permission
        ? 'The browser allows screenshots only after you click the Council Capture button in ' +
          'the toolbar while WhatsApp Web is on screen. Do that, then try again (needed again ' +
          'after WhatsApp Web is reloaded).'
        : `The browser did not allow a screenshot of WhatsApp Web (${why}).`,
    };
  }
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  const box = cropBox(rect, bitmap);
  if (!box) {
    bitmap.close();
    return { ok: false, problem: 'The message is not visible on the WhatsApp Web page.' };
  }
  const canvas = new OffscreenCanvas(box.width, box.height);
  const g = canvas.getContext('2d');
  if (!g) return { ok: false, problem: 'The screenshot could not be cropped.' };
  g.drawImage(bitmap, box.sx, box.sy, box.width, box.height, 0, 0, box.width, box.height);
  bitmap.close();
  const bytes = new Uint8Array(
    await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer(),
  );
  const settings = await getSettings();
  const sha256 = sha256Hex(bytes);
  const { created } = await saveScreenshot(
    db,
    { recordId, bytes, width: box.width, height: box.height, sha256 },
    capturedByOf(settings),
    nowFrom(settings),
  );
  return { ok: true, width: box.width, height: box.height, sha256, created };
}
