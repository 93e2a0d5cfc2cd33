import { defineContentScript } from 'wxt/utils/define-content-script';
import { createSession } from './session';
import * as chatTracker from './features/chat-tracker';
import * as captureButtons from './features/capture-buttons';
import * as announcer from './features/announcer';
import * as openChat from './features/open-chat';
import * as clearDownReminder from './features/clear-down-reminder';
import * as bubbleRect from './features/bubble-rect';
import * as suggestRecords from './features/suggest-records';
import * as composerGuard from './features/composer-guard';

/** Each feature is one file exporting init(ctx, session); this file only lists them. */
const features = [
  announcer,
  chatTracker,
  captureButtons,
  suggestRecords,
  composerGuard,
  bubbleRect,
  openChat,
  clearDownReminder,
];

export default defineContentScript({
  matches: ['https://web.whatsapp.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const session = createSession();
    for (const feature of features) feature.init(ctx, session);
  },
});
