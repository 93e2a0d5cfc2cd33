/**
 * What falls due: a pure function of the clock, the council's policy and the local data.
 *
 * - Clear-downs, per council chat (never 'personal'; 'unclassified' included; council kinds when
 *   the policy's `scope.inScope` lists them, e.g. OPCC: groups only), from the policy's clear-down
 *   rule (or one the council set in settings, which takes precedence):
 *   - 'cadence' (OPCC Cleveland): due at the end of the London day `everyDays` after the chat was
 *     last cleared, or after Council Capture first saw it if never cleared. Always listed.
 *   - 'inactive' (Leicester): due at the end of the London day `inactiveAfterDays` (settings, else
 *     the rule, else 30) after the chat was last seen active, unless cleared since. We only know
 *     activity from what Council Capture saw (`lastSeenAt`): a chat never opened on this computer
 *     looks inactive. Listed from its due day.
 * - Captures: suggested records with no captured record, due at the end of the policy's
 *   `capture.withinWorkingDays` (default 2) working days after they were first seen.
 * - Retention reviews: a record whose keep-until day has ended goes to the review queue; listed from
 *   `horizonDays` before. Disposed records and permanent ones never; extensions lengthen.
 * - Holds: FOI (20 working days), subject access (one calendar month), breach (72 hours); legal
 *   holds and disputes have no due date. Open holds mark clear-downs and reviews they block.
 * - Policy review: `review.everyYears` after the latest of adoption, the document's last review and
 *   the council's recorded review; listed from `horizonDays` before.
 *
 * Snoozed items are left out until the snooze ends. Sorted by due instant, so overdue first; ties
 * keep the order of the inputs.
 */
import type { ClearDownRule, Policy } from '../policy/schema.ts';
import type { ChatEntry, ChatKind } from '../types.ts';
import { formatDate, formatDateTime } from './format.ts';
import { effectiveHoldDueAt, indexHolds, isHoldOpen } from './holds.ts';
import {
  laterKeepUntil,
  retentionDecision,
  storedKeepUntil,
  TRANSITORY_REVIEW_DAYS,
  type RetentionDecision,
} from './keep-until.ts';
import {
  addDays,
  addYears,
  endOfLondonDayIso,
  londonDateOf,
  londonDateOfAny,
  startOfLondonDay,
} from './london.ts';
import type { DueItem, DueOptions, DueRecord, Hold, Snooze } from './types.ts';
import { addWorkingDaysToDate } from './working-days.ts';

export const DEFAULT_INACTIVE_AFTER_DAYS = 30;
export const DEFAULT_CADENCE_DAYS = 7;
export const DEFAULT_CAPTURE_WORKING_DAYS = 2;
export const DEFAULT_HORIZON_DAYS = 30;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function toIso(instant: string): string {
  return new Date(instant).toISOString();
}

function activeSnoozes(now: Date, snoozes: readonly Snooze[] | undefined): Set<string> {
  const keys = new Set<string>();
  const t = now.getTime();
  for (const s of snoozes ?? []) if (Date.parse(s.until) > t) keys.add(s.key);
  return keys;
}

type Covering = ReturnType<typeof indexHolds>;

function blockers(
  covering: Covering,
  target: { chatKey?: string; recordId?: string; at?: string },
): string[] | undefined {
  const found = covering(target);
  return found.length > 0 ? found.map((h) => h.id) : undefined;
}

/**
 * Personal chats never; unclassified ones always (until the user says otherwise); council chats
 * when the policy's scope lists their kind (or it lists none).
 */
function clearDownApplies(kind: ChatKind, inScope: readonly string[] | undefined): boolean {
  if (kind === 'personal') return false;
  if (kind === 'unclassified' || !inScope) return true;
  return inScope.includes(kind);
}

