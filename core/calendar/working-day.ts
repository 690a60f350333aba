/** Whether a day is worked, on a given calendar. */
import { ChanceryError } from '../errors.js';
import { formatIsoDate, parseIsoDate, weekdayOfDay, yearOfDay } from './civil-date.js';
import type { Calendar, DayInput } from './types.js';
import { wallClock } from './zoned-time.js';

// Ten years without a working day means the calendar is broken, not that the answer is far away.
const MAX_SCAN_DAYS = 3660;

/** The day number of a moment (read in the calendar's zone) or of a `YYYY-MM-DD` date. */
export function dayOf(calendar: Calendar, input: DayInput): number {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new ChanceryError('request.invalid', { reason: 'invalid date' });
    return wallClock(input.getTime(), calendar.timeZone).day;
  }
  const day = parseIsoDate(input);
  if (day === undefined) throw new ChanceryError('request.invalid', { reason: `"${input}" is not a YYYY-MM-DD date` });
  return day;
}

/** Whether day number `day` is worked; throws `calendar.out_of_range` for an uncovered year on a strict calendar. */
export function isWorkingDayNumber(calendar: Calendar, day: number): boolean {
  const year = yearOfDay(day);
  if (calendar.strict && !calendar.coveredYears.includes(year)) {
    throw new ChanceryError('calendar.out_of_range', { year, calendar: calendar.key });
  }
  const date = formatIsoDate(day);
  if (Object.hasOwn(calendar.days, date)) return calendar.days[date]?.kind === 'workday';
  return !calendar.weekend.includes(weekdayOfDay(day));
}

/**
 * Whether a day is a working day: listed make-up days (调休上班) are, listed holidays are not,
 * otherwise every day but the weekend. A `Date` is read in the calendar's time zone.
 * Throws `calendar.out_of_range` for a year the (strict) calendar does not cover.
 *
 * @example
 * isWorkingDay(createChinaCalendar(), '2024-10-12'); // true: Saturday, make-up day for National Day
 * isWorkingDay(createChinaCalendar(), new Date('2024-10-01T03:00:00Z')); // false
 */
export function isWorkingDay(calendar: Calendar, date: DayInput): boolean {
  return isWorkingDayNumber(calendar, dayOf(calendar, date));
}

/** The first working day strictly after (`step` 1) or before (`step` -1) `day`. */
export function stepToWorkingDay(calendar: Calendar, day: number, step: 1 | -1): number {
  for (let next = day + step, i = 0; i < MAX_SCAN_DAYS; next += step, i++) {
    if (isWorkingDayNumber(calendar, next)) return next;
  }
  throw new ChanceryError('calendar.invalid_config', { key: calendar.key, reason: 'no working day found' });
}
