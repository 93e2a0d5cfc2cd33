import { defineExtensionMessaging } from '@webext-core/messaging';
import type { AdviceContext } from './advice-context';
import type { CaptureResult, ChatIdentity, ObservedMessage } from './types';
import type { CaptureRequest } from './db/records-repo';
import type { SuggestedItem } from './db/suggestions-repo';
import type { ClearDownResult } from './db/clear-down-repo';

/** What the content script knows about the open chat: everything seen since it was opened. */
export interface ChatState {
  recognised: boolean;
  problem?: string;
  chat: ChatIdentity;
  chatKey: string;
  /** Every message seen in this chat so far (WhatsApp keeps only ~100 rows in the DOM). */
  messages: readonly ObservedMessage[];
  /** Page locale, for display. */
  locale?: string;
  /** This list of seen messages (new on a chat switch or page load) ... */
  epoch: string;
  /** ... and how far it has got: ask for changes since it with `getChatChanges`. */
  version: number;
}

/**
 * The open chat's changes since a version the side panel has: every message id in order, and
 * the messages added or changed since. A busy chat's panel fetches these, not every message.
 */
export interface ChatChanges extends Omit<ChatState, 'messages'> {
  ids: string[];
  changed: ObservedMessage[];
}

/** A message first seen, with only what classifying it needs. */
export interface SeenForAdvice extends SuggestedItem {
  text: string;
}

/** Result of queuing records for the webhook. */
export type WebhookQueueResult = { queued: number } | { queued: 0; problem: string };

/** Result of a screenshot of one record's message. */
export type ScreenshotResult =
  | { ok: true; width: number; height: number; sha256: string; created: boolean }
  | { ok: false; problem: string };

/** A message bubble's rectangle in CSS pixels of the viewport, with the page's pixel ratio. */
export interface BubbleRect {
  x: number;
  y: number;
  width: number;
  height: number;
  devicePixelRatio: number;
  /** The viewport's CSS size, to check the captured image's scale. */
  viewportWidth: number;
  viewportHeight: number;
}

/** What the side panel is told when the open chat changes; it then asks for the messages. */
export type ChatSummary = Omit<ChatState, 'messages'> & { messageCount: number };

/**
 * The port a side panel opens to a WhatsApp tab (`tabs.connect`) to hear of every change in the
 * open chat. Without one, the tab announces only chat switches (to every extension page), so a
 * busy chat costs WhatsApp's page, and the service worker, no message per change.
 */
export const CHAT_PORT = 'council-capture:chat';

/** What the content script posts on a chat port. */
export interface ChatPortMessage {
  kind: 'chatChanged';
  summary: ChatSummary;
}

/**
 * Every message between contexts, typed. Each has exactly one handling context (`handledBy`),
 * checked by tests/unit/messaging.test.ts.
 */
export interface ProtocolMap {
  /** content|side panel → background: capture one message. */
  capture(req: CaptureRequest): CaptureResult;
  /** side panel → background: capture several (one transaction each, in order). */
  captureMany(reqs: CaptureRequest[]): CaptureResult[];
  /** content → background: which messages of this chat are records already. */
  capturedIds(req: { chatKey: string }): string[];
  /** content → background: a chat was opened (adds it to the chats list). */
  chatOpened(chat: ChatIdentity): void;
  /** background → content (tab): records changed for a chat; refresh the buttons. */
  recordsChanged(req: { chatKey: string; messageIds: string[] }): void;
  /** side panel → content (tab): the open chat as seen so far. */
  getChatState(): ChatState | undefined;
  /** side panel → content (tab): what changed since the panel's copy (undefined: fetch it all). */
  getChatChanges(since: { epoch: string; version: number }): ChatChanges | undefined;
  /**
   * content → extension pages: another chat was opened, or the page stopped (or started) being
   * readable. Other changes go to the side panels connected on `CHAT_PORT`.
   */
  chatStateChanged(summary: ChatSummary): void;
  /**
   * content → background: messages first seen. The background classifies them against the
   * council's policy and notes the records among them; answers the ids newly suggested.
   */
  suggestRecords(req: { chatKey: string; isGroup: boolean; messages: SeenForAdvice[] }): string[];
  /** content → background: the raw values the council's IT set (storage.managed), if any. */
  getAdviceContext(): AdviceContext;
  /** pages → background: holds, snoozes or settings changed; recompute badge, alarms, reminders. */
  deadlinesChanged(): void;
  /** popup → background: the user cleared this chat in WhatsApp (refused while a hold covers it). */
  markChatCleared(req: { chatKey: string }): ClearDownResult;
  /** popup → background: remind me about this due item again in a day. */
  snoozeDueItem(req: { key: string }): void;
  /** popup → background: bring WhatsApp Web forward and open this chat there. */
  openChatInWhatsApp(req: { chatKey: string }): { opened: boolean; problem?: string };
  /** popup → background: put the clear-down reminder into the chat's message box (never sent). */
  putReminderInChat(req: { chatKey: string }): { inserted: boolean; problem?: string };
  /** background → content (tab): open the chat with this title in the chat list, if listed. */
  openChat(req: { title: string }): { opened: boolean };
  /** background → content (tab): type `text` into the open chat's composer; never sends. */
  insertReminder(req: { title: string; text: string }): { inserted: boolean; problem?: string };
  /** pages → background: queue records for the council's webhook (outbox, retried by alarm). */
  deliverWebhook(req: { recordIds: string[] }): WebhookQueueResult;
  /** pages → background: "Try again" on a failed webhook delivery. */
  retryDelivery(req: { outboxId: string }): void;
  /** pages → background: screenshot the record's message bubble in WhatsApp Web and keep it. */
  takeScreenshot(req: { recordId: string }): ScreenshotResult;
  /** background → content (tab): scroll a message into view and report its bubble's rectangle. */
  bubbleRect(req: { messageId: string }): BubbleRect | undefined;
}

export type Context = 'background' | 'content' | 'pages';

export const handledBy = {
  capture: 'background',
  captureMany: 'background',
  capturedIds: 'background',
  chatOpened: 'background',
  recordsChanged: 'content',
  getChatState: 'content',
  getChatChanges: 'content',
  chatStateChanged: 'pages',
  suggestRecords: 'background',
  getAdviceContext: 'background',
  deadlinesChanged: 'background',
  markChatCleared: 'background',
  snoozeDueItem: 'background',
  openChatInWhatsApp: 'background',
  putReminderInChat: 'background',
  openChat: 'content',
  insertReminder: 'content',
  deliverWebhook: 'background',
  retryDelivery: 'background',
  takeScreenshot: 'background',
  bubbleRect: 'content',
} as const satisfies Record<keyof ProtocolMap, Context>;

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
