import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onMessage, type BubbleRect } from '../../../utils/messaging';
import { anyOf, legacyIn, legacyOut, messageContainer } from '../../../utils/whatsapp/selectors';
import { OWN_ATTRIBUTE, type Session } from '../session';

/** While set on <html>, our own controls are hidden so a screenshot shows only WhatsApp's page. */
const HIDING = 'data-council-capture-screenshot';
const HIDE_CSS = `html[${HIDING}] [${OWN_ATTRIBUTE}]:not(style) { visibility: hidden !important; }`;
/** Long enough for the background to capture the tab; our controls then come back by themselves. */
const HIDE_FOR_MS = 1500;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * For screenshots: scrolls a message into view and reports its bubble's rectangle (CSS pixels
 * of the viewport) and the device pixel ratio, so the background can crop the captured tab.
 */
export function init(ctx: ContentScriptContext, session: Session): void {
  const style = document.createElement('style');
  style.setAttribute(OWN_ATTRIBUTE, 'style');
  style.textContent = HIDE_CSS;
  document.head.append(style);
  let timer: ReturnType<typeof setTimeout> | undefined;
  ctx.onInvalidated(() => {
    style.remove();
    if (timer) clearTimeout(timer);
    document.documentElement.removeAttribute(HIDING);
  });

  const stop = onMessage('bubbleRect', async ({ data }): Promise<BubbleRect | undefined> => {
    const row = session.rows.get(data.messageId);
    if (!row || !row.isConnected) return undefined;
    const bubble =
      row.querySelector(messageContainer.selectors[0] ?? '[data-testid="msg-container"]') ??
      row.querySelector(`${anyOf(legacyIn)}, ${anyOf(legacyOut)}`) ??
      row;
    document.documentElement.setAttribute(HIDING, '');
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => document.documentElement.removeAttribute(HIDING), HIDE_FOR_MS);
    bubble.scrollIntoView({ block: 'center', inline: 'nearest' });
    // Two frames: the scroll and the hidden controls are painted before the tab is captured.
    await nextFrame();
    await nextFrame();
    const r = bubble.getBoundingClientRect();
    return {
      x: r.left,
      y: r.top,
      width: r.width,
      height: r.height,
      devicePixelRatio: window.devicePixelRatio,
      viewportWidth: document.documentElement.clientWidth,
      viewportHeight: document.documentElement.clientHeight,
    };
  });
  ctx.onInvalidated(stop);
}
