import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../../utils/messaging';
import type { ObservedMessage } from '../../../utils/types';
import { OWN_ATTRIBUTE, type Session } from '../session';
import { announce } from './announcer';
import * as S from '../../../utils/whatsapp/selectors';

const HOST = 'capture';

/**
 * Page-level CSS. A row's control is shown while the row is hovered or has keyboard focus
 * (WhatsApp moves focus from message to message with the arrow keys; Tab then reaches the
 * button), and captured ones stay visible. The rest are `display: none`, so the page lays out and
 * paints none of them: on a long chat, thousands of hidden but rendered buttons made every frame
 * slower.
 */
const ROW = `:is(${S.anyOf(S.row)})`;
const CONTROL = `[${OWN_ATTRIBUTE}="${HOST}"]`;
const PAGE_CSS = `
${CONTROL} { position: relative; display: none; align-self: stretch; height: 0; z-index: 2; }
${ROW}:hover ${CONTROL}, ${ROW}:focus-within ${CONTROL}, ${CONTROL}[data-captured] { display: block; }
`;

/** Inside each button's shadow root, so WhatsApp's styles cannot reach it (nor ours theirs). */
const BUTTON_CSS = `
button { position: absolute; bottom: 6px; font: 600 12px/1.2 system-ui, sans-serif; padding: 5px 9px;
  border-radius: 14px; border: 1px solid #0b5394; background: #fff; color: #0b5394; cursor: pointer;
  box-shadow: 0 1px 2px rgba(0,0,0,.25); white-space: nowrap; min-height: 24px; }
:host([data-direction="in"]) button { right: 16px; }
:host([data-direction="out"]) button { left: 16px; }
button:hover { background: #e8f0fa; }
button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; }
button[data-captured] { background: #0b5394; color: #fff; }
button[aria-busy="true"] { cursor: progress; opacity: .8; }
`;

interface Control {
  id: string;
  host: HTMLElement;
  /**
   * Built when first wanted — the row pointed at or focused, or the message captured — in the
   * same task, before anything is painted. Most rows of a long chat never need one.
   */
  button?: HTMLButtonElement;
  /** What was last rendered, so unchanged rows are not touched on every scan. */
  rendered?: { message: ObservedMessage; captured: boolean };
}

/**
 * Puts a "Capture as record" control on every message row, idempotently: a host element on every
 * row, its accessible button built when the row is pointed at, focused or captured.
 */
export function init(ctx: ContentScriptContext, session: Session): void {
  const style = document.createElement('style');
  style.setAttribute(OWN_ATTRIBUTE, 'style');
  style.textContent = PAGE_CSS;
  document.head.append(style);
  ctx.onInvalidated(() => style.remove());

  const controls = new WeakMap<Element, Control>();
  ctx.onInvalidated(() => {
    for (const host of document.querySelectorAll(CONTROL)) host.remove();
  });

  // Only the rows the scan says are new or changed (all of them when it cannot say).
  const update = (ids?: ReadonlySet<string>) => {
    for (const id of ids ?? session.rows.keys()) {
      const row = session.rows.get(id);
      const message = session.visible.get(id);
      if (!row || !message) continue;
      let control = controls.get(row);
      // Unchanged row, message and state: nothing to check in the page (this runs every frame).
      // The reader hands out the same message object while nothing about it changes.
      const captured = session.captured.has(id);
      const last = control?.rendered;
      if (last?.message === message && last.captured === captured) continue;
      // React may re-render the row and drop our element (the row's message is then read anew).
      if (!control || control.host.parentNode !== row) {
        control = { id, host: newHost(id) };
        controls.set(row, control);
        // Filled in before it joins the page: no style work for each attribute set.
        render(session, control, message, captured);
        row.append(control.host);
      } else {
        render(session, control, message, captured);
      }
    }
  };
  const stop = session.onScan(update);
  ctx.onInvalidated(stop);

  // A row pointed at or focused (WhatsApp's arrow keys focus rows) gets its button now, so it is
  // there to be seen and reached with Tab. Listening on the document, once, for every row.
  const want = (event: Event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const host = target.closest(ROW)?.querySelector(CONTROL);
    // A host hangs from its row node, which is what `controls` is keyed by.
    const control = host?.parentElement ? controls.get(host.parentElement) : undefined;
    if (!control || control.host !== host || control.button) return;
    const message = session.visible.get(control.id);
    if (message) build(session, control, message, session.captured.has(control.id));
  };
  const listen = { capture: true, passive: true };
  document.addEventListener('pointerover', want, listen);
  document.addEventListener('focusin', want, listen);
  ctx.onInvalidated(() => {
    document.removeEventListener('pointerover', want, listen);
    document.removeEventListener('focusin', want, listen);
  });
  update();
}

