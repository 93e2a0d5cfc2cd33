import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '../../utils/settings';
import { onSettingsChanged } from '../../utils/settings-events';
import { settingsItem } from '../../utils/settings-store';

describe('onSettingsChanged', () => {
  beforeEach(() => fakeBrowser.reset());

  it('tells settings written with a new value and managed changes, nothing else', async () => {
    const heard: string[] = [];
    const stop = onSettingsChanged((area) => heard.push(area));
    await settingsItem.setValue({ ...defaultSettings, userName: 'Jane Smith' });
    await settingsItem.setValue({ ...defaultSettings, userName: 'Jane Smith' }); // the same again
    await fakeBrowser.storage.local.set({ somethingElse: 1 });
    await fakeBrowser.storage.managed.set({ policyId: 'barrowby-pc' });
    expect(heard).toEqual(['local', 'managed']);
    stop();
    await settingsItem.setValue({ ...defaultSettings, userName: 'Someone else' });
    expect(heard).toEqual(['local', 'managed']);
  });
});
