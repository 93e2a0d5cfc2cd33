import { useMemo, useState } from 'preact/hooks';
import { captureContext } from '../background/capture-context';
import { getDb } from '../../utils/db/database';
import { captureImported } from '../../utils/db/import-repo';
import type { EffectiveSettings } from '../../utils/effective-settings';
import { formatWallTime } from '../../utils/format';
import { importChatExport, type ImportResult } from '../../utils/library/import';
import { classifyMessage, type Classification } from '../../utils/policy/classify';
import type { ObservedMessage } from '../../utils/types';

type Loaded = Extract<ImportResult, { ok: true }> & { fileName: string; bytes: Uint8Array };
interface Row {
  message: ObservedMessage;
  advice: Classification;
}

/** Show this many messages at once; the rest are one click away (exports can be huge). */
const PAGE = 300;

/**
 * Import of WhatsApp's "Export chat" files: the same advice as on WhatsApp Web for every message,
 * the user chooses which become records, each kept with the export file's SHA-256.
 */
export function ImportView({ eff }: { eff?: EffectiveSettings }) {
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [ownName, setOwnName] = useState('');
  const [shown, setShown] = useState(PAGE);
  // Pre-choose what the advice says are records once both the file and the policy are in.
  const [chosenByAdvice, setChosenByAdvice] = useState(false);
  const policy = eff?.policy;
  const rows: Row[] = useMemo(() => {
    if (!loaded) return [];
    const none: Classification = {
      record: false,
      categories: [],
      reasons: [],
      sensitive: [],
      warnings: [],
      summary: 'No advice yet: the council policy is loading.',
    };
    return loaded.messages.map((m) => ({
      message: m,
      advice: policy ? classifyMessage(m.text, policy, { isGroup: loaded.chat.isGroup }) : none,
    }));
  }, [loaded, policy]);
  if (chosenByAdvice && policy && rows.length) {
    setChosenByAdvice(false);
    setChosen(new Set(rows.filter((r) => r.advice.record).map((r) => r.message.id)));
  }

  const parse = async (file: { name: string; bytes: Uint8Array }, daysFirst?: boolean) => {
    setError(undefined);
    setStatus(`Reading ${file.name}…`);
    const res = await importChatExport(file, {
      ownName: ownName.trim() || undefined,
      ...(daysFirst === undefined ? {} : { daysFirst }),
    });
    if (!res.ok) {
      setLoaded(undefined);
      setStatus('');
      setError(res.error);
      return;
    }
    setLoaded({ ...res, fileName: file.name, bytes: file.bytes });
    setChosen(new Set());
    setChosenByAdvice(true);
    setShown(PAGE);
    setStatus(
      `Read ${res.messages.length} message${res.messages.length === 1 ? '' : 's'} from ${res.chatFile}` +
        (res.warnings.length
          ? `; ${res.warnings.length} line(s) could not be read in full (listed below).`
          : '.'),
    );
  };

  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const f = input.files?.[0];
    if (!f) return;
    await parse({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  };

  const capture = async () => {
    if (!loaded) return;
    setBusy(true);
    setError(undefined);
    try {
      const ctx = await captureContext();
      const items = rows
        .filter((r) => chosen.has(r.message.id))
        .map((r) => ({ message: r.message, categories: r.advice.categories }));
      const sum = await captureImported(
        getDb(),
        {
          chat: loaded.chat,
          fileName: loaded.fileName,
          fileSha256: loaded.fileSha256,
          items,
          warnings: loaded.warnings.length,
        },
        ctx,
      );
      setStatus(
        `Captured ${sum.captured} record${sum.captured === 1 ? '' : 's'} from ${loaded.fileName}` +
          (sum.alreadyCaptured ? `; ${sum.alreadyCaptured} had been captured already.` : '.'),
      );
      if (sum.errors.length) setError(sum.errors.join(' '));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };

  return (
    <section aria-labelledby="import-heading" class="page-section">
      <h2 id="import-heading">Import an exported chat</h2>
      <p>
        On your phone, open the chat in WhatsApp, choose <strong>More → Export chat</strong>, and
        save the <code>.txt</code> or <code>.zip</code> file. Nothing is uploaded: the file is read
        in this browser.
      </p>
      <div class="row-fields">
        <label>
          Your name as it appears in the export (optional)
          <input
            type="text"
            value={ownName}
            onInput={(e) => setOwnName((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Chat export file
          <input
            type="file"
            accept=".txt,.zip,text/plain,application/zip"
            onChange={onFile}
            data-testid="import-file"
          />
        </label>
      </div>
      <p role="status" data-testid="import-status">
        {status}
      </p>
      {error && (
        <p role="alert" class="bad notice" data-testid="import-error">
          {error}
        </p>
      )}
      {loaded && (
        <>
          <dl class="evidence">
            <dt>Chat</dt>
            <dd>
              <bdi>{loaded.chat.title}</bdi> {loaded.chat.isGroup ? '(group)' : '(one-to-one)'}
            </dd>
            <dt>File</dt>
            <dd>
              {loaded.fileName} — SHA-256 <code class="hash">{loaded.fileSha256}</code>
            </dd>
            <dt>Dates read as</dt>
            <dd>
              {loaded.dayOrder === 'day-first' ? 'day/month/year' : 'month/day/year'}
              {loaded.ambiguousDayOrder && (
                <>
                  {' '}
                  (the file could be read either way){' '}
                  <button
                    type="button"
                    onClick={() =>
                      void parse(
                        { name: loaded.fileName, bytes: loaded.bytes },
                        loaded.dayOrder !== 'day-first',
                      )
                    }
                  >
                    Read as {loaded.dayOrder === 'day-first' ? 'month/day/year' : 'day/month/year'}{' '}
                    instead
                  </button>
                </>
              )}
            </dd>
            <dt>WhatsApp notices left out</dt>
            <dd>{loaded.systemLines}</dd>
          </dl>
          {loaded.warnings.length > 0 && (
            <div class="notice warning" data-testid="import-warnings">
              <h3>Lines that could not be read in full</h3>
              <p>These are kept in the audit trail as a count; check them against the phone.</p>
              <ul>
                {loaded.warnings.map((w) => (
                  <li key={w.line}>
                    Line {w.line}: {w.problem} — <bdi class="muted">{w.text}</bdi>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div class="record-selection">
            <span>
              {chosen.size} of {rows.length} chosen (messages the policy says are records are chosen
              for you)
            </span>
            <span class="request-actions">
              <button
                type="button"
                onClick={() => setChosen(new Set(rows.map((r) => r.message.id)))}
              >
                Choose all
              </button>
              <button type="button" onClick={() => setChosen(new Set())}>
                Choose none
              </button>
            </span>
            <button
              type="button"
              class="primary"
              disabled={busy || chosen.size === 0}
              onClick={() => void capture()}
            >
              Capture {chosen.size} as record{chosen.size === 1 ? '' : 's'}
            </button>
          </div>
          <ol class="import-list" aria-label="Messages in the export">
            {rows.slice(0, shown).map((r) => (
              <li key={r.message.id} class="import-row">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(r.message.id)}
                    onChange={() => toggle(r.message.id)}
                    aria-label={`Capture the message from ${r.message.sender}, ${formatWallTime(r.message.sentAt)}`}
                  />
                  <span>
                    <strong>
                      <bdi>{r.message.sender}</bdi>
                    </strong>{' '}
                    <span class="muted">{formatWallTime(r.message.sentAt)}</span>
                    <br />
                    <bdi dir="auto">
                      {r.message.text || (r.message.media ? `(${r.message.media})` : '(no text)')}
                    </bdi>
                  </span>
                </label>
                <div class="advice small">
                  {r.advice.record && (
                    <span class="tag">
                      Record
                      {r.advice.categories.length ? `: ${r.advice.categories.join(', ')}` : ''}
                    </span>
                  )}{' '}
                  <span class="muted">{r.advice.summary}</span>
                  {r.advice.sensitive.length > 0 && (
                    <span class="bad"> · contains personal data</span>
                  )}
                </div>
              </li>
            ))}
          </ol>
          {rows.length > shown && (
            <button type="button" onClick={() => setShown(shown + PAGE)}>
              Show {Math.min(PAGE, rows.length - shown)} more messages
            </button>
          )}
        </>
      )}
    </section>
  );
}
