/** The national calendar of mainland China, from `cn-holidays.json`. */
import type { I18nText } from '../definition/types.js';
import { formatIsoDate, parseIsoDate } from './civil-date.js';
import data from './cn-holidays.json' with { type: 'json' };
import { createCalendar } from './create-calendar.js';
import type { Calendar, CalendarConfig, CalendarDay } from './types.js';

interface Festival {
  name: { 'zh-CN': string; en: string };
  off: string[];
  workdays: string[];
}

/** Years for which the State Council arrangements are in `cn-holidays.json`. */
export const chinaCoveredYears: readonly number[] = Object.freeze([...data.coveredYears]);

/**
 * Every holiday (放假) and make-up working day (调休上班) announced by the State Council for the
 * covered years, as calendar days; make-up days are named `<festival> 调休上班`.
 *
 * @example
 * chinaHolidayDays().find((d) => d.date === '2024-10-12');
 * // { date: '2024-10-12', kind: 'workday', name: { 'zh-CN': '国庆节调休上班', en: 'National Day make-up working day' } }
 */
export function chinaHolidayDays(): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (const year of Object.values(data.years)) {
    for (const festival of year.festivals as Festival[]) {
      const [first, last] = festival.off.map(parseIsoDate);
      if (first === undefined || last === undefined) throw new TypeError(`cn-holidays.json: bad range ${festival.off.join('..')}`);
      for (let day = first; day <= last; day++) {
        days.push({ date: formatIsoDate(day), kind: 'holiday', name: festival.name });
      }
      const makeUp: I18nText = {
        'zh-CN': `${festival.name['zh-CN']}调休上班`,
        en: `${festival.name.en} make-up working day`,
      };
      for (const date of festival.workdays) days.push({ date, kind: 'workday', name: makeUp });
    }
  }
  return days;
}

/**
 * The mainland China business calendar (key `cn`, the DSL's default): official holidays and
 * make-up working days for `chinaCoveredYears`, Asia/Shanghai, 09:00–17:00 unless overridden.
 * Strict: a year outside the data throws `calendar.out_of_range`.
 *
 * @example
 * const cn = createChinaCalendar();
 * const withLunch = createChinaCalendar({
 *   workHours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }],
 * });
 */
export function createChinaCalendar(overrides: Partial<CalendarConfig> = {}): Calendar {
  return createCalendar({
    key: 'cn',
    name: { 'zh-CN': '中国大陆法定节假日', en: 'Mainland China public holidays' },
    timeZone: 'Asia/Shanghai',
    coveredYears: chinaCoveredYears,
    ...overrides,
    days: [...chinaHolidayDays(), ...(overrides.days ?? [])],
  });
}
