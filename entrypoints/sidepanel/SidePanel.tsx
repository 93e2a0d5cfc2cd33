import { useMemo, useRef, useState } from 'preact/hooks';
import { getDb } from '../../utils/db/database';
import { sendMessage, type ChatState } from '../../utils/messaging';
import type { CaptureResult, ObservedMessage } from '../../utils/types';
import { useLiveQuery } from '../../components/use-live-query';
import { StableMessageItem, type Suggestion } from '../../components/MessageItem';
import { useEffectiveSettings } from '../../components/use-effective-settings';
import { policyForAdvice, type EffectiveSettings } from '../../utils/effective-settings';
import { classifyMessage } from '../../utils/policy/classify';
import { CATEGORY_LABELS } from '../../utils/policy/categories';
import type { Policy } from '../../utils/policy/schema';
import { dismissSuggestion } from '../../utils/db/suggestions-repo';
import { capturedByOf, nowFrom } from '../../utils/settings';
import { RecordList } from '../../components/RecordList';
import { useWhatsAppTab } from './use-whatsapp-tab';
import { KIND_LABEL } from '../../utils/composer-advice';

export const CATEGORIES = [
  'decision',
  'instruction',
  'approval',
  'finance',
  'staffing',
  'complaint',
  'foi',
  'legal',
  'data-protection',
  'incident',
  'planning',
  'procurement',
  'contract',
  'safeguarding',
  'other',
];

export function SidePanel() {
  const tab = useWhatsAppTab();
  return (
    <main class="panel">
      <h1 class="visually-hidden">Council Capture</h1>
      {tab.kind === 'looking' && <p role="status">Looking for WhatsApp Web…</p>}
      {tab.kind === 'no-tab' && (
        <div class="notice" role="status">
          <h2>WhatsApp Web is not open</h2>
          <p>
            Open <strong>web.whatsapp.com</strong> in this browser and choose a council chat. Its
            messages will appear here.
          </p>
        </div>
      )}
      {tab.kind === 'not-ready' && (
        <div class="notice" role="status">
          <h2>Waiting for WhatsApp Web</h2>
          <p>
            WhatsApp Web is still loading, or needs reloading after Council Capture was updated.
          </p>
        </div>
      )}
      {tab.kind === 'ready' && <ChatView state={tab.state} />}
    </main>
  );
}

function ChatView({ state }: { state: ChatState }) {
  const [view, setView] = useState<'messages' | 'records'>('messages');
  const records = useLiveQuery(
    () => getDb().records.where('chatKey').equals(state.chatKey).sortBy('capturedAt'),
    [state.chatKey],
  );
  if (!state.recognised) {
    return (
      <div class="notice warning" role="alert">
        <h2>WhatsApp Web's layout was not recognised</h2>
        <p>{state.problem ?? 'The page does not look like an open WhatsApp chat.'}</p>
        <p>
          Nothing is being read from this page, so nothing can be captured. If WhatsApp has changed
          its page, Council Capture needs an update: tell your Clerk.
        </p>
      </div>
    );
  }
  const capturedIds = new Set((records ?? []).map((r) => r.messageId));
  return (
    <>
      <header class="chat-header">
        <h2>
          <bdi>{state.chat.title}</bdi>
        </h2>
        <p class="muted">
          {state.chat.isGroup ? 'Group chat' : 'One-to-one chat'} · {state.messages.length} messages
          seen · {records?.length ?? 0} captured
        </p>
      </header>
      <div class="tabs" role="tablist" aria-label="Side panel views">
        <button
          role="tab"
          type="button"
          id="tab-messages"
          aria-selected={view === 'messages'}
          aria-controls="view-messages"
          onClick={() => setView('messages')}
        >
          Messages ({state.messages.length})
        </button>
        <button
          role="tab"
          type="button"
          id="tab-records"
          aria-selected={view === 'records'}
          aria-controls="view-records"
          onClick={() => setView('records')}
        >
          Records ({records?.length ?? 0})
        </button>
      </div>
      {view === 'messages' ? (
        <section id="view-messages" role="tabpanel" aria-labelledby="tab-messages">
          <MessageList state={state} capturedIds={capturedIds} />
        </section>
      ) : (
        <section id="view-records" role="tabpanel" aria-labelledby="tab-records">
          <RecordList records={records ?? []} />
        </section>
      )}
    </>
  );
}

