import { useState } from 'preact/hooks';
import {
  getPolicy,
  makeCustomPolicy,
  presets,
  InvalidPolicyError,
} from '../../../utils/policy/presets';
import type { Policy } from '../../../utils/policy/schema';
import type { SectionProps } from './shared';

/** The editable part of a policy: everything except id and version, which are derived. */
function editable(p: Policy): string {
  const { id: _id, version: _version, ...rest } = p;
  return JSON.stringify(rest, null, 2);
}

/**
 * A custom policy: an editable copy of any preset, checked by the policy validator before use.
 * The text is JSON because a policy has many cited rules; errors name the exact field.
 */
export function CustomPolicySection({ draft, update, eff }: SectionProps) {
  const locked = eff.locked.has('policyId');
  const [base, setBase] = useState(draft.policyId === 'custom' ? 'custom' : draft.policyId);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [ok, setOk] = useState('');
  if (locked) return null;

  const start = () => {
    const from = base === 'custom' ? draft.customPolicy : getPolicy(base);
    if (!from) return;
    setText(editable(from));
    setErrors([]);
    setOk('');
  };
  const check = () => {
    setOk('');
    let changes: unknown;
    try {
      changes = JSON.parse(text);
    } catch (err) {
      setErrors([`This is not valid JSON: ${err instanceof Error ? err.message : String(err)}`]);
      return;
    }
    const from = base === 'custom' ? draft.customPolicy : getPolicy(base);
    if (!from || typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
      setErrors(['The policy must be a JSON object.']);
      return;
    }
    try {
      const policy = makeCustomPolicy(from, changes as Partial<Policy>);
      update({ policyId: 'custom', customPolicy: policy });
      setErrors([]);
      setOk(`Custom policy checked and chosen (version ${policy.version}). Save to keep it.`);
    } catch (err) {
      setErrors(err instanceof InvalidPolicyError ? err.errors : [String(err)]);
    }
  };

  return (
    <section aria-labelledby="custom-heading" class="section">
      <h2 id="custom-heading">Custom policy</h2>
      <p>
        If your council’s rules differ from a preset, start from the closest one and edit the copy.
        Every rule must keep the clause of your policy document it comes from.
      </p>
      <div class="row">
        <label>
          Start from{' '}
          <select value={base} onChange={(e) => setBase(e.currentTarget.value)}>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.council}
              </option>
            ))}
            {draft.customPolicy && <option value="custom">Your custom policy</option>}
          </select>
        </label>{' '}
        <button type="button" onClick={start}>
          Make an editable copy
        </button>
      </div>
      {text && (
        <>
          <label class="block">
            Policy rules (JSON)
            <textarea
              class="code"
              rows={16}
              spellcheck={false}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </label>
          <button type="button" class="primary" onClick={check}>
            Check and use this policy
          </button>
        </>
      )}
      <div role="alert">
        {errors.length > 0 && (
          <div class="notice warning">
            <p>
              <strong>The custom policy was not used.</strong> Please fix:
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
        {ok}
      </p>
    </section>
  );
}
