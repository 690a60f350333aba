/**
 * Types of the business calendar: which days are worked, during which hours, in which time zone.
 * A `Calendar` is a plain frozen value (JSON-friendly), built by `createCalendar` and passed in
 * wherever deadlines are computed; there is no global calendar.
 */
import type { I18nText } from '../definition/types.js';

/** `holiday`: a day off even if it is a weekday (放假). `workday`: a working day even on a weekend (调休上班). */
export type DayKind = 'holiday' | 'workday';

/** One explicit day on a calendar; every other day is decided by the weekend rule. */
export interface CalendarDay {
  /** Civil date in the calendar's time zone, `YYYY-MM-DD`. */
  date: string;
  kind: DayKind;
  /** What the day is, e.g. `{ 'zh-CN': '国庆节', en: 'National Day' }`. */
  name?: I18nText;
}

/** A span of working time on a working day, wall-clock `HH:MM` (end may be `24:00`). */
export interface WorkWindow {
  start: string;
  end: string;
}

/** Day of the week as `Date#getUTCDay` counts it: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** What `createCalendar` accepts. */
export interface CalendarConfig {
  key: string;
  name: I18nText;
  /** IANA time zone; default `Asia/Shanghai`. */
  timeZone?: string;
  /**
   * Working hours of a working day: one window, or several in order (a lunch break is the gap
   * between two windows). Default: one window `09:00`–`17:00`.
   */
  workHours?: WorkWindow | readonly WorkWindow[];
  /** Explicit holidays and make-up working days; a later entry for the same date wins. */
  days?: readonly CalendarDay[];
  /** Years whose official arrangements are known. Arithmetic touching another year throws `calendar.out_of_range`. */
  coveredYears?: readonly number[];
  /**
   * `true` (default): refuse days outside `coveredYears`. `false`: treat uncovered years as
   * weekends-only (explicit days still apply), for test or demo installations.
   */
  strict?: boolean;
  /** Non-working days of the week; default Saturday and Sunday. */
  weekend?: readonly Weekday[];
}

/** A business calendar, as built by `createCalendar`. Treat as immutable. */
export interface Calendar {
  readonly key: string;
  readonly name: I18nText;
  readonly timeZone: string;
  readonly workHours: readonly WorkWindow[];
  /** Explicit days by `YYYY-MM-DD`. */
  readonly days: Readonly<Record<string, CalendarDay>>;
  readonly coveredYears: readonly number[];
  readonly strict: boolean;
  readonly weekend: readonly Weekday[];
}

/** A moment (`Date`, read in the calendar's time zone) or a civil date `YYYY-MM-DD`. */
export type DayInput = Date | string;

/** The direction of a duration: `-1` counts backwards (`P-2WD`, `-P2WD`). */
export type Sign = 1 | -1;

/** A parsed duration. Counts are non-negative integers; the direction is in `sign`. */
export type ParsedDuration =
  | {
      kind: 'calendar';
      sign: Sign;
      years: number;
      months: number;
      weeks: number;
      days: number;
      hours: number;
      minutes: number;
      seconds: number;
    }
  | { kind: 'working-days'; sign: Sign; days: number }
  | { kind: 'working-hours'; sign: Sign; hours: number };
