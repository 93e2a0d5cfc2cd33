import { useEffect, useState } from 'preact/hooks';
import { offerDownload } from '../../components/delivery/download';
import { getDb } from '../../utils/db/database';
import { databaseCounts, exportDatabase, restoreDatabase } from '../../utils/db/backup-repo';
import { isoUkDate } from '../../utils/delivery/text';
import { isEncryptedBackup } from '../../utils/library/backup';
import type { Settings } from '../../utils/settings';
import { settingsItem } from '../../utils/settings-store';

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

/** Storage usage against quota, and whether the browser has agreed to keep the data. */
function StorageSection() {
  const [estimate, setEstimate] = useState<StorageEstimate | undefined>();
  const [persisted, setPersisted] = useState<boolean | undefined>();
  const [msg, setMsg] = useState('');
  const refresh = async () => {
    setEstimate(await navigator.storage.estimate());
    setPersisted(await navigator.storage.persisted());
  };
  useEffect(() => {
    void refresh();
  }, []);
  const ask = async () => {
    const ok = await navigator.storage.persist();
    setMsg(
      ok
        ? 'The browser will keep these records even when disk space runs low.'
        : 'The browser did not agree to keep the data permanently. Keep regular backups.',
    );
    await refresh();
  };
  const used = estimate?.usage ?? 0;
  const quota = estimate?.quota ?? 0;
  return (
    <section aria-labelledby="storage-heading" class="notice">
      <h2 id="storage-heading">Storage</h2>
      {estimate ? (
        <>
          <p data-testid="storage-usage">
            Using {megabytes(used)} of {megabytes(quota)} available
            {quota > 0 &&
              ` (${((used / quota) * 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })}%)`}
            .
          </p>
          <progress max={quota || 1} value={used} aria-label="Storage used" />
        </>
      ) : (
        <p>Measuring…</p>
      )}
      <p>
        {persisted
          ? '✓ The browser keeps this data: it will not clear it to free space.'
          : 'The browser may clear this data if the disk fills up.'}
      </p>
      {!persisted && (
        <button type="button" onClick={() => void ask()}>
          Ask the browser to keep this data
        </button>
      )}
      <p role="status">{msg}</p>
    </section>
  );
}

/** Backup of everything to one file (optionally encrypted), and restore into a new browser. */
export function BackupView({ onRestored }: { onRestored: () => void }) {
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | undefined>();
  const [restorePass, setRestorePass] = useState('');
  const [confirmReplace, setConfirmReplace] = useState<number | undefined>();

  const backup = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    if (pass !== pass2) {
      setError('The two passphrases are not the same.');
      return;
    }
    setBusy(true);
    setStatus('Making the backup…');
    try {
      const settings = await settingsItem.getValue();
      const { bytes, counts } = await exportDatabase(
        getDb(),
        settings,
        pass ? { passphrase: pass } : {},
      );
      const name = `council-capture-backup-${isoUkDate(new Date())}${pass ? '-encrypted' : ''}.ccbackup`;
      offerDownload(bytes, name, 'application/octet-stream');
      setStatus(
        `Backup ${name} downloaded: ${counts.records} records and ${counts.events} audit events${pass ? ', encrypted with your passphrase (it cannot be recovered if lost)' : ''}.`,
      );
    } catch (err) {
      setStatus('');
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const restore = async (replace: boolean) => {
    if (!file) return;
    setError(undefined);
    setBusy(true);
    setStatus('Checking the backup…');
    try {
      const db = getDb();
      const res = await restoreDatabase(db, file.bytes, {
        passphrase: restorePass || undefined,
        replace,
      });
      if (!res.ok) {
        setStatus('');
        if (res.error === 'not-empty') setConfirmReplace((await databaseCounts(db)).records);
        setError(res.message);
        return;
      }
      if (res.settings && typeof res.settings === 'object') {
        await settingsItem.setValue(res.settings as Settings);
      }
      setConfirmReplace(undefined);
      onRestored();
      setStatus(
        `Restored ${res.records} records and ${res.events} audit events from ${file.name}. The audit trail and every record’s SHA-256 were checked before anything was written.`,
      );
    } catch (err) {
      setStatus('');
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page-section">
      <StorageSection />
      <section aria-labelledby="backup-heading" class="notice">
        <h2 id="backup-heading">Back up everything</h2>
        <p>
          One file with every record, the whole audit trail, screenshots and your settings, with a
          SHA-256 for each part. Keep it somewhere the council controls.
        </p>
        <form onSubmit={(e) => void backup(e)} class="row-fields">
          <label>
            Passphrase (optional, recommended)
            <input
              type="password"
              autoComplete="new-password"
              value={pass}
              onInput={(e) => setPass((e.target as HTMLInputElement).value)}
            />
          </label>
          <label>
            Passphrase again
            <input
              type="password"
              autoComplete="new-password"
              value={pass2}
              onInput={(e) => setPass2((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" class="primary" disabled={busy}>
            Download backup
          </button>
        </form>
      </section>
      <section aria-labelledby="restore-heading" class="notice">
        <h2 id="restore-heading">Restore from a backup</h2>
        <p>
          Everything is checked first; if the file is damaged or the passphrase is wrong, nothing in
          this browser changes.
        </p>
        <div class="row-fields">
          <label>
            Backup file
            <input
              type="file"
              accept=".ccbackup,.zip,application/octet-stream"
              data-testid="restore-file"
              onChange={async (e) => {
                const f = (e.currentTarget as HTMLInputElement).files?.[0];
                setConfirmReplace(undefined);
                setError(undefined);
                setStatus('');
                if (!f) return setFile(undefined);
                const bytes = new Uint8Array(await f.arrayBuffer());
                setFile({ name: f.name, bytes });
                setStatus(
                  isEncryptedBackup(bytes)
                    ? 'This backup is encrypted: enter its passphrase.'
                    : 'This backup is not encrypted.',
                );
              }}
            />
          </label>
          <label>
            Passphrase
            <input
              type="password"
              autoComplete="current-password"
              value={restorePass}
              onInput={(e) => setRestorePass((e.target as HTMLInputElement).value)}
            />
          </label>
          <button
            type="button"
            class="primary"
            disabled={busy || !file}
            onClick={() => void restore(false)}
          >
            Restore
          </button>
        </div>
        {confirmReplace !== undefined && (
          <div class="notice warning">
            <p>
              This browser holds {confirmReplace} record{confirmReplace === 1 ? '' : 's'}. Restoring
              replaces all of them, and their audit trail, with the backup. Make a backup of this
              browser first if you may need them.
            </p>
            <button type="button" disabled={busy} onClick={() => void restore(true)}>
              Replace everything here with the backup
            </button>
          </div>
        )}
        <p role="status" data-testid="backup-status">
          {status}
        </p>
        {error && (
          <p role="alert" class="bad" data-testid="backup-error">
            {error}
          </p>
        )}
      </section>
    </div>
  );
}
