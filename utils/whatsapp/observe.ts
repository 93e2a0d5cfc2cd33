/**
 * Watches WhatsApp Web with ONE MutationObserver and calls `onChange` at most once per animation
 * frame, with every element that changed since the last call and the nodes added to and removed
 * from each (so readers can re-read only those). Never polls. Mutations caused only by our own
 * injected elements are ignored, and those `onChange` itself makes are dropped, so a re-scan
 * that injects buttons does not trigger another.
 */
export interface ObserveOptions {
  /** Our injected elements carry this attribute; their mutations are ignored. */
  ownAttribute: string;
  requestFrame?: (cb: () => void) => unknown;
}

/** Children added to and removed from one element, in the order the mutations happened. */
export interface ChildListChange {
  added: Node[];
  removed: Node[];
}

export function observePage(
  target: Node,
  onChange: (changed: Set<Element>, childLists: ReadonlyMap<Element, ChildListChange>) => void,
  { ownAttribute, requestFrame = (cb) => requestAnimationFrame(cb) }: ObserveOptions,
): () => void {
  let scheduled = false;
  let changed = new Set<Element>();
  let childLists = new Map<Element, ChildListChange>();
  const ownSelector = `[${ownAttribute}]`;
  const allOurs = (nodes: NodeList): boolean => {
    for (const n of nodes)
      if (!(n instanceof Element && n.hasAttribute(ownAttribute))) return false;
    return true;
  };
  const isOurs = (n: Node): boolean =>
    n instanceof Element && (n.hasAttribute(ownAttribute) || !!n.closest(ownSelector));

  const observer = new MutationObserver((mutations) => {
    let relevant = false;
    for (const m of mutations) {
      const el = m.target instanceof Element ? m.target : m.target.parentElement;
      if (m.type === 'childList') {
        // Our own button going in or out: the commonest record while we work, checked cheaply.
        const { addedNodes: added, removedNodes: removed } = m;
        if (added.length + removed.length === 0) continue;
        // Stops at the first node that is not ours: rows arrive twenty at a time, and every
        // node looked at costs this (isolated) world a wrapper.
        if (allOurs(added) && allOurs(removed)) continue;
        if (isOurs(m.target)) continue;
        if (el) {
          let list = childLists.get(el);
          if (!list) childLists.set(el, (list = { added: [], removed: [] }));
          list.added.push(...added);
          list.removed.push(...removed);
        }
      } else if (isOurs(m.target)) {
        continue;
      }
      if (el) changed.add(el);
      relevant = true;
    }
    if (!relevant || scheduled) return;
    scheduled = true;
    requestFrame(() => {
      scheduled = false;
      const batch = changed;
      const lists = childLists;
      changed = new Set();
      childLists = new Map();
      onChange(batch, lists);
      // Nothing but `onChange` ran since the last delivery (records are delivered after every
      // task and callback), so what is queued now is its own work — our buttons going in: drop
      // it rather than have the observer look at each record.
      observer.takeRecords();
    });
  });
  observer.observe(target, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
