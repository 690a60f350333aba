/** Building and extending calendars, with their configuration checked up front. */
import { ChanceryError } from '../errors.js';
import { parseIsoDate } from './civil-date.js';
import type { Calendar, CalendarConfig, CalendarDay, Weekday, WorkWindow } from './types.js';
import { parseWindows } from './work-hours.js';

const DEFAULT_WORK_HOURS: readonly WorkWindow[] = [{ start: '09:00', end: '17:00' }];
const DEFAULT_WEEKEND: readonly Weekday[] = [0, 6];

/**
 * Builds a business calendar. Days not listed are working days unless they fall on the weekend.
 * Throws `calendar.invalid_config` for a bad date, window, time zone, weekend or year.
 *
 * @example
 * const county = createCalendar({
 *   key: 'cn-county', name: { 'zh-CN': '县政府工作日历', en: 'County calendar' },
 *   workHours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }],
 *   days: [{ date: '2025-10-01', kind: 'holiday', name: '国庆节' }],
 *   coveredYears: [2025],
 * });
 */
export function createCalendar(config: CalendarConfig): Calendar {
  const invalid = (reason: string): ChanceryError => new ChanceryError('calendar.invalid_config', { key: config.key, reason });
  const timeZone = config.timeZone ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw invalid(`unknown time zone ${timeZone}`);
  }
  const workHours = config.workHours === undefined ? DEFAULT_WORK_HOURS : 'start' in config.workHours ? [config.workHours] : config.workHours;
  const windows = parseWindows(workHours);
  if (typeof windows === 'string') throw invalid(windows);
  const weekend = config.weekend ?? DEFAULT_WEEKEND;
  if (weekend.some((d) => !Number.isInteger(d) || d < 0 || d > 6) || new Set(weekend).size >= 7) {
    throw invalid('weekend must list some, not all, of the days 0 (Sunday) to 6 (Saturday)');
  }
  const coveredYears = [...new Set(config.coveredYears ?? [])].sort((a, b) => a - b);
  const badYear = coveredYears.find((y) => !Number.isInteger(y) || y < 1000 || y > 9999);
  if (badYear !== undefined) throw invalid(`bad covered year ${badYear}`);
  const days: Record<string, CalendarDay> = {};
  for (const day of config.days ?? []) {
    if (parseIsoDate(day.date) === undefined) throw invalid(`bad date ${day.date}`);
    if (day.kind !== 'holiday' && day.kind !== 'workday') throw invalid(`bad kind ${String(day.kind)} on ${day.date}`);
    days[day.date] = Object.freeze({ ...day });
  }
  return Object.freeze({
    key: config.key,
    name: config.name,
    timeZone,
    workHours: Object.freeze(workHours.map((w) => Object.freeze({ start: w.start, end: w.end }))),
    days: Object.freeze(days),
    coveredYears: Object.freeze(coveredYears),
    strict: config.strict ?? true,
    weekend: Object.freeze([...weekend]),
  });
}

/**
 * A new calendar with `days` merged over `base` (a listed date replaces the base's entry), e.g.
 * an org unit's own calendar on top of the national one. `options` may rename it, change its
 * hours, or add covered years.
 *
 * @example
 * const township = extendCalendar(createChinaCalendar(), [
 *   { date: '2025-03-12', kind: 'holiday', name: { 'zh-CN': '镇庆', en: 'Township day' } },
 * ], { key: 'cn-township' });
 */
export function extendCalendar(base: Calendar, days: readonly CalendarDay[], options: Partial<Omit<CalendarConfig, 'days'>> = {}): Calendar {
  return createCalendar({
    key: options.key ?? base.key,
    name: options.name ?? base.name,
    timeZone: options.timeZone ?? base.timeZone,
    workHours: options.workHours ?? base.workHours,
    days: [...Object.values(base.days), ...days],
    coveredYears: [...base.coveredYears, ...(options.coveredYears ?? [])],
    strict: options.strict ?? base.strict,
    weekend: options.weekend ?? base.weekend,
  });
}
