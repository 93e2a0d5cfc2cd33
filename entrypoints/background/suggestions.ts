import { onMessage } from '../../utils/messaging';
import { getDb } from '../../utils/db/database';
import { noteSuggested } from '../../utils/db/suggestions-repo';
import { nowFrom } from '../../utils/settings';
import { getSettings } from '../../utils/settings-store';

/**
 * Stores the suggested records the content script reports (new ids only, one batch per scan),
 * so the deadline engine can remind about ones not yet captured. The content script classifies
 * (it has the messages); the database is written only here, in the extension origin.
 */
export function registerSuggestions(): void {
  onMessage('suggestRecords', async ({ data }) => {
    const settings = await getSettings();
    return noteSuggested(getDb(), data.chatKey, data.items, nowFrom(settings));
  });
}
