/** Plain-English (en-GB) list of a policy's rules, with clause references, for the options page. */
import type { Cited, Policy, RetentionPeriod } from './schema';

export interface PolicySection {
  heading: string;
  items: { text: string; clause: string }[];
}

const DAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function period(p: RetentionPeriod): string {
  if ('permanent' in p) return 'kept permanently';
  if ('transitory' in p) return 'kept only while in administrative use';
  return `kept ${p.years} year${p.years === 1 ? '' : 's'}`;
}

function item(c: Cited, text = c.summary): { text: string; clause: string } {
  return { text, clause: c.clause };
}

export function describePolicy(policy: Policy): PolicySection[] {
  const sections: PolicySection[] = [];
  const labels = new Map(policy.categories.map((c) => [c.id, c.label]));
  const add = (heading: string, items: { text: string; clause: string }[]): void => {
    if (items.length > 0) sections.push({ heading, items });
  };

  const scope: PolicySection['items'] = [];
  if (policy.scope) {
    scope.push(item(policy.scope));
    if (policy.scope.oneToOneBusiness === 'not-for-business')
      scope.push(
        item(
          policy.scope,
          `Do not use one-to-one WhatsApp chats for business: use ${(policy.scope.alternatives ?? ['email']).join(', ')} instead.`,
        ),
      );
  }
  scope.push(...policy.rules.filter((r) => r.id.startsWith('scope.')).map((r) => item(r)));
  add('Which chats are covered', scope);

  const records: PolicySection['items'] = [item(policy.recordTest)];
  if (policy.transitory) records.push(item(policy.transitory));
  if (policy.foi) records.push(item(policy.foi));
  records.push(
    item(
      policy.capture,
      `${policy.capture.summary} Ways to capture: ${policy.capture.methods.join('; ')}.`,
    ),
  );
  records.push(
    item(
      policy.recordsOfficer,
      `Records officer: ${policy.recordsOfficer.role}. ${policy.recordsOfficer.summary}`,
    ),
  );
  add('What counts as a record', records);

  add(
    'How long records are kept',
    policy.retention.map((r) => ({
      text:
        r.categories.length === 0
          ? `Any other record: ${period(r.period)}. ${r.summary}`
          : `${r.categories.map((id) => labels.get(id) ?? id).join(', ')}: ${period(r.period)}. ${r.summary}`,
      clause: r.clause,
    })),
  );

  const housekeeping: PolicySection['items'] = [];
  if (policy.clearDown) {
    const cd = policy.clearDown;
    const when =
      cd.kind === 'cadence'
        ? `Clear the chat every ${cd.everyDays ?? '?'} days`
        : `Delete conversations inactive for ${cd.inactiveAfterDays ?? '?'} days`;
    housekeeping.push(
      item(cd, `${when}${cd.promptedBy ? ` (prompted by: ${cd.promptedBy})` : ''}. ${cd.summary}`),
    );
  }
  if (policy.workingHours) {
    const wh = policy.workingHours;
    const days = wh.days.map((d) => DAYS[d] ?? String(d)).join(', ');
    housekeeping.push(item(wh, `Working hours: ${days}, ${wh.start}–${wh.end}. ${wh.summary}`));
  }
  add('Clear-downs and working hours', housekeeping);

  const people: PolicySection['items'] = [];
  if (policy.personalData) people.push(item(policy.personalData));
  if (policy.composerGuard)
    people.push(
      item(
        policy.composerGuard,
        policy.composerGuard.mayBeTurnedOff
          ? `The warning while typing can be switched off. ${policy.composerGuard.summary}`
          : `The warning while typing cannot be switched off. ${policy.composerGuard.summary}`,
      ),
    );
  add('Personal and sensitive information', people);

  const group: PolicySection['items'] = [];
  const g = policy.groupChat;
  if (g)
    for (const c of [
      g.noDecisions,
      g.noConsensusSeeking,
      g.noConfidential,
      g.noStaffingOrComplaints,
    ])
      if (c) group.push(item(c));
  if (policy.predetermination) group.push(item(policy.predetermination));
  add('Group chats, decisions and predetermination', group);

  add('Breaches and incidents', [
    item(
      policy.breach,
      `${policy.breach.summary}${policy.breach.contact ? ` Contact: ${policy.breach.contact}.` : ''}`,
    ),
  ]);

  add(
    'Other rules',
    policy.rules.filter((r) => !r.id.startsWith('scope.')).map((r) => item(r)),
  );
  add('Review', [
    item(
      policy.review,
      `Reviewed every ${policy.review.everyYears === 1 ? 'year' : `${policy.review.everyYears} years`}. ${policy.review.summary}`,
    ),
  ]);
  if (policy.notes && policy.notes.length > 0)
    add(
      'Assumptions where the document is silent',
      policy.notes.map((n) => ({ text: n, clause: 'Note (not in the document)' })),
    );
  return sections;
}
