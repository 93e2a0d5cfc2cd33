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
  decisionLookup,
  storedKeepUntil,
  TRANSITORY_REVIEW_DAYS,
  type RetentionDecision,
} from './keep-until.ts';
import { addDays, addYears, endOfLondonDayIso, londonDateOf, startOfLondonDay } from './london.ts';
import type { DueItem, DueOptions, DueRecord, Hold, Snooze, SuggestedRecord } from './types.ts';
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

/**
 * One corrupt row (an unparseable date) must not stop every other reminder: the item is left out.
 * (The repositories validate what they store; this is the last line of defence.)
 */
function guarded<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function blockers(
  covering: Covering,
  chatKey: string,
  recordId?: string,
  at?: string,
): string[] | undefined {
  const found = covering(chatKey, recordId, at);
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
  const blockedBy = blockers(covering, chat.chatKey);
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
  const out: Collected = { items: [] };
  const add = (item: DueItem | undefined) => {
    if (item && !snoozed.has(item.key)) {
      out.items.push(item);
    }
  };

  // Clear-downs.
  const chatByKey = new Map<string, ChatEntry>();
  const rule = opts.clearDown ?? policy.clearDown;
  const kindsInScope = policy.scope?.inScope;
  for (const chat of chats) {
    chatByKey.set(chat.chatKey, chat);
    if (!rule || !clearDownApplies(chat.kind, kindsInScope)) continue;
    add(guarded(() => clearDownItem(chat, rule, today, nowIso, opts.inactiveAfterDays, covering)));
  }

  // Suggestions not yet captured: chatKey → messageId → suggestion; the record pass removes the
  // captured ones.
  const pending = new Map<string, Map<string, SuggestedRecord>>();
  for (const s of opts.suggested ?? []) {
    if (chatByKey.get(s.chatKey)?.kind === 'personal') continue;
    let inChat = pending.get(s.chatKey);
    if (!inChat) pending.set(s.chatKey, (inChat = new Map()));
    if (!inChat.has(s.messageId)) inChat.set(s.messageId, s);
  }

  // One pass over the records: retention reviews, and captured suggestions.
  recordPass(out, policy, records, pending, { nowIso, horizonDate, snoozed, covering, opts });

  // Captures.
  const within =
    opts.captureWithinWorkingDays ??
    policy.capture?.withinWorkingDays ??
    DEFAULT_CAPTURE_WORKING_DAYS;
  for (const inChat of pending.values()) {
    for (const s of inChat.values()) {
      add(guarded(() => captureItem(s, chatByKey.get(s.chatKey), policy, within, nowIso)));
    }
  }

  // Holds.
  for (const hold of openHolds) add(guarded(() => holdItem(hold, policy, nowIso)));

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

  return sortByDueAt(out);
}

interface Collected {
  items: DueItem[];
}

