import { onMessage, type SeenForAdvice } from '../../utils/messaging';
import { getDb } from '../../utils/db/database';
import { noteSuggested, type SuggestedItem } from '../../utils/db/suggestions-repo';
import { nowFrom } from '../../utils/settings';
import { loadEffectiveSettings } from '../../utils/effective-settings-store';
import { policyForAdvice } from '../../utils/effective-settings';
import { classifyMessage } from '../../utils/policy/classify';
import type { Policy } from '../../utils/policy/schema';

/**
 * Classifies the messages the content script first saw and stores the council records among them
 * as suggestions (new ids only), so the deadline engine can remind about ones not yet captured.
 * Here, not in the content script: classifying then costs WhatsApp's page nothing. The database
 * is written only here, in the extension origin.
 */
export function registerSuggestions(): void {
  onMessage('suggestRecords', async ({ data }) => {
    const eff = await loadEffectiveSettings();
    const items = recordsAmong(data.messages, policyForAdvice(eff), data.isGroup);
    if (items.length === 0) return [];
    return noteSuggested(getDb(), data.chatKey, items, nowFrom(eff.settings));
  });
}

/** The messages the policy's advice says are council records, as suggestions. */
export function recordsAmong(
  messages: readonly SeenForAdvice[],
  policy: Policy,
  isGroup: boolean,
): SuggestedItem[] {
  const out: SuggestedItem[] = [];
  for (const { text, ...item } of messages) {
    if (classifyMessage(text, policy, { isGroup }).record) out.push(item);
  }
  return out;
}
