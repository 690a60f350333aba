/** The duration grammar of the DSL: ISO-8601 calendar durations plus working days and hours. */
import { ChanceryError } from '../errors.js';
import type { ParsedDuration, Sign } from './types.js';

const SIGNED = /^([+-])?P([+-])?(.*)$/;
const WORKING = /^P(\d{1,6})(WD|WH)$/;
const CALENDAR = /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?$/;

/**
 * Parses a duration: `P3D`, `PT4H`, `P1M`, `P1Y2M3DT4H5M`, `P2W` (calendar time), `P20WD`
 * (working days), `P2WH` (working hours). A minus before or after the `P` (`-P2WD`, `P-2WD`)
 * counts backwards. Counts are whole numbers. Anything else throws `calendar.invalid_duration`.
 *
 * @example
 * parseDuration('P20WD'); // { kind: 'working-days', sign: 1, days: 20 }
 * parseDuration('P-2WD'); // { kind: 'working-days', sign: -1, days: 2 }
 * parseDuration('PT4H');  // { kind: 'calendar', sign: 1, years: 0, …, hours: 4, minutes: 0, seconds: 0 }
 */
export function parseDuration(text: string): ParsedDuration {
  const fail = (): ChanceryError => new ChanceryError('calendar.invalid_duration', { duration: text });
  if (typeof text !== 'string') throw fail();
  const signed = SIGNED.exec(text);
  // One sign at most, before or after the `P`.
  if (!signed || (signed[1] && signed[2])) throw fail();
  const sign: Sign = signed[1] === '-' || signed[2] === '-' ? -1 : 1;
  const body = `P${signed[3] ?? ''}`;

  const working = WORKING.exec(body);
  if (working) {
    const count = Number(working[1]);
    return working[2] === 'WD' ? { kind: 'working-days', sign, days: count } : { kind: 'working-hours', sign, hours: count };
  }

  const m = CALENDAR.exec(body);
  // `P` and `PT` alone match the pattern but name no amount.
  if (!m || body === 'P' || body.endsWith('T')) throw fail();
  const n = (i: number): number => Number(m[i] ?? 0);
  return {
    kind: 'calendar',
    sign,
    years: n(1),
    months: n(2),
    weeks: n(3),
    days: n(4),
    hours: n(5),
    minutes: n(6),
    seconds: n(7),
  };
}
