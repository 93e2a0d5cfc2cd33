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
  breach: Cited & { contact?: string; reportWithinHours?: number } & BreachClock;
  /** Every further rule (scope, personal data, group rules...), each cited. */
  rules: (Cited & { id: string })[];

  // ---- Extensions (utils/policy owns these; all optional for older custom policies) ----

  /** Which chats the policy governs. */
  scope?: ScopeRule;
  /** What may be shared about people. */
  personalData?: PersonalDataRule;
  /** Rules for council group chats. */
  groupChat?: GroupChatRules;
  /** Planning / quasi-judicial matters: no appearance of a closed mind. */
  predetermination?: Cited;
  /** What is transitory (need not be kept), where the policy says. */
  transitory?: Cited;
  /** Freedom of Information: which messages are disclosable. */
  foi?: Cited;
  /** Whether the composer guard (warning while typing) may be switched off by the user. */
  composerGuard?: ComposerGuardRule;
  /** Assumptions made where the document is silent, shown on the options page. */
  notes?: string[];
}

/** Chat kinds, as in utils/types.ts `ChatKind`. */
export type PolicyChatKind = 'council-group' | 'council-one-to-one' | 'personal' | 'unclassified';

export interface ScopeRule extends Cited {
  /** Chat kinds the policy governs ('personal' never is). */
  inScope: PolicyChatKind[];
  /** Personal and social chats are outside the policy. */
  personalExcluded: boolean;
  /** Only groups the council has designated for business (e.g. with OPCC logos) are in scope. */
  designatedGroupsOnly: boolean;
  /** 'not-for-business': one-to-one WhatsApp must not carry business (OPCC). */
  oneToOneBusiness: 'allowed' | 'not-for-business';
  /** Channels to advise instead when one-to-one business is not allowed. */
  alternatives?: string[];
}

export interface PersonalDataRule extends Cited {
  /**
   * 'none': no personal information at all (Wherstead);
   * 'no-sensitive': no sensitive or confidential information (Oakthorpe, Leicester);
   * 'lawful-basis': only with a clear lawful basis and safeguards (Barrowby 9).
   */
  level: 'none' | 'no-sensitive' | 'lawful-basis';
  /** Where to move personal or sensitive matters instead. */
  moveTo?: string;
}

export interface GroupChatRules {
  /** No decisions outside properly convened meetings. */
  noDecisions?: Cited;
  /** No consensus-seeking that bypasses lawful governance. */
  noConsensusSeeking?: Cited;
  /** No confidential or sensitive information. */
  noConfidential?: Cited;
  /** No informal staffing, complaint or legally sensitive discussion. */
  noStaffingOrComplaints?: Cited;
}

export interface ComposerGuardRule extends Cited {
  /** false where the policy says sensitive/personal data must never be sent. */
  mayBeTurnedOff: boolean;
}

/** `breach` extension fields (kept on the same object). */
export interface BreachClock {
  /** The policy says "immediately". */
  immediately?: boolean;
  /** Statutory clock to tell the ICO of a reportable personal data breach (UK GDPR Art. 33). */
  icoWithinHours?: number;
}
