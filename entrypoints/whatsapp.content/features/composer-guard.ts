import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { anyOf, composer } from '../../../utils/whatsapp/selectors';
import { composerAdvice, type GuardItem } from '../../../utils/composer-advice';
import { watchAdviceContext, type AdviceContext } from '../../../utils/advice-context';
import { nowFrom } from '../../../utils/settings';
import { londonWallTimeOf } from '../../../utils/deadlines/london';
import type { Policy } from '../../../utils/policy/schema';
import { OWN_ATTRIBUTE, type Session } from '../session';

const HOST = 'composer-guard';
const COMPOSER = anyOf(composer);

/** Calm: an amber edge on white, dark text, no icons that shout. Contrast ≥ 4.5:1. */
const CSS = `
:host { all: initial; }
.card { position: fixed; z-index: 2147483646; box-sizing: border-box; font: 14px/1.45 system-ui, sans-serif;
  color: #1b1f24; }
.card[data-active] { background: #fffdf5; border: 1px solid #c9a700; border-left: 5px solid #9a6700;
  border-radius: 8px; padding: 8px 12px; box-shadow: 0 2px 8px rgba(0,0,0,.18); }
.card:not([data-active]) { width: 1px; height: 1px; overflow: hidden; }
.status p { margin: 0 0 4px; }
.status .clause { color: #4b5563; }
.why { margin: 4px 0; padding-left: 18px; color: #1b1f24; }
.why[hidden] { display: none; }
.actions { display: flex; gap: 8px; justify-content: flex-end; }
button { font: 600 13px/1.2 system-ui, sans-serif; min-height: 28px; min-width: 24px; padding: 4px 10px;
  border-radius: 6px; border: 1px solid #0b5394; background: #fff; color: #0b5394; cursor: pointer; }
button:hover { background: #e8f0fa; }
button:focus-visible { outline: 3px solid #1b1f24; outline-offset: 2px; box-shadow: 0 0 0 5px #ffbf47; }
@media (prefers-color-scheme: dark) {
  .card { color: #e6e8eb; }
  .card[data-active] { background: #2b2610; border-color: #c9a700; }
  .status .clause { color: #c9ced6; }
  .why { color: #e6e8eb; }
  button { background: #1f242a; color: #8ab4f8; border-color: #8ab4f8; }
}
`;

interface View {
  host: HTMLElement;
  card: HTMLElement;
  status: HTMLElement;
  why: HTMLUListElement;
  actions: HTMLElement;
  whyButton: HTMLButtonElement;
}

/**
 * Warns, calmly, while the user types a draft that holds personal data, reads like a decision
 * outside a meeting, or goes out of working hours. It only listens: passive `input` listener, no
 * preventDefault, never touches the editor or its keys, so sending is never blocked or delayed.
 */
