import { useRef, useState } from 'preact/hooks';
import { useEffectiveSettings } from '../../components/use-effective-settings';
import { useLiveQuery } from '../../components/use-live-query';
import {
  effectiveHoldDueAt,
  formatDate,
  formatDateTime,
  formatRelative,
  holdName,
  type Hold,
  type HoldKind,
} from '../../utils/deadlines';
import { getDb } from '../../utils/db/database';
import { closeHold, listHolds, openHold } from '../../utils/db/holds-repo';
import type { EffectiveSettings } from '../../utils/effective-settings';
import { sendMessage } from '../../utils/messaging';
import { capturedByOf, nowFrom } from '../../utils/settings';
import type { ChatEntry } from '../../utils/types';
import { emptyForm, holdFromForm, type Field, type HoldForm } from './form';

const KINDS: HoldKind[] = ['foi', 'sar', 'legal', 'dispute', 'breach'];

/** Tells the background to recompute badge and reminders (wakes it if asleep). */
function changed(): void {
  void sendMessage('deadlinesChanged', undefined).catch(() => undefined);
}

/** FOI and subject access requests, legal holds, disputes and breaches: open, see, close. */
export function Holds() {
  const eff = useEffectiveSettings();
  const holds = useLiveQuery(() => listHolds(getDb()), []);
  const chats = useLiveQuery(() => getDb().chats.orderBy('lastSeenAt').reverse().toArray(), []);
  const [status, setStatus] = useState('');
  if (!eff || !holds || !chats) {
    return (
      <main class="panel holds-page">
        <h1>Holds and requests</h1>
        <p role="status">Loading…</p>
      </main>
    );
  }
  const now = nowFrom(eff.settings);
  const open = holds.filter((h) => h.closedAt === undefined);
  const closed = holds.filter((h) => h.closedAt !== undefined);
  return (
    <main class="panel holds-page">
      <h1>Holds and requests</h1>
      <p>
        An open hold stops the chats and records it covers being cleared down or disposed of.
        Deleting information after a request can be an offence (Freedom of Information Act 2000,
        section 77; Data Protection Act 2018, section 173). Close a hold once it is dealt with.
      </p>
      <p role="status" class="holds-status">
        {status}
      </p>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">Open holds ({open.length})</h2>
        {open.length === 0 ? (
          <p class="muted">No open holds.</p>
        ) : (
          <ul class="hold-list">
            {open.map((h) => (
              <HoldView key={h.id} hold={h} now={now} chats={chats} eff={eff} say={setStatus} />
            ))}
          </ul>
        )}
      </section>
      <OpenHoldForm chats={chats} eff={eff} say={setStatus} />
      <section aria-labelledby="closed-heading">
        <h2 id="closed-heading">Closed holds ({closed.length})</h2>
        {closed.length === 0 ? (
          <p class="muted">None yet.</p>
        ) : (
          <ul class="hold-list">
            {closed.map((h) => (
              <HoldView key={h.id} hold={h} now={now} chats={chats} eff={eff} say={setStatus} />
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

function coversText(hold: Hold, chats: ChatEntry[]): string {
  const c = hold.covers;
  const parts: string[] = [];
  if (c.chatKeys && c.chatKeys.length > 0) {
    const titles = c.chatKeys.map((k) => chats.find((ch) => ch.chatKey === k)?.title ?? k);
    parts.push(
      `${titles.length === 1 ? 'The chat' : 'The chats'} ${titles.map((t) => `“${t}”`).join(', ')}`,
    );
  }
  if (c.from || c.to) {
    parts.push(
      c.from && c.to
        ? `messages from ${formatDate(c.from)} to ${formatDate(c.to)}`
        : c.from
          ? `messages from ${formatDate(c.from)}`
          : `messages up to ${formatDate(c.to ?? '')}`,
    );
  }
  if (c.recordIds && c.recordIds.length > 0) {
    parts.push(`${c.recordIds.length} record${c.recordIds.length === 1 ? '' : 's'}`);
  }
  return parts.length === 0 ? 'Everything' : parts.join('; ');
}

function HoldView(props: {
  hold: Hold;
  now: Date;
  chats: ChatEntry[];
  eff: EffectiveSettings;
  say: (s: string) => void;
}) {
  const { hold, now, chats, eff, say } = props;
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const due = effectiveHoldDueAt(hold, { breachHours: eff.policy.breach?.icoWithinHours });
  const isOpen = hold.closedAt === undefined;
  const overdue = isOpen && due !== undefined && now.toISOString() > due;
  const id = `hold-${hold.id}`;
  const reasonId = `${id}-reason`;

  const close = async () => {
    if (reason.trim() === '') {
      setProblem('Say why the hold is being closed, for example “Response sent 12/03/2026”.');
      return;
    }
    try {
      await closeHold(getDb(), hold.id, capturedByOf(eff.settings), nowFrom(eff.settings), reason);
      changed();
      setClosing(false);
      say(`${holdName(hold.kind)} ${hold.reference} is closed.`);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <li class={`hold${overdue ? ' overdue' : ''}`} aria-labelledby={id}>
      <h3 id={id}>
        {holdName(hold.kind)} {hold.reference}
      </h3>
      <dl class="evidence">
        <dt>Received</dt>
        <dd>
          {hold.kind === 'breach' ? formatDateTime(hold.receivedAt) : formatDate(hold.receivedAt)}
        </dd>
        <dt>{hold.kind === 'breach' ? 'Report to the ICO by' : 'Respond by'}</dt>
        <dd>
          {due ? (
            <>
              {hold.kind === 'breach' ? formatDateTime(due) : formatDate(due)}
              {isOpen ? (
                <strong class={overdue ? 'bad' : undefined}> ({formatRelative(now, due)})</strong>
              ) : null}
            </>
          ) : (
            'No statutory deadline'
          )}
        </dd>
        <dt>Covers</dt>
        <dd>{coversText(hold, chats)}</dd>
        {hold.note ? (
          <>
            <dt>Note</dt>
            <dd class="message-text">{hold.note}</dd>
          </>
        ) : null}
        <dt>Opened</dt>
        <dd>{formatDateTime(hold.openedAt)}</dd>
        {hold.closedAt ? (
          <>
            <dt>Closed</dt>
            <dd>{formatDateTime(hold.closedAt)}</dd>
          </>
        ) : null}
      </dl>
      {isOpen && !closing ? (
        <button type="button" aria-describedby={id} onClick={() => setClosing(true)}>
          Close this hold…
        </button>
      ) : null}
      {isOpen && closing ? (
        <div class="hold-close">
          <label class="block" for={reasonId}>
            Why is it being closed?
          </label>
          <textarea
            id={reasonId}
            rows={2}
            value={reason}
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={problem ? `${reasonId}-problem` : undefined}
            onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
          />
          <p id={`${reasonId}-problem`} role="alert" class="bad">
            {problem}
          </p>
          <div class="due-actions">
            <button
              type="button"
              class="primary"
              aria-describedby={id}
              onClick={() => void close()}
            >
              Close hold
            </button>
            <button type="button" onClick={() => setClosing(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

function OpenHoldForm(props: {
  chats: ChatEntry[];
  eff: EffectiveSettings;
  say: (s: string) => void;
}) {
  const { chats, eff, say } = props;
  const [form, setForm] = useState<HoldForm>(emptyForm);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState('');
  const firstField = useRef<HTMLSelectElement>(null);
  const set = (patch: Partial<HoldForm>) => setForm((f) => ({ ...f, ...patch }));
  const inputValue = (e: Event) => (e.target as HTMLInputElement).value;
  const councilChats = chats.filter((c) => c.kind !== 'personal');

  const submit = async (e: Event) => {
    e.preventDefault();
    setFailure('');
    const now = nowFrom(eff.settings);
    const result = holdFromForm(form, now);
    if (!result.ok) {
      setProblems(result.problems);
      const first = Object.keys(result.problems)[0];
      if (first) document.getElementById(`hold-${first}`)?.focus();
      return;
    }
    setProblems({});
    try {
      const hold = await openHold(getDb(), result.hold, capturedByOf(eff.settings), now);
      changed();
      setForm(emptyForm);
      say(
        `${holdName(hold.kind)} ${hold.reference} is open. Clear-downs and disposals it covers are blocked until you close it.`,
      );
      firstField.current?.focus();
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
  };

  const fieldProps = (field: Field) => ({
    id: `hold-${field}`,
    'aria-invalid': problems[field] ? ('true' as const) : undefined,
    'aria-describedby': `hold-${field}-hint hold-${field}-problem`,
  });
  const problemOf = (field: Field) => (
    <span id={`hold-${field}-problem`} class="field-problem bad">
      {problems[field] ?? ''}
    </span>
  );

  return (
    <section aria-labelledby="new-heading">
      <h2 id="new-heading">Open a hold</h2>
      <form class="hold-form" noValidate onSubmit={(e) => void submit(e)}>
        <div class="field">
          <label for="hold-kind">Kind</label>
          <select
            {...fieldProps('kind')}
            ref={firstField}
            value={form.kind}
            onChange={(e) => set({ kind: inputValue(e) as HoldKind | '' })}
          >
            <option value="">Choose…</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {holdName(k)}
              </option>
            ))}
          </select>
          <span id="hold-kind-hint" class="muted">
            FOI requests are due in 20 working days; subject access requests in one month.
          </span>
          {problemOf('kind')}
        </div>
        <div class="field">
          <label for="hold-reference">Reference</label>
          <input
            {...fieldProps('reference')}
            type="text"
            autocomplete="off"
            value={form.reference}
            onInput={(e) => set({ reference: inputValue(e) })}
          />
          <span id="hold-reference-hint" class="muted">
            The council’s own reference, for example FOI-2026-014.
          </span>
          {problemOf('reference')}
        </div>
        <div class="field">
          <label for="hold-received">Date received</label>
          <input
            {...fieldProps('received')}
            type="text"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            value={form.received}
            onInput={(e) => set({ received: inputValue(e) })}
          />
          <span id="hold-received-hint" class="muted">
            As dd/mm/yyyy. The clock starts from this day.
          </span>
          {problemOf('received')}
        </div>
        {form.kind === 'breach' ? (
          <div class="field">
            <label for="hold-receivedTime">Time you became aware (optional)</label>
            <input
              {...fieldProps('receivedTime')}
              type="text"
              inputMode="numeric"
              placeholder="HH:mm"
              value={form.receivedTime}
              onInput={(e) => set({ receivedTime: inputValue(e) })}
            />
            <span id="hold-receivedTime-hint" class="muted">
              The 72 hours to tell the ICO run from then (from midnight if left empty).
            </span>
            {problemOf('receivedTime')}
          </div>
        ) : null}
        <fieldset class="field">
          <legend>What does it cover?</legend>
          <p class="muted">
            Tick the chats it covers and/or give a period. Leave everything empty to hold all chats
            and records.
          </p>
          {councilChats.length === 0 ? (
            <p class="muted">No chats are known yet.</p>
          ) : (
            <ul class="chat-choices">
              {councilChats.map((c) => (
                <li key={c.chatKey}>
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={form.chatKeys.includes(c.chatKey)}
                      onChange={(e) => {
                        const on = (e.target as HTMLInputElement).checked;
                        set({
                          chatKeys: on
                            ? [...form.chatKeys, c.chatKey]
                            : form.chatKeys.filter((k) => k !== c.chatKey),
                        });
                      }}
                    />
                    <span>{c.title}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <div class="date-range">
            <div class="field">
              <label for="hold-from">From (optional)</label>
              <input
                {...fieldProps('from')}
                type="text"
                inputMode="numeric"
                placeholder="dd/mm/yyyy"
                value={form.from}
                onInput={(e) => set({ from: inputValue(e) })}
              />
              <span id="hold-from-hint" class="visually-hidden">
                Start of the period, as dd/mm/yyyy.
              </span>
              {problemOf('from')}
            </div>
            <div class="field">
              <label for="hold-to">To (optional)</label>
              <input
                {...fieldProps('to')}
                type="text"
                inputMode="numeric"
                placeholder="dd/mm/yyyy"
                value={form.to}
                onInput={(e) => set({ to: inputValue(e) })}
              />
              <span id="hold-to-hint" class="visually-hidden">
                End of the period, as dd/mm/yyyy.
              </span>
              {problemOf('to')}
            </div>
          </div>
        </fieldset>
        <div class="field">
          <label for="hold-note">Note (optional)</label>
          <textarea
            id="hold-note"
            rows={2}
            value={form.note}
            onInput={(e) => set({ note: (e.target as HTMLTextAreaElement).value })}
          />
        </div>
        <p role="alert" class="bad">
          {Object.keys(problems).length > 0
            ? 'Check the fields marked above.'
            : failure
              ? `The hold was not saved: ${failure}`
              : ''}
        </p>
        <button type="submit" class="primary">
          Open hold
        </button>
      </form>
    </section>
  );
}
