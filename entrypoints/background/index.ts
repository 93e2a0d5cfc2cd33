import { defineBackground } from 'wxt/utils/define-background';
import { registerMessageHandlers } from './messages';
import { registerSidePanel } from './side-panel';
import { registerOutbox } from './outbox';
import { registerScreenshots } from './screenshot';
import { registerSuggestions } from './suggestions';
import { registerManaged } from './managed';
import { registerDeadlines } from './deadlines';

/** MV3 workers are woken by events: register every listener synchronously at top level. */
export default defineBackground(() => {
  registerMessageHandlers();
  registerSidePanel();
  registerOutbox();
  registerScreenshots();
  registerSuggestions();
  registerManaged();
  registerDeadlines();
});
