import { beforeEach, describe, expect, it } from 'vitest';
import { recordsAmong, registerSuggestions } from '../../entrypoints/background/suggestions';
import { getDb } from '../../utils/db/database';
import { sendMessage } from '../../utils/messaging';
import { getPolicy } from '../../utils/policy/presets/index';
import { defaultSettings } from '../../utils/settings';
import { settingsItem } from '../../utils/settings-store';

const DECISION = 'The council approved the precept of £48,200 for 2027/28.';
const CHATTER = 'Thanks, see you all on Thursday!';

describe('recordsAmong', () => {
  it('keeps the messages the advice says are records, without their text', () => {
    const policy = getPolicy('barrowby-pc')!;
    const items = recordsAmong(
      [
        { messageId: 'A', text: DECISION, sentAt: '2026-11-22T09:15' },
        { messageId: 'B', text: CHATTER },
      ],
      policy,
      true,
    );
    expect(items).toEqual([{ messageId: 'A', sentAt: '2026-11-22T09:15' }]);
  });
});

describe('suggestRecords in the background', () => {
  beforeEach(async () => {
    const db = getDb();
    await Promise.all(db.tables.map((t) => t.clear()));
    await settingsItem.setValue({ ...defaultSettings, testClock: '2026-11-22T10:00:00.000Z' });
  });

  it('classifies what the content script saw and notes each record once', async () => {
    registerSuggestions();
    const chatKey = 'title:Oakthorpe Parish Council';
    const messages = [
      { messageId: 'A', text: DECISION, sentAt: '2026-11-22T09:15' },
      { messageId: 'B', text: CHATTER },
    ];
    expect(await sendMessage('suggestRecords', { chatKey, isGroup: true, messages })).toEqual([
      'A',
    ]);
    // Sent again (a policy change, a retry): nothing new.
    expect(await sendMessage('suggestRecords', { chatKey, isGroup: true, messages })).toEqual([]);
    const stored = await getDb().suggested.toArray();
    expect(stored.map((s) => [s.messageId, s.sentAt])).toEqual([['A', '2026-11-22T09:15']]);
    // No message text is kept: suggestions are ids and times.
    expect(JSON.stringify(stored)).not.toContain('precept');
  });
});
