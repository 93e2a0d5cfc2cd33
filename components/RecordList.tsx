import { useState } from 'preact/hooks';
import type { CouncilRecord } from '../utils/types';
import { formatInstant, formatWallTime } from '../utils/format';
import { RecordDetail } from './RecordDetail';

/** A chat's records; each opens to its evidence. */
export function RecordList({ records }: { records: CouncilRecord[] }) {
  const [open, setOpen] = useState<string | undefined>();
  if (records.length === 0) {
    return <p class="muted">No records captured from this chat yet.</p>;
  }
  return (
    <ol class="records" aria-label="Council records from this chat">
      {records.map((r) => (
        <li key={r.id} class="record" data-record-id={r.id}>
          <button
            type="button"
            class="record-summary"
            aria-expanded={open === r.id}
            onClick={() => setOpen(open === r.id ? undefined : r.id)}
          >
            <strong>
              <bdi>{r.message.sender}</bdi>
            </strong>{' '}
            {formatWallTime(r.message.sentAt)} — captured {formatInstant(r.capturedAt)}
          </button>
          {open === r.id && <RecordDetail record={r} />}
        </li>
      ))}
    </ol>
  );
}
