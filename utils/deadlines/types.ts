/**
 * Types of the deadline engine: what falls due (clear-downs, captures, retention reviews, holds,
 * policy reviews) and the holds that block clear-down and disposal.
 */
import type { ClearDownRule } from '../policy/schema.ts';
import type { CouncilRecord } from '../types.ts';

export type DueKind = 'clear-down' | 'capture' | 'retention-review' | 'hold' | 'policy-review';

export interface DueItem {
  /**
   * Stable identity of this occurrence, e.g. 'clear-down:<chatKey>:<dueDate>': the same inputs
   * always give the same key, the next period a new one, so a notification is never repeated.
   */
  key: string;
  kind: DueKind;
  /** en-GB, short. */
  title: string;
  /** en-GB, one or two sentences saying why. */
  detail: string;
  /** ISO 8601 instant (UTC). End-of-day deadlines are 23:59:59 Europe/London. */
  dueAt: string;
  /** `now` is after `dueAt`. */
  overdue: boolean;
  /** chatKey | recordId | holdId | policyId. */
  subject: string;
  /** The policy clause the deadline comes from, when there is one. */
  clause?: string;
  /** Ids of open holds that block acting on this item (clear-down, disposal). */
  blockedBy?: string[];
}

export type HoldKind = 'foi' | 'sar' | 'legal' | 'dispute' | 'breach';

/**
 * Something that must stop information being deleted: an FOI request, a subject access request,
 * a legal hold, a dispute, a data breach. Open until `closedAt`.
 */
export interface Hold {
  id: string;
  kind: HoldKind;
  /** The council's reference, e.g. 'FOI-2026-014'. */
  reference: string;
  /** ISO instant the hold was recorded in Council Capture. */
  openedAt: string;
  /** ISO instant the request was received (for a breach: when it became known). */
  receivedAt: string;
  /** Overrides the computed due date (e.g. an agreed extension). ISO instant. */
  dueAt?: string;
  closedAt?: string;
  /**
   * What the hold covers. Record ids always match. `chatKeys` limits it to those chats; `from`/`to`
   * (inclusive; 'YYYY-MM-DD' London days or ISO instants) to messages in that period. An empty
   * `covers` is a hold on everything.
   */
  covers: { chatKeys?: string[]; from?: string; to?: string; recordIds?: string[] };
  note?: string;
}

/** "Remind me later": the item with this key is left out until `until` (ISO instant). */
export interface Snooze {
  key: string;
  until: string;
}

/** A message the advice suggested is a council record, seen but perhaps not yet captured. */
export interface SuggestedRecord {
  chatKey: string;
  messageId: string;
  /** ISO instant Council Capture first saw (and suggested) it: the capture clock starts here. */
  seenAt: string;
  /** The message's own London wall time, when known. */
  sentAt?: string;
}

/** The parts of a record the engine reads. */
export type DueRecord = Pick<
  CouncilRecord,
  'id' | 'chatKey' | 'capturedAt' | 'categories' | 'retainUntil' | 'message'
>;

export interface DueOptions {
  /** Suggested records; those without a captured record (chatKey + message id) fall due. */
  suggested?: SuggestedRecord[];
  snoozes?: Snooze[];
  /** Settings: days without activity before a conversation is due for deletion ('inactive'). */
  inactiveAfterDays?: number;
  /** Settings: a clear-down rule the council set itself when its policy has none. */
  clearDown?: ClearDownRule;
  /** Settings: working days to capture a suggested record (overrides the policy). */
  captureWithinWorkingDays?: number;
  /** Records already disposed of (from 'record.disposed' audit events). */
  disposedIds?: Set<string>;
  /** recordId → keep-until ('YYYY-MM-DD' | 'permanent') from 'record.retention-extended' events. */
  extendedUntil?: Map<string, string>;
  /** When the council last reviewed the policy ('YYYY-MM-DD'), if later than the document says. */
  policyReviewedOn?: string;
  /**
   * Retention and policy reviews are listed from this many days before they fall due (default
   * 30); further ones are left out so 100,000 records do not make 100,000 items.
   */
  horizonDays?: number;
}
