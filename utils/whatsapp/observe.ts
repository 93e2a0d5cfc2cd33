/**
 * Watches WhatsApp Web with ONE MutationObserver and calls `onChange` at most once per animation
 * frame, with every element that changed since the last call (so readers can re-read only those).
 * Never polls. Mutations caused only by our own injected elements are ignored, so a re-scan that
 * injects buttons does not trigger another re-scan.
 */
export interface ObserveOptions {
  /** Our injected elements carry this attribute; their mutations are ignored. */
  ownAttribute: string;
  requestFrame?: (cb: () => void) => unknown;
}

export function observePage(
  target: Node,
  onChange: (changed: Set<Element>) => void,
  { ownAttribute, requestFrame = (cb) => requestAnimationFrame(cb) }: ObserveOptions,
): () => void {
  let scheduled = false;
  let changed = new Set<Element>();
  const ownSelector = `[${ownAttribute}]`;
  const isOurs = (n: Node): boolean =>
    n instanceof Element && (n.hasAttribute(ownAttribute) || !!n.closest(ownSelector));

  const observer = new MutationObserver((mutations) => {
    let relevant = false;
    for (const m of mutations) {
      if (isOurs(m.target)) continue;
      if (m.type === 'childList') {
        const nodes = [...m.addedNodes, ...m.removedNodes];
        if (nodes.length > 0 && nodes.every(isOurs)) continue;
      }
      const el = m.target instanceof Element ? m.target : m.target.parentElement;
      if (el) changed.add(el);
      relevant = true;
    }
    if (!relevant || scheduled) return;
    scheduled = true;
    requestFrame(() => {
      scheduled = false;
      const batch = changed;
      changed = new Set();
      onChange(batch);
    });
  });
  observer.observe(target, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
