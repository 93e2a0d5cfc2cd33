import type { EffectiveSettings } from '../../../utils/effective-settings';
import type { Settings } from '../../../utils/settings';

/** What every settings section gets: the draft, a way to change it, and what is locked. */
export interface SectionProps {
  draft: Settings;
  update: (patch: Partial<Settings>) => void;
  eff: EffectiveSettings;
}

/** Shown beside a field the council's IT has set: it cannot be changed here. */
export function SetByCouncil({ id }: { id: string }) {
  return (
    <span class="locked-note" id={id}>
      Set by your council
    </span>
  );
}