function clearDownItem(
  chat: ChatEntry,
  rule: ClearDownRule,
  today: string,
  nowIso: string,
  inactiveAfterDays: number | undefined,
  covering: Covering,
): DueItem | undefined {
  let dueDate: string;
  let title: string;
  let detail: string;
  if (rule.kind === 'cadence') {
    const every = rule.everyDays ?? DEFAULT_CADENCE_DAYS;
    const since = chat.lastClearedAt ?? chat.firstSeenAt;
    dueDate = addDays(londonDateOf(since), every);
    title = `Clear down “${chat.title}”`;
    detail =
      `Every ${plural(every, 'day')}, members delete the messages of the previous ` +
      `${plural(every, 'day')}. ` +
      (chat.lastClearedAt
        ? `Last cleared ${formatDate(chat.lastClearedAt)}.`
        : `Not cleared since Council Capture first saw this chat on ${formatDate(chat.firstSeenAt)}.`);
  } else {
    const days = inactiveAfterDays ?? rule.inactiveAfterDays ?? DEFAULT_INACTIVE_AFTER_DAYS;
    if (chat.lastClearedAt && Date.parse(chat.lastClearedAt) >= Date.parse(chat.lastSeenAt)) {
      return undefined; // cleared since it was last active
    }
    dueDate = addDays(londonDateOf(chat.lastSeenAt), days);
    if (dueDate > today) return undefined;
    title = `Delete inactive conversation “${chat.title}”`;
    detail =
      `No activity seen since ${formatDate(chat.lastSeenAt)} (${plural(days, 'day')} or more). ` +
      'Conversations that are no longer active should be deleted. Council Capture only knows ' +
      'about activity it has seen.';
  }
  const dueAt = endOfLondonDayIso(dueDate);
  const item: DueItem = {
    key: `clear-down:${chat.chatKey}:${dueDate}`,
    kind: 'clear-down',
    title,
    detail,
    dueAt,
    overdue: nowIso > dueAt,
    subject: chat.chatKey,
    clause: rule.clause,
  };
  const blockedBy = blockers(covering, { chatKey: chat.chatKey });
  if (blockedBy) item.blockedBy = blockedBy;
  return item;
}

function holdItem(hold: Hold, policy: Policy, nowIso: string): DueItem | undefined {
  const due = effectiveHoldDueAt(hold, { breachHours: policy.breach?.icoWithinHours });
  if (due === undefined) return undefined;
  const dueAt = toIso(due);
  const ref = hold.reference;
  let title: string;
  let detail: string;
  let clause: string | undefined;
  switch (hold.kind) {
    case 'foi':
      title = `Respond to FOI request ${ref}`;
      detail =
        `Received ${formatDate(hold.receivedAt)}. The Freedom of Information Act 2000 (section 10) ` +
        'requires a response no later than the 20th working day after receipt.';
      break;
    case 'sar':
      title = `Respond to subject access request ${ref}`;
      detail =
        `Received ${formatDate(hold.receivedAt)}. UK GDPR (Article 12(3)) requires a response ` +
        'within one calendar month of receipt.';
      break;
    case 'breach':
      title = `Decide whether to report data breach ${ref} to the ICO`;
      detail =
        `Known since ${formatDateTime(hold.receivedAt)}. A reportable personal data breach must be ` +
        'reported to the ICO within 72 hours of becoming aware of it (UK GDPR Article 33).';
      clause = policy.breach?.clause;
      break;
    default:
      title = `${hold.kind === 'legal' ? 'Legal hold' : 'Dispute'} ${ref}`;
      detail = `Opened ${formatDate(hold.openedAt)}.`;
  }
  if (hold.dueAt !== undefined) detail += ` Due date agreed: ${formatDateTime(dueAt)}.`;
  const item: DueItem = {
    key: `hold:${hold.id}:${dueAt}`,
    kind: 'hold',
    title,
    detail,
    dueAt,
    overdue: nowIso > dueAt,
    subject: hold.id,
  };
  if (clause) item.clause = clause;
  return item;
}

