import { useEffect, useState } from 'preact/hooks';
import { verifyChainInSlices, type ChainBreak } from '../../utils/db/audit';
import { getDb } from '../../utils/db/database';
import { formatInstant } from '../../utils/format';
import type { AuditEvent, CouncilRecord } from '../../utils/types';

const EVENT_NAMES: Partial<Record<AuditEvent['type'], string>> = {
  'record.captured': 'Captured',
  'record.annotated': 'Note added',
  'record.delivered': 'Delivered',
  'record.disposed': 'Disposed of',
  'record.retention-extended': 'Kept for longer',
  'hold.opened': 'Request or hold opened',
  'hold.closed': 'Request or hold closed',
  'import.completed': 'Imported',
};

const PROBLEMS: Record<ChainBreak['problem'], string> = {
  'hash-mismatch': 'its contents no longer match its hash (it was changed)',
  'broken-link': 'it does not link to the event before it',
  gap: 'events before it are missing',
};

/** One line of what an event's details say, without dumping raw JSON at the reader. */
function summary(e: AuditEvent): string {
  const d = e.details;
  const parts: string[] = [];
  for (const k of ['method', 'kind', 'target', 'reference', 'reason', 'fileName'] as const) {
    if (typeof d[k] === 'string' && d[k]) parts.push(`${k}: ${String(d[k])}`);
  }
  if (Array.isArray(d.categories) && d.categories.length) {
    parts.push(`categories: ${(d.categories as string[]).join(', ')}`);
  }
  return parts.join(' · ');
}

export interface ChainCheck {
  ok: boolean;
  events: number;
  breaks: ChainBreak[];
  checkedAt: number;
  /** The last event verified, so the next check (after a change) starts after it. */
  last?: { seq: number; hash: string };
}

const CHECK_PAGE = 5_000;

/**
 * Verifies the whole chain, end to end (every event's hash and link), in slices so the page stays
 * responsive. After an intact check, only the events added since are verified: the chain is
 * append-only, and they must link to the last event already checked.
 */
export async function checkWholeChain(previous?: ChainCheck): Promise<ChainCheck> {
  const db = getDb();
  const from = previous?.ok ? previous.last : undefined;
  // A restore or a replaced database starts a new chain: then everything is checked again.
  if (from && (await db.events.get(from.seq))?.hash !== from.hash) return checkWholeChain();
  // Read a page at a time too: 100,000 events read at once block the page while they load.
  const breaks: ChainBreak[] = [];
  let last = from;
  let count = from?.seq ?? 0;
  for (;;) {
    const page = await db.events
      .where('seq')
      .above(last?.seq ?? 0)
      .limit(CHECK_PAGE)
      .toArray();
    if (page.length === 0) break;
    const res = await verifyChainInSlices(page, last ? { after: last } : {});
    breaks.push(...res.breaks);
    const tail = page.at(-1)!;
    last = { seq: tail.seq, hash: tail.hash };
    count += page.length;
  }
  return {
    ok: breaks.length === 0,
    events: count,
    breaks,
    checkedAt: Date.now(),
    ...(last ? { last } : {}),
  };
}

export function ChainStatus({ check }: { check?: ChainCheck }) {
  if (!check) return <p role="status">Checking the audit trail…</p>;
  if (check.ok) {
    return (
      <p role="status" class="ok">
        ✓ The audit trail is intact: {check.events.toLocaleString('en-GB')} events, each linked to
        the one before by its SHA-256.
      </p>
    );
  }
  return (
    <div role="alert" class="bad">
      <p>✗ The audit trail is broken in {check.breaks.length} place(s):</p>
      <ul>
        {check.breaks.slice(0, 20).map((b) => (
          <li key={`${b.seq}-${b.problem}`}>
            Event {b.seq}: {PROBLEMS[b.problem]}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Everything that happened to one record, oldest first, and the state of the whole chain. */
export function AuditTrail({ record, check }: { record: CouncilRecord; check?: ChainCheck }) {
  const [events, setEvents] = useState<AuditEvent[] | undefined>();
  useEffect(() => {
    let live = true;
    void getDb()
      .events.where('subject')
      .equals(record.id)
      .sortBy('seq')
      .then((e) => live && setEvents(e));
    return () => {
      live = false;
    };
  }, [record.id, check?.checkedAt]);
  const broken = new Set(check?.breaks.map((b) => b.seq));
  return (
    <section aria-labelledby="audit-heading">
      <h3 id="audit-heading">Audit trail</h3>
      {!events ? (
        <p class="muted">Loading…</p>
      ) : (
        <ol class="audit">
          {events.map((e) => (
            <li key={e.seq} class={broken.has(e.seq) ? 'bad' : undefined}>
              <strong>{EVENT_NAMES[e.type] ?? e.type}</strong> {formatInstant(e.at)} by{' '}
              <bdi>{e.actor}</bdi>
              {summary(e) && <span class="muted"> — {summary(e)}</span>}
              <div class="muted small">
                Event {e.seq} · <code class="hash">{e.hash.slice(0, 16)}…</code>
                {broken.has(e.seq) && ' · ✗ break in the chain here'}
              </div>
            </li>
          ))}
        </ol>
      )}
      <ChainStatus check={check} />
    </section>
  );
}
