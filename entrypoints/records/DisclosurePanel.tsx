import { useEffect, useMemo, useState } from 'preact/hooks';
import { offerDownload } from '../../components/delivery/download';
import { getDb } from '../../utils/db/database';
import { recordDeliveries } from '../../utils/db/deliveries-repo';
import { buildBundle, verifyBundle } from '../../utils/delivery/bundle';
import { isoUkDate, safeFilename, utf8 } from '../../utils/delivery/text';
import { holdName } from '../../utils/deadlines/holds';
import type { Hold } from '../../utils/deadlines/types';
import {
  addFileToBundle,
  applyRedactions,
  REDACTION_LOG_PATH,
  redactionLabel,
  redactionLogCsv,
  suggestRedactions,
  type DataSubject,
} from '../../utils/disclosure';
import type { EffectiveSettings } from '../../utils/effective-settings';
import { formatWallTime } from '../../utils/format';
import { emailsIn, phonesIn } from '../../utils/library/text';
import { capturedByOf } from '../../utils/settings';
import type { CouncilRecord } from '../../utils/types';
import { RequestClock } from './RequestsView';
import type { SearchIndexHook } from './use-search-index';

/** More than this and the page asks for a narrower request rather than freezing. */
const MAX_DISCLOSE = 5000;

const REASONS: Record<string, string> = {
  foi: 'Personal data of a third party (Freedom of Information Act 2000, s.40(2))',
  sar: 'Personal data of a third party (Data Protection Act 2018, Sch. 2 para. 16)',
};

function subjectOf(hold: Hold): DataSubject | undefined {
  if (hold.kind !== 'sar' || !hold.note) return undefined;
  return { phone: phonesIn(hold.note)[0], email: emailsIn(hold.note)[0] };
}

/**
 * The records a request covers, chosen by the user; third parties' personal data suggested for
 * redaction and confirmed one by one; then a verified bundle of redacted copies with a redaction
 * log. The stored records are not changed.
 */
