/**
 * The settings that actually apply: the user's choices, overridden by what the council's IT set
 * through enterprise policy (`storage.managed`), with the council policy resolved. Pure: the
 * edges read storage and pass the values in (see `loadEffectiveSettings` in
 * utils/effective-settings-store.ts).
 *
 * Nothing here throws on bad input: an unknown policy id or an invalid managed value falls back
 * to something safe and says so in an en-GB notice the options page shows.
 */
import type { Policy, WorkingHours } from './policy/schema';
import { getPolicy, presets } from './policy/presets';
import { validatePolicy } from './policy/validate';
import { defaultSettings, type Settings } from './settings';

/** The managed (enterprise policy) fields: see public/managed_schema.json. */
export interface ManagedSettings {
  policyId?: string;
  customPolicy?: unknown;
  recordsOfficerName?: string;
  recordsOfficerEmail?: string;
  composerGuard?: boolean;
  workingHours?: Pick<WorkingHours, 'days' | 'start' | 'end'>;
  captureWithinWorkingDays?: number;
}

/** Setting keys that can be locked; dotted for fields inside objects. */
export type LockKey = keyof Settings | 'recordsOfficer.name' | 'recordsOfficer.email';

export interface EffectiveSettings {
  settings: Settings;
  policy: Policy;
  /** Fields set by the council's IT (managed): shown "set by your council", not editable. */
  locked: Set<LockKey | string>;
  /** en-GB notices for the user: fallbacks, ignored managed values. */
  notices: string[];
  /** Set when the policy itself keeps the composer guard on (with the clause saying why). */
  composerGuardRequiredBy?: { clause: string; summary: string };
}

const MANAGED_KEYS = new Set<string>([
  'policyId',
  'customPolicy',
  'recordsOfficerName',
  'recordsOfficerEmail',
  'composerGuard',
  'workingHours',
  'captureWithinWorkingDays',
]);

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
// Deliberately simple: a typo check, not RFC 5322.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A working-hours override, or an en-GB reason it is not one. */
export function checkWorkingHours(
  x: unknown,
):
  { ok: true; value: Pick<WorkingHours, 'days' | 'start' | 'end'> } | { ok: false; error: string } {
  if (!isObj(x)) return { ok: false, error: 'working hours must be an object' };
  const { days, start, end } = x;
  if (
    !Array.isArray(days) ||
    days.length === 0 ||
    days.some((d) => !Number.isInteger(d) || (d as number) < 1 || (d as number) > 7)
  )
    return { ok: false, error: 'working days must be a list of weekdays 1 (Monday) to 7 (Sunday)' };
  if (typeof start !== 'string' || !HHMM.test(start) || typeof end !== 'string' || !HHMM.test(end))
    return { ok: false, error: 'working hours must be times written HH:mm' };
  if (start >= end) return { ok: false, error: 'working hours must end after they start' };
  return { ok: true, value: { days: [...new Set(days as number[])].sort(), start, end } };
}

export function isEmail(s: string): boolean {
  return EMAIL.test(s.trim());
}

function policyName(p: Policy): string {
  return p.council;
}

/** The policy a settings object names, or why it cannot be used. */
function resolvePolicy(
  policyId: unknown,
  customPolicy: unknown,
): { ok: true; policy: Policy } | { ok: false; why: string } {
  if (policyId === 'custom') {
    if (customPolicy === undefined) return { ok: false, why: 'no custom policy has been set' };
    const result = validatePolicy(customPolicy);
    if (!result.ok)
      return {
        ok: false,
        why: `the custom policy is not valid (${result.errors.slice(0, 3).join('; ')}${
          result.errors.length > 3 ? '; …' : ''
        })`,
      };
    return { ok: true, policy: result.policy };
  }
  if (typeof policyId !== 'string' || policyId === '')
    return { ok: false, why: 'no council policy is chosen' };
  const preset = getPolicy(policyId);
  if (!preset) return { ok: false, why: `the council policy “${policyId}” is not known` };
  return { ok: true, policy: preset };
}

const FALLBACK: Policy = getPolicy(defaultSettings.policyId) ?? (presets[0] as Policy);

