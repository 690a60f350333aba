/**
 * The business calendar: working days on mainland China's official calendar (holidays and
 * make-up working days), working hours, and the duration arithmetic behind due dates,
 * reminders and escalations. Pure: no clock, no database.
 */
export type { Calendar, CalendarConfig, CalendarDay, DayInput, DayKind, ParsedDuration, Sign, Weekday, WorkWindow } from './types.js';
export { createCalendar, extendCalendar } from './create-calendar.js';
export { startOfDate } from './zoned-time.js';
export { chinaCoveredYears, chinaHolidayDays, createChinaCalendar } from './cn-calendar.js';
export { parseDuration } from './parse-duration.js';
export { addDuration } from './add-duration.js';
export { isWorkingDay } from './working-day.js';
export { workingDaysBetween } from './working-days-between.js';
