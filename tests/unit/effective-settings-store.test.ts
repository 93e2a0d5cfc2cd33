import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readManaged, resetManagedCache } from '../../utils/effective-settings-store';

// The setup resets the fake browser (listeners too) before each test: start from nothing known.
beforeEach(() => resetManagedCache());

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('readManaged', () => {
  it('reads the council’s values once, then keeps them until the policy changes', async () => {
    await fakeBrowser.storage.managed.set({ presetId: 'barrowby-pc' });
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get');
    expect(await readManaged()).toEqual({ presetId: 'barrowby-pc' });
    expect(await readManaged()).toEqual({ presetId: 'barrowby-pc' });
    expect(get).toHaveBeenCalledTimes(1);

    // The council's IT pushes another policy: storage.onChanged says so, and it is read again.
    await fakeBrowser.storage.managed.set({ presetId: 'wherstead-pc' });
    expect(await readManaged()).toEqual({ presetId: 'wherstead-pc' });
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('treats an empty answer as nothing managed', async () => {
    expect(await readManaged()).toBeUndefined();
  });

  it('waits at most two seconds for a browser that does not answer, and only once', async () => {
    vi.useFakeTimers();
    const get = vi
      .spyOn(fakeBrowser.storage.managed, 'get')
      .mockImplementation(() => new Promise(() => undefined));
    const first = readManaged();
    await vi.advanceTimersByTimeAsync(2000);
    expect(await first).toBeUndefined();
    // The next reader does not wait again for the same unanswered read.
    let answered = false;
    void readManaged().then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toBe(true);
    expect(get).toHaveBeenCalledTimes(1);
  });
});
