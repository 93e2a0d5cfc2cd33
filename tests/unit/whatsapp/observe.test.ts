import { afterEach, describe, expect, it, vi } from 'vitest';
import { observePage, type ChildListChange } from '../../../utils/whatsapp/observe';
import { parsePage } from './dom';

const OWN = 'data-council-capture';

/** A page, the observer on its body, and a hand-cranked animation frame. */
function setup() {
  const doc = parsePage('<!doctype html><body><div id="list"><p>one</p></div></body>');
  const win = doc.defaultView as unknown as typeof globalThis;
  vi.stubGlobal('MutationObserver', win.MutationObserver);
  vi.stubGlobal('Element', win.Element);
  const calls: { changed: Set<Element>; lists: ReadonlyMap<Element, ChildListChange> }[] = [];
  let frame: (() => void) | undefined;
  let during: (() => void) | undefined;
  const stop = observePage(
    doc.body,
    (changed, lists) => {
      calls.push({ changed, lists });
      during?.();
    },
    { ownAttribute: OWN, requestFrame: (cb) => (frame = cb) },
  );
  const list = doc.getElementById('list')!;
  return {
    doc,
    list,
    calls,
    stop,
    set during(f: (() => void) | undefined) {
      during = f;
    },
    /** Lets the observer see what happened, then runs the frame if one was asked for. */
    async tick() {
      await new Promise((r) => setTimeout(r, 0));
      const f = frame;
      frame = undefined;
      f?.();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('observePage', () => {
  it('reports the changed elements and the rows added, once per frame', async () => {
    const h = setup();
    const a = h.doc.createElement('p');
    const b = h.doc.createElement('p');
    h.list.append(a);
    h.list.append(b);
    await h.tick();
    expect(h.calls).toHaveLength(1);
    expect([...h.calls[0]!.changed]).toEqual([h.list]);
    expect(h.calls[0]!.lists.get(h.list)!.added).toEqual([a, b]);
    h.stop();
  });

  it('ignores our own elements going in and out', async () => {
    const h = setup();
    const ours = h.doc.createElement('span');
    ours.setAttribute(OWN, 'capture');
    h.list.firstElementChild!.append(ours);
    ours.remove();
    await h.tick();
    expect(h.calls).toHaveLength(0);
    h.stop();
  });

  it('drops what the scan itself changes, and still reports what the page changes after', async () => {
    const h = setup();
    h.during = () => h.list.append(h.doc.createElement('div'));
    h.list.append(h.doc.createElement('p'));
    await h.tick();
    expect(h.calls).toHaveLength(1);
    // The scan's own change is not reported back as a change of the page.
    h.during = undefined;
    await h.tick();
    expect(h.calls).toHaveLength(1);
    const later = h.doc.createElement('p');
    h.list.append(later);
    await h.tick();
    expect(h.calls).toHaveLength(2);
    expect(h.calls[1]!.lists.get(h.list)!.added).toEqual([later]);
    h.stop();
  });
});
