/**
 * What the composer guard says about a draft: calm, specific, with the clause. Pure (the content
 * script passes the draft, the policy and the London wall time), and cheap enough to run once per
 * animation frame while the user types.
 */
import { classifyMessage, type SensitiveKind, type Warning } from './policy/classify';
import type { Policy } from './policy/schema';

export interface GuardItem {
  warning: Warning;
  /** One sentence for the warning. */
  text: string;
  /** The policy clause it comes from. */
  clause?: string;
  /** The rule in plain English, for "Why?". */
  why: string;
}

/** Plain-English names of kinds of personal data, shared by the composer guard and the side panel. */
export const KIND_LABEL: Record<SensitiveKind, string> = {
  email: 'an email address',
  phone: 'a phone number',
  postcode: 'a postcode',
  address: 'a home address',
  'ni-number': 'a National Insurance number',
  'nhs-number': 'an NHS number',
  'date-of-birth': 'a date of birth',
  'bank-account': 'bank details',
  health: 'health information',
  'criminal-record': 'criminal record information',
  'special-category': 'special category information (such as religion, ethnicity or sexuality)',
};

const DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function dayRange(days: number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const consecutive = sorted.every((d, i) => i === 0 || d === (sorted[i - 1] as number) + 1);
  if (consecutive && sorted.length > 2)
    return `${DAYS[sorted[0] as number]}–${DAYS[sorted[sorted.length - 1] as number]}`;
  return sorted.map((d) => DAYS[d]).join(', ');
}

/** The warnings for a draft, in a fixed order; [] when it is clean or empty. */
export function composerAdvice(
  draft: string,
  policy: Policy,
  ctx: { isGroup?: boolean; now?: string } = {},
): GuardItem[] {
  if (draft.trim() === '') return [];
  const c = classifyMessage(draft, policy, {
    ...(ctx.isGroup !== undefined ? { isGroup: ctx.isGroup } : {}),
    ...(ctx.now ? { sentAt: ctx.now } : {}),
  });
  const clauseOf = (prefix: string) => c.reasons.find((r) => r.rule.startsWith(prefix))?.clause;
  const items: GuardItem[] = [];
  for (const w of c.warnings) {
    switch (w) {
      case 'sensitive-data': {
        const kinds = [...new Set(c.sensitive.map((s) => KIND_LABEL[s.kind]))];
        const moveTo = policy.personalData?.moveTo;
        items.push({
          warning: w,
          text: `This draft contains personal data (${listOf(kinds)}).${moveTo ? ` Consider using ${moveTo} instead.` : ''}`,
          clause: clauseOf('personal-data'),
          why:
            policy.personalData?.summary ??
            policy.groupChat?.noConfidential?.summary ??
            'Share personal data only where your council’s policy allows it.',
        });
        break;
      }
      case 'decision-outside-meeting':
        items.push({
          warning: w,
          text: 'This reads like a decision or a call for agreement. Decisions are made in a properly convened meeting, not in the chat.',
          clause: clauseOf('group chat'),
          why:
            policy.groupChat?.noDecisions?.summary ??
            policy.groupChat?.noConsensusSeeking?.summary ??
            policy.recordTest.summary,
        });
        break;
      case 'predetermination':
        items.push({
          warning: w,
          text: 'This could suggest your mind is made up before the meeting has heard the matter.',
          clause: clauseOf('predetermination'),
          why:
            policy.predetermination?.summary ??
            'Councillors must not appear to have a closed mind before a decision is taken.',
        });
        break;
      case 'one-to-one-business':
        items.push({
          warning: w,
          text: `Council business should not go through one-to-one WhatsApp chats: use ${listOf(policy.scope?.alternatives ?? ['email'])}.`,
          clause: policy.scope?.clause,
          why: policy.scope?.summary ?? '',
        });
        break;
      case 'outside-working-hours': {
        const wh = policy.workingHours;
        items.push({
          warning: w,
          text: wh
            ? `It is outside working hours (${dayRange(wh.days)} ${wh.start}–${wh.end}). Consider sending this later.`
            : 'It is outside working hours. Consider sending this later.',
          clause: wh?.clause,
          why: wh?.summary ?? '',
        });
        break;
      }
    }
  }
  return items;
}
