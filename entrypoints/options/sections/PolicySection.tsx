import { presets } from '../../../utils/policy/presets';
import { describePolicy } from '../../../utils/policy/describe';
import { SetByCouncil, type SectionProps } from './shared';

/** Choose the council policy and read its rules in plain English, each with its clause. */
export function PolicySection({ draft, update, eff }: SectionProps) {
  const locked = eff.locked.has('policyId');
  const policy = eff.policy;
  return (
    <section aria-labelledby="policy-heading" class="section">
      <h2 id="policy-heading">Council policy</h2>
      <label class="block">
        Your council’s policy{' '}
        <select
          value={locked ? eff.settings.policyId : draft.policyId}
          disabled={locked}
          aria-describedby={locked ? 'policy-locked' : undefined}
          onChange={(e) => update({ policyId: e.currentTarget.value })}
        >
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.council}
            </option>
          ))}
          {(draft.customPolicy || eff.settings.customPolicy) && (
            <option value="custom">
              Custom: {(eff.settings.customPolicy ?? draft.customPolicy)?.council}
            </option>
          )}
        </select>{' '}
        {locked && <SetByCouncil id="policy-locked" />}
      </label>
      <p class="muted">
        {policy.document}
        {policy.adopted ? `, adopted ${policy.adopted.split('-').reverse().join('/')}` : ''}.
        Version {policy.version}.
      </p>
      <details class="rules-box" open>
        <summary>The rules of this policy in plain English, with clause references</summary>
        <div
          class="rules"
          aria-label={`Rules of ${policy.council}`}
          role="region"
          // Scrolls: focusable so keyboard users can scroll it too.
          tabIndex={0}
        >
          {describePolicy(policy).map((section) => (
            <div key={section.heading}>
              <h3>{section.heading}</h3>
              <ul>
                {section.items.map((item, i) => (
                  <li key={i}>
                    {item.text} <span class="clause">Clause: {item.clause}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </details>
    </section>
  );
}
