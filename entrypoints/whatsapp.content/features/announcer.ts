import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { OWN_ATTRIBUTE } from '../session';

const CSS = `
.toast { position: fixed; left: 50%; bottom: 88px; transform: translateX(-50%); max-width: min(560px, 90vw);
  padding: 10px 16px; border-radius: 8px; font: 14px/1.4 system-ui, sans-serif; color: #fff;
  background: #1d3a5f; box-shadow: 0 2px 8px rgba(0,0,0,.3); z-index: 2147483647; }
.toast[data-kind="error"] { background: #a4262c; }
.toast:empty { display: none; }
`;

let region: { host: HTMLElement; status: HTMLElement; alert: HTMLElement } | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Creates the live regions up front: screen readers only announce changes to existing ones. */
export function init(ctx: ContentScriptContext): void {
  region ??= createRegion();
  ctx.onInvalidated(() => {
    region?.host.remove();
    region = undefined;
  });
}

/** Tells the user (and screen readers, through live regions) what happened. Text only. */
export function announce(text: string, kind: 'status' | 'error'): void {
  region ??= createRegion();
  const target = kind === 'error' ? region.alert : region.status;
  const other = kind === 'error' ? region.status : region.alert;
  other.textContent = '';
  target.textContent = text;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => (target.textContent = ''), kind === 'error' ? 10_000 : 5_000);
}

function createRegion() {
  const host = document.createElement('div');
  host.setAttribute(OWN_ATTRIBUTE, 'announcer');
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const status = document.createElement('div');
  status.className = 'toast';
  status.setAttribute('role', 'status');
  const alert = document.createElement('div');
  alert.className = 'toast';
  alert.dataset.kind = 'error';
  alert.setAttribute('role', 'alert');
  root.append(style, status, alert);
  document.body.append(host);
  return { host, status, alert };
}
