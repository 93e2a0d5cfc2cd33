/**
 * The standard local-council retention schedule, used where a policy only refers to "the
 * Retention Schedule" without giving periods. Each rule cites the clause of the policy that
 * refers to the schedule, and says that the periods are the standard ones.
 */
import type { Clause, RetentionRule } from '../schema';

export const STANDARD_SCHEDULE_NOTE =
  'The policy refers to a retention schedule without giving periods; the standard local-council schedule is assumed (contracts, finance and negligence 6 years; leases and land 12 years; personal injury 3 years; defamation 1 year; minutes permanently; transitory messages until their administrative use ends; anything else 6 years). Change these if your schedule differs.';

export function standardSchedule(
  clause: Clause,
  source = 'the retention schedule',
): RetentionRule[] {
  const std = `(standard local-council schedule, assumed because ${source} gives no periods)`;
  return [
    {
      clause,
      summary: `Council records not covered by a specific entry are kept 6 years ${std}.`,
      categories: [],
      period: { years: 6 },
    },
    {
      clause,
      summary: `Contracts, procurement, finance and negligence records: 6 years ${std}.`,
      categories: ['contract', 'procurement', 'finance', 'negligence'],
      period: { years: 6 },
    },
    {
      clause,
      summary: `Leases and land: 12 years ${std}.`,
      categories: ['lease-land'],
      period: { years: 12 },
    },
    {
      clause,
      summary: `Personal injury: 3 years ${std}.`,
      categories: ['personal-injury'],
      period: { years: 3 },
    },
    {
      clause,
      summary: `Defamation: 1 year ${std}.`,
      categories: ['defamation'],
      period: { years: 1 },
    },
    {
      clause,
      summary: `Minutes: kept permanently ${std}.`,
      categories: ['minutes'],
      period: { permanent: true },
    },
    {
      clause,
      summary: `Transitory messages: only until their administrative use ends ${std}.`,
      categories: ['transitory'],
      period: { transitory: true },
    },
  ];
}
