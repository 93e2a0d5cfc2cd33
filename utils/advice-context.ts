/**
 * What content scripts need to advise (the effective policy with its working hours, and the
 * user's settings), computed by the background so the content script does not bundle every
 * preset and the policy validator. Content scripts ask and re-ask when settings change.
 */
import type { Policy } from './policy/schema';
import type { Settings } from './settings';
import { sendMessage } from './messaging';
import { onSettingsChanged } from './settings-events';

export interface AdviceContext {
  policy: Policy;
  settings: Settings;
}

export async function loadAdviceContext(): Promise<AdviceContext | undefined> {
  try {
    return await sendMessage('getAdviceContext', undefined);
  } catch {
    return undefined; // background reloading: the next settings change or page load retries
  }
}

/** Calls `listener` with a fresh context whenever the user's or the council's settings change. */
export function watchAdviceContext(listener: (ctx: AdviceContext) => void): () => void {
  const reload = () =>
    void loadAdviceContext().then((ctx) => {
      if (ctx) listener(ctx);
    });
  const stop = onSettingsChanged(reload);
  reload();
  return stop;
}
