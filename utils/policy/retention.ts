/**
 * How long a captured record is kept under a policy. Each category takes its own rule (or the
 * policy's default rule); the longest period among the record's categories wins:
 * permanent > years > transitory.
 */
import type { Policy, RetentionPeriod, RetentionRule } from './schema';

export type RetainUntil = string | 'permanent' | 'transitory';

export interface RetentionDecision {
  /** 'YYYY-MM-DD', 'permanent' or 'transitory'. */
  until: RetainUntil;
  /** The rule that decided it. */
  rule: RetentionRule;
  clause: string;
}

function rank(p: RetentionPeriod): number {
  if ('permanent' in p) return Number.POSITIVE_INFINITY;
  if ('transitory' in p) return -1;
  return p.years;
}

/** The London calendar date of an ISO instant (or of a bare 'YYYY-MM-DD'). */
const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function localDate(iso: string): [number, number, number] {
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (bare) return [Number(bare[1]), Number(bare[2]), Number(bare[3])];
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`capturedAt is not a date: ${iso}`);
  const [y, m, d] = londonDate.format(t).split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
}

/** Adds whole years; 29 February becomes 28 February in a non-leap year. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = localDate(iso);
  const ty = y + years;
  const last = new Date(Date.UTC(ty, m, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(ty).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function retentionDecision(
  policy: Policy,
  categories: string[],
  capturedAt: string,
): RetentionDecision {
  const defaults = policy.retention.filter((r) => r.categories.length === 0);
  const fallback = defaults.reduce<RetentionRule | undefined>(
    (best, r) => (best === undefined || rank(r.period) > rank(best.period) ? r : best),
    undefined,
  );
  if (!fallback) throw new Error(`Policy ${policy.id} has no default retention rule`);
  let best: RetentionRule | undefined;
  const consider = (r: RetentionRule): void => {
    if (best === undefined || rank(r.period) > rank(best.period)) best = r;
  };
  if (categories.length === 0) consider(fallback);
  for (const cat of categories) {
    const specific = policy.retention.filter((r) => r.categories.includes(cat));
    if (specific.length === 0) consider(fallback);
    else specific.forEach(consider);
  }
  const rule: RetentionRule = best ?? fallback;
  const p = rule.period;
  const until: RetainUntil =
    'permanent' in p
      ? 'permanent'
      : 'transitory' in p
        ? 'transitory'
        : addYears(capturedAt, p.years);
  return { until, rule, clause: rule.clause };
}

/** 'YYYY-MM-DD' (London date of capture plus the period), 'permanent' or 'transitory'. */
export function retainUntil(policy: Policy, categories: string[], capturedAt: string): RetainUntil {
  return retentionDecision(policy, categories, capturedAt).until;
}
