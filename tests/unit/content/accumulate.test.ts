import { describe, expect, it } from 'vitest';
import { SeenMessages } from '../../../utils/whatsapp/accumulate';
import type { ObservedMessage } from '../../../utils/types';

const m = (id: string, text = `text ${id}`): ObservedMessage => ({
  id,
  direction: 'in',
  sender: 'Bob',
  text,
  forwarded: false,
  edited: false,
  deleted: false,
});
const ids = (s: SeenMessages) => s.messages.map((x) => x.id);

describe('SeenMessages', () => {
  it('keeps every message seen as the DOM window moves, in conversation order', () => {
    const seen = new SeenMessages();
    expect(seen.merge([m('5'), m('6'), m('7')]).map((x) => x.id)).toEqual(['5', '6', '7']);
    // new messages arrive at the bottom, the top rows leave the DOM
    // only what is new is returned
    expect(seen.merge([m('6'), m('7'), m('8'), m('9')]).map((x) => x.id)).toEqual(['8', '9']);
    // scrolling up loads older ones
    expect(seen.merge([m('2'), m('3'), m('4'), m('5')])).toHaveLength(3);
    expect(ids(seen)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('looks only between the messages the reader says are unchanged at either end', () => {
    const seen = new SeenMessages();
    const [a, b, c, d] = [m('1'), m('2'), m('3'), m('4')];
    seen.merge([a, b, c, d]);
    // A late message arrives between 2 and 3, and 2 is edited; 1, 3 and 4 are the same objects.
    const edited = { ...m('2', 'fixed'), edited: true };
    const changed = seen.merge([a, edited, m('2b'), c, d], 1, 3);
    expect(changed.map((x) => x.id)).toEqual(['2', '2b']);
    expect(ids(seen)).toEqual(['1', '2', '2b', '3', '4']);
    expect(seen.messages[1]).toBe(edited);
    // Told the last ones are unchanged when the first of them is not the merged object: it
    // looks at them too.
    expect(seen.merge([a, edited, m('2b'), m('3', 'new text'), d], 1, 3)).toHaveLength(1);
    expect(seen.messages[3]!.text).toBe('new text');
  });

  it('is idempotent: the same snapshot changes nothing', () => {
    const seen = new SeenMessages();
    seen.merge([m('1'), m('2')]);
    expect(seen.merge([m('1'), m('2')])).toEqual([]);
    expect(seen.size).toBe(2);
  });

  it('updates a message whose state changed (edited or deleted)', () => {
    const seen = new SeenMessages();
    seen.merge([m('1'), m('2')]);
    expect(seen.merge([m('1'), { ...m('2', 'fixed typo'), edited: true }])).toEqual([
      { ...m('2', 'fixed typo'), edited: true },
    ]);
    expect(seen.messages[1]).toMatchObject({ text: 'fixed typo', edited: true });
  });

  it('takes the newer copy when any field changed, not only the text or state', () => {
    const seen = new SeenMessages();
    seen.merge([m('1'), m('2')]);
    // WhatsApp shows the "Forwarded" label, a quoted reply or a phone once the row re-renders.
    const forwarded = { ...m('2'), forwarded: true };
    expect(seen.merge([m('1'), forwarded])).toEqual([forwarded]);
    expect(seen.messages[1]).toBe(forwarded);
    const quoting = { ...forwarded, quoted: { sender: 'Ann', text: 'Can we book the hall?' } };
    expect(seen.merge([m('1'), quoting])).toEqual([quoting]);
    const withPhone = { ...quoting, senderPhone: '447700900123' };
    expect(seen.merge([m('1'), withPhone])).toEqual([withPhone]);
    // Read again, equal in every field: nothing to tell, and the first copy stays.
    expect(seen.merge([m('1'), structuredClone(withPhone)])).toEqual([]);
    expect(seen.messages[1]).toBe(withPhone);
  });

  it('counts the merges that changed something, and tells what changed since one', () => {
    const seen = new SeenMessages();
    expect(seen.version).toBe(0);
    seen.merge([m('1'), m('2')]);
    expect(seen.version).toBe(1);
    seen.merge([m('1'), m('2')]); // nothing new: no new version
    expect(seen.version).toBe(1);
    seen.merge([m('0'), m('1')]); // scrolled up
    seen.merge([m('1'), { ...m('2', 'fixed'), edited: true }, m('3')]);
    expect(seen.version).toBe(3);
    expect(seen.ids()).toEqual(['0', '1', '2', '3']);
    expect(seen.changedSince(0).map((x) => x.id)).toEqual(['0', '1', '2', '3']);
    expect(seen.changedSince(1).map((x) => x.id)).toEqual(['0', '2', '3']);
    expect(seen.changedSince(2).map((x) => x.id)).toEqual(['2', '3']);
    expect(seen.changedSince(3)).toEqual([]);
    // Another list (a chat switch, a reloaded page) is told apart though its counts match.
    expect(new SeenMessages().epoch).not.toBe(seen.epoch);
  });

  it('inserts a gap-filling batch between known neighbours', () => {
    const seen = new SeenMessages();
    seen.merge([m('1'), m('9')]);
    seen.merge([m('1'), m('2'), m('3'), m('9')]);
    expect(ids(seen)).toEqual(['1', '2', '3', '9']);
  });

  it('looks only past `from` when the reader says the first messages are the same objects', () => {
    const seen = new SeenMessages();
    const a = [m('1'), m('2'), m('3')];
    seen.merge(a);
    expect(seen.merge([...a, m('4')], 3).map((x) => x.id)).toEqual(['4']);
    expect(seen.merge([...a, m('4'), { ...m('5') }], 4).map((x) => x.id)).toEqual(['5']);
    expect(seen.messages.map((x) => x.id)).toEqual(['1', '2', '3', '4', '5']);
    // Not the same objects after all: every message is looked at again.
    expect(seen.merge([m('0'), m('1', 'changed')], 1).map((x) => x.id)).toEqual(['0', '1']);
    expect(seen.messages.map((x) => x.id)).toEqual(['0', '1', '2', '3', '4', '5']);
  });
});
