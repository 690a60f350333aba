import { describe, expect, it } from 'vitest';
import { chinaCoveredYears, chinaHolidayDays, createChinaCalendar, isWorkingDay } from '../../../core/calendar/index.js';

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('mainland China holiday data', () => {
  const days = chinaHolidayDays();
  const cn = createChinaCalendar();

  it('covers 2020 through 2026 and nothing else', () => {
    expect(chinaCoveredYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('puts every make-up working day on a weekend', () => {
    const makeUp = days.filter((d) => d.kind === 'workday');
    expect(makeUp.length).toBeGreaterThan(20);
    for (const d of makeUp) expect([0, 6], d.date).toContain(weekday(d.date));
  });

  it('never lists a date both as a holiday and a working day', () => {
    const holidays = new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date));
    for (const d of days.filter((x) => x.kind === 'workday')) expect(holidays.has(d.date), d.date).toBe(false);
  });

  it('names each holiday in zh-CN and en', () => {
    expect(days.find((d) => d.date === '2025-01-29')?.name).toEqual({ 'zh-CN': '春节', en: 'Spring Festival' });
    expect(days.find((d) => d.date === '2024-10-12')?.name).toEqual({
      'zh-CN': '国庆节调休上班',
      en: 'National Day make-up working day',
    });
  });

  it.each([
    ['2024-09-29', true], // Sunday, make-up for National Day
    ['2024-10-07', false],
    ['2024-10-12', true], // Saturday, make-up
    ['2025-01-26', true], // Sunday, make-up for Spring Festival
    ['2025-02-04', false],
    ['2025-02-08', true],
    ['2025-04-27', true],
    ['2025-05-05', false],
    ['2025-10-08', false],
    ['2025-10-11', true],
    ['2026-01-04', true],
    ['2026-02-23', false],
    ['2026-02-28', true],
    ['2026-09-20', true],
    ['2023-01-28', true],
    ['2020-02-01', false], // the 2020 Spring Festival was extended to 2 February
    ['2020-02-03', true],
    ['2024-02-09', true], // New Year's Eve 2024 was only "encouraged" off, not a holiday
  ] as const)('%s is a working day: %s', (date, expected) => {
    expect(isWorkingDay(cn, date)).toBe(expected);
  });
});