/** Everything due or coming due, overdue first, then by due instant (ties in input order). */
export function dueItems(
  now: Date,
  policy: Policy,
  chats: readonly ChatEntry[],
  records: readonly DueRecord[],
  holds: readonly Hold[],
  opts: DueOptions = {},
): DueItem[] {
  const nowIso = now.toISOString();
  const today = londonDateOf(now);
  const horizonDate = addDays(today, opts.horizonDays ?? DEFAULT_HORIZON_DAYS);
  const openHolds = holds.filter((h) => isHoldOpen(h, now));
  const covering = indexHolds(openHolds);
  const snoozed = activeSnoozes(now, opts.snoozes);
  const items: DueItem[] = [];
  const add = (item: DueItem | undefined) => {
    if (item && !snoozed.has(item.key)) items.push(item);
  };

  // Clear-downs.
  const chatByKey = new Map<string, ChatEntry>();
  const rule = opts.clearDown ?? policy.clearDown;
  const kindsInScope = policy.scope?.inScope;
  for (const chat of chats) {
    chatByKey.set(chat.chatKey, chat);
    if (!rule || !clearDownApplies(chat.kind, kindsInScope)) continue;
    add(clearDownItem(chat, rule, today, nowIso, opts.inactiveAfterDays, covering));
  }

  // Captures.
  const suggested = opts.suggested ?? [];
  if (suggested.length > 0) {
    const within =
      opts.captureWithinWorkingDays ??
      policy.capture?.withinWorkingDays ??
      DEFAULT_CAPTURE_WORKING_DAYS;
    const capturedByChat = new Map<string, Set<string>>();
    for (const s of suggested) capturedByChat.set(s.chatKey, new Set());
    for (const r of records) capturedByChat.get(r.chatKey)?.add(r.message.id);
    for (const s of suggested) {
      const chat = chatByKey.get(s.chatKey);
      if (chat?.kind === 'personal') continue;
      if (capturedByChat.get(s.chatKey)?.has(s.messageId)) continue;
      const key = `capture:${s.chatKey}:${s.messageId}`;
      if (snoozed.has(key)) continue;
      const dueAt = endOfLondonDayIso(addWorkingDaysToDate(londonDateOf(s.seenAt), within));
      const item: DueItem = {
        key,
        kind: 'capture',
        title: `Capture a suggested record from “${chat?.title ?? s.chatKey}”`,
        detail:
          `Suggested on ${formatDate(s.seenAt)}` +
          (s.sentAt ? ` (message sent ${formatDateTime(s.sentAt)})` : '') +
          '. Council records are captured as soon as reasonably practicable: within ' +
          `${plural(within, 'working day')}.`,
        dueAt,
        overdue: nowIso > dueAt,
        subject: s.chatKey,
      };
      if (policy.capture?.clause) item.clause = policy.capture.clause;
      items.push(item);
    }
  }

  // Retention reviews.
  retentionItems(items, policy, records, { nowIso, horizonDate, snoozed, covering, opts });

  // Holds.
  for (const hold of openHolds) add(holdItem(hold, policy, nowIso));

  // Policy review.
  const everyYears = policy.review?.everyYears;
  const bases = [policy.adopted, policy.reviewed, opts.policyReviewedOn].filter(
    (d): d is string => d !== undefined && ISO_DATE.test(d),
  );
  if (everyYears && bases.length > 0) {
    const base = bases.reduce((a, b) => (a > b ? a : b));
    const dueDate = addYears(base, everyYears);
    if (dueDate <= horizonDate) {
      const dueAt = endOfLondonDayIso(dueDate);
      add({
        key: `policy-review:${policy.id}:${dueDate}`,
        kind: 'policy-review',
        title: `Review the policy “${policy.document}”`,
        detail:
          `${policy.council} reviews this policy every ${everyYears === 1 ? 'year' : plural(everyYears, 'year')}; ` +
          `last adopted or reviewed ${formatDate(base)}.`,
        dueAt,
        overdue: nowIso > dueAt,
        subject: policy.id,
        clause: policy.review.clause,
      });
    }
  }

  return sortByDueAt(items);
}

/**
 * Sorted by due instant; overdue items come first because they are the ones due before now. Ties
 * keep their order (chats, captures, records and holds as given): the same inputs always give the
 * same order. Numeric keys, not string comparisons: there can be tens of thousands of items.
 */
function sortByDueAt(items: DueItem[]): DueItem[] {
  const times = new Float64Array(items.length);
  const cache = new Map<string, number>();
  items.forEach((item, i) => {
    let t = cache.get(item.dueAt);
    if (t === undefined) {
      t = Date.parse(item.dueAt);
      cache.set(item.dueAt, t);
    }
    times[i] = t;
  });
  const order = Array.from(items.keys());
  order.sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
  return order.map((i) => items[i] as DueItem);
}

const dmyCache = new Map<string, string>();

