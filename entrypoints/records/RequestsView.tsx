import { useMemo, useState } from 'preact/hooks';
import { useLiveQuery } from '../../components/use-live-query';
import { getDb } from '../../utils/db/database';
import { closeHold, openHold, type NewHold } from '../../utils/db/holds-repo';
import { effectiveHoldDueAt, holdDueAt, holdName } from '../../utils/deadlines/holds';
import { formatDate, formatDateTime, formatRelative } from '../../utils/deadlines/format';
import { londonDateOf } from '../../utils/deadlines/london';
import type { Hold, HoldKind } from '../../utils/deadlines/types';
import type { EffectiveSettings } from '../../utils/effective-settings';
import { findMentions } from '../../utils/library/search';
import { sendMessage } from '../../utils/messaging';
import { capturedByOf } from '../../utils/settings';
import { DisclosurePanel } from './DisclosurePanel';
import type { SearchIndexHook } from './use-search-index';
import { ChatSelect } from '../../components/ChatSelect';

/** The clock of a request: when it is due and how long is left, in words. */
export function RequestClock({ hold, now }: { hold: Hold; now: Date }) {
  const due = effectiveHoldDueAt(hold);
  if (hold.closedAt) return <span class="muted">Closed {formatDateTime(hold.closedAt)}</span>;
  if (!due) return <span class="muted">No statutory deadline</span>;
  const overdue = Date.parse(due) < now.getTime();
  return (
    <span class={overdue ? 'clock bad' : 'clock'}>
      Due {formatDate(due)} — <strong>{formatRelative(now, due)}</strong>
    </span>
  );
}

/** Written into the hold's note so the disclosure knows whose own details not to redact. */
function subjectNote(name: string, phone: string, email: string): string {
  return `Data subject: ${[name, phone, email]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ')}`;
}

/**
 * FOI and subject access requests: opening one places a hold on what it covers (so nothing it
 * covers can be cleared or disposed of), shows its statutory clock, and leads to a disclosure.
 */
