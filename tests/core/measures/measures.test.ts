/**
 * The office's measures on fixtures counted by hand: what opened, closed, 办结率, on time,
 * overdue now and working days mean (core/measures/figures.ts), rankings by any measure, the
 * period in Beijing time, and CSV that Excel reads safely.
 */
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '../../../core/calendar/index.js';
import { ChanceryError } from '../../../core/errors.js';
import { toCsv } from '../../../core/measures/csv.js';
import { figuresOf, MEASURE_KEYS, MEASURES, type Counted } from '../../../core/measures/figures.js';
import { periodOf } from '../../../core/measures/period.js';
import { rankRows } from '../../../core/measures/ranking.js';

const cn = createChinaCalendar();
// Mon 2026-03-02 09:00 Beijing, and working days after it.
const mon = new Date('2026-03-02T01:00:00Z');
const day = (n: number) => new Date(mon.getTime() + n * 86_400_000);
const row = (o: Partial<Counted>): Counted => ({
  unitId: 'u',
  inPeriod: true,
  status: 'open',
  openedAt: mon,
  closedAt: null,
  late: false,
  overdue: false,
  ...o,
});

describe('measures', () => {
  it('counts a unit’s period: 办结率 leaves withdrawn cases out, on-time rate counts what is overdue now against it', () => {
    const rows = [
      row({ status: 'closed', closedAt: mon }), // closed the same day, on time
      row({ status: 'closed', closedAt: day(3), late: true }), // Thursday, after its due date
      row({ status: 'closed', closedAt: day(7) }), // the next Monday: 5 working days
      row({ status: 'dropped' }), // withdrawn
      row({ status: 'open', overdue: true }), // open past its due date
      row({ status: 'open' }), // open, not yet due
      row({ inPeriod: false, status: 'open', overdue: true, openedAt: day(-30) }), // last month's, overdue now
    ];
    expect(figuresOf(rows, cn)).toEqual({
      opened: 6,
      closed: 3,
      withdrawn: 1,
      running: 2,
      onTime: 2,
      late: 1,
      overdueNow: 2,
      completionRate: 0.6, // 3 / (6 − 1)
      onTimeRate: 0.5, // 2 / (3 closed + 1 of the period overdue now)
      avgWorkingDays: 2.7, // (0 + 3 + 5) / 3
    });
  });

  it('has no rate and no average where there is nothing to divide by', () => {
    expect(figuresOf([row({ status: 'dropped' })], cn)).toMatchObject({
      opened: 1,
      withdrawn: 1,
      completionRate: null,
      onTimeRate: null,
      avgWorkingDays: null,
    });
    expect(figuresOf([], cn)).toMatchObject({ opened: 0, overdueNow: 0, completionRate: null });
  });

  it('counts working days on the business calendar: the National Day holiday is not working time', () => {
    // Wed 2026-09-30 → Fri 2026-10-09: 1–7 October are holidays, Sat 10 October a make-up working day.
    const f = figuresOf([row({ status: 'closed', openedAt: new Date('2026-09-30T01:00:00Z'), closedAt: new Date('2026-10-09T01:00:00Z') })], cn);
    expect(f.avgWorkingDays).toBe(2);
  });

  it('explains every built-in measure in one line, in Chinese and English', () => {
    for (const k of MEASURE_KEYS) {
      expect(MEASURES[k]['zh-CN'].length, k).toBeGreaterThan(4);
      expect(MEASURES[k].en.includes('\n'), k).toBe(false);
    }
  });
});

describe('rankings', () => {
  const rows = () => [
    { name: 'A', rank: null as number | null, rate: 0.5, overdue: 2, words: 10 },
    { name: 'B', rank: null as number | null, rate: 1, overdue: 0, words: 30 },
    { name: 'C', rank: null as number | null, rate: 0.5, overdue: 2, words: 20 },
    { name: 'D', rank: null as number | null, rate: null as number | null, overdue: 1, words: 0 },
    { name: 'E', rank: null as number | null, rate: 0.5, overdue: 1, words: 20 },
  ];
  const by = (r: ReturnType<typeof rows>[number], k: string) => r[k as 'rate'];

  it('orders by the chosen measure, breaks ties by the next ones, shares ranks on full ties, leaves rows without a value last and unranked', () => {
    const ranked = rankRows(
      rows(),
      [
        { key: 'rate', better: 'higher' },
        { key: 'overdue', better: 'lower' },
      ],
      by,
    );
    expect(ranked.map((r) => [r.rank, r.name])).toEqual([
      [1, 'B'],
      [2, 'E'],
      [3, 'A'],
      [3, 'C'],
      [null, 'D'],
    ]);
  });

  it('ranks by any measure, lower-is-better ones ascending', () => {
    expect(rankRows(rows(), [{ key: 'words', better: 'higher' }], by).map((r) => [r.rank, r.name])).toEqual([
      [1, 'B'],
      [2, 'C'],
      [2, 'E'],
      [4, 'A'],
      [5, 'D'],
    ]);
    expect(rankRows(rows(), [{ key: 'overdue', better: 'lower' }], by).map((r) => r.name)).toEqual(['B', 'D', 'E', 'A', 'C']);
  });
});

describe('the statistics period', () => {
  it('runs from Beijing midnight of the first day to Beijing midnight after the last', () => {
    const p = periodOf({ from: '2026-03-01', to: '2026-03-31' }, mon, 'Asia/Shanghai');
    expect(p.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('defaults to this month up to today, in Beijing time (already the 1st there at 17:00 UTC)', () => {
    const p = periodOf({}, new Date('2026-03-31T17:00:00Z'), 'Asia/Shanghai');
    expect([p.from, p.to]).toEqual(['2026-04-01', '2026-04-01']);
  });

  it('refuses a day that does not exist, an end before the start and a span over three years, with the pointer', () => {
    const refusal = (q: { from?: string; to?: string }) => {
      try {
        periodOf(q, mon, 'Asia/Shanghai');
      } catch (e) {
        return e instanceof ChanceryError ? [e.code, e.pointer] : e;
      }
      return 'accepted';
    };
    expect(refusal({ from: '2026-02-30' })).toEqual(['stats.invalid_period', '/from']);
    expect(refusal({ from: '2026-03-01', to: '2026-02-31' })).toEqual(['stats.invalid_period', '/to']);
    expect(refusal({ from: '2026-03-31', to: '2026-03-01' })).toEqual(['stats.invalid_period', '/to']);
    expect(refusal({ from: '2020-01-01', to: '2026-03-01' })).toEqual(['stats.invalid_period', '/to']);
  });
});

describe('CSV', () => {
  it('quotes commas and quotes, ends lines with CRLF, and keeps Excel from running formulas', () => {
    expect(
      toCsv([
        ['单位', '说明'],
        ['县信访局', '甲,"乙"'],
        ['=HYPERLINK("x")', -1.5],
      ]),
    ).toBe('单位,说明\r\n县信访局,"甲,""乙"""\r\n"\'=HYPERLINK(""x"")",-1.5\r\n');
  });
});
