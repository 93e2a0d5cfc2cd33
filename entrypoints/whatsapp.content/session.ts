import type { ChatState } from '../../utils/messaging';
import type { ObservedMessage } from '../../utils/types';

/** State shared by the content-script features. Lives as long as the WhatsApp tab. */
export interface Session {
  state: ChatState | undefined;
  /** Message ids of the open chat that are already council records. */
  captured: Set<string>;
  /** Row nodes of the messages rendered now, by message id (kept up to date in place). */
  rows: ReadonlyMap<string, Element>;
  /** The messages rendered in the page now (a window of the chat), by id. */
  visible: ReadonlyMap<string, ObservedMessage>;
  /**
   * Subscribe to "the page was re-scanned, or captured states changed", with the ids of the
   * messages concerned (undefined: any of them may have); returns an unsubscribe.
   */
  onScan(listener: (ids?: ReadonlySet<string>) => void): () => void;
  scanned(ids?: ReadonlySet<string>): void;
}

export function createSession(): Session {
  const listeners = new Set<(ids?: ReadonlySet<string>) => void>();
  return {
    state: undefined,
    captured: new Set(),
    rows: new Map(),
    visible: new Map(),
    onScan(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    scanned(ids) {
      for (const l of listeners) l(ids);
    },
  };
}

/** Attribute on every element we inject, so our own mutations are ignored and found again. */
export const OWN_ATTRIBUTE = 'data-council-capture';
