import { workingHoursOf } from '../../../utils/effective-settings';
import { SetByCouncil, type SectionProps } from './shared';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Working hours: the policy's, or the user's own (where IT has not set them). */
export function WorkingHoursSection({ draft, update, eff }: SectionProps) {
  const locked = eff.locked.has('workingHours');
  const policyHours = eff.policy.workingHours;
  const own = locked ? eff.settings.workingHours : draft.workingHours;
  const shown = workingHoursOf(eff.policy, {
    ...eff.settings,
    ...(own ? { workingHours: own } : {}),
  });
  const set = (patch: Partial<NonNullable<typeof own>>) =>
    update({
      workingHours: {
        days: own?.days ?? policyHours?.days ?? [1, 2, 3, 4, 5],
        start: own?.start ?? policyHours?.start ?? '09:00',
        end: own?.end ?? policyHours?.end ?? '17:00',
        ...patch,
      },
    });
  return (
    <section aria-labelledby="hours-heading" class="section">
      <h2 id="hours-heading">Working hours</h2>
      <p class="muted">
        {policyHours
          ? `Your policy’s hours: ${policyHours.summary} (clause ${policyHours.clause}).`
          : 'Your policy does not set working hours. You can set your own: the warning while typing then mentions messages sent outside them.'}
      </p>
      <label class="check">
        <input
          type="checkbox"
          checked={!!own}
          disabled={locked}
          aria-describedby={locked ? 'hours-locked' : undefined}
          onChange={(e) =>
            e.currentTarget.checked ? set({}) : update({ workingHours: undefined })
          }
        />{' '}
        Use my own working hours
      </label>{' '}
      {locked && <SetByCouncil id="hours-locked" />}
      {own && (
        <fieldset disabled={locked}>
          <legend>Working days</legend>
          <div class="days">
            {DAYS.map((day, i) => (
              <label key={day} class="check">
                <input
                  type="checkbox"
                  checked={own.days.includes(i + 1)}
                  onChange={(e) =>
                    set({
                      days: e.currentTarget.checked
                        ? [...own.days, i + 1].sort()
                        : own.days.filter((d) => d !== i + 1),
                    })
                  }
                />{' '}
                {day}
              </label>
            ))}
          </div>
          <div class="row">
            <label>
              Start{' '}
              <input
                type="time"
                value={own.start}
                onInput={(e) => set({ start: e.currentTarget.value })}
              />
            </label>
            <label>
              End{' '}
              <input
                type="time"
                value={own.end}
                onInput={(e) => set({ end: e.currentTarget.value })}
              />
            </label>
          </div>
        </fieldset>
      )}
      {shown && (
        <p>
          Hours that apply: {shown.days.map((d) => DAYS[d - 1]?.slice(0, 3)).join(', ')},{' '}
          {shown.start}–{shown.end} (Europe/London).
        </p>
      )}
    </section>
  );
}
