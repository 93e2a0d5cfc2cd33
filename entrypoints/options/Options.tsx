import { useEffect, useMemo, useState } from 'preact/hooks';
import { capturedByOf, nowFrom, type Settings } from '../../utils/settings';
import { getSettings, settingsItem } from '../../utils/settings-store';
import { effectiveSettings } from '../../utils/effective-settings';
import { changedKeys, draftProblems } from './draft';
import { readManaged } from '../../utils/effective-settings-store';
import { getDb } from '../../utils/db/database';
import { noteSettingsChanged } from '../../utils/db/settings-repo';
import { PolicySection } from './sections/PolicySection';
import { CustomPolicySection } from './sections/CustomPolicySection';
import { YouSection } from './sections/YouSection';
import { DeliverySection } from './sections/DeliverySection';
import { WorkingHoursSection } from './sections/WorkingHoursSection';
import { ComposerGuardSection } from './sections/ComposerGuardSection';
import { ChatsSection } from './sections/ChatsSection';
import { SettingsFileSection } from './sections/SettingsFileSection';

/** Council Capture settings: one section per concern; the council's managed values win. */
export function Options() {
  const [stored, setStored] = useState<Settings | undefined>();
  const [draft, setDraft] = useState<Settings | undefined>();
  const [managed, setManaged] = useState<unknown>(undefined);
  const [outcome, setOutcome] = useState<{ ok: boolean; lines: string[] } | undefined>();

  useEffect(() => {
    void Promise.all([getSettings(), readManaged()]).then(([s, m]) => {
      setStored(s);
      setDraft(s);
      setManaged(m);
    });
  }, []);
  // The preview follows the draft, so the rules shown are those of the policy being chosen.
  const eff = useMemo(
    () => (draft ? effectiveSettings(draft, managed) : undefined),
    [draft, managed],
  );
  if (!draft || !stored || !eff) return <p role="status">Loading settings…</p>;

  const update = (patch: Partial<Settings>) => {
    const next = { ...draft, ...patch };
    for (const [k, v] of Object.entries(patch))
      if (v === undefined) delete next[k as keyof Settings];
    setDraft(next);
    setOutcome(undefined);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const problems = draftProblems(draft);
    if (problems.length > 0) return setOutcome({ ok: false, lines: problems });
    const toSave: Settings = {
      ...draft,
      recordsOfficer: {
        name: draft.recordsOfficer.name.trim(),
        email: draft.recordsOfficer.email.trim(),
      },
    };
    try {
      await settingsItem.setValue(toSave);
      const saved = effectiveSettings(toSave, managed);
      await noteSettingsChanged(
        getDb(),
        changedKeys(stored, toSave),
        saved.policy,
        capturedByOf(saved.settings),
        nowFrom(saved.settings),
      );
      setStored(toSave);
      setDraft(toSave);
      setOutcome({ ok: true, lines: ['Settings saved.'] });
    } catch (err) {
      setOutcome({
        ok: false,
        lines: [`Settings were not saved: ${err instanceof Error ? err.message : String(err)}`],
      });
    }
  };

  const props = { draft, update, eff };
  return (
    <main class="panel options">
      <h1>Council Capture settings</h1>
      {eff.notices.length > 0 && (
        <div class="notice warning" role="alert">
          <h2>Please note</h2>
          <ul>
            {eff.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      {eff.locked.size > 0 && (
        <p class="notice">
          Some settings are managed by your council’s IT. They are marked “Set by your council” and
          cannot be changed here.
        </p>
      )}
      <form onSubmit={(e) => void save(e)} aria-label="Settings" noValidate>
        <PolicySection {...props} />
        <CustomPolicySection {...props} />
        <YouSection {...props} />
        <DeliverySection {...props} />
        <WorkingHoursSection {...props} />
        <ComposerGuardSection {...props} />
        <div class="save-bar">
          <button type="submit" class="primary">
            Save settings
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              setDraft(stored);
              setOutcome(undefined);
            }}
          >
            Undo changes
          </button>
          <div role="status" class="ok">
            {outcome?.ok && outcome.lines[0]}
          </div>
          <div role="alert" class="bad">
            {outcome && !outcome.ok && (
              <ul>
                {outcome.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </form>
      <ChatsSection eff={eff} />
      <SettingsFileSection
        onImported={(s) => {
          setStored(s);
          setDraft(s);
          setOutcome(undefined);
        }}
      />
    </main>
  );
}
