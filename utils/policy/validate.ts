/**
 * Hand-written validator for policies from outside the code (custom policies, imported settings).
 * Errors are en-GB and name the exact field, e.g. `retention[2].period.years must be a whole number
 * of years from 1 to 200 (got -1)`.
 */
import type { Policy } from './schema';

export type ValidationResult = { ok: true; policy: Policy } | { ok: false; errors: string[] };

type Obj = Record<string, unknown>;

const CHAT_KINDS = ['council-group', 'council-one-to-one', 'personal', 'unclassified'];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function show(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (Array.isArray(x)) return 'a list';
  if (x === null) return 'null';
  if (typeof x === 'object') return 'an object';
  return String(x);
}

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

class Checker {
  errors: string[] = [];

  fail(path: string, want: string, got: unknown): void {
    this.errors.push(`${path} must be ${want} (got ${show(got)})`);
  }

  text(o: Obj, key: string, path: string, optional = false): void {
    const v = o[key];
    if (v === undefined && optional) return;
    if (typeof v !== 'string' || v.trim() === '') this.fail(`${path}${key}`, 'non-empty text', v);
  }

  int(
    o: Obj,
    key: string,
    path: string,
    min: number,
    max: number,
    unit: string,
    optional = false,
  ): void {
    const v = o[key];
    if (v === undefined && optional) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      this.fail(`${path}${key}`, `a whole number of ${unit} from ${min} to ${max}`, v);
  }

  bool(o: Obj, key: string, path: string, optional = false): void {
    const v = o[key];
    if (v === undefined && optional) return;
    if (typeof v !== 'boolean') this.fail(`${path}${key}`, 'true or false', v);
  }

  /** A `Cited` object: clause + summary. Returns the object when it is one. */
  cited(o: Obj, key: string, path: string, optional = false): Obj | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    const p = `${path}${key}`;
    if (!isObj(v)) {
      this.fail(p, 'an object with a clause and a summary', v);
      return undefined;
    }
    this.text(v, 'clause', `${p}.`);
    this.text(v, 'summary', `${p}.`);
    return v;
  }

  textList(o: Obj, key: string, path: string, optional = false): void {
    const v = o[key];
    if (v === undefined && optional) return;
    if (!Array.isArray(v)) return this.fail(`${path}${key}`, 'a list of text', v);
    v.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '')
        this.fail(`${path}${key}[${i}]`, 'non-empty text', item);
    });
  }
}

