/**
 * Offers bytes as a download from an extension page: an `<a download>` on a Blob URL, so the
 * extension needs no "downloads" permission and nothing leaves the browser.
 */
export function offerDownload(data: Uint8Array | string, filename: string, mime: string): void {
  const blob = new Blob([data as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has the file by then; a minute is generous for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
