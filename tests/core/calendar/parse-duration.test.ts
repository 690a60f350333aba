import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../core/calendar/index.js';
import { ChanceryError } from '../../../core/errors.js';

const zero = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe('parseDuration', () => {
  it('reads working days and working hours', () => {
    expect(parseDuration('P20WD')).toEqual({ kind: 'working-days', sign: 1, days: 20 });
    expect(parseDuration('P2WH')).toEqual({ kind: 'working-hours', sign: 1, hours: 2 });
  });

  it('reads a minus before or after the P as counting backwards', () => {
    expect(parseDuration('P-2WD')).toEqual({ kind: 'working-days', sign: -1, days: 2 });
    expect(parseDuration('-P2WD')).toEqual({ kind: 'working-days', sign: -1, days: 2 });
    expect(parseDuration('-PT30M')).toEqual({ kind: 'calendar', sign: -1, ...zero, minutes: 30 });
  });

  it('reads ISO-8601 calendar durations with every component', () => {
    expect(parseDuration('P3D')).toEqual({ kind: 'calendar', sign: 1, ...zero, days: 3 });
    expect(parseDuration('PT4H')).toEqual({ kind: 'calendar', sign: 1, ...zero, hours: 4 });
    expect(parseDuration('P1M')).toEqual({ kind: 'calendar', sign: 1, ...zero, months: 1 });
    expect(parseDuration('P2W')).toEqual({ kind: 'calendar', sign: 1, ...zero, weeks: 2 });
    expect(parseDuration('P1Y2M3DT4H5M6S')).toEqual({
      kind: 'calendar',
      sign: 1,
      years: 1,
      months: 2,
      weeks: 0,
      days: 3,
      hours: 4,
      minutes: 5,
      seconds: 6,
    });
  });

  it.each(['P20X', '20WD', '', 'P', 'PT', 'P1DT', '--P2WD', '-P-2WD', 'P1.5WD', 'p20wd', 'P20WD ', 'P2WDT1WH', 'PT1D', 'P1H'])(
    'refuses %j with calendar.invalid_duration',
    (text) => {
      let caught: unknown;
      try {
        parseDuration(text);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ChanceryError);
      expect((caught as ChanceryError).code).toBe('calendar.invalid_duration');
      expect((caught as ChanceryError).details).toEqual({ duration: text });
      expect((caught as ChanceryError).localized('zh-CN')).toContain('不是有效的期限');
    },
  );
});
