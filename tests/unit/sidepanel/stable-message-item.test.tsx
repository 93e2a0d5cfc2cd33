// @vitest-environment happy-dom
import { options, render, type VNode } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageItem, StableMessageItem } from '../../../components/MessageItem';
import { message } from './message';

const MESSAGES = Array.from({ length: 50 }, (_, i) => message(`m${i}`, `message ${i}`));

/** Counts MessageItem renders through Preact's own hook for "a component was diffed". */
let renders = 0;
const before = options.diffed;
options.diffed = (vnode: VNode) => {
  if (vnode.type === MessageItem) renders++;
  before?.(vnode);
};

afterEach(() => {
  document.body.replaceChildren();
});

function list(captured: ReadonlySet<string>, onCapture: (id: string) => void, host: Element) {
  act(() => {
    render(
      <ol>
        {MESSAGES.map((m) => (
          <StableMessageItem
            key={m.id}
            message={m}
            captured={captured.has(m.id)}
            selected={false}
            busy={false}
            // A new function on every render, as a list makes them: never a reason to render.
            onToggle={() => undefined}
            onCapture={() => onCapture(m.id)}
          />
        ))}
      </ol>,
      host,
    );
  });
}

describe('StableMessageItem', () => {
  it('renders again only the item whose captured state changed', () => {
    const host = document.createElement('div');
    document.body.append(host);
    list(new Set(), () => undefined, host);
    expect(renders).toBeGreaterThanOrEqual(50);
    renders = 0;
    list(new Set(['m7']), () => undefined, host);
    expect(renders).toBe(1);
    const item = host.querySelector('[data-message-id="m7"]')!;
    expect(item.textContent).toContain('✓ Council record');
    expect(host.querySelector('[data-message-id="m8"]')!.textContent).toContain(
      'Capture as record',
    );
  });

  it('renders again when the message itself changed (an edit), not for a new handler', () => {
    const host = document.createElement('div');
    document.body.append(host);
    list(new Set(), () => undefined, host);
    renders = 0;
    list(new Set(), () => undefined, host);
    expect(renders).toBe(0);
    MESSAGES[3] = message('m3', 'corrected: £48,250');
    list(new Set(), () => undefined, host);
    expect(renders).toBe(1);
    expect(host.querySelector('[data-message-id="m3"]')!.textContent).toContain('£48,250');
  });

  it('keeps the handler it was first given: lists route handlers through a ref', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const calls: string[] = [];
    list(new Set(), (id) => calls.push(`first ${id}`), host);
    list(new Set(), (id) => calls.push(`second ${id}`), host);
    act(() =>
      host.querySelector<HTMLButtonElement>('[data-message-id="m1"] .actions button')!.click(),
    );
    // Why SidePanel passes `() => act.current.capture(…)`: the item was not rendered again.
    expect(calls).toEqual(['first m1']);
  });
});