export function validatePolicy(x: unknown): ValidationResult {
  const c = new Checker();
  if (!isObj(x)) return { ok: false, errors: [`The policy must be an object (got ${show(x)})`] };

  c.text(x, 'id', '');
  if (typeof x.id === 'string' && !/^[a-z0-9][a-z0-9-]*$/.test(x.id))
    c.fail('id', 'lower-case letters, digits and hyphens', x.id);
  c.text(x, 'version', '');
  c.text(x, 'council', '');
  c.text(x, 'document', '');
  for (const key of ['adopted', 'reviewed'] as const) {
    const v = x[key];
    if (v !== undefined && (typeof v !== 'string' || !validDate(v)))
      c.fail(key, 'a real date written YYYY-MM-DD', v);
  }

  const review = c.cited(x, 'review', '');
  if (review) c.int(review, 'everyYears', 'review.', 1, 10, 'years');
  c.cited(x, 'recordTest', '');

  const categoryIds = new Set<string>();
  if (!Array.isArray(x.categories) || x.categories.length === 0) {
    c.fail('categories', 'a non-empty list', x.categories);
  } else {
    x.categories.forEach((cat, i) => {
      const p = `categories[${i}].`;
      if (!isObj(cat))
        return c.fail(`categories[${i}]`, 'an object with id, label and clause', cat);
      c.text(cat, 'id', p);
      c.text(cat, 'label', p);
      c.text(cat, 'clause', p);
      if (typeof cat.id === 'string') {
        if (categoryIds.has(cat.id))
          c.errors.push(`categories[${i}].id "${cat.id}" is listed twice`);
        categoryIds.add(cat.id);
      }
    });
  }

  const capture = c.cited(x, 'capture', '');
  if (capture) {
    c.int(capture, 'withinWorkingDays', 'capture.', 0, 60, 'working days');
    c.textList(capture, 'methods', 'capture.');
    if (Array.isArray(capture.methods) && capture.methods.length === 0)
      c.errors.push('capture.methods must name at least one way to capture a record');
  }

  const clearDown = c.cited(x, 'clearDown', '', true);
  if (clearDown) {
    if (clearDown.kind === 'cadence') c.int(clearDown, 'everyDays', 'clearDown.', 1, 366, 'days');
    else if (clearDown.kind === 'inactive')
      c.int(clearDown, 'inactiveAfterDays', 'clearDown.', 1, 3660, 'days');
    else c.fail('clearDown.kind', '"cadence" or "inactive"', clearDown.kind);
    c.text(clearDown, 'promptedBy', 'clearDown.', true);
    c.text(clearDown, 'reminderText', 'clearDown.', true);
  }

  if (!Array.isArray(x.retention) || x.retention.length === 0) {
    c.fail('retention', 'a non-empty list of retention rules', x.retention);
  } else {
    let hasDefault = false;
    x.retention.forEach((rule, i) => {
      const p = `retention[${i}]`;
      if (!isObj(rule)) return c.fail(p, 'an object', rule);
      c.text(rule, 'clause', `${p}.`);
      c.text(rule, 'summary', `${p}.`);
      if (!Array.isArray(rule.categories))
        c.fail(`${p}.categories`, 'a list (empty for the default)', rule.categories);
      else {
        if (rule.categories.length === 0) hasDefault = true;
        rule.categories.forEach((id, j) => {
          if (typeof id !== 'string' || !categoryIds.has(id))
            c.fail(`${p}.categories[${j}]`, 'one of the policy’s category ids', id);
        });
      }
      const period = rule.period;
      if (!isObj(period)) return c.fail(`${p}.period`, 'years, permanent or transitory', period);
      if ('years' in period) c.int(period, 'years', `${p}.period.`, 1, 200, 'years');
      else if (period.permanent !== true && period.transitory !== true)
        c.fail(`${p}.period`, '{ years: n }, { permanent: true } or { transitory: true }', period);
    });
    if (!hasDefault) c.errors.push('retention needs a default rule (one with no categories)');
  }

  const wh = c.cited(x, 'workingHours', '', true);
  if (wh) {
    if (
      !Array.isArray(wh.days) ||
      wh.days.length === 0 ||
      wh.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)
    )
      c.fail('workingHours.days', 'a non-empty list of weekdays 1 (Monday) to 7 (Sunday)', wh.days);
    for (const key of ['start', 'end'] as const) {
      const v = wh[key];
      if (typeof v !== 'string' || !HHMM.test(v))
        c.fail(`workingHours.${key}`, 'a time written HH:mm', v);
    }
    if (typeof wh.start === 'string' && typeof wh.end === 'string' && wh.start >= wh.end)
      c.errors.push(
        `workingHours.end (${wh.end}) must be later than workingHours.start (${wh.start})`,
      );
  }

  const officer = c.cited(x, 'recordsOfficer', '');
  if (officer) c.text(officer, 'role', 'recordsOfficer.');

  const breach = c.cited(x, 'breach', '');
  if (breach) {
    c.text(breach, 'contact', 'breach.', true);
    c.int(breach, 'reportWithinHours', 'breach.', 0, 720, 'hours', true);
    c.bool(breach, 'immediately', 'breach.', true);
    c.int(breach, 'icoWithinHours', 'breach.', 1, 720, 'hours', true);
  }

  if (!Array.isArray(x.rules)) c.fail('rules', 'a list', x.rules);
  else {
    const ids = new Set<string>();
    x.rules.forEach((rule, i) => {
      const p = `rules[${i}]`;
      if (!isObj(rule)) return c.fail(p, 'an object with id, clause and summary', rule);
      c.text(rule, 'id', `${p}.`);
      c.text(rule, 'clause', `${p}.`);
      c.text(rule, 'summary', `${p}.`);
      if (typeof rule.id === 'string') {
        if (ids.has(rule.id)) c.errors.push(`${p}.id "${rule.id}" is used twice`);
        ids.add(rule.id);
      }
    });
  }

  const scope = c.cited(x, 'scope', '', true);
  if (scope) {
    if (
      !Array.isArray(scope.inScope) ||
      scope.inScope.some((k) => !CHAT_KINDS.includes(k as string))
    )
      c.fail('scope.inScope', `a list of chat kinds (${CHAT_KINDS.join(', ')})`, scope.inScope);
    c.bool(scope, 'personalExcluded', 'scope.');
    c.bool(scope, 'designatedGroupsOnly', 'scope.');
    if (scope.oneToOneBusiness !== 'allowed' && scope.oneToOneBusiness !== 'not-for-business')
      c.fail('scope.oneToOneBusiness', '"allowed" or "not-for-business"', scope.oneToOneBusiness);
    c.textList(scope, 'alternatives', 'scope.', true);
  }
  const pd = c.cited(x, 'personalData', '', true);
  if (pd) {
    if (!['none', 'no-sensitive', 'lawful-basis'].includes(pd.level as string))
      c.fail('personalData.level', '"none", "no-sensitive" or "lawful-basis"', pd.level);
    c.text(pd, 'moveTo', 'personalData.', true);
  }
  if (x.groupChat !== undefined) {
    if (!isObj(x.groupChat)) c.fail('groupChat', 'an object', x.groupChat);
    else
      for (const key of [
        'noDecisions',
        'noConsensusSeeking',
        'noConfidential',
        'noStaffingOrComplaints',
      ])
        c.cited(x.groupChat, key, 'groupChat.', true);
  }
  c.cited(x, 'predetermination', '', true);
  c.cited(x, 'transitory', '', true);
  c.cited(x, 'foi', '', true);
  const guard = c.cited(x, 'composerGuard', '', true);
  if (guard) c.bool(guard, 'mayBeTurnedOff', 'composerGuard.');
  c.textList(x, 'notes', '', true);

  return c.errors.length === 0
    ? { ok: true, policy: x as unknown as Policy }
    : { ok: false, errors: c.errors };
}
