/** One entry point for every kind of duration in the DSL. */
import { ChanceryError } from '../errors.js';
import { addCalendarTime } from './add-calendar-time.js';
import { addWorkingDays, subtractWorkingDays } from './add-working-days.js';
import { addWorkingHours } from './add-working-hours.js';
import { parseDuration } from './parse-duration.js';
import type { Calendar, ParsedDuration } from './types.js';

/**
 * The moment `duration` after (or, when negative, before) `start` on `calendar`.
 *
 * - Calendar time (`P3D`, `P1M`, `PT4H`): dates move on the calendar's wall clock, hours elapse.
 * - Working days (`P20WD`): the end of work (last `workHours` end) on the 20th working day after
 *   the start day; the start day does not count. `P0WD` is the end of work on the start day (or
 *   on the next working day when the start day is not worked or its work is over).
 * - Negative working days (`P-2WD`, reminders): the same time of day 2 working days earlier,
 *   moved into working hours.
 * - Working hours (`P2WH`): only time inside `workHours` on working days counts.
 *
 * Throws `calendar.invalid_duration` for bad text and `calendar.out_of_range` when a working-time
 * computation reaches a year a strict calendar does not cover.
 *
 * @example
 * const cn = createChinaCalendar();
 * addDuration(cn, new Date('2024-09-25T02:00:00Z'), 'P20WD'); // 2024-10-28T09:00:00Z (17:00 in Beijing)
 * addDuration(cn, new Date('2024-11-18T09:00:00Z'), 'P-2WD'); // 2024-11-14T09:00:00Z (the Thursday before)
 */
export function addDuration(calendar: Calendar, start: Date, duration: string | ParsedDuration): Date {
  const startMs = start.getTime();
  if (Number.isNaN(startMs)) throw new ChanceryError('request.invalid', { reason: 'invalid start date' });
  const d = typeof duration === 'string' ? parseDuration(duration) : duration;
  switch (d.kind) {
    case 'calendar':
      return new Date(addCalendarTime(startMs, d, calendar.timeZone));
    case 'working-days':
      return new Date(d.sign === 1 || d.days === 0 ? addWorkingDays(calendar, startMs, d.days) : subtractWorkingDays(calendar, startMs, d.days));
    case 'working-hours':
      return new Date(addWorkingHours(calendar, startMs, d.hours, d.sign));
  }
}
