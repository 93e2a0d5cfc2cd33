/**
 * Watches WhatsApp Web with ONE MutationObserver and calls `onChange` at most once per animation
 * frame. Never polls. Mutations caused only by our own injected elements are ignored, so a
 * re-scan that injects buttons does not trigger another re-scan.
 */
export interface ObserveOptions {
  /** Our injected elements carry this attribute; their mutations are ignored. */
  ownAttribute: string;
  requestFrame?: (cb: () => void) => unknown;
}

export function observePage(
  target: Node,
  onChange: () => void,
  { ownAttribute, requestFrame = (cb) => requestAnimationFrame(cb) }: ObserveOptions,
): () => void {
  let scheduled = false;
  const isOurs = (n: Node): boolean =>
    n instanceof Element && (n.hasAttribute(ownAttribute) || !!n.closest(`[${ownAttribute}]`));

  const observer = new MutationObserver((mutations) => {
    if (scheduled) return;
    const relevant = mutations.some((m) => {
      if (isOurs(m.target)) return false;
      if (m.type !== 'childList') return true;
      const nodes = [...m.addedNodes, ...m.removedNodes];
      return nodes.length === 0 || nodes.some((n) => !isOurs(n));
    });
    if (!relevant) return;
    scheduled = true;
    requestFrame(() => {
      scheduled = false;
      onChange();
    });
  });
  observer.observe(target, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
