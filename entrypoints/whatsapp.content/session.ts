import type { ChatState } from '../../utils/messaging';
import type { ObservedMessage } from '../../utils/types';

/** State shared by the content-script features. Lives as long as the WhatsApp tab. */
export interface Session {
  state: ChatState | undefined;
  /** Message ids of the open chat that are already council records. */
  captured: Set<string>;
  /** Row nodes of the messages rendered now, by message id (a new Map only when they change). */
  rows: ReadonlyMap<string, Element>;
  /** The messages rendered in the page now (a window of the chat), by id. */
  visible: ReadonlyMap<string, ObservedMessage>;
  /** Subscribe to "the page was re-scanned"; returns an unsubscribe. */
  onScan(listener: () => void): () => void;
  scanned(): void;
}

export function createSession(): Session {
  const listeners = new Set<() => void>();
  return {
    state: undefined,
    captured: new Set(),
    rows: new Map(),
    visible: new Map(),
    onScan(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    scanned() {
      for (const l of listeners) l();
    },
  };
}

/** Attribute on every element we inject, so our own mutations are ignored and found again. */
export const OWN_ATTRIBUTE = 'data-council-capture';
