import { describe, expect, it } from 'vitest';
import { keepUnchanged } from '../../../entrypoints/sidepanel/keep-unchanged';
import type { ChatState } from '../../../utils/messaging';
import type { ObservedMessage } from '../../../utils/types';
import { message as msg } from './message';

const state = (messages: ObservedMessage[], chatKey = 'title:Parish Council'): ChatState => ({
  recognised: true,
  chat: { title: 'Parish Council', isGroup: true },
  chatKey,
  messages,
});

/** What a fetch gives: the same data as new objects (structured clone across contexts). */
const refetch = (s: ChatState): ChatState => structuredClone(s);

describe('keepUnchanged', () => {
  it('keeps the shown list itself when a fetch brings nothing new', () => {
    const shown = state([msg('a', 'one'), msg('b', 'two', { quoted: { text: 'q' } })]);
    const next = keepUnchanged(shown, refetch(shown));
    expect(next.messages).toBe(shown.messages);
  });

  it('keeps unchanged messages as the shown objects, and takes new and changed ones', () => {
    const shown = state([msg('a', 'one'), msg('b', 'two'), msg('c', 'three')]);
    const fetched = refetch(shown);
    fetched.messages = [
      msg('z', 'older, scrolled in'),
      ...fetched.messages.slice(0, 1),
      msg('b', 'two (edited)', { edited: true }),
      ...fetched.messages.slice(2),
      msg('d', 'new'),
    ];
    const next = keepUnchanged(shown, fetched);
    expect(next.messages.map((m) => m.id)).toEqual(['z', 'a', 'b', 'c', 'd']);
    expect(next.messages[1]).toBe(shown.messages[0]);
    expect(next.messages[3]).toBe(shown.messages[2]);
    expect(next.messages[2]).toBe(fetched.messages[2]);
    expect(next.messages[2]!.text).toBe('two (edited)');
  });

  it('keeps nothing from another chat', () => {
    const shown = state([msg('a', 'one')]);
    const other = refetch(state([msg('a', 'one')], 'title:Planning'));
    expect(keepUnchanged(shown, other).messages[0]).not.toBe(shown.messages[0]);
  });
});
