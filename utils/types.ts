/**
 * Types shared across contexts (content script, background, extension pages, scripts).
 * Contracts from docs/DESIGN.md: extend these, never change existing fields.
 */

/** What the content script reads from the open WhatsApp Web chat (pure `readChat`). */
export interface ChatSnapshot {
  /** false when the layout is not understood: then `messages` is []. */
  recognised: boolean;
  /** Why not recognised, for the UI and logs. */
  problem?: string;
  chat: ChatIdentity;
  /** In DOM order. */
  messages: ObservedMessage[];
}

export interface ChatIdentity {
  title: string;
  isGroup: boolean;
  /** Only older WhatsApp builds expose the chat JID (inside serialized data-ids). */
  jid?: string;
}

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker' | 'gif';

export interface ObservedMessage {
  /** WhatsApp message id (bare part of data-id). */
  id: string;
  /** When the DOM exposes it (older data-id format). */
  chatJid?: string;
  direction: 'in' | 'out';
  /** As displayed (saved name, or phone for unsaved contacts). */
  sender: string;
  /** E.164-ish digits when the DOM shows a number. */
  senderPhone?: string;
  /** Local wall time 'YYYY-MM-DDTHH:mm' (no zone); absent if unknown. */
  sentAt?: string;
  /** Plain text; emoji as characters; links as their text. */
  text: string;
  media?: MediaKind;
  quoted?: { sender?: string; text: string };
  forwarded: boolean;
  edited: boolean;
  deleted: boolean;
}

/** How a record got into the product. */
export type CaptureMethod = 'web-button' | 'side-panel' | 'import';

/** A council record: a message kept as evidence. Never edited in place. */
export interface CouncilRecord {
  /** Random UUID. */
  id: string;
  /** Stable key of the chat (see `chatKeyOf`). Unique with messageId: capture is idempotent. */
  chatKey: string;
  messageId: string;
  chat: ChatIdentity;
  /** The message exactly as seen. */
  message: ObservedMessage;
  categories: string[];
  note: string;
  /** ISO 8601 instant (UTC). */
  capturedAt: string;
  /** The user's name and role from settings. */
  capturedBy: string;
  method: CaptureMethod;
  policyId: string;
  policyVersion: string;
  /** 'YYYY-MM-DD' or 'permanent'; absent until policy rules compute it. */
  retainUntil?: string;
  /** SHA-256 (hex) of the canonical form of the evidence fields (see `recordHashInput`). */
  sha256: string;
  /** For imported records: SHA-256 of the original export file. */
  sourceFileSha256?: string;
}

/** The subset of a record that is hashed: what was seen and how it was captured. */
export type RecordEvidence = Pick<
  CouncilRecord,
  | 'chatKey'
  | 'messageId'
  | 'chat'
  | 'message'
  | 'capturedAt'
  | 'capturedBy'
  | 'method'
  | 'policyId'
  | 'policyVersion'
>;

export type ChatKind = 'council-group' | 'council-one-to-one' | 'personal' | 'unclassified';

export interface ChatEntry {
  chatKey: string;
  title: string;
  isGroup: boolean;
  jid?: string;
  kind: ChatKind;
  firstSeenAt: string;
  lastSeenAt: string;
  lastClearedAt?: string;
}

export type AuditEventType =
  | 'record.captured'
  | 'record.annotated'
  | 'record.delivered'
  | 'record.disposed'
  | 'record.retention-extended'
  | 'chat.seen'
  | 'chat.classified'
  | 'chat.cleared'
  | 'hold.opened'
  | 'hold.closed'
  | 'settings.changed'
  | 'import.completed'
  /** Messages the advice suggested are records, first seen (one event per scan). */
  | 'record.suggested'
  /** The user decided a suggested record is not one, with a reason. */
  | 'suggestion.dismissed';

/** Append-only audit log entry in a SHA-256 hash chain. */
export interface AuditEvent {
  /** Position in the chain, from 1. */
  seq: number;
  type: AuditEventType;
  /** ISO 8601 instant. */
  at: string;
  /** Who did it (user name from settings, or 'system'). */
  actor: string;
  /** What it is about: record id, chat key, hold id... */
  subject: string;
  details: Record<string, unknown>;
  /** Hash of the previous event ('' for the first). */
  prevHash: string;
  hash: string;
}

/** Result of asking the background to capture a message. */
export type CaptureResult =
  | { status: 'captured'; record: CouncilRecord }
  | { status: 'already-captured'; record: CouncilRecord }
  | { status: 'error'; error: string };
