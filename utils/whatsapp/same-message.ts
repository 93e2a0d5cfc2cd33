import type { ObservedMessage } from '../types';

/**
 * Every field equal, the quoted reply by value: a message read again with nothing new to say.
 * The seen-message list and the side panel both keep their copy only when this holds, so a
 * change in any field (a forwarded flag, a quoted reply, a phone) reaches what is captured.
 * tests/unit/whatsapp/same-message.test.ts changes each field in turn, so a new field of
 * `ObservedMessage` must be added here.
 */
export function sameMessage(a: ObservedMessage, b: ObservedMessage): boolean {
  return (
    a.id === b.id &&
    a.text === b.text &&
    a.sentAt === b.sentAt &&
    a.sender === b.sender &&
    a.senderPhone === b.senderPhone &&
    a.direction === b.direction &&
    a.chatJid === b.chatJid &&
    a.media === b.media &&
    a.forwarded === b.forwarded &&
    a.edited === b.edited &&
    a.deleted === b.deleted &&
    (a.quoted === undefined) === (b.quoted === undefined) &&
    a.quoted?.sender === b.quoted?.sender &&
    a.quoted?.text === b.quoted?.text
  );
}
