/**
 * Holds (FOI, subject access, legal, dispute, data breach): their statutory due dates, what they
 * cover, and whether a chat may be cleared down or a record disposed of.
 */
import type { Policy } from '../policy/schema.ts';
import { formatDate, formatDateTime } from './format.ts';
import { effectiveKeepUntil } from './keep-until.ts';
import {
  addCalendarMonths,
  endOfLondonDayIso,
  instantOf,
  londonDateOf,
  londonDateOfAny,
} from './london.ts';
import type { DueRecord, Hold, HoldKind, SuggestedRecord } from './types.ts';
import { addWorkingDaysToDate, onOrNextWorkingDay } from './working-days.ts';

/** FOIA 2000 s.10(1): promptly and no later than the 20th working day following receipt. */
export const FOI_WORKING_DAYS = 20;
/** UK GDPR Art. 33(1): report a personal data breach to the ICO within 72 hours of becoming aware. */
export const BREACH_HOURS = 72;

export type Verdict = { ok: true } | { ok: false; reasons: string[] };

const HOLD_NAMES: Record<HoldKind, string> = {
  foi: 'FOI request',
  sar: 'Subject access request',
  legal: 'Legal hold',
  dispute: 'Dispute',
  breach: 'Data breach',
};

export function holdName(kind: HoldKind): string {
  return HOLD_NAMES[kind];
}

/**
 * When a hold must be answered, as an ISO instant; undefined for legal holds and disputes.
 * - FOI: end of the 20th working day after receipt (the next working day after receipt is day 1).
 * - Subject access: end of the corresponding day one calendar month after receipt (the last day of
 *   the month when there is none: 31 January → 28/29 February), moved to the next working day
 *   when that falls on a weekend or bank holiday (ICO right-of-access guidance).
 * - Breach: 72 hours (or `breachHours`, e.g. the policy's `breach.icoWithinHours`) after the
 *   council became aware (`receivedAt`), to the minute.
 * Days are London days.
 */
export function holdDueAt(
  kind: HoldKind,
  receivedAt: string,
  opts: { breachHours?: number } = {},
): string | undefined {
  switch (kind) {
    case 'foi':
      return endOfLondonDayIso(addWorkingDaysToDate(londonDateOf(receivedAt), FOI_WORKING_DAYS));
    case 'sar':
      return endOfLondonDayIso(onOrNextWorkingDay(addCalendarMonths(londonDateOf(receivedAt), 1)));
    case 'breach':
      return new Date(
        instantOf(receivedAt).getTime() + (opts.breachHours ?? BREACH_HOURS) * 3_600_000,
      ).toISOString();
    case 'legal':
    case 'dispute':
      return undefined;
  }
}

/** The hold's due instant: its own `dueAt` (an agreed extension) or the statutory one. */
export function effectiveHoldDueAt(
  hold: Hold,
  opts: { breachHours?: number } = {},
): string | undefined {
  return hold.dueAt ?? holdDueAt(hold.kind, hold.receivedAt, opts);
}

