/** The deadline engine: pure, the clock passed in. See due.ts for what falls due and why. */
export * from './types.ts';
export { dueItems, nextAlarmAt } from './due.ts';
export {
  canClearDown,
  canDispose,
  effectiveHoldDueAt,
  holdCovers,
  holdDueAt,
  holdName,
  holdReason,
  holdsCovering,
  isHoldOpen,
  type Verdict,
} from './holds.ts';
export {
  computeKeepUntil,
  effectiveKeepUntil,
  retentionDecision,
  type KeepUntil,
} from './keep-until.ts';
export {
  addWorkingDays,
  addWorkingDaysToDate,
  isWorkingDay,
  onOrNextWorkingDay,
  workingDaysBetween,
} from './working-days.ts';
export { bankHolidayOn, bankHolidaysIn, isBankHoliday } from './bank-holidays.ts';
export { formatDate, formatDateTime, formatRelative } from './format.ts';
export { endOfLondonDay, londonDateOf, type IsoDate } from './london.ts';
