/** Counting working days between two moments, for statistics. */
import type { Calendar, DayInput } from './types.js';
import { dayOf, isWorkingDayNumber } from './working-day.js';

/**
 * The number of working days after `from`'s day up to and including `to`'s day — the inverse
 * of `addDuration(…, 'PnWD')`, so the start day does not count. Negative when `to` is earlier.
 * Dates are compared as days in the calendar's time zone; times of day are ignored.
 *
 * @example
 * // Handling time of a case received Friday 2024-09-27 and closed Tuesday 2024-10-08:
 * workingDaysBetween(cn, '2024-09-27', '2024-10-08'); // 3: Sun 29 Sep (make-up), Mon 30 Sep, Tue 8 Oct
 * // Days late, completed after a due date:
 * workingDaysBetween(cn, dueAt, completedAt);
 */
export function workingDaysBetween(calendar: Calendar, from: DayInput, to: DayInput): number {
  const a = dayOf(calendar, from);
  const b = dayOf(calendar, to);
  const [low, high, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day++) {
    if (isWorkingDayNumber(calendar, day)) count++;
  }
  return sign * count;
}
