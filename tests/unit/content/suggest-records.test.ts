import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { getPolicy } from '../../../utils/policy/presets/index';
import type { AdviceContext } from '../../../utils/advice-context';
import type { ObservedMessage } from '../../../utils/types';
import type { SeenForAdvice } from '../../../utils/messaging';
import { createSession } from '../../../entrypoints/whatsapp.content/session';

type Sent = { chatKey: string; isGroup: boolean; messages: SeenForAdvice[] };
const sent = vi.hoisted(() => [] as Sent[]);
vi.mock('../../../utils/messaging', () => ({
  sendMessage: vi.fn(async (_type: string, data: Sent) => {
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

const chat = (all: ObservedMessage[]) => ({
  recognised: true,
  chat: { title: 'Oakthorpe Parish Council', isGroup: true },
  chatKey: 'title:Oakthorpe Parish Council',
  messages: all,
  epoch: 'e1',
  version: 1,
});

describe('suggest-records', () => {
  it('sends a whole chat in slices, one task each, every message once', async () => {
    const session = createSession();
    const all = messages(450);
    session.state = chat(all);
    init(fakeCtx(), session);
    // Nothing in the frame that queued them: they wait for the timer.
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.messages).toHaveLength(200);
    await vi.runAllTimersAsync();
    expect(sent.map((s) => s.messages.length)).toEqual([200, 200, 50]);
    const ids = sent.flatMap((s) => s.messages.map((i) => i.messageId));
    expect(new Set(ids).size).toBe(450);
    // Only what classifying needs, for the background to classify.
    expect(sent[0]!.messages[3]).toEqual({ messageId: 'M3', text: all[3]!.text });
    expect(sent[0]).toMatchObject({ chatKey: 'title:Oakthorpe Parish Council', isGroup: true });
    // Seen again (a re-render): nothing is sent twice.
    session.scanned(new Set(['M1', 'M2']));
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(3);
  });

  it('leaves out deleted messages and ones already captured', async () => {
    const session = createSession();
    const all = messages(4);
    all[1] = { ...all[1]!, deleted: true, text: '' };
    all[2] = { ...all[2]!, sentAt: '2026-11-22T09:15' };
    session.state = chat(all);
    session.captured.add('M3');
    init(fakeCtx(), session);
    await vi.runAllTimersAsync();
    expect(sent.flatMap((s) => s.messages)).toEqual([
      { messageId: 'M0', text: all[0]!.text },
      { messageId: 'M2', text: all[2]!.text, sentAt: '2026-11-22T09:15' },
    ]);
  });
});
