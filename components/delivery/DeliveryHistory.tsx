import { useEffect, useState } from 'preact/hooks';
import { getDb, type Screenshot } from '../../utils/db/database';
import { sendMessage } from '../../utils/messaging';
import type { CouncilRecord } from '../../utils/types';
import { useLiveQuery } from '../use-live-query';
import { describeDelivery, describeOutbox } from './describe';

/** A kept screenshot shown from its bytes (a Blob URL, revoked when it goes). */
function ScreenshotImage({ shot }: { shot: Screenshot }) {
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    const u = URL.createObjectURL(new Blob([shot.bytes as BlobPart], { type: shot.mime }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [shot.id]);
  if (!url) return null;
  // Shown at its CSS size (pixels ÷ 2 on a high-density screen would be guessing): capped by CSS.
  return (
    <img
      class="screenshot"
      src={url}
      width={shot.width}
      height={shot.height}
      alt={`Screenshot of the message as WhatsApp Web showed it, ${shot.width} by ${shot.height} pixels`}
    />
  );
}

/** Where one record went: each delivery, webhook sends waiting or failed, kept screenshots. */
export function DeliveryHistory({ record }: { record: CouncilRecord }) {
  const data = useLiveQuery(async () => {
    const db = getDb();
    const [deliveries, outbox, shots] = await Promise.all([
      db.deliveries.where('recordId').equals(record.id).sortBy('at'),
      db.outbox.where('recordId').equals(record.id).toArray(),
      db.screenshots.where('recordId').equals(record.id).sortBy('takenAt'),
    ]);
    return { deliveries, outbox, shots };
  }, [record.id]);
  const [retrying, setRetrying] = useState<string | undefined>();
  if (!data) return null;
  const open = data.outbox
    .map((e) => ({ e, view: describeOutbox(e) }))
    .filter((x) => x.view !== undefined);
  const headingId = `went-${record.id}`;
  return (
    <section class="delivery-history" aria-labelledby={headingId}>
      <h4 id={headingId}>Where this record went</h4>
      {data.deliveries.length === 0 && open.length === 0 ? (
        <p class="muted">Not delivered yet.</p>
      ) : (
        <ul class="went">
          {data.deliveries.map((d) => (
            <li key={d.id} class="went-item" data-kind={d.kind}>
              <span aria-hidden="true">✓ </span>
              {describeDelivery(d)}
            </li>
          ))}
          {open.map(({ e, view }) => (
            <li key={e.id} class={`went-item ${view!.tone}`} data-kind="webhook-outbox">
              <span aria-hidden="true">{view!.tone === 'failed' ? '✗ ' : '… '}</span>
              {view!.text}{' '}
              {view!.tone === 'failed' && (
                <button
                  type="button"
                  disabled={retrying === e.id}
                  onClick={() => {
                    setRetrying(e.id);
                    void sendMessage('retryDelivery', { outboxId: e.id }).finally(() =>
                      setRetrying(undefined),
                    );
                  }}
                >
                  Try again
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {data.shots.map((s) => (
        <figure key={s.id} class="screenshot-figure">
          <ScreenshotImage shot={s} />
          <figcaption class="muted small">
            Screenshot, SHA-256 <code class="hash">{s.sha256}</code>
          </figcaption>
        </figure>
      ))}
    </section>
  );
}
