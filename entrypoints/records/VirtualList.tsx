import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A fixed-row-height window over a long list: only the rows in view (plus a few) are in the DOM,
 * so 100,000 records scroll as smoothly as 100. Rows keep their position in the whole list for
 * assistive technology (aria-setsize / aria-posinset).
 */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  label,
  renderRow,
  overscan = 8,
  resetKey,
}: {
  items: readonly T[];
  /**
   * The list goes back to the top when this changes (a new search), not when `items` is merely
   * refreshed (a capture arriving while the user reads down the list).
   */
  resetKey?: string;
  rowHeight: number;
  /** CSS height of the scrolling box, e.g. '60vh'. */
  height: string;
  label: string;
  renderRow: (item: T, index: number) => ComponentChildren;
  overscan?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // A new search starts at the top.
  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <li
        key={i}
        class="vrow"
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}
        aria-setsize={items.length}
        aria-posinset={i + 1}
      >
        {renderRow(items[i] as T, i)}
      </li>,
    );
  }
  return (
    <div
      ref={box}
      class="vlist"
      style={{ height: `min(${height}, ${items.length * rowHeight + 2}px)` }}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
    >
      <ul
        class="vlist-inner"
        style={{ height: `${items.length * rowHeight}px` }}
        aria-label={label}
      >
        {rows}
      </ul>
    </div>
  );
}
