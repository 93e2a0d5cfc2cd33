/** The five council presets, and editable custom copies of them. */
import type { Policy } from '../schema';
import { validatePolicy } from '../validate';
import { barrowbyPc } from './barrowby-pc';
import { leicesterRightsParticipation } from './leicester-rights-participation';
import { oakthorpeDonisthorpeAcresfordPc } from './oakthorpe-donisthorpe-acresford-pc';
import { opccCleveland } from './opcc-cleveland';
import { whersteadPc } from './wherstead-pc';

export const presets: Policy[] = [
  oakthorpeDonisthorpeAcresfordPc,
  opccCleveland,
  leicesterRightsParticipation,
  whersteadPc,
  barrowbyPc,
];

const byId = new Map(presets.map((p) => [p.id, p]));

export function getPolicy(id: string): Policy | undefined {
  return byId.get(id);
}

/** Changes to a preset: any top-level field except the id and version, which are derived. */
export type PolicyChanges = Partial<Omit<Policy, 'id' | 'version'>>;

export class InvalidPolicyError extends Error {
  constructor(readonly errors: string[]) {
    super(`The custom policy is not valid: ${errors.join('; ')}`);
    this.name = 'InvalidPolicyError';
  }
}

/** Small stable hash (FNV-1a, 32-bit) so the version changes whenever the content does. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * An editable copy of any policy with `changes` applied (top-level fields replaced), validated.
 * id is 'custom'; version is '<base id>@<base version>+<content hash>', so records say exactly
 * which rules applied. Throws InvalidPolicyError with en-GB messages when the result is invalid.
 */
export function makeCustomPolicy(base: Policy, changes: PolicyChanges = {}): Policy {
  const copy = structuredClone({ ...base, ...changes }) as Policy;
  const baseRef = base.id === 'custom' ? base.version.split('+')[0] : `${base.id}@${base.version}`;
  const { id: _id, version: _v, ...content } = copy;
  const candidate: Policy = {
    ...copy,
    id: 'custom',
    version: `${baseRef}+${fnv1a(JSON.stringify(content))}`,
  };
  const result = validatePolicy(candidate);
  if (!result.ok) throw new InvalidPolicyError(result.errors);
  return result.policy;
}
