import { SetByCouncil, type SectionProps } from './shared';

/**
 * Where records go. The records officer now; a colleague extends this section with the webhook
 * (records system or Power Automate flow).
 */
export function DeliverySection({ draft, update, eff }: SectionProps) {
  const nameLocked = eff.locked.has('recordsOfficer.name');
  const emailLocked = eff.locked.has('recordsOfficer.email');
  const officer = { ...draft.recordsOfficer };
  const role = eff.policy.recordsOfficer.role;
  return (
    <section aria-labelledby="delivery-heading" class="section">
      <h2 id="delivery-heading">Records officer</h2>
      <p class="muted">
        Records are sent to your council’s records officer ({role}, clause{' '}
        {eff.policy.recordsOfficer.clause}).
      </p>
      <label class="block">
        Records officer’s name{' '}
        <input
          value={nameLocked ? eff.settings.recordsOfficer.name : officer.name}
          disabled={nameLocked}
          maxLength={200}
          aria-describedby={nameLocked ? 'officer-name-locked' : undefined}
          onInput={(e) => update({ recordsOfficer: { ...officer, name: e.currentTarget.value } })}
        />{' '}
        {nameLocked && <SetByCouncil id="officer-name-locked" />}
      </label>
      <label class="block">
        Records officer’s email{' '}
        <input
          type="email"
          autoComplete="off"
          value={emailLocked ? eff.settings.recordsOfficer.email : officer.email}
          disabled={emailLocked}
          maxLength={320}
          aria-describedby={emailLocked ? 'officer-email-locked' : undefined}
          onInput={(e) => update({ recordsOfficer: { ...officer, email: e.currentTarget.value } })}
        />{' '}
        {emailLocked && <SetByCouncil id="officer-email-locked" />}
      </label>
    </section>
  );
}
