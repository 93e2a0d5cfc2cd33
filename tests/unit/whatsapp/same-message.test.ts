import { describe, expect, it } from 'vitest';
import type { ObservedMessage } from '../../../utils/types';
import { sameMessage } from '../../../utils/whatsapp/same-message';

/** Every field set, so that each can be changed. */
const base: Required<ObservedMessage> = {
  id: '3EB0A1',
  chatJid: '447700900001-1600000000@g.us',
  direction: 'in',
  sender: 'Bob Hart',
  senderPhone: '447700900123',
  sentAt: '2026-11-20T09:15',
  text: 'Approved: the hall booking',
  media: 'image',
  quoted: { sender: 'Ann Lee', text: 'Can we book the hall?' },
  forwarded: false,
  edited: false,
  deleted: false,
};

/** For every field, a value unlike base's. The type makes a new field fail to compile here. */
const other: { [K in keyof ObservedMessage]-?: ObservedMessage[K] } = {
  id: '3EB0A2',
  chatJid: '447700900002-1600000000@g.us',
  direction: 'out',
  sender: 'Bob Hart (Cllr)',
  senderPhone: '447700900124',
  sentAt: '2026-11-20T09:16',
  text: 'Approved: the hall booking.',
  media: 'document',
  quoted: { sender: 'Ann Lee', text: 'Can we book the hall? ' },
  forwarded: true,
  edited: true,
  deleted: true,
};

describe('sameMessage', () => {
  it('holds for an equal copy', () => {
    expect(sameMessage(base, structuredClone(base))).toBe(true);
  });

  it.each(Object.keys(other) as (keyof ObservedMessage)[])('tells a change in %s', (key) => {
    expect(sameMessage(base, { ...base, [key]: other[key] })).toBe(false);
    expect(sameMessage({ ...base, [key]: other[key] }, base)).toBe(false);
  });

  it('tells an optional field set from one absent', () => {
    for (const key of ['chatJid', 'senderPhone', 'sentAt', 'media', 'quoted'] as const) {
      const without = { ...base };
      delete without[key];
      expect(sameMessage(base, without), key).toBe(false);
      expect(sameMessage(without, base), key).toBe(false);
    }
  });

  it('compares the quoted reply by value, its sender included', () => {
    const q = { ...base, quoted: { text: base.quoted.text } };
    expect(sameMessage(base, q)).toBe(false);
    expect(sameMessage(q, structuredClone(q))).toBe(true);
  });
});
