/** Working-hour arithmetic: time counts only inside work windows on working days. */
import { ChanceryError } from '../errors.js';
import type { Calendar } from './types.js';
import { minuteWindows } from './work-hours.js';
import { isWorkingDayNumber } from './working-day.js';
import { instantAtMinutes, wallClock } from './zoned-time.js';

const MS_PER_HOUR = 3_600_000;
// Ten years of days without work time means the calendar is broken.
const MAX_SCAN_DAYS = 3660;

/**
 * Moves `hours` of working time from `startMs`, forwards (`sign` 1) or backwards (-1). A start
 * outside working hours begins at the next (previous) working moment. When the time runs out
 * exactly at the end of a window the result is that end, not the start of the next window.
 */
export function addWorkingHours(calendar: Calendar, startMs: number, hours: number, sign: 1 | -1): number {
  const windows = minuteWindows(calendar.workHours);
  const ordered = sign === 1 ? windows : [...windows].reverse();
  let remaining = hours * MS_PER_HOUR;
  let cursor = startMs;
  let day = wallClock(startMs, calendar.timeZone).day;
  for (let i = 0; i < MAX_SCAN_DAYS; i++, day += sign) {
    if (!isWorkingDayNumber(calendar, day)) continue;
    for (const w of ordered) {
      const open = instantAtMinutes(day, w.start, calendar.timeZone);
      const close = instantAtMinutes(day, w.end, calendar.timeZone);
      if (sign === 1 && cursor < close) {
        const from = Math.max(cursor, open);
        if (remaining <= close - from) return from + remaining;
        remaining -= close - from;
        cursor = close;
      } else if (sign === -1 && cursor > open) {
        const to = Math.min(cursor, close);
        if (remaining <= to - open) return to - remaining;
        remaining -= to - open;
        cursor = open;
      }
    }
  }
  throw new ChanceryError('calendar.invalid_config', { key: calendar.key, reason: 'no working time found' });
}
