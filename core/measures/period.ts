/**
 * The statistics period: calendar days in the business calendar's time zone, `to` inclusive;
 * by default this month up to today. Pure: `now` is passed in.
 */
import { startOfDate } from '../calendar/index.js';
import { ChanceryError } from '../errors.js';

export interface Period {
  from: string;
  to: string;
  /** The first instant of `from`. */
  start: Date;
  /** The first instant after `to`. */
  end: Date;
}

const MAX_SPAN_MS = 3 * 366 * 86_400_000;

/**
 * The period asked for; refused (`stats.invalid_period`, with the pointer of the bad field) when
 * a date does not exist, the end is before the start, or it spans more than three years.
 *
 * @example
 * periodOf({ from: '2026-03-01', to: '2026-03-31' }, new Date(), 'Asia/Shanghai').start; // 2026-02-28T16:00:00Z
 */
export function periodOf(q: { from?: string | undefined; to?: string | undefined }, now: Date, timeZone: string): Period {
  const today = localDate(now, timeZone);
  const from = q.from ?? `${today.slice(0, 8)}01`;
  const to = q.to ?? today;
  if (!isDate(from)) throw new ChanceryError('stats.invalid_period', { from, to }, { pointer: '/from' });
  if (!isDate(to)) throw new ChanceryError('stats.invalid_period', { from, to }, { pointer: '/to' });
  const start = startOfDate(from, timeZone);
  const end = startOfDate(nextDay(to), timeZone);
  if (end <= start || end.getTime() - start.getTime() > MAX_SPAN_MS) throw new ChanceryError('stats.invalid_period', { from, to }, { pointer: '/to' });
  return { from, to, start, end };
}

/** The calendar date (`YYYY-MM-DD`) of `d` in `timeZone`. */
export function localDate(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** A real calendar date (no 30 February). */
function isDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && Number.isFinite(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function nextDay(s: string): string {
  return new Date(new Date(`${s}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
}
