import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from '../../utils/messaging';
import { getDb } from '../../utils/db/database';
import {
  captureRecord,
  capturedMessageIds,
  type CaptureRequest,
} from '../../utils/db/records-repo';
import { noteChatSeen } from '../../utils/db/chats-repo';
import type { CaptureResult } from '../../utils/types';
import { captureContext } from './capture-context';
import { nowFrom } from '../../utils/settings';
import { getSettings } from '../../utils/settings-store';

/** Every protocol message handled by the background; one handler per type. */
export function registerMessageHandlers(): void {
  onMessage('capture', async ({ data }) => {
    const [result] = await captureAll([data]);
    return result ?? ({ status: 'error', error: 'Nothing to capture.' } as const);
  });
  onMessage('captureMany', ({ data }) => captureAll(data));
  onMessage('capturedIds', ({ data }) => capturedMessageIds(getDb(), data.chatKey));
  onMessage('chatOpened', async ({ data }) => {
    // The test clock too, so that end-to-end tests which move it see chats active when they say.
    await noteChatSeen(getDb(), data, nowFrom(await getSettings()));
  });
}

async function captureAll(reqs: CaptureRequest[]): Promise<CaptureResult[]> {
  const ctx = await captureContext();
  const results: CaptureResult[] = [];
  for (const req of reqs) results.push(await captureRecord(getDb(), req, ctx));
  const changed = new Map<string, string[]>();
  for (const r of results) {
    if (r.status === 'error') continue;
    const ids = changed.get(r.record.chatKey) ?? [];
    ids.push(r.record.messageId);
    changed.set(r.record.chatKey, ids);
  }
  for (const [chatKey, messageIds] of changed) void notifyTabs(chatKey, messageIds);
  return results;
}

/** Tells every WhatsApp tab so its buttons show the captured state. */
async function notifyTabs(chatKey: string, messageIds: string[]): Promise<void> {
  const tabs = await browser.tabs.query({ url: 'https://web.whatsapp.com/*' });
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    void sendMessage('recordsChanged', { chatKey, messageIds }, tab.id).catch(() => undefined);
  }
}
