import { useEffect, useState } from 'preact/hooks';
import { defaultSettings, getSettings, settingsItem, type Settings } from '../../utils/settings';

/** Who you are and which council policy applies. */
export function Options() {
  const [settings, setSettings] = useState<Settings | undefined>();
  const [saved, setSaved] = useState('');
  useEffect(() => {
    void getSettings().then(setSettings);
  }, []);
  if (!settings) return <p role="status">Loading settings…</p>;
  const save = async (e: Event) => {
    e.preventDefault();
    await settingsItem.setValue(settings);
    setSaved('Settings saved.');
  };
  const field = (key: 'userName' | 'userRole') => ({
    value: settings[key],
    onInput: (e: Event) =>
      setSettings({ ...settings, [key]: (e.currentTarget as HTMLInputElement).value }),
  });
  return (
    <main class="panel">
      <h1>Council Capture settings</h1>
      <form onSubmit={(e) => void save(e)}>
        <label class="block">
          Your name <input autoComplete="name" {...field('userName')} />
        </label>
        <label class="block">
          Your role (for example Councillor, Clerk) <input {...field('userRole')} />
        </label>
        <button type="submit" class="primary">
          Save
        </button>{' '}
        <button type="button" onClick={() => setSettings({ ...defaultSettings })}>
          Reset
        </button>
        <p role="status" class="ok">
          {saved}
        </p>
      </form>
    </main>
  );
}
