import { useState } from 'preact/hooks';
import type { DueItem } from '../../utils/deadlines';
import { getDb } from '../../utils/db/database';
import { disposeRecord, extendRetention } from '../../utils/db/retention-repo';
import type { EffectiveSettings } from '../../utils/effective-settings';
import { sendMessage } from '../../utils/messaging';
import { capturedByOf, nowFrom } from '../../utils/settings';
import { parseUkDate } from '../holds/form';

/**
 * Retention review of one record: keep it longer (a date and a reason) or dispose of it (content
 * removed, a stub kept in the audit log). Holds and the keep-until date are re-checked on write.
 */
export function RetentionActions(props: {
  item: DueItem;
  eff: EffectiveSettings;
  titleId: string;
  say: (text: string) => void;
  onProblems: (problems: string[]) => void;
}) {
  const { item, eff, titleId, say, onProblems } = props;
  const [mode, setMode] = useState<'idle' | 'extend' | 'dispose'>('idle');
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const base = titleId.replace(/^due-/, 'ret-');

  const done = (text: string) => {
    setMode('idle');
    void sendMessage('deadlinesChanged', undefined).catch(() => undefined);
    say(text);
  };

  const extend = async () => {
    const day = until.trim().toLowerCase() === 'permanent' ? 'permanent' : parseUkDate(until);
    if (!day) return onProblems(['Enter the new keep-until date as dd/mm/yyyy.']);
    setBusy(true);
    try {
      const r = await extendRetention(
        getDb(),
        item.subject,
        day,
        reason,
        capturedByOf(eff.settings),
        nowFrom(eff.settings),
        eff.policy,
      );
      if (r.status === 'refused') onProblems(r.reasons);
      else done(`The record is now kept until ${until.trim()}.`);
    } finally {
      setBusy(false);
    }
  };

  const dispose = async () => {
    setBusy(true);
    try {
      const r = await disposeRecord(
        getDb(),
        item.subject,
        capturedByOf(eff.settings),
        nowFrom(eff.settings),
        eff.policy,
      );
      if (r.status === 'refused') onProblems(r.reasons);
      else
        done('The record was disposed of. A note of what was disposed of stays in the audit log.');
    } finally {
      setBusy(false);
    }
  };

  if (mode === 'extend') {
    return (
      <div class="due-confirm">
        <label class="block" for={`${base}-until`}>
          Keep until (dd/mm/yyyy, or “permanent”)
        </label>
        <input
          id={`${base}-until`}
          type="text"
          inputMode="numeric"
          value={until}
          onInput={(e) => setUntil((e.target as HTMLInputElement).value)}
        />
        <label class="block" for={`${base}-reason`}>
          Why must it be kept longer?
        </label>
        <textarea
          id={`${base}-reason`}
          rows={2}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
        />
        <div class="due-actions">
          <button
            type="button"
            class="primary"
            disabled={busy}
            aria-describedby={titleId}
            onClick={() => void extend()}
          >
            Keep longer
          </button>
          <button type="button" disabled={busy} onClick={() => setMode('idle')}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  if (mode === 'dispose') {
    return (
      <div class="due-confirm">
        <p>
          Dispose of this record? Its content and screenshots are removed from Council Capture; the
          audit log keeps a note of what was disposed of, when, by whom and under which rule.
          Nothing is deleted from WhatsApp.
        </p>
        <div class="due-actions">
          <button
            type="button"
            class="primary"
            disabled={busy}
            aria-describedby={titleId}
            onClick={() => void dispose()}
          >
            Yes, dispose of it
          </button>
          <button type="button" disabled={busy} onClick={() => setMode('idle')}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  return (
    <>
      <button type="button" aria-describedby={titleId} onClick={() => setMode('extend')}>
        Keep longer…
      </button>
      {item.overdue ? (
        <button type="button" aria-describedby={titleId} onClick={() => setMode('dispose')}>
          Dispose…
        </button>
      ) : null}
    </>
  );
}
