import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onMessage } from '../../../utils/messaging';
import type { Session } from '../session';

/**
 * Chat list entries: `#pane-side` (2020–2026) rows whose name span carries the chat title in its
 * `title` attribute. Compared as attributes, never built into a selector (titles are hostile text).
 */
const CHAT_LIST_TITLES = '#pane-side span[title]';

/** The chat-list element for a title, if WhatsApp currently lists it. */
export function findChatInList(title: string): HTMLElement | undefined {
  for (const span of document.querySelectorAll<HTMLElement>(CHAT_LIST_TITLES)) {
    if (span.getAttribute('title') !== title) continue;
    return (span.closest('[role="listitem"], [role="row"]') as HTMLElement | null) ?? span;
  }
  return undefined;
}

/** Opens a chat as a user would, by pressing its entry in the list (WhatsApp reacts to mousedown). */
export function openChatByTitle(title: string): boolean {
  const entry = findChatInList(title);
  if (!entry) return false;
  const target = (entry.querySelector('[tabindex]') as HTMLElement | null) ?? entry;
  for (const type of ['mousedown', 'mouseup', 'click'] as const) {
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window }));
  }
  return true;
}

/** Resolves true once the open chat has this title (false after `ms`). */
export function waitForOpenChat(session: Session, title: string, ms = 3000): Promise<boolean> {
  if (session.state?.chat.title === title) return Promise.resolve(true);
  return new Promise((resolve) => {
    const stop = session.onScan(() => {
      if (session.state?.chat.title !== title) return;
      clearTimeout(timer);
      stop();
      resolve(true);
    });
    const timer = setTimeout(() => {
      stop();
      resolve(session.state?.chat.title === title);
    }, ms);
  });
}

/** "Open the chat" from a reminder: finds the chat in WhatsApp's list and opens it. */
export function init(ctx: ContentScriptContext, session: Session): void {
  const stop = onMessage('openChat', async ({ data }) => {
    if (session.state?.chat.title === data.title) return { opened: true };
    if (!openChatByTitle(data.title)) return { opened: false };
    return { opened: await waitForOpenChat(session, data.title) };
  });
  ctx.onInvalidated(stop);
}
