import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  keepUnchanged,
  latestChatState,
  type ChatSource,
} from '../../../entrypoints/sidepanel/chat-copy';
import type { ChatState } from '../../../utils/messaging';
import type { ObservedMessage } from '../../../utils/types';
import { SeenMessages } from '../../../utils/whatsapp/accumulate';
import { message as msg } from './message';

const state = (messages: ObservedMessage[], chatKey = 'title:Parish Council'): ChatState => ({
  recognised: true,
  chat: { title: 'Parish Council', isGroup: true },
  chatKey,
  messages,
  epoch: 'e1',
  version: 1,
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

/**
 * The WhatsApp tab's side over a real list of seen messages, as the content script answers
 * (structured clones, as messaging gives), counting the messages it sends.
 */
function tab(seen: () => SeenMessages) {
  const sent = { all: 0, messages: 0 };
  const head = () => ({
    recognised: true,
    chat: { title: 'Parish Council', isGroup: true },
    chatKey: 'title:Parish Council',
    epoch: seen().epoch,
    version: seen().version,
  });
  const source: ChatSource = {
    changes: async (since) => {
      if (since.epoch !== seen().epoch) return undefined;
      const changed = seen().changedSince(since.version);
      sent.messages += changed.length;
      return structuredClone({ ...head(), ids: seen().ids(), changed });
    },
    all: async () => {
      sent.all++;
      sent.messages += seen().size;
      return structuredClone({ ...head(), messages: seen().messages });
    },
  };
  return { source, sent };
}

const many = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => msg(`m${from + i}`, `message ${from + i}`));

describe('latestChatState', () => {
  it('follows a growing chat by its changes alone, keeping unchanged objects', async () => {
    let seen = new SeenMessages();
    const { source, sent } = tab(() => seen);
    const first = many(100, 100);
    seen.merge(first);
    let copy = await latestChatState(undefined, source);
    expect(sent).toEqual({ all: 1, messages: 100 });

    // New messages at the bottom, older ones scrolled in at the top, one edited in the middle.
    const appended = [...first.slice(20), ...many(20, 200)];
    const scrolledUp = [...many(5, 95), ...appended.slice(0, 95)];
    const edited = scrolledUp.map((m) =>
      m.id === 'm150' ? { ...m, text: 'fixed', edited: true } : m,
    );
    const steps: ObservedMessage[][] = [appended, scrolledUp, edited];
    let expectedSent = 100;
    for (const [i, step] of steps.entries()) {
      const before = copy!;
      expectedSent += seen.merge(step).length;
      copy = await latestChatState(before, source);
      expect(copy!.messages, `step ${i}`).toEqual(seen.messages);
      expect(copy!.version).toBe(seen.version);
      // A message that did not change is the very object shown before.
      const kept = copy!.messages.find((m) => m.id === 'm120')!;
      expect(kept).toBe(before.messages.find((m) => m.id === 'm120'));
    }
    expect(sent).toEqual({ all: 1, messages: expectedSent });
    expect(expectedSent).toBe(100 + 20 + 5 + 1);
    expect(copy!.messages.find((m) => m.id === 'm150')!.text).toBe('fixed');

    // Nothing new: the shown list itself.
    const same = await latestChatState(copy, source);
    expect(same!.messages).toBe(copy!.messages);

    // A chat switch or a reloaded page starts another list: it is fetched whole.
    seen = new SeenMessages();
    seen.merge(many(3, 1000));
    const other = await latestChatState(copy, source);
    expect(other!.messages.map((m) => m.id)).toEqual(['m1000', 'm1001', 'm1002']);
    expect(sent.all).toBe(2);
  });
});

describe('applyChanges', () => {
  it('refuses changes that do not fit what is shown, so that all of it is fetched', () => {
    const shown = state([msg('a', 'one'), msg('b', 'two')]);
    const fits = { ...shown, ids: ['a', 'b', 'c'], changed: [msg('c', 'three')] };
    const { messages: _m, ...head } = shown;
    expect(applyChanges(shown, { ...head, ids: fits.ids, changed: fits.changed })).toBeDefined();
    // An id neither shown nor among the changes: the panel missed something.
    expect(applyChanges(shown, { ...head, ids: ['a', 'b', 'x'], changed: [] })).toBeUndefined();
    // Another list of seen messages, or another chat.
    expect(applyChanges(shown, { ...head, epoch: 'e2', ids: ['a'], changed: [] })).toBeUndefined();
    const planning = { ...head, chatKey: 'title:Planning', ids: ['a'], changed: [] };
    expect(applyChanges(shown, planning)).toBeUndefined();
  });

  it('drops messages the tab no longer lists, and takes its order', () => {
    const shown = state([msg('a', 'one'), msg('b', 'two'), msg('c', 'three')]);
    const { messages: _m, ...head } = shown;
    const next = applyChanges(shown, { ...head, version: 2, ids: ['c', 'a'], changed: [] })!;
    expect(next.messages).toEqual([shown.messages[2], shown.messages[0]]);
    expect(next.version).toBe(2);
  });
});