/** Merges user settings, managed values and the policy. Pure; never throws. */
export function effectiveSettings(user: Settings, managed: unknown): EffectiveSettings {
  const notices: string[] = [];
  const locked = new Set<LockKey | string>();
  const settings: Settings = {
    ...defaultSettings,
    ...(isObj(user) ? user : {}),
    recordsOfficer: {
      ...defaultSettings.recordsOfficer,
      ...(isObj(user) ? user.recordsOfficer : {}),
    },
  };

  // ---- Managed values: each is checked on its own, so one bad value does not discard the rest.
  let managedPolicy: Policy | undefined;
  if (managed !== undefined && managed !== null && !isObj(managed)) {
    notices.push(
      'Your council’s IT has set up a managed policy that could not be read, so it was ignored. Please tell your IT team.',
    );
  } else if (isObj(managed)) {
    for (const key of Object.keys(managed))
      if (!MANAGED_KEYS.has(key))
        notices.push(
          `Your council’s IT set “${key}”, which Council Capture does not know; it was ignored.`,
        );

    if (managed.policyId !== undefined || managed.customPolicy !== undefined) {
      const id = managed.policyId ?? (managed.customPolicy !== undefined ? 'custom' : undefined);
      // Enterprise policy can only carry it as JSON text (see public/managed_schema.json).
      let custom = managed.customPolicy;
      if (typeof custom === 'string') {
        try {
          custom = JSON.parse(custom) as unknown;
        } catch {
          custom = 'not JSON';
        }
      }
      const r = resolvePolicy(id, custom);
      if (r.ok) {
        managedPolicy = r.policy;
        settings.policyId = id as string;
        if (id === 'custom') settings.customPolicy = r.policy;
        locked.add('policyId');
        locked.add('customPolicy');
      } else {
        notices.push(
          `Your council’s IT set a policy that cannot be used: ${r.why}. Your own choice of policy applies until this is fixed; please tell your IT team.`,
        );
      }
    }

    const name = managed.recordsOfficerName;
    if (name !== undefined) {
      if (typeof name === 'string' && name.trim() !== '') {
        settings.recordsOfficer = { ...settings.recordsOfficer, name: name.trim() };
        locked.add('recordsOfficer.name');
      } else
        notices.push(
          'The records officer’s name set by your council’s IT is empty or not text; it was ignored.',
        );
    }
    const email = managed.recordsOfficerEmail;
    if (email !== undefined) {
      if (typeof email === 'string' && isEmail(email)) {
        settings.recordsOfficer = { ...settings.recordsOfficer, email: email.trim() };
        locked.add('recordsOfficer.email');
      } else
        notices.push(
          'The records officer’s email set by your council’s IT is not an email address; it was ignored.',
        );
    }

    if (managed.composerGuard !== undefined) {
      if (typeof managed.composerGuard === 'boolean') {
        settings.composerGuard = managed.composerGuard;
        locked.add('composerGuard');
      } else
        notices.push(
          'The warning-while-typing setting from your council’s IT is not true or false; it was ignored.',
        );
    }

    if (managed.workingHours !== undefined) {
      const wh = checkWorkingHours(managed.workingHours);
      if (wh.ok) {
        settings.workingHours = wh.value;
        locked.add('workingHours');
      } else notices.push(`The working hours set by your council’s IT were ignored: ${wh.error}.`);
    }

    const days = managed.captureWithinWorkingDays;
    if (days !== undefined) {
      if (typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= 60) {
        settings.captureWithinWorkingDays = days;
        locked.add('captureWithinWorkingDays');
      } else
        notices.push(
          'The capture deadline set by your council’s IT must be a whole number of working days from 0 to 60; it was ignored.',
        );
    }
  }

  // ---- The user's own choices, checked the same way (storage can hold anything).
  let policy = managedPolicy;
  if (!policy) {
    const r = resolvePolicy(settings.policyId, settings.customPolicy);
    if (r.ok) policy = r.policy;
    else {
      policy = FALLBACK;
      notices.push(
        `${r.why.charAt(0).toUpperCase()}${r.why.slice(1)}, so the ${policyName(FALLBACK)} policy is used instead. Choose your council’s policy below.`,
      );
      settings.policyId = FALLBACK.id;
    }
  }
  if (settings.workingHours !== undefined && !locked.has('workingHours')) {
    const wh = checkWorkingHours(settings.workingHours);
    if (!wh.ok) {
      notices.push(`Your working hours were ignored: ${wh.error}. The policy’s hours apply.`);
      delete settings.workingHours;
    }
  }

  // The policy can require the warning while typing; that outranks a user's (not IT's) choice.
  let composerGuardRequiredBy: EffectiveSettings['composerGuardRequiredBy'];
  if (policy.composerGuard && !policy.composerGuard.mayBeTurnedOff) {
    composerGuardRequiredBy = {
      clause: policy.composerGuard.clause,
      summary: policy.composerGuard.summary,
    };
    if (!locked.has('composerGuard')) settings.composerGuard = true;
  }

  return {
    settings,
    policy,
    locked,
    notices,
    ...(composerGuardRequiredBy ? { composerGuardRequiredBy } : {}),
  };
}

/**
 * The working hours that apply: the user's (or IT's) override, else the policy's. The clause is
 * the policy's when it has one.
 */
export function workingHoursOf(policy: Policy, settings: Settings): WorkingHours | undefined {
  if (!settings.workingHours) return policy.workingHours;
  return {
    clause: policy.workingHours?.clause ?? 'Your settings',
    summary: policy.workingHours?.summary ?? 'Working hours you set in Council Capture.',
    ...settings.workingHours,
  };
}

/** The policy with the applicable working hours, for the classifier's out-of-hours warning. */
export function policyForAdvice(eff: Pick<EffectiveSettings, 'policy' | 'settings'>): Policy {
  const wh = workingHoursOf(eff.policy, eff.settings);
  if (wh === eff.policy.workingHours) return eff.policy;
  return { ...eff.policy, ...(wh ? { workingHours: wh } : {}) };
}
