/** Working-day arithmetic: deadlines forwards, reminders backwards. */
import type { Calendar } from './types.js';
import { minuteWindows, type MinuteWindow } from './work-hours.js';
import { isWorkingDayNumber, stepToWorkingDay } from './working-day.js';
import { instantAt, instantAtMinutes, wallClock } from './zoned-time.js';

const MS_PER_MINUTE = 60_000;

/**
 * Forwards: the end of work on the `count`-th working day after the start day (the start day
 * itself never counts: 期间开始的当日不计入). `count` 0 is the end of work on the start day, or
 * on the next working day when the start day is not worked or its work is over.
 */
export function addWorkingDays(calendar: Calendar, startMs: number, count: number): number {
  const windows = minuteWindows(calendar.workHours);
  const end = windows[windows.length - 1]?.end ?? 24 * 60;
  const { timeZone } = calendar;
  const start = wallClock(startMs, timeZone).day;
  const startDayCounts = count === 0 && isWorkingDayNumber(calendar, start) && startMs <= instantAtMinutes(start, end, timeZone);
  let day = startDayCounts ? start : stepToWorkingDay(calendar, start, 1);
  for (let i = 1; i < count; i++) day = stepToWorkingDay(calendar, day, 1);
  return instantAtMinutes(day, end, timeZone);
}

/**
 * Backwards (reminders before a due date): the same time of day `count` working days earlier,
 * moved into working hours: before the first window → its start; in a break or after work →
 * the end of the window just before.
 */
export function subtractWorkingDays(calendar: Calendar, dueMs: number, count: number): number {
  const { day: dueDay, msOfDay } = wallClock(dueMs, calendar.timeZone);
  let day = dueDay;
  for (let i = 0; i < count; i++) day = stepToWorkingDay(calendar, day, -1);
  return instantAt(day, clampToWorkHours(msOfDay, minuteWindows(calendar.workHours)), calendar.timeZone);
}

function clampToWorkHours(msOfDay: number, windows: readonly MinuteWindow[]): number {
  let clamped = (windows[0]?.start ?? 0) * MS_PER_MINUTE;
  for (const w of windows) {
    const start = w.start * MS_PER_MINUTE;
    const end = w.end * MS_PER_MINUTE;
    if (msOfDay < start) break;
    clamped = Math.min(msOfDay, end);
  }
  return clamped;
}
