/** Pure decisions for the options page: what stops a save, what a save changed. */
import { checkWorkingHours, isEmail } from '../../utils/effective-settings';
import type { Settings } from '../../utils/settings';

/** Problems that stop a save, in en-GB; [] when the draft can be saved. */
export function draftProblems(draft: Settings): string[] {
  const problems: string[] = [];
  const email = draft.recordsOfficer.email.trim();
  if (email !== '' && !isEmail(email))
    problems.push('The records officer’s email is not an email address.');
  if (draft.workingHours) {
    const wh = checkWorkingHours(draft.workingHours);
    if (!wh.ok) problems.push(`Working hours: ${wh.error}.`);
  }
  if (draft.policyId === 'custom' && !draft.customPolicy)
    problems.push('Make and check a custom policy before choosing it.');
  return problems;
}

/** Keys whose values differ (shallow, by JSON), for the audit log. */
export function changedKeys(a: Settings, b: Settings): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Settings>;
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}