export function DisclosurePanel({
  hold,
  search,
  eff,
  now,
}: {
  hold: Hold;
  search: SearchIndexHook;
  eff?: EffectiveSettings;
  now: Date;
}) {
  const [records, setRecords] = useState<CouncilRecord[] | undefined>();
  const [total, setTotal] = useState(0);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [declined, setDeclined] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState(REASONS[hold.kind] ?? REASONS.foi!);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const index = search.state?.index;
    if (!index) return;
    const hits = index.search({ holdId: hold.id }, MAX_DISCLOSE);
    setTotal(hits.total);
    void getDb()
      .records.bulkGet(hits.ids)
      .then((rows) => {
        const list = rows.filter((r): r is CouncilRecord => !!r);
        setRecords(list);
        setChosen(new Set(list.map((r) => r.id)));
      });
  }, [hold.id, search.state, search.version]);

  const selected = useMemo(
    () => (records ?? []).filter((r) => chosen.has(r.id)),
    [records, chosen],
  );
  const suggestions = useMemo(() => suggestRedactions(selected, subjectOf(hold)), [selected, hold]);
  const confirmed = suggestions.filter((s) => !declined.has(s.key));
  const byId = useMemo(() => new Map((records ?? []).map((r) => [r.id, r])), [records]);

  const produce = async () => {
    setBusy(true);
    setError(undefined);
    setStatus('Building the disclosure bundle…');
    try {
      const db = getDb();
      const by = eff ? capturedByOf(eff.settings) : 'Unnamed user';
      const { records: copies, log } = applyRedactions(selected, confirmed, {
        by,
        at: now,
        reason,
      });
      const ids = selected.map((r) => r.id);
      const [events, head] = await Promise.all([
        db.events
          .where('subject')
          .anyOf([...ids, hold.id])
          .sortBy('seq'),
        db.events.orderBy('seq').last(),
      ]);
      const zip = buildBundle({
        records: copies,
        events,
        chainHead: { seq: head?.seq ?? 0, hash: head?.hash ?? '' },
        policy: eff
          ? { id: eff.policy.id, version: eff.policy.version, council: eff.policy.council }
          : { id: 'unknown', version: '', council: '' },
        createdBy: by,
        createdAt: now,
      });
      const bytes = addFileToBundle(zip, REDACTION_LOG_PATH, utf8(redactionLogCsv(log)));
      const check = verifyBundle(bytes);
      if (!check.ok)
        throw new Error(`The bundle did not verify, so it was not saved. ${check.summary}`);
      const filename = `disclosure-${safeFilename(hold.reference, 'request')}-${isoUkDate(now)}.zip`;
      offerDownload(bytes, filename, 'application/zip');
      await recordDeliveries(
        db,
        ids.map((recordId) => ({
          recordId,
          kind: 'bundle' as const,
          target: filename,
          detail: `${holdName(hold.kind)} ${hold.reference}: disclosure with ${log.filter((l) => l.recordId === recordId).length} redaction(s)`,
        })),
        by,
        now,
      );
      setStatus(
        `Disclosure bundle ${filename} downloaded: ${copies.length} record${copies.length === 1 ? '' : 's'}, ${log.length} redaction${log.length === 1 ? '' : 's'} (listed in ${REDACTION_LOG_PATH}). ${check.summary} The stored records are unchanged.`,
      );
    } catch (err) {
      setStatus('');
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const flip = (set: Set<string>, key: string, apply: (s: Set<string>) => void) => {
    const next = new Set(set);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    apply(next);
  };

  return (
    <section
      aria-labelledby="disclosure-heading"
      class="notice disclosure"
      data-testid="disclosure"
    >
      <h2 id="disclosure-heading">
        Disclosure for {hold.reference} ({holdName(hold.kind)})
      </h2>
      <p>
        <RequestClock hold={hold} now={now} />
      </p>
      {!records ? (
        <p role="status">Finding the records this request covers…</p>
      ) : (
        <>
          <p>
            {total} record{total === 1 ? '' : 's'} covered
            {total > MAX_DISCLOSE &&
              ` (the first ${MAX_DISCLOSE} are shown: narrow the request)`}; {selected.length}{' '}
            chosen for disclosure.
          </p>
          <ul class="disclose-list" aria-label="Records to disclose">
            {records.map((r) => (
              <li key={r.id}>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(r.id)}
                    onChange={() => flip(chosen, r.id, setChosen)}
                  />
                  <span>
                    <strong>
                      <bdi>{r.message.sender}</bdi>
                    </strong>{' '}
                    <span class="muted">{formatWallTime(r.message.sentAt)}</span> —{' '}
                    <bdi dir="auto">{r.message.text}</bdi>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <h3>Suggested redactions</h3>
          {suggestions.length === 0 ? (
            <p class="muted">No third-party personal data was found in the chosen records.</p>
          ) : (
            <>
              <p>
                Untick anything that should be disclosed. Each ticked item is replaced in the bundle
                by a label such as “{redactionLabel('phone')}” and listed in the redaction log.
              </p>
              <ul class="redactions" aria-label="Suggested redactions">
                {suggestions.map((s) => {
                  const r = byId.get(s.recordId);
                  return (
                    <li key={s.key}>
                      <label class="check">
                        <input
                          type="checkbox"
                          checked={!declined.has(s.key)}
                          onChange={() => flip(declined, s.key, setDeclined)}
                        />
                        <span>
                          Redact {redactionLabel(s.kind).slice(11, -1)} “<bdi>{s.text}</bdi>”
                          <span class="muted">
                            {' '}
                            in the {s.field === 'text' ? 'message' : s.field} from{' '}
                            <bdi>{r?.message.sender ?? ''}</bdi>,{' '}
                            {formatWallTime(r?.message.sentAt)}
                          </span>
                        </span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          <label class="block">
            Reason recorded in the redaction log
            <input
              type="text"
              class="wide"
              value={reason}
              onInput={(e) => setReason((e.target as HTMLInputElement).value)}
            />
          </label>
          <button
            type="button"
            class="primary"
            disabled={busy || selected.length === 0 || !reason.trim()}
            onClick={() => void produce()}
          >
            Produce disclosure bundle ({selected.length} record{selected.length === 1 ? '' : 's'},{' '}
            {confirmed.length} redaction{confirmed.length === 1 ? '' : 's'})
          </button>
          <p role="status" data-testid="disclosure-status">
            {status}
          </p>
          {error && (
            <p role="alert" class="bad">
              {error}
            </p>
          )}
        </>
      )}
    </section>
  );
}