function newHost(id: string): HTMLElement {
  const host = document.createElement('span');
  host.setAttribute(OWN_ATTRIBUTE, HOST);
  host.dataset.messageId = id;
  return host;
}

let template: DocumentFragment | undefined;

/** Builds a control's shadow root and button (style and button cloned from one template). */
function build(
  session: Session,
  control: Control,
  message: ObservedMessage,
  captured: boolean,
): void {
  if (!template) {
    const style = document.createElement('style');
    style.textContent = BUTTON_CSS;
    const button = document.createElement('button');
    button.type = 'button';
    template = document.createDocumentFragment();
    template.append(style, button);
  }
  const root = control.host.attachShadow({ mode: 'open' });
  root.append(template.cloneNode(true));
  const button = root.querySelector('button')!;
  button.addEventListener('click', (event) => {
    // Keep WhatsApp from treating the click as a click on the message.
    event.stopPropagation();
    void capture(session, control.id, button);
  });
  control.button = button;
  renderButton(button, message, captured);
}

function render(
  session: Session,
  control: Control,
  message: ObservedMessage,
  captured: boolean,
): void {
  control.rendered = { message, captured };
  const { host, button } = control;
  host.dataset.direction = message.direction;
  host.toggleAttribute('data-captured', captured);
  // A captured message shows its state without being pointed at: its button is needed now.
  if (button) renderButton(button, message, captured);
  else if (captured) build(session, control, message, captured);
}

function renderButton(button: HTMLButtonElement, message: ObservedMessage, captured: boolean) {
  const who = message.sender || 'unknown sender';
  const label = captured ? '✓ Council record' : 'Capture as record';
  if (button.textContent !== label) button.textContent = label;
  button.toggleAttribute('data-captured', captured);
  button.title = captured
    ? 'This message is kept as a council record'
    : `Capture this message from ${who} as a council record`;
  button.setAttribute(
    'aria-label',
    captured ? `Captured as record: message from ${who}` : `Capture as record: message from ${who}`,
  );
}

async function capture(session: Session, id: string, button: HTMLButtonElement): Promise<void> {
  const state = session.state;
  const message = session.visible.get(id) ?? state?.messages.find((m) => m.id === id);
  if (!state || !message) {
    announce('This message can no longer be read from the page, so it was not captured.', 'error');
    return;
  }
  if (button.getAttribute('aria-busy') === 'true') return;
  button.setAttribute('aria-busy', 'true');
  try {
    const result = await sendMessage('capture', {
      chat: state.chat,
      message,
      categories: [],
      note: '',
      method: 'web-button',
    });
    if (result.status === 'error') {
      announce(`Not captured: ${result.error}`, 'error');
      return;
    }
    session.captured.add(id);
    session.scanned(new Set([id]));
    announce(
      result.status === 'captured'
        ? `Captured as a council record: message from ${message.sender}.`
        : 'Already captured: this message is already a council record.',
      'status',
    );
  } catch {
    announce(
      'Council Capture could not reach its background service. Reload the page and try again.',
      'error',
    );
  } finally {
    button.removeAttribute('aria-busy');
  }
}
