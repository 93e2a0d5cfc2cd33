// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatSelect } from '../../../components/ChatSelect';

afterEach(() => {
  document.body.replaceChildren();
});

describe('ChatSelect', () => {
  it('offers all chats first, then each chat by title, and reports the key chosen', () => {
    const onChange = vi.fn();
    const host = document.createElement('div');
    document.body.append(host);
    const chats = [
      { chatKey: 'title:Planning', title: 'Planning' },
      { chatKey: 'jid:447700900123@c.us', title: '<b>Clerk</b>' },
    ];
    act(() => render(<ChatSelect chats={chats} value="" onChange={onChange} />, host));
    const select = host.querySelector('select')!;
    // Labelled "Chat" by its wrapping label (its accessible name).
    expect(select.closest('label')!.textContent).toMatch(/^Chat/);
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'All chats'],
      ['title:Planning', 'Planning'],
      ['jid:447700900123@c.us', '<b>Clerk</b>'], // a title is text, never markup
    ]);
    select.value = 'title:Planning';
    act(() => {
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onChange).toHaveBeenCalledWith('title:Planning');
  });
});
