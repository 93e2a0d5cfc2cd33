/**
 * The category vocabulary shared by the classifier, retention rules and the UI.
 * Presets say which clause of their document makes each category a record.
 */
import type { CategoryId, Clause, Policy } from './schema';

export const CATEGORY_LABELS: Readonly<Record<CategoryId, string>> = {
  decision: 'Decision',
  instruction: 'Instruction',
  approval: 'Approval or authorisation',
  finance: 'Finance',
  staffing: 'Staffing',
  complaint: 'Complaint',
  foi: 'FOI / EIR / subject access',
  legal: 'Legal',
  'data-protection': 'Data protection',
  incident: 'Incident',
  planning: 'Planning',
  procurement: 'Procurement',
  contract: 'Contract',
  safeguarding: 'Safeguarding',
  casework: 'Casework',
  meeting: 'Meeting business',
  minutes: 'Minutes',
  'lease-land': 'Leases and land',
  'personal-injury': 'Personal injury',
  negligence: 'Negligence',
  defamation: 'Defamation',
  dispute: 'Dispute',
  correspondence: 'Formal correspondence',
  transitory: 'Transitory',
};

/** Builds a preset's category list: every known category, each with its clause. */
export function categoryList(
  defaultClause: Clause,
  overrides: Partial<Record<CategoryId, Clause>> = {},
  only?: CategoryId[],
): Policy['categories'] {
  const ids = only ?? Object.keys(CATEGORY_LABELS);
  return ids.map((id) => ({
    id,
    label: CATEGORY_LABELS[id] ?? id,
    clause: overrides[id] ?? defaultClause,
  }));
}