/** 'dd/mm/yyyy' of 'YYYY-MM-DD', cached (a few thousand distinct days recur across records). */
function dmy(date: string): string {
  let out = dmyCache.get(date);
  if (out === undefined) {
    out = `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
    if (dmyCache.size > 50_000) dmyCache.clear();
    dmyCache.set(date, out);
  }
  return out;
}

/**
 * Records whose keep-until falls within the horizon (or has passed). The hot loop of the engine:
 * records carrying `retainUntil` cost a string comparison; the others a cached rule look-up and a
 * string comparison against the earliest capture day that could fall due, computed once per rule.
 */
function retentionItems(
  items: DueItem[],
  policy: Policy,
  records: readonly DueRecord[],
  ctx: {
    nowIso: string;
    horizonDate: string;
    snoozed: Set<string>;
    covering: Covering;
    opts: DueOptions;
  },
): void {
  const { nowIso, horizonDate, snoozed, covering } = ctx;
  const disposed = ctx.opts.disposedIds;
  const extended = ctx.opts.extendedUntil;
  // Per rule: records captured (UTC day) on or after this day cannot fall due within the horizon
  // (the London day is the same or one later; an extension only lengthens).
  const notBefore = new Map<RetentionDecision, string>();
  const skipFrom = (d: RetentionDecision & { kind: 'years' | 'transitory' }): string => {
    let day = notBefore.get(d);
    if (day === undefined) {
      day =
        d.kind === 'years'
          ? addDays(addYears(horizonDate, -d.years), 2)
          : addDays(horizonDate, 1 - TRANSITORY_REVIEW_DAYS);
      notBefore.set(d, day);
    }
    return day;
  };
  for (const r of records) {
    if (disposed !== undefined && disposed.has(r.id)) continue;
    let keep: string | undefined = r.retainUntil;
    let decision: RetentionDecision | undefined;
    if (keep === 'transitory') keep = storedKeepUntil(keep, r.capturedAt);
    else if (keep === undefined || (keep !== 'permanent' && !ISO_DATE.test(keep))) {
      decision = retentionDecision(policy, r.categories);
      if (decision === undefined) keep = undefined;
      else if (decision.kind === 'permanent') keep = 'permanent';
      else {
        if (r.capturedAt.endsWith('Z') && r.capturedAt >= skipFrom(decision)) continue;
        const captured = londonDateOf(r.capturedAt);
        keep =
          decision.kind === 'years'
            ? addYears(captured, decision.years)
            : addDays(captured, TRANSITORY_REVIEW_DAYS);
      }
    }
    if (extended !== undefined) keep = laterKeepUntil(keep, extended.get(r.id));
    if (keep === undefined || keep === 'permanent' || keep > horizonDate) continue;
    const key = `retention-review:${r.id}:${keep}`;
    if (snoozed.size > 0 && snoozed.has(key)) continue;
    const dueAt = endOfLondonDayIso(keep);
    const overdue = nowIso > dueAt;
    const at = r.message.sentAt ?? r.capturedAt;
    const item: DueItem = {
      key,
      kind: 'retention-review',
      title: `Review record from “${r.message.sender}”, ${dmy(londonDateOfAny(at))}`,
      detail:
        (overdue ? `Its keep-until date, ${dmy(keep)}, has passed.` : `Keep until ${dmy(keep)}.`) +
        ' Review it: dispose of it, or extend its retention if it is still needed.',
      dueAt,
      overdue,
      subject: r.id,
    };
    const clause = (decision ?? retentionDecision(policy, r.categories))?.clause;
    if (clause) item.clause = clause;
    const blockedBy = blockers(covering, { chatKey: r.chatKey, recordId: r.id, at });
    if (blockedBy) item.blockedBy = blockedBy;
    items.push(item);
  }
}

/**
 * When to wake next (for chrome.alarms): the earliest future `dueAt` among the items, or the end
 * of a snooze. With `wakeDaily`, no later than the next London midnight, when items beyond the
 * horizon and newly inactive chats can appear.
 */
export function nextAlarmAt(
  now: Date,
  items: readonly DueItem[],
  opts: { snoozes?: readonly Snooze[]; wakeDaily?: boolean } = {},
): Date | undefined {
  const t = now.getTime();
  let best = Number.POSITIVE_INFINITY;
  for (const item of items) {
    const d = Date.parse(item.dueAt);
    if (d > t && d < best) best = d;
  }
  for (const s of opts.snoozes ?? []) {
    const d = Date.parse(s.until);
    if (d > t && d < best) best = d;
  }
  if (opts.wakeDaily) {
    const midnight = startOfLondonDay(addDays(londonDateOf(now), 1)).getTime();
    if (midnight < best) best = midnight;
  }
  return Number.isFinite(best) ? new Date(best) : undefined;
}
