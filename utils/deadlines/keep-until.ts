/**
 * A record's keep-until date, for the retention review queue.
 *
 * Normally the record carries it (`record.retainUntil`, set at capture by utils/policy/retention.ts).
 * When it is absent this module works it out from `policy.retention` the way utils/policy/retention.ts
 * does (a test checks they agree): each of the record's categories takes its own rules, or the
 * default rules (no categories) when it has none, and the longest wins — permanent, else the most
 * years, else transitory. Years run from the London day of capture; 29 February becomes
 * 28 February in a common year. A transitory record (`retainUntil` 'transitory', or by rule) is
 * reviewed 30 days after capture.
 *
 * An extension ('record.retention-extended' audit event) can only lengthen it.
 */
import type { Policy, RetentionRule } from '../policy/schema.ts';
import { addDays, addYears, londonDateOf, type IsoDate } from './london.ts';

export type KeepUntil = IsoDate | 'permanent';

/** Days a transitory record is kept before it is reviewed. */
export const TRANSITORY_REVIEW_DAYS = 30;

export type RetentionDecision =
  | { kind: 'years'; years: number; clause: string }
  | { kind: 'permanent'; clause: string }
  | { kind: 'transitory'; clause: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function rank(d: RetentionDecision): number {
  if (d.kind === 'permanent') return Number.POSITIVE_INFINITY;
  if (d.kind === 'years') return d.years;
  return -1;
}

function decisionOf(rule: RetentionRule): RetentionDecision {
  const p = rule.period;
  if ('permanent' in p) return { kind: 'permanent', clause: rule.clause };
  if ('years' in p) return { kind: 'years', years: p.years, clause: rule.clause };
  return { kind: 'transitory', clause: rule.clause };
}

const decisionCache = new WeakMap<Policy, Map<string, RetentionDecision | null>>();

/** The retention period that applies to a record with these categories (undefined: no rule). */
export function retentionDecision(
  policy: Policy,
  categories: readonly string[],
): RetentionDecision | undefined {
  return decisionLookup(policy)(categories);
}

/** `retentionDecision` for one policy, its cache fetched once (for loops over many records). */
export function decisionLookup(
  policy: Policy,
): (categories: readonly string[]) => RetentionDecision | undefined {
  let perPolicy = decisionCache.get(policy);
  if (!perPolicy) {
    perPolicy = new Map();
    decisionCache.set(policy, perPolicy);
  }
  const cache = perPolicy;
  return (categories) => decide(policy, cache, categories);
}

function decide(
  policy: Policy,
  perPolicy: Map<string, RetentionDecision | null>,
  categories: readonly string[],
): RetentionDecision | undefined {
  const cacheKey = categories.length === 1 ? (categories[0] ?? '') : categories.join('\u0000');
  const cached = perPolicy.get(cacheKey);
  if (cached !== undefined) return cached ?? undefined;
  // As utils/policy/retention.ts: each category takes its own rules, or the default rules when it
  // has none (so does a record with no categories); the longest of those wins.
  let best: RetentionDecision | undefined;
  const consider = (rule: RetentionRule) => {
    const d = decisionOf(rule);
    if (!best || rank(d) > rank(best)) best = d;
  };
  const defaults = policy.retention.filter((r) => r.categories.length === 0);
  if (categories.length === 0) defaults.forEach(consider);
  for (const cat of categories) {
    const specific = policy.retention.filter((r) => r.categories.includes(cat));
    (specific.length > 0 ? specific : defaults).forEach(consider);
  }
  perPolicy.set(cacheKey, best ?? null);
  return best;
}

/** Keep-until from the policy's rules (undefined when the policy has no rule for the record). */
export function computeKeepUntil(
  policy: Policy,
  categories: readonly string[],
  capturedAt: string,
): KeepUntil | undefined {
  const d = retentionDecision(policy, categories);
  if (!d) return undefined;
  if (d.kind === 'permanent') return 'permanent';
  const captured = londonDateOf(capturedAt);
  if (d.kind === 'years') return addYears(captured, d.years);
  return addDays(captured, TRANSITORY_REVIEW_DAYS);
}

function valid(k: string | undefined): k is KeepUntil {
  return k !== undefined && (k === 'permanent' || ISO_DATE.test(k));
}

/** A stored `retainUntil` as a keep-until: 'transitory' becomes capture + 30 days. */
export function storedKeepUntil(
  retainUntil: string | undefined,
  capturedAt: string,
): KeepUntil | undefined {
  if (retainUntil === 'transitory')
    return addDays(londonDateOf(capturedAt), TRANSITORY_REVIEW_DAYS);
  return valid(retainUntil) ? retainUntil : undefined;
}

/** The later of two keep-until values; 'permanent' wins. */
export function laterKeepUntil(
  a: KeepUntil | undefined,
  b: KeepUntil | undefined,
): KeepUntil | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a === 'permanent' || b === 'permanent') return 'permanent';
  return a >= b ? a : b;
}

/**
 * The keep-until that governs a record: its own `retainUntil` (or, when absent, the policy's), made
 * later by any extension.
 */
export function effectiveKeepUntil(
  policy: Policy | undefined,
  record: { categories: readonly string[]; capturedAt: string; retainUntil?: string },
  extendedUntil?: string,
): KeepUntil | undefined {
  const own =
    storedKeepUntil(record.retainUntil, record.capturedAt) ??
    (policy ? computeKeepUntil(policy, record.categories, record.capturedAt) : undefined);
  return laterKeepUntil(own, valid(extendedUntil) ? extendedUntil : undefined);
}
