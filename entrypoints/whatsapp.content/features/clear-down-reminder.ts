import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onMessage } from '../../../utils/messaging';
import { anyOf, composer } from '../../../utils/whatsapp/selectors';
import type { Session } from '../session';
import { announce } from './announcer';
import { openChatByTitle, waitForOpenChat } from './open-chat';

/**
 * Group admins (OPCC): puts the policy's clear-down reminder into the chat's message box for the
 * admin to read and send. Never presses Enter, never sends, never overwrites a draft.
 */
export function init(ctx: ContentScriptContext, session: Session): void {
  const stop = onMessage('insertReminder', async ({ data }) => {
    if (session.state?.chat.title !== data.title) {
      openChatByTitle(data.title);
      if (!(await waitForOpenChat(session, data.title))) {
        return { inserted: false, problem: `Open the chat “${data.title}” in WhatsApp first.` };
      }
    }
    const box = document.querySelector<HTMLElement>(anyOf(composer));
    if (!box) {
      return { inserted: false, problem: 'The WhatsApp message box was not found on the page.' };
    }
    if ((box.textContent ?? '').trim() !== '') {
      return {
        inserted: false,
        problem: 'The message box already has text in it. Send or clear it first, then try again.',
      };
    }
    box.focus();
    // Lexical (WhatsApp's editor) handles the browser's own insertText like typing.
    document.execCommand('insertText', false, data.text);
    if ((box.textContent ?? '').trim() === '') {
      return { inserted: false, problem: 'WhatsApp did not accept the text. Paste it instead.' };
    }
    announce(
      'The clear-down reminder is in the message box. Read it, then press Enter to send it yourself.',
      'status',
    );
    return { inserted: true };
  });
  ctx.onInvalidated(stop);
}