/** Open: not closed, or (when `now` is given) closed only later than `now`. */
export function isHoldOpen(hold: Hold, now?: Date): boolean {
  if (hold.closedAt === undefined) return true;
  return now !== undefined && Date.parse(hold.closedAt) > now.getTime();
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function withinBound(at: string, bound: string, side: 'from' | 'to'): boolean {
  if (DATE_ONLY.test(bound)) {
    const day = londonDateOfAny(at);
    return side === 'from' ? day >= bound : day <= bound;
  }
  const t = instantOf(at).getTime();
  const b = Date.parse(bound);
  return side === 'from' ? t >= b : t <= b;
}

/**
 * Whether a hold covers a target. Record ids always match. Otherwise `chatKeys` (when given) must
 * include the target's chat, and `from`/`to` (when given) must include `target.at`; a target with
 * no `at` (a whole chat, as for clear-down) is treated as covered by any period, because clearing
 * a chat deletes everything in it. An empty `covers` covers everything; one listing only record ids
 * covers only those records.
 */
export function holdCovers(
  hold: Hold,
  target: { chatKey?: string; recordId?: string; at?: string },
): boolean {
  const c = hold.covers;
  if (target.recordId !== undefined && c.recordIds?.includes(target.recordId)) return true;
  const chats = c.chatKeys !== undefined && c.chatKeys.length > 0 ? c.chatKeys : undefined;
  const hasRange = c.from !== undefined || c.to !== undefined;
  if (!chats && !hasRange) return !(c.recordIds && c.recordIds.length > 0);
  if (chats && (target.chatKey === undefined || !chats.includes(target.chatKey))) return false;
  if (target.at !== undefined) {
    if (c.from !== undefined && !withinBound(target.at, c.from, 'from')) return false;
    if (c.to !== undefined && !withinBound(target.at, c.to, 'to')) return false;
  }
  return true;
}

/** Open holds covering a chat, a record or a moment (see `holdCovers`). */
export function holdsCovering(
  holds: readonly Hold[],
  target: { chatKey?: string; recordId?: string; at?: string },
  now?: Date,
): Hold[] {
  return holds.filter((h) => isHoldOpen(h, now) && holdCovers(h, target));
}

/**
 * Open holds indexed for many look-ups (100,000 records): most targets cost two map look-ups and
 * allocate nothing. `covering(chatKey, recordId, at)` gives the same holds, in the same order, as
 * `holdsCovering(holds, { chatKey, recordId, at })`.
 */
export function indexHolds(
  holds: readonly Hold[],
): (chatKey?: string, recordId?: string, at?: string) => readonly Hold[] {
  const everything: Hold[] = [];
  const rangeOnly: Hold[] = [];
  const byRecord = new Map<string, Hold[]>();
  const byChat = new Map<string, Hold[]>();
  const order = new Map<Hold, number>();
  const push = (m: Map<string, Hold[]>, k: string, h: Hold) => {
    const list = m.get(k);
    if (list) list.push(h);
    else m.set(k, [h]);
  };
  holds.forEach((h, i) => {
    order.set(h, i);
    const c = h.covers;
    for (const id of c.recordIds ?? []) push(byRecord, id, h);
    if (c.chatKeys !== undefined && c.chatKeys.length > 0) {
      for (const k of c.chatKeys) push(byChat, k, h);
    } else if (c.from !== undefined || c.to !== undefined) rangeOnly.push(h);
    else if (!(c.recordIds && c.recordIds.length > 0)) everything.push(h);
  });
  const none: readonly Hold[] = [];
  if (holds.length === 0) return () => none;
  return (chatKey, recordId, at) => {
    const byId = recordId !== undefined ? byRecord.get(recordId) : undefined;
    const inChat = chatKey !== undefined ? byChat.get(chatKey) : undefined;
    // Fast path: nothing can match (the common case for most records).
    if (everything.length === 0 && rangeOnly.length === 0 && !byId && !inChat) return none;
    const target = { chatKey, recordId, at };
    const found = new Set<Hold>(everything);
    for (const h of byId ?? none) found.add(h);
    for (const h of inChat ?? none) if (holdCovers(h, target)) found.add(h);
    for (const h of rangeOnly) if (holdCovers(h, target)) found.add(h);
    if (found.size === 0) return none;
    return [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  };
}

/** Why a hold stops a chat being cleared or a record being disposed of (en-GB). */
export function holdReason(hold: Hold, what: 'chat' | 'record'): string {
  const due = effectiveHoldDueAt(hold);
  const ref = hold.reference;
  switch (hold.kind) {
    case 'foi':
      return (
        `FOI request ${ref} covers this ${what}${due ? ` (due ${formatDate(due)})` : ''}. ` +
        'Deleting information after a request can be an offence under section 77 of the ' +
        'Freedom of Information Act 2000.'
      );
    case 'sar':
      return (
        `Subject access request ${ref} covers this ${what}${due ? ` (due ${formatDate(due)})` : ''}. ` +
        'Deleting personal data to stop it being disclosed after a request can be an offence ' +
        'under section 173 of the Data Protection Act 2018.'
      );
    case 'legal':
      return (
        `Legal hold ${ref} covers this ${what}. Information relevant to actual or expected ` +
        'legal proceedings must be kept until the hold is released.'
      );
    case 'dispute':
      return (
        `Dispute ${ref} covers this ${what}. Records of a dispute and its resolution must be ` +
        'kept until it is resolved.'
      );
    case 'breach':
      return (
        `Data breach ${ref} covers this ${what}` +
        `${due ? ` (decide whether to report it to the ICO by ${formatDateTime(due)})` : ''}. ` +
        'Keep the evidence until the breach has been dealt with.'
      );
  }
}

/**
 * Whether a chat may be cleared down now: not while an open hold covers it, nor while suggested
 * records in it are still uncaptured (they would be lost). Pass the uncaptured suggestions (any
 * for other chats are ignored) or their count.
 */
export function canClearDown(
  now: Date,
  chatKey: string,
  holds: readonly Hold[],
  suggestedUncaptured: readonly SuggestedRecord[] | number = 0,
): Verdict {
  const reasons = holdsCovering(holds, { chatKey }, now).map((h) => holdReason(h, 'chat'));
  const n =
    typeof suggestedUncaptured === 'number'
      ? suggestedUncaptured
      : suggestedUncaptured.filter((s) => s.chatKey === chatKey).length;
  if (n > 0) {
    reasons.push(
      n === 1
        ? '1 suggested record in this chat has not been captured. Capture it (or dismiss the ' +
            'suggestion) before clearing the chat, or it will be lost.'
        : `${n} suggested records in this chat have not been captured. Capture them (or dismiss ` +
            'the suggestions) before clearing the chat, or they will be lost.',
    );
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

/**
 * Whether a record may be disposed of now: not while an open hold covers it (by id, chat or the
 * message's date), and, when a policy or keep-until is known, not before its keep-until date has
 * passed (nor ever when it is kept permanently).
 */
export function canDispose(
  now: Date,
  record: Pick<DueRecord, 'id' | 'chatKey' | 'capturedAt' | 'categories' | 'retainUntil'> & {
    message?: { sentAt?: string };
  },
  holds: readonly Hold[],
  opts: { policy?: Policy; extendedUntil?: string } = {},
): Verdict {
  const at = record.message?.sentAt ?? record.capturedAt;
  const reasons = holdsCovering(
    holds,
    { chatKey: record.chatKey, recordId: record.id, at },
    now,
  ).map((h) => holdReason(h, 'record'));
  const keep = effectiveKeepUntil(opts.policy, record, opts.extendedUntil);
  if (keep === 'permanent') {
    reasons.push('This record is kept permanently under the retention schedule.');
  } else if (keep !== undefined && londonDateOf(now) <= keep) {
    reasons.push(`This record is kept until ${formatDate(keep)} under the retention schedule.`);
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
