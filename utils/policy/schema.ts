/**
 * The council policy model. Every rule carries the clause of the policy document it comes from,
 * so advice and deadlines can always say why.
 *
 * Owned by utils/policy; the deadline engine and the UI read it. Extend, do not rename.
 */

/** A reference into the council's policy document, e.g. '10.3' or 'Appendix A'. */
export type Clause = string;

/** A rule with the clause it comes from and a plain-English summary for the options page. */
export interface Cited {
  clause: Clause;
  /** Plain-English summary shown to users (en-GB). */
  summary: string;
}

export type CategoryId = string;

/** How long a record is kept: years, permanently, or only while in administrative use. */
export type RetentionPeriod = { years: number } | { permanent: true } | { transitory: true };

export interface RetentionRule extends Cited {
  /** Categories this rule applies to; empty = the default for any record. */
  categories: CategoryId[];
  period: RetentionPeriod;
}

export interface ClearDownRule extends Cited {
  /**
   * 'cadence': every `everyDays` members delete the previous `everyDays` days' messages (OPCC).
   * 'inactive': delete conversations with no activity for `inactiveAfterDays` (Leicester).
   */
  kind: 'cadence' | 'inactive';
  everyDays?: number;
  inactiveAfterDays?: number;
  /** Who prompts members (e.g. the group admin). */
  promptedBy?: string;
  /** Text the group admin can paste into the chat as the reminder. */
  reminderText?: string;
}

export interface WorkingHours extends Cited {
  /** ISO weekday numbers, 1 = Monday ... 7 = Sunday. */
  days: number[];
  /** 'HH:mm' local Europe/London. */
  start: string;
  end: string;
}

export interface Policy {
  id: string;
  /** Bumped whenever a preset's content changes; stored on every record. */
  version: string;
  council: string;
  document: string;
  /** 'YYYY-MM-DD' where the document says; otherwise absent. */
  adopted?: string;
  reviewed?: string;
  /** Policy review cadence. */
  review: Cited & { everyYears: number };
  /** What a council record is; category ids listed in `categories`. */
  recordTest: Cited;
  categories: { id: CategoryId; label: string; clause: Clause }[];
  /** How soon a suggested record must be captured. */
  capture: Cited & { withinWorkingDays: number; methods: string[] };
  clearDown?: ClearDownRule;
  retention: RetentionRule[];
  workingHours?: WorkingHours;
  recordsOfficer: Cited & { role: string };
  breach: Cited & { contact?: string; reportWithinHours?: number };
  /** Every further rule (scope, personal data, group rules...), each cited. */
  rules: (Cited & { id: string })[];
}
