/**
 * Settings as a file: export to JSON, import back, validated against a JSON Schema first and
 * the policy validator second. A bad file gives en-GB errors naming the field and changes
 * nothing. Pure: the options page reads and writes storage.
 *
 * @cfworker/json-schema interprets the schema (no code generation), so it runs under the MV3
 * content security policy, where Ajv's compiled validators would need 'unsafe-eval'.
 *
 * Adding a setting? Add it to `settingsSchema` too, or files holding it will be refused.
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { validatePolicy } from './policy/validate';
import { getPolicy } from './policy/presets';
import { defaultSettings, type Settings } from './settings';

export const SETTINGS_FILE_FORMAT = 'council-capture-settings';
export const SETTINGS_FILE_VERSION = 1;

export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: number;
  exportedAt: string;
  settings: Omit<Settings, 'webhook' | TestOnlyField>;
}

const text = (maxLength: number): Schema => ({ type: 'string', maxLength });
const time: Schema = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' };

export const settingsSchema: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://council-capture.example.org/settings-file.schema.json',
  title: 'Council Capture settings file',
  type: 'object',
  required: ['format', 'version', 'settings'],
  additionalProperties: false,
  properties: {
    format: { const: SETTINGS_FILE_FORMAT },
    version: { type: 'integer', minimum: 1, maximum: SETTINGS_FILE_VERSION },
    exportedAt: text(40),
    settings: {
      type: 'object',
      required: ['policyId', 'userName', 'userRole', 'recordsOfficer', 'composerGuard'],
      additionalProperties: false,
      properties: {
        policyId: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 100 },
        // Checked in depth by validatePolicy (its messages name the exact field).
        customPolicy: { type: 'object' },
        userName: text(200),
        userRole: text(200),
        recordsOfficer: {
          type: 'object',
          required: ['name', 'email'],
          additionalProperties: false,
          properties: {
            name: text(200),
            email: {
              type: 'string',
              maxLength: 320,
              pattern: '^$|^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
            },
          },
        },
        composerGuard: { type: 'boolean' },
        workingHours: {
          type: 'object',
          required: ['days', 'start', 'end'],
          additionalProperties: false,
          properties: {
            days: {
              type: 'array',
              minItems: 1,
              maxItems: 7,
              uniqueItems: true,
              items: { type: 'integer', minimum: 1, maximum: 7 },
            },
            start: time,
            end: time,
          },
        },
        inactiveAfterDays: { type: 'integer', minimum: 1, maximum: 3660 },
        captureWithinWorkingDays: { type: 'integer', minimum: 0, maximum: 60 },
      },
    },
  },
};

const validator = new Validator(settingsSchema, '2020-12', false);

/** Settings that only end-to-end tests set; never written to or read from a settings file. */
type TestOnlyField = 'testClock' | 'testBackoffScale' | 'testWebhookTimeoutMs';

/** The file for `settings`. The webhook (with its secret) and test-only fields are never written. */
export function exportSettings(settings: Settings, now: Date): string {
  const {
    webhook: _webhook,
    testClock: _clock,
    testBackoffScale: _scale,
    testWebhookTimeoutMs: _timeout,
    ...rest
  } = settings;
  const file: SettingsFile = {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_FILE_VERSION,
    exportedAt: now.toISOString(),
    settings: rest,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** 'settings.recordsOfficer.email' from '#/settings/recordsOfficer/email'. */
function fieldOf(instanceLocation: string): string {
  const path = instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  return path || 'The file';
}

const WANT: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** en-GB wording for one schema error; undefined for the structural wrappers around it. */
function describe(
  e: OutputUnit,
  schemaAt: (location: string) => Schema | undefined,
): string | undefined {
  const field = fieldOf(e.instanceLocation);
  const s = schemaAt(e.keywordLocation.replace(/\/[^/]+$/, ''));
  switch (e.keyword) {
    case 'required': {
      const missing = /"([^"]+)"/.exec(e.error)?.[1];
      return `${field === 'The file' ? '' : `${field}.`}${missing ?? '?'} is missing`;
    }
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return undefined; // reported per property as 'false' below
    case 'false':
      return `${field} is not a setting Council Capture knows`;
    case 'type':
      return `${field} must be ${WANT[String(s?.type)] ?? String(s?.type)}`;
    case 'const':
      return field === 'format'
        ? 'This is not a Council Capture settings file'
        : `${field} has the wrong value`;
    case 'pattern':
      if (field.endsWith('email')) return `${field} is not an email address`;
      if (field.endsWith('start') || field.endsWith('end'))
        return `${field} must be a time written HH:mm`;
      return `${field} may only use lower-case letters, digits and hyphens`;
    case 'minimum':
    case 'maximum':
      return field === 'version'
        ? 'This settings file was made by a newer version of Council Capture'
        : `${field} must be from ${String(s?.minimum)} to ${String(s?.maximum)}`;
    case 'maxLength':
      return `${field} is too long (${String(s?.maxLength)} characters at most)`;
    case 'minItems':
    case 'maxItems':
      return `${field} must list from ${String(s?.minItems ?? 0)} to ${String(s?.maxItems)} items`;
    case 'uniqueItems':
      return `${field} lists the same item twice`;
    case 'properties':
    case 'items':
    case 'allOf':
    case '$ref':
      return undefined;
    default:
      return `${field}: ${e.error}`;
  }
}

function schemaAt(location: string): Schema | undefined {
  let node: unknown = settingsSchema;
  for (const part of location.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node as Schema | undefined;
}

export type ImportResult = { ok: true; settings: Settings } | { ok: false; errors: string[] };

/**
 * Reads a settings file and merges it over `current`: the fields the file holds replace the
 * current ones, the webhook and test clock stay as they are. Nothing is written here.
 */
export function importSettings(fileText: string, current: Settings): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(fileText);
  } catch (err) {
    return {
      ok: false,
      errors: [
        `This file is not a settings file: it is not valid JSON (${
          err instanceof Error ? err.message : String(err)
        }).`,
      ],
    };
  }
  const result = validator.validate(data);
  if (!result.valid) {
    const errors = [
      ...new Set(result.errors.map((e) => describe(e, schemaAt)).filter((m): m is string => !!m)),
    ];
    return { ok: false, errors: errors.length > 0 ? errors : ['The file is not valid.'] };
  }
  const file = data as SettingsFile;
  const s = file.settings;
  if (s.customPolicy !== undefined) {
    const policy = validatePolicy(s.customPolicy);
    if (!policy.ok) return { ok: false, errors: policy.errors.map((e) => `customPolicy.${e}`) };
  }
  if (s.policyId === 'custom' && s.customPolicy === undefined)
    return { ok: false, errors: ['policyId is "custom" but the file has no customPolicy'] };
  if (s.policyId !== 'custom' && !getPolicy(s.policyId))
    return {
      ok: false,
      errors: [`policyId "${s.policyId}" is not a council policy Council Capture knows`],
    };
  if (s.workingHours && s.workingHours.start >= s.workingHours.end)
    return { ok: false, errors: ['settings.workingHours.end must be later than the start'] };

  const settings: Settings = {
    ...defaultSettings,
    ...s,
    ...(current.webhook ? { webhook: current.webhook } : {}),
    ...(current.testClock ? { testClock: current.testClock } : {}),
  };
  // A field the file leaves out is cleared, so the result is what the file says.
  if (s.workingHours === undefined) delete settings.workingHours;
  if (s.customPolicy === undefined) delete settings.customPolicy;
  if (s.captureWithinWorkingDays === undefined) delete settings.captureWithinWorkingDays;
  return { ok: true, settings };
}
