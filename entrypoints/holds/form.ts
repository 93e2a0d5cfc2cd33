/**
 * The "open a hold" form, pure: UK dates in, a hold out, or en-GB problems naming the field.
 */
import { londonInstant } from '../../utils/deadlines/london';
import type { HoldKind } from '../../utils/deadlines';
import type { NewHold } from '../../utils/db/holds-repo';

export interface HoldForm {
  kind: HoldKind | '';
  reference: string;
  /** dd/mm/yyyy */
  received: string;
  /** HH:mm, for a data breach (the 72-hour clock runs from then). */
  receivedTime: string;
  chatKeys: string[];
  /** dd/mm/yyyy or '' */
  from: string;
  to: string;
  note: string;
}

export const emptyForm: HoldForm = {
  kind: '',
  reference: '',
  received: '',
  receivedTime: '',
  chatKeys: [],
  from: '',
  to: '',
  note: '',
};

export type Field = 'kind' | 'reference' | 'received' | 'receivedTime' | 'from' | 'to';

/** 'YYYY-MM-DD' from 'dd/mm/yyyy' (also d/m/yyyy, dots or dashes), or undefined if not a real date. */
export function parseUkDate(text: string): string | undefined {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return undefined;
  }
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The hold to open, or the problems, each tied to its field. `now` rejects future receipt. */
export function holdFromForm(
  form: HoldForm,
  now: Date,
): { ok: true; hold: NewHold } | { ok: false; problems: Partial<Record<Field, string>> } {
  const problems: Partial<Record<Field, string>> = {};
  if (form.kind === '') problems.kind = 'Choose what kind of hold this is.';
  if (form.reference.trim() === '') {
    problems.reference = 'Enter the council’s reference, for example FOI-2026-014.';
  }
  const received = parseUkDate(form.received);
  let receivedAt: string | undefined;
  if (!received) problems.received = 'Enter the date it was received as dd/mm/yyyy.';
  else {
    let hours = 9;
    let minutes = 0;
    if (form.kind === 'breach' && form.receivedTime.trim() !== '') {
      const t = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(form.receivedTime.trim());
      if (!t) problems.receivedTime = 'Enter the time as HH:mm, for example 14:30.';
      else [hours, minutes] = [Number(t[1]), Number(t[2])];
    } else if (form.kind === 'breach') {
      // Without a time, the clock starts at the beginning of the day: never later than it should.
      hours = 0;
    }
    receivedAt = londonInstant(received, hours, minutes).toISOString();
    if (Date.parse(receivedAt) > now.getTime() + 24 * 3_600_000) {
      problems.received = 'The date received cannot be in the future.';
    }
  }
  const from = form.from.trim() === '' ? undefined : parseUkDate(form.from);
  const to = form.to.trim() === '' ? undefined : parseUkDate(form.to);
  if (form.from.trim() !== '' && !from) problems.from = 'Enter the start date as dd/mm/yyyy.';
  if (form.to.trim() !== '' && !to) problems.to = 'Enter the end date as dd/mm/yyyy.';
  if (from && to && from > to) problems.to = 'The end date is before the start date.';
  if (Object.keys(problems).length > 0 || form.kind === '' || !receivedAt) {
    return { ok: false, problems };
  }
  const hold: NewHold = {
    kind: form.kind,
    reference: form.reference.trim(),
    receivedAt,
    covers: {
      ...(form.chatKeys.length > 0 ? { chatKeys: [...form.chatKeys] } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    },
    ...(form.note.trim() ? { note: form.note.trim() } : {}),
  };
  return { ok: true, hold };
}
