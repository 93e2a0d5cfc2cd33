import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '../../utils/settings';
import { settingsItem } from '../../utils/settings-store';

let asked = 0;
vi.mock('../../utils/messaging', () => ({
  sendMessage: vi.fn(async () => {
    asked++;
    return { policy: {}, settings: {} };
  }),
}));

const { watchAdviceContext } = await import('../../utils/advice-context');

/** Lets storage events and the context request settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('watchAdviceContext', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    asked = 0;
  });

  it('asks once at the start, again when the settings change, and not for other keys', async () => {
    const heard = vi.fn();
    const stop = watchAdviceContext(heard);
    await settle();
    expect(asked).toBe(1);
    expect(heard).toHaveBeenCalledTimes(1);

    // Written the way the options page writes them.
    await settingsItem.setValue({ ...defaultSettings, userName: 'Jane Smith' });
    await settle();
    expect(asked).toBe(2);

    await fakeBrowser.storage.local.set({ somethingElse: 1 });
    await settle();
    expect(asked).toBe(2);

    stop();
    await settingsItem.setValue({ ...defaultSettings, userName: 'Someone else' });
    await settle();
    expect(asked).toBe(2);
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('asks again when the council’s managed policy changes', async () => {
    const stop = watchAdviceContext(() => {});
    await settle();
    await fakeBrowser.storage.managed.set({ policyId: 'barrowby-pc' });
    await settle();
    expect(asked).toBe(2);
    stop();
  });
});
