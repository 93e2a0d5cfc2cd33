import type { ObservedMessage } from '../utils/types';
import { formatWallTime } from '../utils/format';
import { MessageText } from './MessageText';

/** One message of the open chat in the side panel, with its captured state and actions. */
export function MessageItem(props: {
  message: ObservedMessage;
  captured: boolean;
  selected: boolean;
  busy: boolean;
  onToggle: () => void;
  onCapture: () => void;
}) {
  const { message: m, captured } = props;
  const id = `msg-${m.id}`;
  return (
    <li class={`message ${m.direction}`} data-message-id={m.id} aria-labelledby={`${id}-meta`}>
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
