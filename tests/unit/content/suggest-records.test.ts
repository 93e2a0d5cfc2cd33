import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { getPolicy } from '../../../utils/policy/presets/index';
import type { AdviceContext } from '../../../utils/advice-context';
import type { ObservedMessage } from '../../../utils/types';
import { createSession } from '../../../entrypoints/whatsapp.content/session';

const sent = vi.hoisted(() => [] as { items: { messageId: string }[] }[]);
vi.mock('../../../utils/messaging', () => ({
  sendMessage: vi.fn(async (_type: string, data: { items: { messageId: string }[] }) => {
    sent.push(data);
  }),
}));
vi.mock('../../../utils/advice-context', () => ({
  // The council's policy is known at once (the real watcher reads it from storage).
  watchAdviceContext: (listener: (ctx: AdviceContext) => void) => {
    listener({ policy: getPolicy('barrowby-pc') } as unknown as AdviceContext);
    return () => undefined;
  },
}));

const { init } = await import('../../../entrypoints/whatsapp.content/features/suggest-records');

function fakeCtx(): ContentScriptContext {
  return {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    onInvalidated: () => undefined,
  } as unknown as ContentScriptContext;
}

function messages(n: number): ObservedMessage[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `M${i}`,
    direction: 'in' as const,
    sender: 'Alice Brown',
    text: `The council approved the precept of £${1000 + i} for 2027/28.`,
    forwarded: false,
    edited: false,
    deleted: false,
  }));
}

beforeEach(() => {
  vi.useFakeTimers();
  sent.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('suggest-records', () => {
  it('looks at a whole chat in slices, one task each, and suggests every record once', async () => {
    expect(getPolicy('barrowby-pc')).toBeDefined();
    const session = createSession();
    const all = messages(450);
    session.state = {
      recognised: true,
      chat: { title: 'Oakthorpe Parish Council', isGroup: true },
      chatKey: 'title:Oakthorpe Parish Council',
      messages: all,
      epoch: 'e1',
      version: 1,
    };
    init(fakeCtx(), session);
    // Nothing in the frame that queued them: they wait for the timer.
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.items).toHaveLength(200);
    await vi.runAllTimersAsync();
    expect(sent.map((s) => s.items.length)).toEqual([200, 200, 50]);
    const ids = sent.flatMap((s) => s.items.map((i) => i.messageId));
    expect(new Set(ids).size).toBe(450);
    // Seen again (a re-render): nothing is sent twice.
    session.scanned(new Set(['M1', 'M2']));
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(3);
  });
});
