import { describe, expect, it } from 'vitest';
import type { DueItem } from '../../../utils/deadlines';
import {
  DEFAULT_WORKING_HOURS,
  badgeOf,
  inWorkingHours,
  nextWorkingStart,
  planReminders,
  summaryOf,
} from '../../../utils/reminders';

const item = (
  key: string,
  dueAt: string,
  overdue: boolean,
  kind: DueItem['kind'] = 'clear-down',
): DueItem => ({
  key,
  kind,
  title: key,
  detail: '',
  dueAt,
  overdue,
  subject: 'title:x',
});
const h = DEFAULT_WORKING_HOURS;

describe('working hours (Europe/London)', () => {
  it('knows weekdays, hours, British Summer Time and bank holidays', () => {
    expect(inWorkingHours(new Date('2026-11-25T10:00:00Z'), h)).toBe(true); // Wed 10:00
    expect(inWorkingHours(new Date('2026-11-25T17:00:00Z'), h)).toBe(false); // 17:00
    expect(inWorkingHours(new Date('2026-07-01T08:30:00Z'), h)).toBe(true); // 09:30 BST
    expect(inWorkingHours(new Date('2026-11-28T10:00:00Z'), h)).toBe(false); // Saturday
    expect(inWorkingHours(new Date('2026-12-25T10:00:00Z'), h)).toBe(false); // Christmas Day
  });

  it('finds the next working start: Saturday → Monday 09:00; Christmas Eve evening → 29/12', () => {
    expect(nextWorkingStart(new Date('2026-11-28T10:00:00Z'), h).toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
    expect(nextWorkingStart(new Date('2026-12-24T18:00:00Z'), h).toISOString()).toBe(
      '2026-12-29T09:00:00.000Z',
    );
    const now = new Date('2026-11-25T10:00:00Z');
    expect(nextWorkingStart(now, h)).toBe(now);
  });
});

describe('planReminders', () => {
  const items = [
    item('a', '2026-11-17T23:59:59.000Z', true),
    item('b', '2026-11-25T23:59:59.000Z', false, 'capture'),
    item('c', '2026-12-10T23:59:59.000Z', false, 'hold'),
  ];

  it('notifies what is due today or overdue, once', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const plan = planReminders(now, items, new Set(['a']), h);
    expect(plan.notify.map((i) => i.key)).toEqual(['b']);
    expect(plan.badge).toEqual({ text: '1', title: 'Council Capture: 1 overdue (1 clear-down)' });
    expect(plan.wakeAt?.toISOString()).toBe('2026-11-25T23:59:59.000Z'); // b falls overdue
  });

  it('stays quiet outside working hours and wakes at the next working start', () => {
    const now = new Date('2026-11-28T10:00:00Z'); // Saturday
    const plan = planReminders(now, items, new Set(), h);
    expect(plan.notify).toEqual([]);
    expect(plan.deferredUntil?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(plan.badge.text).toBe('1');
  });

  it('has an empty badge when nothing is overdue, and summarises many items', () => {
    expect(badgeOf([])).toEqual({ text: '', title: 'Council Capture: nothing overdue' });
    expect(summaryOf(items).message).toBe(
      '1 clear-down, 1 capture, 1 request or hold. 1 overdue. Open Council Capture to see them.',
    );
  });
});
