import type { CouncilRecord } from '../utils/types';
import { formatInstant, formatWallTime } from '../utils/format';
import { recordIntact } from '../utils/db/records-repo';
import { MessageText } from './MessageText';
import { DeliveryActions } from './DeliveryActions';

const METHOD: Record<CouncilRecord['method'], string> = {
  'web-button': 'Capture button on WhatsApp Web',
  'side-panel': 'Council Capture side panel',
  import: 'Imported chat export',
};

/**
 * The evidence of one record, as a description list a clerk can read out or print, then the
 * ways to deliver it and where it went.
 */
export function RecordDetail({ record }: { record: CouncilRecord }) {
  const m = record.message;
  const intact = recordIntact(record);
  return (
    <>
      <dl class="evidence" aria-label="Record evidence">
        <dt>Message</dt>
        <dd>
          <MessageText text={m.text} full />
          {m.media && <div class="muted">Attachment: {m.media}</div>}
          {m.quoted && (
            <div class="muted">
              In reply to {m.quoted.sender ?? 'a message'}: <bdi dir="auto">{m.quoted.text}</bdi>
            </div>
          )}
          {(m.forwarded || m.edited || m.deleted) && (
            <div class="muted">
              {[m.forwarded && 'Forwarded', m.edited && 'Edited', m.deleted && 'Deleted']
                .filter(Boolean)
                .join(' · ')}
            </div>
          )}
        </dd>
        <dt>Sender</dt>
        <dd>
          <bdi>{m.sender}</bdi>
          {m.senderPhone && ` (${m.senderPhone})`}
          {m.direction === 'out' && ' — sent by you'}
        </dd>
        <dt>Sent</dt>
        <dd>{formatWallTime(m.sentAt)} (as shown by WhatsApp)</dd>
        <dt>Chat</dt>
        <dd>
          <bdi>{record.chat.title}</bdi> {record.chat.isGroup ? '(group)' : '(one-to-one)'}
        </dd>
        <dt>Categories</dt>
        <dd>{record.categories.length ? record.categories.join(', ') : 'None given'}</dd>
        {record.note && (
          <>
            <dt>Note</dt>
            <dd>
              <MessageText text={record.note} full />
            </dd>
          </>
        )}
        <dt>Captured</dt>
        <dd>
          {formatInstant(record.capturedAt)} by <bdi>{record.capturedBy}</bdi>
        </dd>
        <dt>Method</dt>
        <dd>{METHOD[record.method]}</dd>
        <dt>Policy</dt>
        <dd>
          {record.policyId} (version {record.policyVersion})
        </dd>
        {record.retainUntil && (
          <>
            <dt>Keep until</dt>
            <dd>
              {record.retainUntil === 'permanent'
                ? 'Permanently'
                : formatWallTime(record.retainUntil)}
            </dd>
          </>
        )}
        <dt>SHA-256</dt>
        <dd>
          <code class="hash">{record.sha256}</code>{' '}
          <span class={intact ? 'ok' : 'bad'}>
            {intact ? '✓ matches the record' : '✗ does not match: the record has been altered'}
          </span>
        </dd>
        <dt>WhatsApp message id</dt>
        <dd>
          <code>{record.messageId}</code>
        </dd>
      </dl>
      <DeliveryActions records={[record]} />
    </>
  );
}
