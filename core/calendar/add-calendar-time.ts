/** ISO-8601 calendar durations on the calendar's wall clock. */
import { dayFromParts, partsOfDay } from './civil-date.js';
import type { ParsedDuration } from './types.js';
import { instantAt, wallClock } from './zoned-time.js';

type CalendarDuration = Extract<ParsedDuration, { kind: 'calendar' }>;

/**
 * Years, months, weeks and days move the date on the wall clock of `timeZone` and keep the time
 * of day (Jan 31 + P1M = Feb 28/29, as Temporal does); hours, minutes and seconds are then added
 * as elapsed time.
 */
export function addCalendarTime(startMs: number, d: CalendarDuration, timeZone: string): number {
  const { day, msOfDay } = wallClock(startMs, timeZone);
  const { year, month, date } = partsOfDay(day);
  const monthIndex = year * 12 + (month - 1) + d.sign * (d.years * 12 + d.months);
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  const lastDate = partsOfDay(dayFromParts(newYear, newMonth + 1, 1) - 1).date;
  const newDay = dayFromParts(newYear, newMonth, Math.min(date, lastDate)) + d.sign * (d.weeks * 7 + d.days);
  const elapsed = ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
  return instantAt(newDay, msOfDay, timeZone) + d.sign * elapsed;
}
