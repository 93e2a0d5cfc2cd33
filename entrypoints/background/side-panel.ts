import { browser } from 'wxt/browser';

/** The toolbar button opens the popup; the popup has "Open side panel" (a user gesture). */
export function registerSidePanel(): void {
  // Firefox has sidebar_action instead of sidePanel.
  if (!('sidePanel' in browser)) return;
  void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
}
