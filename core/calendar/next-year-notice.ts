/**
 * From October on, next year's official holidays should be entered: deadlines reaching into a
 * year nobody entered count weekends only. Pure: the years covered and "now" in, the notice out.
 */

export interface CalendarNotice {
  code: 'calendar.next_year_missing';
  year: number;
  'zh-CN': string;
  en: string;
}

/**
 * @example nextYearNotice([2025, 2026], new Date('2026-11-02')) // { year: 2027, … }
 */
export function nextYearNotice(coveredYears: readonly number[], now: Date): CalendarNotice | undefined {
  const year = now.getUTCFullYear() + 1;
  if (coveredYears.includes(year) || now.getUTCMonth() < 9) return undefined;
  return {
    code: 'calendar.next_year_missing',
    year,
    'zh-CN': `${year} 年的法定节假日安排尚未录入，跨年期限暂按周末计算；请在日历管理中录入`,
    en: `The official holidays of ${year} are not entered yet; deadlines reaching into it count weekends only until an admin enters them`,
  };
}
