/** The deadline engine: pure, the clock passed in. See due.ts for what falls due and why. */
export * from './types.ts';
export {
  DEFAULT_CADENCE_DAYS,
  DEFAULT_CAPTURE_WORKING_DAYS,
  DEFAULT_HORIZON_DAYS,
  DEFAULT_INACTIVE_AFTER_DAYS,
  dueItems,
  nextAlarmAt,
} from './due.ts';
export {
  BREACH_HOURS,
  canClearDown,
  canDispose,
  effectiveHoldDueAt,
  FOI_WORKING_DAYS,
  holdCovers,
  holdDueAt,
  holdName,
  holdReason,
  holdsCovering,
  indexHolds,
  isHoldOpen,
  type Verdict,
} from './holds.ts';
export {
  computeKeepUntil,
  decisionLookup,
  effectiveKeepUntil,
  laterKeepUntil,
  retentionDecision,
  storedKeepUntil,
  TRANSITORY_REVIEW_DAYS,
  type KeepUntil,
  type RetentionDecision,
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