export function init(ctx: ContentScriptContext, session: Session): void {
  let view: View | undefined;
  let pending: HTMLElement | undefined;
  let frame = 0;
  let shownKey = '';
  let dismissedKey = '';
  let eff: AdviceContext | undefined;
  let policy: Policy | undefined;
  const setEff = (next: AdviceContext) => {
    eff = next;
    policy = next.policy;
    if (!next.settings.composerGuard) return render([]);
    // The user may have typed before the settings arrived (or while they changed): look again.
    const editor = document.querySelector<HTMLElement>(COMPOSER);
    if (editor?.textContent?.trim()) schedule(editor);
  };
  ctx.onInvalidated(watchAdviceContext(setEff));

  const evaluate = () => {
    frame = 0;
    const editor = pending;
    pending = undefined;
    if (!editor || !eff || !policy || !eff.settings.composerGuard) return;
    const draft = editor.textContent ?? '';
    if (draft.trim() === '') {
      // Sent or cleared: a dismissal lasts for one draft only.
      dismissedKey = '';
      return render([]);
    }
    const wall = londonWallTimeOf(nowFrom(eff.settings));
    const items = composerAdvice(draft, policy, {
      isGroup: session.state?.chat.isGroup,
      now: `${wall.date}T${wall.time}`,
    });
    const key = items.map((i) => i.warning).join(',');
    if (key === dismissedKey) return render([]);
    dismissedKey = '';
    render(items, editor);
  };

  const onInput = (event: Event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const editor = target.closest<HTMLElement>(COMPOSER);
    if (!editor) return;
    schedule(editor);
  };
  function schedule(editor: HTMLElement): void {
    pending = editor;
    // At most once per frame, whatever the typing speed.
    if (!frame) frame = requestAnimationFrame(evaluate);
  }
  document.addEventListener('input', onInput, { capture: true, passive: true });
  ctx.onInvalidated(() => {
    document.removeEventListener('input', onInput, { capture: true });
    if (frame) cancelAnimationFrame(frame);
    view?.host.remove();
  });

  function ensureView(): View {
    if (view && view.host.isConnected) return view;
    const host = document.createElement('div');
    host.setAttribute(OWN_ATTRIBUTE, HOST);
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = CSS;
    const card = document.createElement('section');
    card.className = 'card';
    card.setAttribute('aria-label', 'Council Capture advice on your draft');
    // The live region exists before anything is said, so screen readers announce changes.
    const status = document.createElement('div');
    status.className = 'status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    const why = document.createElement('ul');
    why.className = 'why';
    why.id = 'cc-guard-why';
    why.hidden = true;
    const actions = document.createElement('div');
    actions.className = 'actions';
    const whyButton = document.createElement('button');
    whyButton.type = 'button';
    whyButton.textContent = 'Why?';
    whyButton.setAttribute('aria-expanded', 'false');
    whyButton.setAttribute('aria-controls', why.id);
    whyButton.addEventListener('click', () => {
      why.hidden = !why.hidden;
      whyButton.setAttribute('aria-expanded', String(!why.hidden));
      whyButton.textContent = why.hidden ? 'Why?' : 'Hide why';
    });
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.textContent = 'Dismiss';
    dismiss.setAttribute('aria-label', 'Dismiss this advice for this draft');
    dismiss.addEventListener('click', () => {
      dismissedKey = shownKey;
      render([]);
    });
    actions.append(whyButton, dismiss);
    card.append(status, why, actions);
    root.append(style, card);
    document.body.append(host);
    view = { host, card, status, why, actions, whyButton };
    return view;
  }

  function render(items: GuardItem[], editor?: HTMLElement): void {
    const key = items.map((i) => i.warning).join(',');
    if (items.length === 0 && !view) return;
    const v = ensureView();
    if (key === shownKey && items.length > 0) {
      if (editor) place(v, editor);
      return;
    }
    shownKey = key;
    v.card.toggleAttribute('data-active', items.length > 0);
    v.actions.hidden = items.length === 0;
    v.why.replaceChildren();
    v.why.hidden = true;
    v.whyButton.setAttribute('aria-expanded', 'false');
    v.whyButton.textContent = 'Why?';
    if (items.length === 0) {
      v.status.replaceChildren();
      return;
    }
    const paragraphs = items.map((item) => {
      const p = document.createElement('p');
      p.append(item.text);
      if (item.clause) {
        const clause = document.createElement('span');
        clause.className = 'clause';
        clause.textContent = ` (policy: ${item.clause})`;
        p.append(clause);
      }
      return p;
    });
    v.status.replaceChildren(...paragraphs);
    v.why.replaceChildren(
      ...items
        .filter((i) => i.why)
        .map((i) => {
          const li = document.createElement('li');
          li.textContent = i.clause ? `${i.clause}: ${i.why}` : i.why;
          return li;
        }),
    );
    if (editor) place(v, editor);
  }
}

/** Just above WhatsApp's footer, as wide as it. */
function place(v: View, editor: HTMLElement): void {
  const footer = editor.closest('footer') ?? editor;
  const r = footer.getBoundingClientRect();
  const width = Math.max(240, Math.min(r.width - 16, 720));
  v.card.style.left = `${Math.round(r.left + (r.width - width) / 2)}px`;
  v.card.style.width = `${Math.round(width)}px`;
  v.card.style.bottom = `${Math.round(window.innerHeight - r.top + 8)}px`;
}
