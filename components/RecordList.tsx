import { useState } from 'preact/hooks';
import type { CouncilRecord } from '../utils/types';
import { formatInstant, formatWallTime } from '../utils/format';
import { RecordDetail } from './RecordDetail';
import { DeliveryActions } from './DeliveryActions';

/** A chat's records; each opens to its evidence. Several can be selected and delivered at once. */
export function RecordList({ records }: { records: CouncilRecord[] }) {
  const [open, setOpen] = useState<string | undefined>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [delivering, setDelivering] = useState(false);
  if (records.length === 0) {
    return <p class="muted">No records captured from this chat yet.</p>;
  }
  const chosen = records.filter((r) => selected.has(r.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const allChosen = chosen.length === records.length;
  return (
    <>
      <div class="record-selection" role="group" aria-label="Select records to deliver">
        <label class="check">
          <input
            type="checkbox"
            checked={allChosen}
            onChange={() => setSelected(allChosen ? new Set() : new Set(records.map((r) => r.id)))}
          />
          Select all
        </label>
        <button
          type="button"
          class="primary"
          disabled={chosen.length === 0}
          aria-expanded={delivering && chosen.length > 0}
          aria-controls="deliver-selection-panel"
          onClick={() => setDelivering(!delivering)}
        >
          Deliver selected records{chosen.length ? ` (${chosen.length})` : ''}
        </button>
      </div>
      {delivering && chosen.length > 0 && (
        <div id="deliver-selection-panel" class="notice">
          <DeliveryActions records={chosen} />
        </div>
      )}
      <ol class="records" aria-label="Council records from this chat">
        {records.map((r) => (
          <li key={r.id} class="record" data-record-id={r.id}>
            <div class="record-head">
              <input
                type="checkbox"
                class="record-check"
                checked={selected.has(r.id)}
                aria-label={`Select the record from ${r.message.sender}, ${formatWallTime(r.message.sentAt)}`}
                onChange={() => toggle(r.id)}
              />
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
            </div>
            {open === r.id && <RecordDetail record={r} />}
          </li>
        ))}
      </ol>
    </>
  );
}