export function RequestsView({
  search,
  eff,
  now,
}: {
  search: SearchIndexHook;
  eff?: EffectiveSettings;
  now: Date;
}) {
  const db = getDb();
  const holds = useLiveQuery(() => db.holds.orderBy('openedAt').reverse().toArray(), []);
  const chats = useLiveQuery(() => db.chats.orderBy('title').toArray(), []);
  const [kind, setKind] = useState<HoldKind>('foi');
  const [reference, setReference] = useState('');
  const [received, setReceived] = useState(() => londonDateOf(now));
  const [chatKey, setChatKey] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [words, setWords] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [working, setWorking] = useState<string | undefined>();
  const [closing, setClosing] = useState<{ id: string; reason: string } | undefined>();

  const index = search.state?.index;
  const preview = useMemo(() => {
    if (!index) return undefined;
    if (kind === 'sar') {
      if (!name.trim() && !phone.trim() && !email.trim()) return undefined;
      return findMentions(index, { name, phone, email });
    }
    if (!words.trim()) return undefined;
    return index.search(
      { text: words, chatKey: chatKey || undefined, from: from || undefined, to: to || undefined },
      100_000,
    ).ids;
  }, [index, search.version, kind, name, phone, email, words, chatKey, from, to]);

  const dueAt = received ? holdDueAt(kind, received) : undefined;

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setStatus('');
    if (kind === 'sar' && !name.trim() && !phone.trim() && !email.trim()) {
      setError('Give the name, phone number or email address of the person asking.');
      return;
    }
    const covers: NewHold['covers'] =
      kind === 'sar' || words.trim()
        ? { recordIds: preview ?? [] }
        : {
            ...(chatKey ? { chatKeys: [chatKey] } : {}),
            ...(from ? { from } : {}),
            ...(to ? { to } : {}),
          };
    const hold: NewHold = {
      kind,
      reference,
      receivedAt: received,
      covers,
      ...(kind === 'sar' ? { note: subjectNote(name, phone, email) } : {}),
    };
    try {
      const saved = await openHold(
        db,
        hold,
        eff ? capturedByOf(eff.settings) : 'Unnamed user',
        now,
      );
      // The badge, alarms and reminders follow holds; a closed worker is woken by this.
      void sendMessage('deadlinesChanged', undefined).catch(() => undefined);
      setStatus(
        `${holdName(saved.kind)} ${saved.reference} opened. A hold now stops what it covers from being cleared or disposed of.`,
      );
      setReference('');
      setWorking(saved.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const close = async () => {
    if (!closing) return;
    try {
      const h = await closeHold(
        db,
        closing.id,
        eff ? capturedByOf(eff.settings) : 'Unnamed user',
        now,
        closing.reason,
      );
      void sendMessage('deadlinesChanged', undefined).catch(() => undefined);
      setStatus(`${h.reference} closed.`);
      setClosing(undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const current = holds?.find((h) => h.id === working);
  const covered = (h: Hold) => index?.search({ holdId: h.id }, 1).total;

  return (
    <div class="page-section">
      <section aria-labelledby="new-request-heading" class="notice">
        <h2 id="new-request-heading">Open an FOI or subject access request</h2>
        <form onSubmit={(e) => void submit(e)} class="request-form">
          <fieldset>
            <legend>Kind of request</legend>
            <label class="check">
              <input
                type="radio"
                name="kind"
                checked={kind === 'foi'}
                onChange={() => setKind('foi')}
              />
              Freedom of Information (20 working days)
            </label>
            <label class="check">
              <input
                type="radio"
                name="kind"
                checked={kind === 'sar'}
                onChange={() => setKind('sar')}
              />
              Subject access (one calendar month)
            </label>
          </fieldset>
          <div class="row-fields">
            <label>
              Reference
              <input
                type="text"
                required
                value={reference}
                placeholder={kind === 'foi' ? 'FOI-2026-014' : 'SAR-2026-003'}
                onInput={(e) => setReference((e.target as HTMLInputElement).value)}
              />
            </label>
            <label>
              Received on
              <input
                type="date"
                required
                value={received}
                onInput={(e) => setReceived((e.target as HTMLInputElement).value)}
              />
            </label>
            <p class="due-preview" aria-live="polite">
              {dueAt ? (
                <>
                  Must be answered by <strong>{formatDateTime(dueAt)}</strong> (
                  {formatRelative(now, dueAt)})
                </>
              ) : (
                'Give the date received to see when it is due.'
              )}
            </p>
          </div>
          {kind === 'foi' ? (
            <div class="row-fields">
              <ChatSelect chats={chats} value={chatKey} onChange={setChatKey} />
              <label>
                From
                <input
                  type="date"
                  value={from}
                  onInput={(e) => setFrom((e.target as HTMLInputElement).value)}
                />
              </label>
              <label>
                To
                <input
                  type="date"
                  value={to}
                  onInput={(e) => setTo((e.target as HTMLInputElement).value)}
                />
              </label>
              <label>
                Words the request is about (optional)
                <input
                  type="text"
                  value={words}
                  onInput={(e) => setWords((e.target as HTMLInputElement).value)}
                />
              </label>
            </div>
          ) : (
            <div class="row-fields">
              <label>
                Person’s name
                <input
                  type="text"
                  value={name}
                  onInput={(e) => setName((e.target as HTMLInputElement).value)}
                />
              </label>
              <label>
                Phone
                <input
                  type="tel"
                  value={phone}
                  onInput={(e) => setPhone((e.target as HTMLInputElement).value)}
                />
              </label>
              <label>
                Email
                <input
                  type="email"
                  value={email}
                  onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
                />
              </label>
            </div>
          )}
          <p class="muted" aria-live="polite">
            {preview !== undefined
              ? `${preview.length} record${preview.length === 1 ? ' matches' : 's match'} now; the hold will cover ${preview.length === 1 ? 'it' : 'them'}.`
              : kind === 'foi'
                ? 'Without words, the hold covers everything in the chosen chat and period.'
                : ''}
          </p>
          <button type="submit" class="primary">
            Open request and place hold
          </button>
        </form>
        <p role="status">{status}</p>
        {error && (
          <p role="alert" class="bad">
            {error}
          </p>
        )}
      </section>

      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Requests and holds</h2>
        {!holds?.length ? (
          <p class="muted">No requests yet.</p>
        ) : (
          <ul class="requests">
            {holds.map((h) => (
              <li key={h.id} class="request" data-hold-id={h.id}>
                <div>
                  <strong>{h.reference}</strong> · {holdName(h.kind)} · received{' '}
                  {formatDate(h.receivedAt)}
                  {covered(h) !== undefined && (
                    <span class="muted">
                      {' '}
                      · covers {covered(h)} record{covered(h) === 1 ? '' : 's'}
                    </span>
                  )}
                </div>
                <RequestClock hold={h} now={now} />
                <div class="request-actions">
                  <button
                    type="button"
                    onClick={() => setWorking(h.id)}
                    aria-pressed={working === h.id}
                  >
                    Prepare disclosure
                  </button>
                  {!h.closedAt && (
                    <button type="button" onClick={() => setClosing({ id: h.id, reason: '' })}>
                      Close request
                    </button>
                  )}
                </div>
                {closing?.id === h.id && (
                  <form
                    class="row-fields"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void close();
                    }}
                  >
                    <label>
                      Why is it closed?
                      <input
                        type="text"
                        required
                        value={closing.reason}
                        placeholder="Response sent 12/12/2026"
                        onInput={(e) =>
                          setClosing({ id: h.id, reason: (e.target as HTMLInputElement).value })
                        }
                      />
                    </label>
                    <button type="submit">Close and lift the hold</button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {current && <DisclosurePanel hold={current} search={search} eff={eff} now={now} />}
    </div>
  );
}
