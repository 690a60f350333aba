/**
 * Wall-clock time in an IANA time zone, through `Intl` (no offset table of our own). Asia/Shanghai
 * has been a fixed +08:00 with no daylight saving since 1991, but going through `Intl` keeps
 * calendars in other zones correct too.
 */
import { dayFromParts, formatIsoDate } from './civil-date.js';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
// Formatters are costly to build; this cache holds no state that changes results.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock at `ms` in `timeZone`: day number and milliseconds since local midnight. */
export function wallClock(ms: number, timeZone: string): { day: number; msOfDay: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const day = dayFromParts(parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1);
  const seconds = (parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0);
  return { day, msOfDay: seconds * 1000 + (((ms % 1000) + 1000) % 1000) };
}

function offsetAt(ms: number, timeZone: string): number {
  const { day, msOfDay } = wallClock(ms, timeZone);
  return day * MS_PER_DAY + msOfDay - ms;
}

/** The instant when the wall clock in `timeZone` shows `day` at `msOfDay` (may exceed 24 h). */
export function instantAt(day: number, msOfDay: number, timeZone: string): number {
  const asUtc = day * MS_PER_DAY + msOfDay;
  const first = asUtc - offsetAt(asUtc, timeZone);
  return asUtc - offsetAt(first, timeZone);
}

/** The calendar date (`YYYY-MM-DD`) at `at` in `timeZone`: `dateIn(new Date(), 'Asia/Shanghai')` is today there. */
export function dateIn(at: Date, timeZone: string): string {
  return formatIsoDate(wallClock(at.getTime(), timeZone).day);
}

/** Local midnight of a calendar date (`YYYY-MM-DD`) in `timeZone`. */
export function startOfDate(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(instantAt(dayFromParts(y!, m!, d!), 0, timeZone));
}

/** The instant of `day` at `minutes` past local midnight. */
export function instantAtMinutes(day: number, minutes: number, timeZone: string): number {
  return instantAt(day, minutes * MS_PER_MINUTE, timeZone);
}