/** Advice already worked out, per message object, under one set of settings and kind of chat. */
interface Advised {
  eff: EffectiveSettings;
  isGroup: boolean;
  of: WeakMap<ObservedMessage, Suggestion | null>;
}

/**
 * The advice for each message that the policy says is a record. Messages in `advised` (the same
 * objects, same settings) are not classified again, and keep their Suggestion objects.
 */
function suggestionsFor(
  messages: readonly ObservedMessage[],
  eff: EffectiveSettings,
  isGroup: boolean,
  advised: { current: Advised | undefined },
): Map<string, Suggestion> {
  const out = new Map<string, Suggestion>();
  let known = advised.current;
  if (known?.eff !== eff || known.isGroup !== isGroup)
    advised.current = known = { eff, isGroup, of: new WeakMap() };
  const policy = policyForAdvice(eff);
  for (const m of messages) {
    let s = known.of.get(m);
    if (s === undefined) known.of.set(m, (s = suggestionOf(m, policy, isGroup)));
    if (s) out.set(m.id, s);
  }
  return out;
}

/** One message's advice, or null when the policy does not call it a record. */
function suggestionOf(m: ObservedMessage, policy: Policy, isGroup: boolean): Suggestion | null {
  const label = (id: string) =>
    policy.categories.find((c) => c.id === id)?.label ?? CATEGORY_LABELS[id] ?? id;
  if (m.deleted) return null;
  const c = classifyMessage(m.text, policy, { isGroup });
  if (!c.record) return null;
  return {
    categories: c.categories.map((id) => ({ id, label: label(id) })),
    reasons: c.reasons.map((r) => ({
      text: r.rule
        .replace(/^record: /, 'Council record: it ')
        .replace(/^([a-z])/, (x) => x.toUpperCase()),
      ...(r.clause ? { clause: r.clause } : {}),
    })),
    personalData: [...new Set(c.sensitive.map((x) => KIND_LABEL[x.kind]))],
  };
}

