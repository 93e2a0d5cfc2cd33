import { useState } from 'preact/hooks';
import { exportSettings, importSettings } from '../../../utils/settings-file';
import { nowFrom, type Settings } from '../../../utils/settings';
import { getSettings, settingsItem } from '../../../utils/settings-store';

/** Export settings as JSON, and import them back; a bad file gives a clear error and changes nothing. */
export function SettingsFileSection({ onImported }: { onImported: (s: Settings) => void }) {
  const [status, setStatus] = useState('');
  const [errors, setErrors] = useState<string[]>([]);

  const download = async () => {
    const settings = await getSettings();
    const now = nowFrom(settings);
    const blob = new Blob([exportSettings(settings, now)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `council-capture-settings-${now.toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setErrors([]);
    setStatus('Settings exported. The webhook secret is never included.');
  };

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setStatus('');
    if (file.size > 1_000_000) {
      setErrors(['This file is too large to be a settings file (1 MB at most).']);
      return;
    }
    const current = await getSettings();
    const result = importSettings(await file.text(), current);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    await settingsItem.setValue(result.settings);
    setErrors([]);
    setStatus(`Settings imported from ${file.name}.`);
    onImported(result.settings);
  };

  return (
    <section aria-labelledby="file-heading" class="section">
      <h2 id="file-heading">Export and import settings</h2>
      <p class="muted">
        Move your settings to another browser, or give colleagues the same set-up. Imported files
        are checked first; a file with any problem changes nothing.
      </p>
      <div class="row">
        <button type="button" onClick={() => void download()}>
          Export settings
        </button>
        <label class="file-button">
          Import settings from a file
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => void upload(e.currentTarget)}
          />
        </label>
      </div>
      <div role="alert">
        {errors.length > 0 && (
          <div class="notice warning">
            <p>
              <strong>The settings file was not imported, and nothing was changed.</strong>
            </p>
            <ul>
              {errors.slice(0, 20).map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <p role="status" class="ok">
        {status}
      </p>
    </section>
  );
}
