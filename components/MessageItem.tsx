import { Component, type ComponentProps } from 'preact';
import { useState } from 'preact/hooks';
import type { ObservedMessage } from '../utils/types';
import type { Dismissal } from '../utils/db/database';
import { formatWallTime } from '../utils/format';
import { MessageText } from './MessageText';

/** The advice for one message, as the side panel shows it. */
export interface Suggestion {
  /** Category ids and their labels, in the classifier's order. */
  categories: { id: string; label: string }[];
  /** Why, each with its policy clause. */
  reasons: { text: string; clause?: string }[];
  /** Personal data found, in plain words ('a phone number'). */
  personalData: string[];
}

/** One message of the open chat in the side panel, with its captured state and actions. */
export function MessageItem(props: {
  message: ObservedMessage;
  captured: boolean;
  selected: boolean;
  busy: boolean;
  onToggle: () => void;
  onCapture: () => void;
  /** Present when the advice says this message is a council record. */
  suggestion?: Suggestion;
  dismissal?: Dismissal;
  onCaptureSuggested?: () => void;
  onDismiss?: (reason: string) => Promise<string | undefined>;
}) {
  const { message: m, captured, suggestion, dismissal } = props;
  const id = `msg-${m.id}`;
  return (
    <li
      class={`message ${m.direction}${suggestion && !captured && !dismissal ? ' suggested' : ''}`}
      data-message-id={m.id}
      aria-labelledby={`${id}-meta`}
    >
      <div class="meta" id={`${id}-meta`}>
        <strong>
          <bdi>{m.sender}</bdi>
        </strong>{' '}
        <span class="muted">{formatWallTime(m.sentAt)}</span>
        {m.forwarded && <span class="tag">Forwarded</span>}
        {m.edited && <span class="tag">Edited</span>}
        {m.deleted && <span class="tag">Deleted</span>}
        {m.media && <span class="tag">{m.media}</span>}
      </div>
      {m.quoted && (
        <blockquote class="quoted">
          <bdi>{m.quoted.sender ?? ''}</bdi>: <MessageText text={m.quoted.text} />
        </blockquote>
      )}
      <div class="text">
        <MessageText text={m.text} />
      </div>
      {suggestion && !captured && (
        <SuggestionBox
          id={id}
          sender={m.sender}
          suggestion={suggestion}
          dismissal={dismissal}
          busy={props.busy}
          onCapture={props.onCaptureSuggested}
          onDismiss={props.onDismiss}
        />
      )}
      <div class="actions">
        {captured ? (
          <span class="badge ok">✓ Council record</span>
        ) : (
          <>
            <label class="check">
              <input type="checkbox" checked={props.selected} onChange={props.onToggle} /> Select
              <span class="visually-hidden"> message from {m.sender}</span>
            </label>
            <button type="button" onClick={props.onCapture} disabled={props.busy}>
              Capture as record
              <span class="visually-hidden">: message from {m.sender}</span>
            </button>
          </>
        )}
      </div>
    </li>
  );
}

function SuggestionBox(props: {
  id: string;
  sender: string;
  suggestion: Suggestion;
  dismissal?: Dismissal;
  busy: boolean;
  onCapture?: () => void;
  onDismiss?: (reason: string) => Promise<string | undefined>;
}) {
  const { suggestion: s, dismissal } = props;
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const labels = s.categories.map((c) => c.label).join(', ') || 'Council business';
  if (dismissal) {
    return (
      <p class="suggestion dismissed muted">
        Not a record — your decision: <bdi>{dismissal.reason}</bdi>
      </p>
    );
  }
  return (
    <div class="suggestion" aria-label={`Advice: suggested council record, ${labels}`} role="group">
      <p class="suggestion-head">
        <strong>Suggested record:</strong> {labels}
      </p>
      <ul class="reasons">
        {s.reasons.map((r, i) => (
          <li key={i}>
            {r.text}
            {r.clause && <span class="clause"> (policy: {r.clause})</span>}
          </li>
        ))}
      </ul>
      {s.personalData.length > 0 && (
        <p class="pd">Contains personal data: {s.personalData.join(', ')}.</p>
      )}
      {!asking ? (
        <div class="suggestion-actions">
          <button
            type="button"
            class="primary"
            onClick={props.onCapture}
            disabled={props.busy || !props.onCapture}
          >
            Capture as suggested ({labels})
            <span class="visually-hidden">: message from {props.sender}</span>
          </button>
          <button type="button" onClick={() => setAsking(true)} disabled={!props.onDismiss}>
            Not a record…
            <span class="visually-hidden"> message from {props.sender}</span>
          </button>
        </div>
      ) : (
        <form
          class="dismiss-form"
          onSubmit={(e) => {
            e.preventDefault();
            void props.onDismiss?.(reason).then((err) => {
              if (err) setError(err);
              else setAsking(false);
            });
          }}
        >
          <label class="block">
            Why is this not a record?
            <input
              type="text"
              value={reason}
              maxLength={1000}
              required
              onInput={(e) => setReason(e.currentTarget.value)}
              placeholder="For example: social arrangement, duplicate of an email"
            />
          </label>
          <div class="suggestion-actions">
            <button type="submit">Save decision</button>
            <button type="button" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </div>
          {error && (
            <p role="alert" class="bad">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

type ItemProps = ComponentProps<typeof MessageItem>;

/** What an item shows; its handlers are left out, as they call the list's current ones. */
const SHOWN = ['message', 'captured', 'selected', 'busy', 'suggestion', 'dismissal'] as const;

/**
 * A message item that renders again only when something it shows changed; its handlers must call
 * the list's current ones (through a ref), as an item kept from an earlier render keeps its own.
 * A chat seen for a while has thousands of messages: a capture changes one, and re-rendering them
 * all took the side panel 100–300 ms at 2,000, delaying the capture's own answer.
 */
export class StableMessageItem extends Component<ItemProps> {
  override shouldComponentUpdate(next: ItemProps): boolean {
    return SHOWN.some((key) => next[key] !== this.props[key]);
  }
  override render() {
    return <MessageItem {...this.props} />;
  }
}
