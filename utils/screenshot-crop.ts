/**
 * Where to cut a message bubble out of a captured tab image. Pure, so the pixel arithmetic is
 * tested in Node. The scale is measured (image width ÷ viewport CSS width), which equals the
 * device pixel ratio at 100 % zoom and stays right when the page is zoomed.
 */
export interface CssRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CropBox {
  sx: number;
  sy: number;
  width: number;
  height: number;
  scale: number;
}

export function cropBox(
  rect: CssRect & { devicePixelRatio: number; viewportWidth: number },
  image: { width: number; height: number },
): CropBox | undefined {
  const measured = rect.viewportWidth > 0 ? image.width / rect.viewportWidth : 0;
  // Fall back to the page's ratio when the measurement is implausible (e.g. a scrollbar-less 0).
  const scale =
    measured > 0 && Math.abs(measured - rect.devicePixelRatio) < 0.05 * rect.devicePixelRatio
      ? rect.devicePixelRatio
      : measured || rect.devicePixelRatio;
  const left = Math.max(0, Math.round(rect.x * scale));
  const top = Math.max(0, Math.round(rect.y * scale));
  const right = Math.min(image.width, Math.round((rect.x + rect.width) * scale));
  const bottom = Math.min(image.height, Math.round((rect.y + rect.height) * scale));
  if (right - left < 1 || bottom - top < 1) return undefined;
  return { sx: left, sy: top, width: right - left, height: bottom - top, scale };
}
