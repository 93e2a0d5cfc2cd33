import type { SectionProps } from './shared';

/** How the user appears on records and in the audit log. */
export function YouSection({ draft, update }: SectionProps) {
  return (
    <section aria-labelledby="you-heading" class="section">
      <h2 id="you-heading">About you</h2>
      <p class="muted">Shown on every record you capture, as “Name (Role)”.</p>
      <label class="block">
        Your name{' '}
        <input
          autoComplete="name"
          value={draft.userName}
          maxLength={200}
          onInput={(e) => update({ userName: e.currentTarget.value })}
        />
      </label>
      <label class="block">
        Your role (for example Councillor, Clerk){' '}
        <input
          value={draft.userRole}
          maxLength={200}
          onInput={(e) => update({ userRole: e.currentTarget.value })}
        />
      </label>
    </section>
  );
}
