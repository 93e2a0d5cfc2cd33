import { SetByCouncil, type SectionProps } from './shared';

/** The warning while typing: on or off, where neither IT nor the policy has decided. */
export function ComposerGuardSection({ draft, update, eff }: SectionProps) {
  const managed = eff.locked.has('composerGuard');
  const required = !managed && eff.composerGuardRequiredBy;
  const locked = managed || !!required;
  return (
    <section aria-labelledby="guard-heading" class="section">
      <h2 id="guard-heading">Warning while typing</h2>
      <p class="muted">
        While you type in WhatsApp Web, Council Capture can warn you about personal data, decisions
        outside a meeting and messages outside working hours. It never stops or changes a message.
      </p>
      <label class="check">
        <input
          type="checkbox"
          checked={locked ? eff.settings.composerGuard : draft.composerGuard}
          disabled={locked}
          aria-describedby={locked ? 'guard-locked' : undefined}
          onChange={(e) => update({ composerGuard: e.currentTarget.checked })}
        />{' '}
        Warn me while I type
      </label>{' '}
      {managed && <SetByCouncil id="guard-locked" />}
      {required && (
        <p class="locked-reason" id="guard-locked">
          Your council’s policy keeps this on (clause {required.clause}): {required.summary}
        </p>
      )}
    </section>
  );
}
