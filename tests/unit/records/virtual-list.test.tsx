// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { VirtualList } from '../../../entrypoints/records/VirtualList';

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `r${from + i}`);

function mount(items: string[], resetKey: string) {
  const host = document.createElement('div');
  document.body.append(host);
  const draw = (list: string[], key: string) =>
    act(() => {
      render(
        <VirtualList
          items={list}
          resetKey={key}
          rowHeight={40}
          height="400px"
          label="Records found"
          renderRow={(id) => <span>{id}</span>}
        />,
        host,
      );
    });
  draw(items, resetKey);
  const box = host.querySelector<HTMLDivElement>('.vlist')!;
  return { box, draw };
}

describe('VirtualList', () => {
  it('keeps the reader’s place when the list is refreshed, and goes to the top for a new search', () => {
    const { box, draw } = mount(ids(1000), 'q=');
    box.scrollTop = 20_000;
    expect(box.scrollTop).toBe(20_000);
    // A capture arrives from WhatsApp: one more record, same search.
    draw(['new', ...ids(1000)], 'q=');
    expect(box.scrollTop).toBe(20_000);
    // The user searches for something else.
    draw(ids(50), 'q=play area');
    expect(box.scrollTop).toBe(0);
  });
});
