import { useEffect, useMemo, useState } from 'preact/hooks';
import { RecordDetail } from '../../components/RecordDetail';
import { useLiveQuery } from '../../components/use-live-query';
import { getDb } from '../../utils/db/database';
import type { RecordQuery } from '../../utils/library/search';
import { formatWallTime } from '../../utils/format';
import { effectiveHoldDueAt } from '../../utils/deadlines/holds';
import { formatDate } from '../../utils/deadlines/format';
import { AuditTrail, type ChainCheck } from './AuditTrail';
import { SuggestedList } from './SuggestedList';
import type { SearchIndexHook } from './use-search-index';
import { useRecordCache } from './use-record-cache';
import { VirtualList } from './VirtualList';
import { ChatSelect } from '../../components/ChatSelect';

const ROW_HEIGHT = 64;
const DELIVERY_STATES: [string, string][] = [
  ['', 'Any'],
  ['not-delivered', 'Not delivered yet'],
  ['pending', 'Waiting to send'],
  ['failed', 'Failed to send'],
  ['delivered', 'Delivered'],
];

/** Every record, searchable and filterable, with the chosen one's evidence and audit trail. */
export function RecordsView({ search, check }: { search: SearchIndexHook; check?: ChainCheck }) {
  const db = getDb();
  const [q, setQ] = useState<RecordQuery>({});
  const [text, setText] = useState('');
  const [suggestedOnly, setSuggestedOnly] = useState(false);
  const [openId, setOpenId] = useState<string | undefined>();
  const getRecord = useRecordCache();
  const chats = useLiveQuery(() => db.chats.orderBy('lastSeenAt').reverse().toArray(), []);
  const categories = useLiveQuery(
    () => db.records.orderBy('categories').uniqueKeys() as Promise<string[]>,
    [],
  );
  const holds = useLiveQuery(() => db.holds.orderBy('openedAt').reverse().toArray(), []);

  // Typing is debounced a little so each keystroke does not search 100,000 records.
  useEffect(() => {
    const t = setTimeout(() => setQ((old) => ({ ...old, text: text.trim() || undefined })), 150);
    return () => clearTimeout(t);
  }, [text]);

  const result = useMemo(() => {
    const index = search.state?.index;
    if (!index) return undefined;
    const started = performance.now();
    const hits = index.search(q, 100_000);
    return { ...hits, ms: performance.now() - started };
  }, [search.state, search.version, q]);

  const set = (patch: Partial<RecordQuery>) => setQ((old) => ({ ...old, ...patch }));
  const open = openId ? getRecord(openId) : undefined;

  return (
    <div class="records-layout">
      <section class="records-main" aria-labelledby="records-heading">
        <h2 id="records-heading">All records</h2>
        <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <label class="filter-wide">
            Search the records
            <input
              type="search"
              value={text}
              placeholder="Words, names, phone numbers…"
              onInput={(e) => setText((e.target as HTMLInputElement).value)}
            />
          </label>
          <ChatSelect
            chats={chats}
            value={q.chatKey ?? ''}
            onChange={(chatKey) => set({ chatKey: chatKey || undefined })}
          />
          <label>
            Category
            <select
              value={q.category ?? ''}
              onChange={(e) =>
                set({ category: (e.target as HTMLSelectElement).value || undefined })
              }
            >
              <option value="">Any</option>
              {categories?.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            Sent from
            <input
              type="date"
              value={q.from ?? ''}
              onChange={(e) => set({ from: (e.target as HTMLInputElement).value || undefined })}
            />
          </label>
          <label>
            Sent to
            <input
              type="date"
              value={q.to ?? ''}
              onChange={(e) => set({ to: (e.target as HTMLInputElement).value || undefined })}
            />
          </label>
          <label>
            Sender
            <input
              type="text"
              value={q.sender ?? ''}
              onChange={(e) =>
                set({ sender: (e.target as HTMLInputElement).value.trim() || undefined })
              }
            />
          </label>
          <label>
            Delivery
            <select
              value={q.deliveryState ?? ''}
              onChange={(e) =>
                set({ deliveryState: (e.target as HTMLSelectElement).value || undefined })
              }
            >
              {DELIVERY_STATES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label>
            Request or hold
            <select
              value={q.holdId ?? ''}
              onChange={(e) => set({ holdId: (e.target as HTMLSelectElement).value || undefined })}
            >
              <option value="">Any</option>
              {holds?.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.reference}
                  {h.closedAt
                    ? ' (closed)'
                    : effectiveHoldDueAt(h)
                      ? ` (due ${formatDate(effectiveHoldDueAt(h)!)})`
                      : ''}
                </option>
              ))}
            </select>
          </label>
          <label class="check filter-wide">
            <input
              type="checkbox"
              checked={suggestedOnly}
              onChange={(e) => setSuggestedOnly((e.target as HTMLInputElement).checked)}
            />
            Show messages suggested as records but not captured yet
          </label>
        </form>
        {search.error && (
          <p role="alert" class="bad">
            The search index could not be opened: {search.error}
          </p>
        )}
        {suggestedOnly ? (
          <SuggestedList chatKey={q.chatKey} />
        ) : (
          <>
            <p role="status" class="result-count" data-testid="result-count">
              {!result
                ? 'Opening the records…'
                : `${result.total.toLocaleString('en-GB')} record${result.total === 1 ? '' : 's'} found` +
                  ` (search took ${result.ms < 1 ? 'under 1' : Math.round(result.ms)} ms)`}
            </p>
            {result && result.ids.length > 0 && (
              <VirtualList
                items={result.ids}
                resetKey={JSON.stringify(q)}
                rowHeight={ROW_HEIGHT}
                height="min(62vh, 640px)"
                label="Records found"
                renderRow={(id) => {
                  const r = getRecord(id);
                  return (
                    <button
                      type="button"
                      class="vrow-button"
                      aria-current={openId === id ? 'true' : undefined}
                      data-record-id={id}
                      onClick={() => setOpenId(id)}
                    >
                      {!r ? (
                        <span class="muted">
                          {r === null ? 'Record no longer held' : 'Loading…'}
                        </span>
                      ) : (
                        <>
                          <span class="vrow-meta">
                            <bdi class="vrow-sender">{r.message.sender}</bdi>
                            <span class="muted">
                              {formatWallTime(r.message.sentAt)} · <bdi>{r.chat.title}</bdi>
                              {r.method === 'import' && ' · imported'}
                            </span>
                          </span>
                          <bdi class="vrow-text" dir="auto">
                            {r.message.text ||
                              (r.message.media ? `(${r.message.media})` : '(no text)')}
                          </bdi>
                        </>
                      )}
                    </button>
                  );
                }}
              />
            )}
          </>
        )}
      </section>
      <section class="records-detail" aria-labelledby="detail-heading">
        <h2 id="detail-heading">Record</h2>
        {!open ? (
          <p class="muted">Choose a record to see its evidence and audit trail.</p>
        ) : (
          <>
            {open.sourceFileSha256 && (
              <dl class="evidence" aria-label="Import source">
                <dt>Imported from</dt>
                <dd>
                  An exported chat file with SHA-256{' '}
                  <code class="hash">{open.sourceFileSha256}</code>
                </dd>
              </dl>
            )}
            <RecordDetail record={open} />
            <AuditTrail record={open} check={check} />
          </>
        )}
      </section>
    </div>
  );
}
