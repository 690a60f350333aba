/**
 * The office's measures (督查统计口径), defined once: the dashboard (`GET /api/stats`), its CSV
 * export and the bulletin plugin all count through `figuresOf`. What is counted — a case for its
 * receiving unit, a task for its handling unit (`attribution.ts`) — arrives as `Counted` rows;
 * the rules below decide what each measure means. Pure: no database, no clock.
 */
import { workingDaysBetween, type Calendar } from '../calendar/index.js';

/** One case or task, as the measures see it. */
export interface Counted {
  /** The unit it is counted for (see `attribution.ts`); null: no unit. */
  unitId: string | null;
  /** Opened (started, received) inside the period; rows from other periods count only for `overdueNow`. */
  inPeriod: boolean;
  /** `open`: still running; `closed`: done (completed or rejected); `dropped`: withdrawn or cancelled. */
  status: 'open' | 'closed' | 'dropped';
  openedAt: Date;
  closedAt: Date | null;
  /** Closed after its due date (for a case: one of its steps was). */
  late: boolean;
  /** Open now and past its due date (for a case: it holds such a task). */
  overdue: boolean;
}

/** The built-in measures, in the order the tables show them. */
export interface Figures {
  opened: number;
  closed: number;
  withdrawn: number;
  running: number;
  onTime: number;
  late: number;
  overdueNow: number;
  completionRate: number | null;
  onTimeRate: number | null;
  avgWorkingDays: number | null;
}

export type MeasureKey = keyof Figures;

/**
 * Each built-in measure in one line (docs/measures.md repeats these), and which way is better
 * for a ranking.
 */
export const MEASURES: Record<MeasureKey, { better: 'higher' | 'lower'; 'zh-CN': string; en: string }> = {
  opened: { better: 'higher', 'zh-CN': '受理：周期内发起（收到）的件数', en: 'Opened: cases started (tasks received) in the period' },
  closed: {
    better: 'higher',
    'zh-CN': '办结：周期内受理且已办结（完成或不予办理）的件数',
    en: 'Closed: of those opened, the ones finished (completed or rejected)',
  },
  withdrawn: {
    better: 'lower',
    'zh-CN': '撤回：周期内受理后被撤回或取消的件数，不计入办结率',
    en: 'Withdrawn: of those opened, withdrawn or cancelled; left out of the completion rate',
  },
  running: { better: 'lower', 'zh-CN': '在办：周期内受理、尚未办结的件数', en: 'Running: of those opened, still open' },
  onTime: { better: 'higher', 'zh-CN': '按期办结：办结且没有任何环节晚于期限完成', en: 'Closed on time: closed with no step completed after its due date' },
  late: { better: 'lower', 'zh-CN': '逾期办结：办结但有环节晚于期限完成', en: 'Closed late: closed with a step completed after its due date' },
  overdueNow: {
    better: 'lower',
    'zh-CN': '当前超期：此刻仍未办结且已过期限的件数（不限周期）',
    en: 'Overdue now: open at this moment and past a due date (any period)',
  },
  completionRate: { better: 'higher', 'zh-CN': '办结率：办结 ÷（受理 − 撤回）', en: 'Completion rate (办结率): closed ÷ (opened − withdrawn)' },
  onTimeRate: {
    better: 'higher',
    'zh-CN': '按期率：按期办结 ÷（办结 + 周期内受理且当前超期）',
    en: 'On-time rate: closed on time ÷ (closed + opened in the period and overdue now)',
  },
  avgWorkingDays: {
    better: 'lower',
    'zh-CN': '平均办理工作日：办结件从受理到办结的工作日（按工作日历）平均值，保留一位小数',
    en: 'Average working days: mean working days from opening to closing of the closed ones, on the business calendar, one decimal',
  },
};

/** The built-in measure keys, as a list. */
export const MEASURE_KEYS = Object.keys(MEASURES) as MeasureKey[];

/**
 * The built-in measures of `rows`.
 *
 * @example
 * figuresOf([{ unitId: 'u', inPeriod: true, status: 'closed', openedAt, closedAt, late: false, overdue: false }], cn).completionRate; // 1
 */
export function figuresOf(rows: readonly Counted[], calendar: Calendar): Figures {
  const opened = rows.filter((r) => r.inPeriod);
  const closed = opened.filter((r) => r.status === 'closed');
  const withdrawn = opened.filter((r) => r.status === 'dropped').length;
  const onTime = closed.filter((r) => !r.late).length;
  // Work of the period that should be finished by now: what closed, and what is open past its due date.
  const dueByNow = closed.length + opened.filter((r) => r.status === 'open' && r.overdue).length;
  const days = closed.map((r) => workingDaysBetween(calendar, r.openedAt, r.closedAt ?? r.openedAt));
  const base = opened.length - withdrawn;
  return {
    opened: opened.length,
    closed: closed.length,
    withdrawn,
    running: opened.filter((r) => r.status === 'open').length,
    onTime,
    late: closed.length - onTime,
    overdueNow: rows.filter((r) => r.status === 'open' && r.overdue).length,
    completionRate: base > 0 ? ratio(closed.length, base) : null,
    onTimeRate: dueByNow > 0 ? ratio(onTime, dueByNow) : null,
    avgWorkingDays: days.length > 0 ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
  };
}

/** A rate to four decimals (the API's precision; tables show one decimal of a percent). */
const ratio = (a: number, b: number) => Math.round((a / b) * 10_000) / 10_000;
