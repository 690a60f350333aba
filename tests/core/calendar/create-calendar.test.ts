import { describe, expect, it } from 'vitest';
import { createCalendar, extendCalendar, isWorkingDay, startOfDate } from '../../../core/calendar/index.js';
import { ChanceryError } from '../../../core/errors.js';

const base = createCalendar({
  key: 'demo',
  name: { 'zh-CN': '演示日历', en: 'Demo calendar' },
  days: [{ date: '2025-05-01', kind: 'holiday' }],
  coveredYears: [2025],
});

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof ChanceryError ? e.code : 'not a ChanceryError';
  }
  return undefined;
};

describe('createCalendar', () => {
  it('defaults to Asia/Shanghai, 09:00–17:00, weekends off, strict', () => {
    expect(base.timeZone).toBe('Asia/Shanghai');
    expect(base.workHours).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(base.weekend).toEqual([0, 6]);
    expect(base.strict).toBe(true);
    expect(Object.isFrozen(base)).toBe(true);
  });

  it('decides days by the explicit list first, then the weekend', () => {
    expect(isWorkingDay(base, '2025-05-01')).toBe(false); // Thursday, listed holiday
    expect(isWorkingDay(base, '2025-05-02')).toBe(true);
    expect(isWorkingDay(base, '2025-05-03')).toBe(false); // Saturday
  });

  it('throws calendar.out_of_range for a year it does not cover', () => {
    expect(codeOf(() => isWorkingDay(base, '2024-12-31'))).toBe('calendar.out_of_range');
  });

  it.each([
    ['a bad date', { days: [{ date: '2025-02-30', kind: 'holiday' as const }] }],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }],
    ['a window ending before it starts', { workHours: { start: '17:00', end: '09:00' } }],
    [
      'overlapping windows',
      {
        workHours: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      },
    ],
    ['a malformed clock time', { workHours: { start: '9am', end: '17:00' } }],
    ['a week with no working day', { weekend: [0, 1, 2, 3, 4, 5, 6] as const }],
  ])('refuses %s with calendar.invalid_config', (_label, overrides) => {
    expect(codeOf(() => createCalendar({ key: 'bad', name: 'bad', ...overrides }))).toBe('calendar.invalid_config');
  });
});

describe('extendCalendar', () => {
  it('merges days over the base, the extension winning, and leaves the base unchanged', () => {
    const unit = extendCalendar(base, [
      { date: '2025-05-01', kind: 'workday' },
      { date: '2025-05-06', kind: 'holiday', name: '所庆' },
    ]);
    expect(isWorkingDay(unit, '2025-05-01')).toBe(true);
    expect(isWorkingDay(unit, '2025-05-06')).toBe(false);
    expect(isWorkingDay(base, '2025-05-01')).toBe(false);
    expect(isWorkingDay(base, '2025-05-06')).toBe(true);
  });

  it('can cover more years', () => {
    const longer = extendCalendar(base, [], { coveredYears: [2026] });
    expect(longer.coveredYears).toEqual([2025, 2026]);
    expect(isWorkingDay(longer, '2026-01-05')).toBe(true);
  });
});

describe('startOfDate', () => {
  it('is local midnight of the date in the calendar’s zone (Beijing is UTC+8, New York UTC−5 in winter)', () => {
    expect(startOfDate('2026-03-02', 'Asia/Shanghai').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(startOfDate('2026-01-15', 'America/New_York').toISOString()).toBe('2026-01-15T05:00:00.000Z');
  });
});
