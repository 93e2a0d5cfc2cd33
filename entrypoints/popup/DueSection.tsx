import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import {
  canClearDown,
  formatDate,
  formatRelative,
  holdName,
  type DueItem,
} from '../../utils/deadlines';
import { londonWallTimeOf } from '../../utils/deadlines/london';
import { getDb } from '../../utils/db/database';
import { uncapturedSuggestions } from '../../utils/db/clear-down-repo';
import type { DueState } from '../../utils/due-inputs';
import type { EffectiveSettings } from '../../utils/effective-settings';
import { sendMessage } from '../../utils/messaging';
import { RetentionActions } from './RetentionActions';

export interface DueContext {
  state: DueState;
  eff: EffectiveSettings;
  /** Announces an outcome in the popup's status region. */
  say: (text: string) => void;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "due 17/11/2026 (end of the day)" or "due 17/11/2026 14:00". */
export function dueLabel(dueAt: string): string {
  const { time } = londonWallTimeOf(dueAt);
  return time === '23:59'
    ? `due ${formatDate(dueAt)} (end of the day)`
    : `due ${formatDate(dueAt)} at ${time}`;
}

/** A section of due items of one kind, overdue first (the engine's order). */
export function DueSection(props: {
  id: string;
  heading: string;
  items: DueItem[];
  empty: string;
  ctx: DueContext;
  limit?: number;
  more?: ComponentChildren;
}) {
  const { id, heading, items, empty, ctx, limit, more } = props;
  const shown = limit !== undefined ? items.slice(0, limit) : items;
  return (
    <section class="due-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {heading} {items.length > 0 ? <span class="count">({items.length})</span> : null}
      </h2>
      {items.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul class="due-list">
          {shown.map((item) => (
            <DueItemView key={item.key} item={item} ctx={ctx} />
          ))}
        </ul>
      )}
      {items.length > shown.length ? (
        <p class="muted">And {items.length - shown.length} more.</p>
      ) : null}
      {items.length > 0 && more ? <p>{more}</p> : null}
    </section>
  );
}

function DueItemView({ item, ctx }: { item: DueItem; ctx: DueContext }) {
  const { state, eff, say } = ctx;
  const [problems, setProblems] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const titleId = `due-${item.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const chat =
    item.kind === 'clear-down' || item.kind === 'capture'
      ? state.chats.find((c) => c.chatKey === item.subject)
      : undefined;
  const blockers = (item.blockedBy ?? [])
    .map((id) => state.holds.find((h) => h.id === id))
    .filter((h) => h !== undefined);
  const reminder = eff.policy.clearDown?.reminderText;
  // The record under review, so the user sees what they are keeping or disposing of.
  const record =
    item.kind === 'retention-review' ? state.records.find((r) => r.id === item.subject) : undefined;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblems([]);
    try {
      await work();
    } catch (err) {
      setProblems([`That did not work: ${err instanceof Error ? err.message : String(err)}`]);
    } finally {
      setBusy(false);
    }
  };

  const openChat = () =>
    run(async () => {
      const r = await sendMessage('openChatInWhatsApp', { chatKey: item.subject });
      say(r.opened ? `“${chat?.title ?? ''}” is open in WhatsApp Web.` : (r.problem ?? ''));
    });

  // The safeguards are checked before asking: the user must not delete anything a hold covers.
  const startClear = () =>
    run(async () => {
      const pending = await uncapturedSuggestions(getDb(), item.subject);
      const verdict = canClearDown(state.now, item.subject, state.holds, pending);
      if (!verdict.ok) setProblems(verdict.reasons);
      else setConfirming(true);
    });

  const confirmClear = () =>
    run(async () => {
      const r = await sendMessage('markChatCleared', { chatKey: item.subject });
      setConfirming(false);
      if (r.status === 'refused') setProblems(r.reasons);
      else
        say(`“${r.chat.title}” is marked as cleared on ${formatDate(r.chat.lastClearedAt ?? '')}.`);
    });

  const snooze = () =>
    run(async () => {
      await sendMessage('snoozeDueItem', { key: item.key });
      say(`Snoozed for a day: ${item.title}.`);
    });

  const putReminder = () =>
    run(async () => {
      const r = await sendMessage('putReminderInChat', { chatKey: item.subject });
      if (r.inserted) {
        say(
          'The reminder is in the chat’s message box in WhatsApp Web. Read it, then send it yourself.',
        );
      } else setProblems([r.problem ?? 'The reminder could not be put in the chat.']);
    });

  return (
    <li class={`due-item${item.overdue ? ' overdue' : ''}`}>
      <h3 id={titleId}>{item.title}</h3>
      <p class="due-when">
        <strong class={item.overdue ? 'bad' : undefined}>
          {capitalise(formatRelative(state.now, item.dueAt))}
        </strong>
        <span aria-hidden="true"> · </span>
        <span>{dueLabel(item.dueAt)}</span>
      </p>
      {blockers.length > 0 ? (
        <p class="due-blocked">
          On hold: {blockers.map((h) => `${holdName(h.kind)} ${h.reference}`).join(', ')}. Do not
          delete anything it covers.
        </p>
      ) : null}
      {record ? (
        <p class="due-record">
          <span class="muted">{record.message.sender}: </span>
          {/* Hostile text: rendered as text only, shortened for the popup. */}
          <span class="message-text">
            {record.message.text.length > 140
              ? `${record.message.text.slice(0, 140)}…`
              : record.message.text || '(no text)'}
          </span>
        </p>
      ) : null}
      <p class="due-detail">{item.detail}</p>
      <div role="alert" class="due-problems">
        {problems.length > 0 ? (
          <>
            <p>
              <strong>
                {item.kind === 'clear-down' ? 'This chat cannot be cleared yet.' : 'Not done.'}
              </strong>
            </p>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      {confirming ? (
        <div class="due-confirm">
          <p>
            Have you cleared the chat in WhatsApp (chat name › Clear chat › Delete all messages)?
            Council Capture never deletes anything in WhatsApp; this records that you did.
          </p>
          <div class="due-actions">
            <button
              type="button"
              class="primary"
              disabled={busy}
              aria-describedby={titleId}
              onClick={() => void confirmClear()}
            >
              Yes, I have cleared it
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div class="due-actions">
          {chat ? (
            <button
              type="button"
              disabled={busy}
              aria-describedby={titleId}
              onClick={() => void openChat()}
            >
              Open chat
            </button>
          ) : null}
          {item.kind === 'clear-down' ? (
            <button
              type="button"
              class="primary"
              disabled={busy}
              aria-describedby={titleId}
              onClick={() => void startClear()}
            >
              Mark cleared
            </button>
          ) : null}
          {item.kind === 'retention-review' ? (
            <RetentionActions
              item={item}
              eff={eff}
              titleId={titleId}
              say={say}
              onProblems={setProblems}
            />
          ) : null}
          {item.kind === 'clear-down' && reminder && chat?.isGroup ? (
            <button
              type="button"
              disabled={busy}
              aria-describedby={titleId}
              onClick={() => void putReminder()}
            >
              Put reminder in chat
            </button>
          ) : null}
          <button
            type="button"
            disabled={busy}
            aria-describedby={titleId}
            onClick={() => void snooze()}
          >
            Snooze a day
          </button>
        </div>
      )}
    </li>
  );
}
