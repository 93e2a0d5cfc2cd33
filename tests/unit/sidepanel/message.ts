import type { ObservedMessage } from '../../../utils/types';

/** A plain incoming message of the side panel tests, with `extra` fields set. */
export const message = (
  id: string,
  text: string,
  extra: Partial<ObservedMessage> = {},
): ObservedMessage => ({
  id,
  direction: 'in',
  sender: 'Alice Brown',
  sentAt: '2026-11-22T10:15',
  text,
  forwarded: false,
  edited: false,
  deleted: false,
  ...extra,
});
