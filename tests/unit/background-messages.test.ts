import { beforeEach, describe, expect, it } from 'vitest';
import { registerMessageHandlers } from '../../entrypoints/background/messages';
import { getDb } from '../../utils/db/database';
import { sendMessage } from '../../utils/messaging';
import { defaultSettings } from '../../utils/settings';
import { settingsItem } from '../../utils/settings-store';

describe('chatOpened in the background', () => {
  beforeEach(async () => {
    const db = getDb();
    await Promise.all(db.tables.map((t) => t.clear()));
  });

  it('notes the chat as seen now, by the test clock when one is set', async () => {
    registerMessageHandlers();
    const chat = { title: 'Oakthorpe Parish Council', isGroup: true };
    await settingsItem.setValue({ ...defaultSettings, testClock: '2026-12-01T09:00:00.000Z' });
    await sendMessage('chatOpened', chat);
    const entry = await getDb().chats.get('title:Oakthorpe Parish Council');
    expect(entry?.lastSeenAt).toBe('2026-12-01T09:00:00.000Z');

    await settingsItem.setValue(defaultSettings);
    const before = Date.now();
    await sendMessage('chatOpened', chat);
    const seen = Date.parse(
      (await getDb().chats.get('title:Oakthorpe Parish Council'))!.lastSeenAt,
    );
    expect(seen).toBeGreaterThanOrEqual(before);
    expect(seen).toBeLessThanOrEqual(Date.now());
  });
});
