import { describe, expect, it } from 'vitest';
import { emptyForm, holdFromForm, parseUkDate } from '../../../entrypoints/holds/form';

const now = new Date('2026-11-25T10:00:00Z');

describe('holds form', () => {
  it('reads UK dates only when they exist', () => {
    expect(parseUkDate('01/12/2026')).toBe('2026-12-01');
    expect(parseUkDate('1/2/2026')).toBe('2026-02-01');
    expect(parseUkDate('29/02/2026')).toBeUndefined();
    expect(parseUkDate('12/31/2026')).toBeUndefined();
    expect(parseUkDate('2026-12-01')).toBeUndefined();
  });

  it('names each problem by its field', () => {
    const r = holdFromForm({ ...emptyForm, from: '31/12/2026', to: '01/12/2026' }, now);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(Object.keys(r.problems).sort()).toEqual(['kind', 'received', 'reference', 'to']);
  });

  it('builds an FOI hold on chats and a period, received in London time', () => {
    const r = holdFromForm(
      {
        ...emptyForm,
        kind: 'foi',
        reference: ' FOI-2026-031 ',
        received: '24/11/2026',
        chatKeys: ['title:A'],
        from: '01/11/2026',
      },
      now,
    );
    expect(r).toEqual({
      ok: true,
      hold: {
        kind: 'foi',
        reference: 'FOI-2026-031',
        receivedAt: '2026-11-24T09:00:00.000Z',
        covers: { chatKeys: ['title:A'], from: '2026-11-01' },
      },
    });
  });

  it('starts a breach clock at the time given (British Summer Time aware)', () => {
    const r = holdFromForm(
      {
        ...emptyForm,
        kind: 'breach',
        reference: 'BR-1',
        received: '01/07/2026',
        receivedTime: '14:30',
      },
      new Date('2026-07-02T10:00:00Z'),
    );
    expect(r.ok && r.hold.receivedAt).toBe('2026-07-01T13:30:00.000Z');
    const future = holdFromForm(
      { ...emptyForm, kind: 'sar', reference: 'S', received: '01/01/2027' },
      now,
    );
    expect(future.ok).toBe(false);
  });
});
