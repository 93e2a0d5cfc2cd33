import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../../utils/messaging';
import type { ObservedMessage } from '../../../utils/types';
import { OWN_ATTRIBUTE, type Session } from '../session';
import { announce } from './announcer';
import * as S from '../../../utils/whatsapp/selectors';
import { messageIdOfRow } from '../../../utils/whatsapp/read-chat';

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
  host: HTMLElement;
  button: HTMLButtonElement;
  /** What was last rendered, so unchanged rows are not touched on every scan. */
  rendered?: { message: ObservedMessage; captured: boolean };
}

/**
 * Puts a "Capture as record" control on message rows, idempotently. A row gets its control (a
 * host element with an accessible button in its shadow root) when it is first pointed at or
 * focused, or when its message is captured, in the same task, before anything is painted. Most
 * rows of a long chat are never pointed at, so a scan that reads new rows writes nothing to them.
 */
export function init(ctx: ContentScriptContext, session: Session): void {
  const style = document.createElement('style');
  style.setAttribute(OWN_ATTRIBUTE, 'style');
  style.textContent = PAGE_CSS;
  document.head.append(style);
  ctx.onInvalidated(() => style.remove());

  /** By row node (what `session.rows` gives, and what the host hangs from). */
  const controls = new WeakMap<Element, Control>();
  ctx.onInvalidated(() => {
    for (const host of document.querySelectorAll(CONTROL)) host.remove();
  });

  /** The row's control, if it has one in the page (React may re-render a row and drop ours). */
  const liveControl = (node: Element): Control | undefined => {
    const control = controls.get(node);
    return control?.host.parentNode === node ? control : undefined;
  };

  /** Renders the row's control (`live`, its control in the page), built first if it has none. */
  const show = (
    id: string,
    node: Element,
    message: ObservedMessage,
    captured: boolean,
    live: Control | undefined,
  ) => {
    if (live) {
      render(live, message, captured);
      return;
    }
    const control = build(session, id);
    controls.set(node, control);
    // Filled in before it joins the page: no style work for each attribute set.
    render(control, message, captured);
    node.append(control.host);
  };

  /**
   * The message whose row was last pointed at or focused. WhatsApp may re-render that row while
   * the pointer rests on it, and no new pointer event comes until the pointer moves: the new row
   * gets its control from the scan that reads it.
   */
  let wanted: string | undefined;

  // Only the rows the scan says are new or changed (all of them when it cannot say). Captured
  // messages show their state without being pointed at; other rows keep a control they have.
  const update = (ids?: ReadonlySet<string>) => {
    for (const id of ids ?? session.rows.keys()) {
      const node = session.rows.get(id);
      const message = session.visible.get(id);
      if (!node || !message) continue;
      const captured = session.captured.has(id);
      const control = liveControl(node);
      if (!control && !captured && id !== wanted) continue;
      // The reader hands out the same message object while nothing about it changes.
      const last = control?.rendered;
      if (last?.message === message && last.captured === captured) continue;
      show(id, node, message, captured, control);
    }
  };
  const stop = session.onScan(update);
  ctx.onInvalidated(stop);

  // A row pointed at or focused (WhatsApp's arrow keys focus rows) gets its control now, so it is
  // there to be seen and reached with Tab. Listening on the document, once, for every row.
  const want = (event: Event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const row = target.closest(ROW);
    const id = row ? messageIdOfRow(row) : undefined;
    wanted = id;
    const node = id ? session.rows.get(id) : undefined;
    if (!id || !node || !row?.contains(node) || liveControl(node)) return;
    const message = session.visible.get(id);
    if (message) show(id, node, message, session.captured.has(id), undefined);
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

let template: DocumentFragment | undefined;

/** A control, not yet in the page: host, shadow root, style and button (cloned from a template). */
function build(session: Session, id: string): Control {
  if (!template) {
    const style = document.createElement('style');
    style.textContent = BUTTON_CSS;
    const button = document.createElement('button');
    button.type = 'button';
    template = document.createDocumentFragment();
    template.append(style, button);
  }
  const host = document.createElement('span');
  host.setAttribute(OWN_ATTRIBUTE, HOST);
  host.dataset.messageId = id;
  const root = host.attachShadow({ mode: 'open' });
  root.append(template.cloneNode(true));
  const button = root.querySelector('button')!;
  button.addEventListener('click', (event) => {
    // Keep WhatsApp from treating the click as a click on the message.
    event.stopPropagation();
    void capture(session, id, button);
  });
  return { host, button };
}

function render(control: Control, message: ObservedMessage, captured: boolean): void {
  control.rendered = { message, captured };
  const { host, button } = control;
  host.dataset.direction = message.direction;
  host.toggleAttribute('data-captured', captured);
  renderButton(button, message, captured);
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
