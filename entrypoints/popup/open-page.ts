import { browser } from 'wxt/browser';

/**
 * Opens an extension page in a tab (links in a popup would otherwise open inside it). Typed as a
 * plain string: the records library is built by a colleague and may not exist in every build.
 */
export function openPage(event: MouseEvent, path: '/records.html' | '/holds.html'): void {
  event.preventDefault();
  const url = (browser.runtime.getURL as (p: string) => string)(path);
  void browser.tabs.create({ url });
}
