/** Metrics of the classifier over a labelled corpus (shared by the corpus test and the benchmark). */
import { classifyMessage, type SensitiveKind } from '../../../utils/policy/classify';
import { getPolicy } from '../../../utils/policy/presets/index';
import type { Policy } from '../../../utils/policy/schema';

export interface LabelledMessage {
  text: string;
  record: boolean;
  categories?: string[];
  personal: SensitiveKind[];
  decision: boolean;
  isGroup: boolean;
  style: 'parish' | 'opcc' | 'care';
}

/** Each style is read under the policy of that kind of council. */
export function policyForStyle(style: LabelledMessage['style']): Policy {
  const id =
    style === 'parish'
      ? 'barrowby-pc'
      : style === 'opcc'
        ? 'opcc-cleveland'
        : 'leicester-rights-participation';
  const policy = getPolicy(id);
  if (!policy) throw new Error(`missing preset ${id}`);
  return policy;
}

export interface CorpusMetrics {
  messages: number;
  recordRecall: number;
  recordPrecision: number;
  /** Share of labelled (message, kind) pairs found. */
  personalRecall: number;
  /** Share of messages with personal data where at least one kind was found. */
  personalMessageRecall: number;
  /** Share of messages without personal data that were flagged anyway. */
  personalFalseAlarmRate: number;
  decisionRecall: number;
  /** Share of group messages without a decision that got the decision warning. */
  decisionFalseAlarmRate: number;
  misses: { kind: string; text: string }[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);

export function measure(corpus: LabelledMessage[]): CorpusMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let pairs = 0;
  let pairsFound = 0;
  let pdMessages = 0;
  let pdMessagesFound = 0;
  let clean = 0;
  let cleanFlagged = 0;
  let decisions = 0;
  let decisionsFound = 0;
  let groupOther = 0;
  let groupOtherFlagged = 0;
  const misses: CorpusMetrics['misses'] = [];
  for (const m of corpus) {
    const c = classifyMessage(m.text, policyForStyle(m.style), { isGroup: m.isGroup });
    if (c.record && m.record) tp++;
    else if (c.record) {
      fp++;
      misses.push({ kind: 'record-false-positive', text: m.text });
    } else if (m.record) {
      fn++;
      misses.push({ kind: 'record-missed', text: m.text });
    }
    const kinds = new Set(c.sensitive.map((s) => s.kind));
    if (m.personal.length === 0) {
      clean++;
      if (kinds.size > 0) {
        cleanFlagged++;
        misses.push({ kind: 'personal-false-alarm', text: m.text });
      }
    } else {
      pdMessages++;
      if (kinds.size > 0) pdMessagesFound++;
      for (const k of m.personal) {
        pairs++;
        if (kinds.has(k)) pairsFound++;
        else misses.push({ kind: `personal-missed:${k}`, text: m.text });
      }
    }
    const warned = c.warnings.includes('decision-outside-meeting');
    if (m.decision) {
      decisions++;
      if (warned) decisionsFound++;
      else misses.push({ kind: 'decision-missed', text: m.text });
    } else if (m.isGroup) {
      groupOther++;
      if (warned) groupOtherFlagged++;
    }
  }
  return {
    messages: corpus.length,
    recordRecall: ratio(tp, tp + fn),
    recordPrecision: ratio(tp, tp + fp),
    personalRecall: ratio(pairsFound, pairs),
    personalMessageRecall: ratio(pdMessagesFound, pdMessages),
    personalFalseAlarmRate: ratio(cleanFlagged, clean),
    decisionRecall: ratio(decisionsFound, decisions),
    decisionFalseAlarmRate: ratio(groupOtherFlagged, groupOther),
    misses,
  };
}