function captureItem(
  s: SuggestedRecord,
  chat: ChatEntry | undefined,
  policy: Policy,
  within: number,
  nowIso: string,
): DueItem {
  const dueAt = endOfLondonDayIso(addWorkingDaysToDate(londonDateOf(s.seenAt), within));
  const item: DueItem = {
    key: `capture:${s.chatKey}:${s.messageId}`,
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
  return item;
}

/**
 * Sorted by due instant; overdue items come first because they are the ones due before now. Ties
 * keep their order (clear-downs, records, captures, holds, as given): the same inputs always give
 * the same order. Numeric keys, not string comparisons: there can be tens of thousands of items.
 */
function sortByDueAt({ items }: Collected): DueItem[] {
  // Bucket by `dueAt` (many items share one: every record due on a day ends at 23:59:59, and
  // shares the very same string), then sort the distinct instants: O(n + k log k), and stable.
  const buckets = new Map<string, DueItem[]>();
  for (const item of items) {
    const bucket = buckets.get(item.dueAt);
    if (bucket) bucket.push(item);
    else buckets.set(item.dueAt, [item]);
  }
  const instants = [...buckets.keys()].map((iso) => ({ iso, t: Date.parse(iso) }));
  instants.sort((a, b) => a.t - b.t);
  const sorted: DueItem[] = [];
  for (const { iso } of instants)
    for (const item of buckets.get(iso) as DueItem[]) sorted.push(item);
  return sorted;
}

/** What every retention item due on one day shares: computed once per day, strings shared. */
interface DayFacts {
  dueAt: string;
  overdueTitle: string;
  upcomingTitle: string;
  overdueDetail: string;
  upcomingDetail: string;
}
const dayFactsCache = new Map<string, DayFacts>();

function dayFacts(keep: string): DayFacts {
  let f = dayFactsCache.get(keep);
  if (f === undefined) {
    const dueAt = endOfLondonDayIso(keep);
    f = {
      dueAt,
      overdueTitle: `Review a record kept until ${dmy(keep)}`,
      upcomingTitle: `Review a record to be kept until ${dmy(keep)}`,
      overdueDetail: `Its keep-until date, ${dmy(keep)}, has passed. ${REVIEW_ADVICE}`,
      upcomingDetail: `It is kept until ${dmy(keep)}; then ${REVIEW_ADVICE.toLowerCase()}`,
    };
    if (dayFactsCache.size > 50_000) dayFactsCache.clear();
    dayFactsCache.set(keep, f);
  }
  return f;
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
 * The London day of a capture instant. An instant written in UTC ('...Z') before 23:00 is on the
 * same calendar day in London, whose offset is only ever +0 or +1 hour, so it needs no time-zone
 * look-up; others go through `londonDateOf` (TZDate).
 */
function captureDay(capturedAt: string): string {
  if (capturedAt.length === 24 && capturedAt.endsWith('Z') && capturedAt.charCodeAt(10) === 84) {
    const hour = (capturedAt.charCodeAt(11) - 48) * 10 + (capturedAt.charCodeAt(12) - 48);
    if (hour < 23) return capturedAt.slice(0, 10);
  }
  return londonDateOf(capturedAt);
}

/** 'YYYY-MM-DD' shape, by character codes (no regular expression in the hot loop). */
function looksLikeDate(s: string): boolean {
  return s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45;
}

const REVIEW_ADVICE = 'Review it: dispose of it, or extend its retention if it is still needed.';

/**
 * The hot loop of the engine, one pass over the records: marks suggestions as captured, and lists
 * records whose keep-until falls within the horizon (or has passed). Records carrying
 * `retainUntil` cost a string comparison; the others a cached rule look-up and a comparison
 * against the earliest capture day that could fall due, computed once per rule.
 */
function recordPass(
  out: Collected,
  policy: Policy,
  records: readonly DueRecord[],
  pending: Map<string, Map<string, SuggestedRecord>>,
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
  const checkPending = pending.size > 0;
  const decide = decisionLookup(policy);
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
    if (checkPending) pending.get(r.chatKey)?.delete(r.message.id);
    let keep: string | undefined = r.retainUntil;
    let decision: RetentionDecision | undefined;
    if (keep === 'transitory') keep = storedKeepUntil(keep, r.capturedAt);
    else if (keep === undefined || (keep !== 'permanent' && !looksLikeDate(keep))) {
      decision = decide(r.categories);
      if (decision === undefined) keep = undefined;
      else if (decision.kind === 'permanent') keep = 'permanent';
      else {
        const capturedAt = r.capturedAt;
        if (capturedAt.endsWith('Z') && capturedAt >= skipFrom(decision)) continue;
        let captured: string;
        try {
          captured = captureDay(capturedAt);
        } catch {
          continue; // an unparseable capture date: left out (see `guarded`)
        }
        keep =
          decision.kind === 'years'
            ? addYears(captured, decision.years)
            : addDays(captured, TRANSITORY_REVIEW_DAYS);
      }
    }
    // Only records that could be due go further: an extension only lengthens the keep-until, and
    // a disposed record not yet due is skipped either way.
    if (keep === 'permanent' || (keep !== undefined && keep > horizonDate)) continue;
    if (extended !== undefined && extended.size > 0)
      keep = laterKeepUntil(keep, extended.get(r.id));
    if (keep === undefined || keep === 'permanent' || keep > horizonDate) continue;
    if (disposed !== undefined && disposed.has(r.id)) continue;
    const key = `retention-review:${r.id}:${keep}`;
    if (snoozed.size > 0 && snoozed.has(key)) continue;
    const facts = dayFacts(keep);
    const dueAt = facts.dueAt;
    const overdue = nowIso > dueAt;
    // Title and detail are shared by every record due that day (no per-record strings: there can
    // be tens of thousands); the UI shows the record itself from `subject`.
    const item: DueItem = {
      key,
      kind: 'retention-review',
      title: overdue ? facts.overdueTitle : facts.upcomingTitle,
      detail: overdue ? facts.overdueDetail : facts.upcomingDetail,
      dueAt,
      overdue,
      subject: r.id,
    };
    const clause = (decision ?? decide(r.categories))?.clause;
    if (clause) item.clause = clause;
    const blockedBy = blockers(covering, r.chatKey, r.id, r.message.sentAt ?? r.capturedAt);
    if (blockedBy) item.blockedBy = blockedBy;
    out.items.push(item);
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