function MessageList({ state, capturedIds }: { state: ChatState; capturedIds: Set<string> }) {
  const eff = useEffectiveSettings();
  const chatEntry = useLiveQuery(() => getDb().chats.get(state.chatKey), [state.chatKey]);
  const dismissals = useLiveQuery(
    () => getDb().dismissals.where('chatKey').equals(state.chatKey).toArray(),
    [state.chatKey],
  );
  const personal = chatEntry?.kind === 'personal';
  // Each fetch of the chat keeps the message objects that did not change: only new or changed
  // ones are classified (and their items rendered) again.
  const advised = useRef<Advised | undefined>(undefined);
  const suggestions = useMemo(
    () =>
      eff && !personal
        ? suggestionsFor(state.messages, eff, state.chat.isGroup, advised)
        : new Map<string, Suggestion>(),
    [state.messages, eff, personal, state.chat.isGroup],
  );
  const dismissedById = new Map((dismissals ?? []).map((d) => [d.messageId, d]));
  const outstanding = [...suggestions.keys()].filter(
    (id) => !capturedIds.has(id) && !dismissedById.has(id),
  ).length;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [category, setCategory] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const messages = state.messages;
  const selectable = useMemo(
    () => messages.filter((m) => !capturedIds.has(m.id)),
    [messages, capturedIds],
  );
  const chosen = messages.filter((m) => selected.has(m.id) && !capturedIds.has(m.id));

  // Items call the current handlers through this ref: their own props stay the same from render
  // to render, so an item renders again only when what it shows changed (StableMessageItem).
  const act = useRef({
    toggle: (_id: string) => {},
    capture: (_list: ObservedMessage[], _categories?: string[]) => {},
    dismiss: (_id: string, _reason: string): Promise<string | undefined> =>
      Promise.resolve(undefined),
  });

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  const capture = async (list: ObservedMessage[], categories = category ? [category] : []) => {
    if (list.length === 0) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const results: CaptureResult[] = await sendMessage(
        'captureMany',
        list.map((message) => ({
          chat: state.chat,
          message,
          categories,
          note,
          method: 'side-panel' as const,
        })),
      );
      const errors = results.filter((r) => r.status === 'error');
      const done = results.filter((r) => r.status === 'captured').length;
      const already = results.filter((r) => r.status === 'already-captured').length;
      if (errors.length) {
        setOutcome({
          kind: 'error',
          text: `${errors.length} not captured: ${errors[0]?.status === 'error' ? errors[0].error : ''}`,
        });
      } else {
        setOutcome({
          kind: 'ok',
          text:
            `${done} captured as council ${done === 1 ? 'record' : 'records'}.` +
            (already ? ` ${already} already captured.` : ''),
        });
        setSelected(new Set());
        setNote('');
      }
    } catch {
      setOutcome({ kind: 'error', text: 'The background service did not answer. Try again.' });
    } finally {
      setBusy(false);
    }
  };

  act.current = {
    toggle,
    capture: (list, categories) => void capture(list, categories),
    dismiss: (id, reason) => dismiss(state.chatKey, id, reason, eff),
  };

  if (messages.length === 0) {
    return <p class="muted">No messages seen yet. Scroll the chat to load them.</p>;
  }
  return (
    <>
      <SuggestedCount eff={eff} personal={personal} outstanding={outstanding} />
      <form
        class="capture-form"
        aria-label="Capture selected messages"
        onSubmit={(e) => {
          e.preventDefault();
          void capture(chosen);
        }}
      >
        <div class="row">
          <label>
            Category{' '}
            <select value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
              <option value="">Choose…</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            class="link"
            onClick={() =>
              setSelected(
                selected.size === selectable.length
                  ? new Set()
                  : new Set(selectable.map((m) => m.id)),
              )
            }
          >
            {selected.size === selectable.length && selectable.length > 0
              ? 'Clear selection'
              : 'Select all'}
          </button>
        </div>
        <label class="block">
          Note (optional)
          <textarea
            rows={2}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
            maxLength={10000}
          />
        </label>
        <button type="submit" class="primary" disabled={busy || chosen.length === 0}>
          {busy ? 'Capturing…' : `Capture ${chosen.length} selected`}
        </button>
        <p role="status" class={outcome?.kind === 'error' ? 'bad' : 'ok'}>
          {outcome?.text}
        </p>
      </form>
      <ol class="messages" aria-label="Messages seen in this chat">
        {messages.map((m) => {
          const suggestion = suggestions.get(m.id);
          return (
            <StableMessageItem
              key={m.id}
              message={m}
              captured={capturedIds.has(m.id)}
              selected={selected.has(m.id)}
              onToggle={() => act.current.toggle(m.id)}
              onCapture={() => act.current.capture([m])}
              busy={busy}
              suggestion={suggestion}
              dismissal={dismissedById.get(m.id)}
              onCaptureSuggested={() =>
                act.current.capture([m], suggestion?.categories.map((c) => c.id) ?? [])
              }
              onDismiss={(reason) => act.current.dismiss(m.id, reason)}
            />
          );
        })}
      </ol>
    </>
  );
}

/** Not a live region: it changes with every capture and would talk over the capture outcome. */
function SuggestedCount(props: {
  eff: EffectiveSettings | undefined;
  personal: boolean;
  outstanding: number;
}) {
  if (!props.eff) return null;
  if (props.personal)
    return (
      <p class="suggested-count muted">
        This chat is marked personal, so it is outside your council’s policy: no suggestions.
      </p>
    );
  const n = props.outstanding;
  return (
    <p class={`suggested-count${n > 0 ? ' pending' : ''}`}>
      {n === 0
        ? 'No suggested records waiting in this chat.'
        : `${n} suggested ${n === 1 ? 'record' : 'records'} not yet captured in this chat`}
      <span class="muted"> · advice from {props.eff.policy.council}</span>
    </p>
  );
}

/** Writes the user's "not a record" decision (audited); returns an error message, if any. */
async function dismiss(
  chatKey: string,
  messageId: string,
  reason: string,
  eff: EffectiveSettings | undefined,
): Promise<string | undefined> {
  const settings = eff?.settings;
  const result = await dismissSuggestion(
    getDb(),
    { chatKey, messageId, reason },
    settings ? capturedByOf(settings) : 'Unnamed user',
    settings ? nowFrom(settings) : new Date(),
  );
  return result.status === 'error' ? result.error : undefined;
}
