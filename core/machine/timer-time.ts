/**
 * When a timer fires, on the business calendar: the one implementation of deadline maths, used
 * by the engine's shell (task due dates, queued jobs) and by the designer's simulator, so a
 * preview and a real case agree to the minute. Pure: the time is passed in, never read.
 */
import cronParser from 'cron-parser';
import { addDuration, type Calendar } from '../calendar/index.js';
import type { Timer } from './context.js';

/**
 * The moment `t` fires when its step was entered at `since` (or `entered`) (for a recurring cron schedule,
 * the next occurrence after `entered`; for a deadline counted from a date in the data, that
 * date is the start, whenever the step was entered).
 *
 * @example
 * timerTime(cn, { key: 'k', state: 'review', kind: 'due', anchor: 'entered', after: 'P5WD' }, enteredAt);
 */
export function timerTime(calendar: Calendar, t: Timer, entered: Date): Date {
  // The timer knows when its step was entered (`since`); `entered` serves timers made before it did.
  if (t.since) entered = new Date(t.since);
  if (t.kind === 'schedule' && t.cron) return cronParser.parseExpression(t.cron, { currentDate: entered, tz: calendar.timeZone }).next().toDate();
  const start = t.from ? startOfValue(t.from, calendar.timeZone) : entered;
  const anchor = t.anchor === 'due' && t.due ? addDuration(calendar, start, t.due) : start;
  return addDuration(calendar, anchor, t.after);
}

/** A date from the case data: `YYYY-MM-DD` is the start of that day in the calendar's zone. */
export function startOfValue(value: string, timeZone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
  const utcMidnight = new Date(`${value}T00:00:00Z`);
  const local = new Date(utcMidnight.toLocaleString('en-US', { timeZone }));
  const utc = new Date(utcMidnight.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(utcMidnight.getTime() - (local.getTime() - utc.getTime()));
}
