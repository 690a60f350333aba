/**
 * The supervision statistics (督查统计) behind `GET /api/stats`, its CSV export and the bulletin
 * plugin: for a period, per receiving unit (cases) and per handling unit (tasks), the built-in
 * measures (`figures.ts`) and the workflow's custom measures (`custom.ts`), ranked by any of them
 * (`ranking.ts`), with per-workflow funnels. One computation, so every view ranks a unit the same.
 */
import type { Calendar } from '../calendar/index.js';
import { ChanceryError } from '../errors.js';
import type { Executor } from '../persistence/types.js';
import type { OrgUnit } from './access.js';
import { CASE_UNIT_SQL, TASK_ASSIGNEE_JOIN, TASK_UNIT_SQL } from './attribution.js';
import { customValues, loadCustomMeasures, type CustomMeasure } from './custom.js';
import { figuresOf, MEASURE_KEYS, MEASURES, type Counted, type Figures, type MeasureKey } from './figures.js';
import { funnels, type Funnel } from './funnels.js';
import type { Period } from './period.js';
import { rankRows, type RankKey } from './ranking.js';

export interface UnitView {
  id: string | null;
  code: string;
  name: string;
  nameEn: string;
}

/** One row of a ranking table. */
export type StatsRow = Figures & { rank: number | null; unit: UnitView; custom: Record<string, number> };

export interface StatsReport {
  period: { from: string; to: string };
  asOf: string;
  unit: UnitView | null;
  definition: string | null;
  /** The measure the tables are ranked by (each table's usual order when not asked). */
  rankBy: string | null;
  /** The workflow's custom measures (only with a `definition` filter). */
  measures: Array<Omit<CustomMeasure, 'spec'>>;
  totals: Figures & { custom: Record<string, number> };
  /** Receiving units (受理单位), by their cases. */
  units: StatsRow[];
  /** Handling units (承办单位), by their tasks. */
  handlers: StatsRow[];
  workflows: Funnel[];
}

export interface StatsInput {
  period: Period;
  now: Date;
  calendar: Calendar;
  units: OrgUnit[];
  /** Units counted (null: all). */
  scope: Set<string> | null;
  unit?: OrgUnit | null;
  /** One workflow (its custom measures come with it). */
  definition?: string | undefined;
  /** Several workflows (custom measures only when there is exactly one). */
  definitions?: string[] | undefined;
  rankBy?: string | undefined;
}

/** The usual order of each table: cases by completion rate, tasks by on-time rate. */
const USUAL: Record<'units' | 'handlers', MeasureKey[]> = {
  units: ['completionRate', 'onTimeRate', 'overdueNow'],
  handlers: ['onTimeRate', 'completionRate', 'overdueNow'],
};

type CaseRow = Counted & { id: string; key: string; caseStatus: string };

/**
 * The statistics for `input`; refuses (`stats.unknown_measure`, pointer `/rankBy`) a ranking by a
 * measure that neither is built in nor belongs to the chosen workflow.
 */
export async function computeStats(db: Executor, input: StatsInput): Promise<StatsReport> {
  const { period, now, calendar, scope } = input;
  const keys = input.definitions ?? (input.definition ? [input.definition] : undefined);
  const one = keys?.length === 1 ? keys[0] : undefined;
  const custom = one ? await loadCustomMeasures(db, one) : [];
  if (input.rankBy && !(MEASURE_KEYS as string[]).includes(input.rankBy) && !custom.some((m) => m.key === input.rankBy)) {
    const allowed = [...MEASURE_KEYS, ...custom.map((m) => m.key)].join(', ');
    throw new ChanceryError('stats.unknown_measure', { measure: input.rankBy, allowed }, { pointer: '/rankBy' });
  }
  const inScope = (r: { unitId: string | null }) => !scope || (r.unitId !== null && scope.has(r.unitId));
  const cases = (await caseRows(db, period, now, keys)).filter(inScope);
  const tasks = (await taskRows(db, period, now, keys)).filter(inScope);
  const values = one ? await customValues(db, custom, { definition: one, start: period.start, end: period.end }) : new Map<string, Map<string, number>>();
  const byId = new Map(input.units.map((u) => [u.id, u]));

  const table = (name: 'units' | 'handlers', rows: Counted[]): StatsRow[] => {
    const mine = custom.filter((m) => m.table === name);
    const groups = new Map<string, Counted[]>(input.units.filter((u) => !scope || scope.has(u.id)).map((u) => [u.id, []]));
    for (const r of rows) groups.set(r.unitId ?? '', [...(groups.get(r.unitId ?? '') ?? []), r]);
    const out = [...groups.entries()].map(([id, list]) => ({
      rank: null as number | null,
      unit: unitView(byId.get(id)),
      ...figuresOf(list, calendar),
      custom: Object.fromEntries(mine.map((m) => [m.key, values.get(m.key)?.get(id) ?? 0])),
    }));
    const shown = out.filter((r) => r.opened > 0 || r.overdueNow > 0 || Object.values(r.custom).some((v) => v !== 0));
    return rankRows(shown, rankKeys(name, input.rankBy, mine), (r, k) => (k in r.custom ? r.custom[k] : (r as unknown as Record<string, number | null>)[k]));
  };

  const totalsCustom: Record<string, number> = {};
  for (const m of custom) {
    let sum = 0;
    for (const [unitId, v] of values.get(m.key) ?? []) if (!scope || scope.has(unitId)) sum += v;
    totalsCustom[m.key] = sum;
  }
  const opened = cases.filter((r) => r.inPeriod).map((r) => ({ id: r.id, key: r.key, status: r.caseStatus }));
  return {
    period: { from: period.from, to: period.to },
    asOf: now.toISOString(),
    unit: input.unit ? unitView(input.unit) : null,
    definition: input.definition ?? null,
    rankBy: input.rankBy ?? null,
    measures: custom.map(({ spec: _spec, ...m }) => m),
    totals: { ...figuresOf(cases, calendar), custom: totalsCustom },
    units: table('units', cases),
    handlers: table('handlers', tasks),
    workflows: await funnels(db, opened, period, keys),
  };
}

/** The chosen measure first (when it belongs to this table), then the table's usual order. */
function rankKeys(table: 'units' | 'handlers', rankBy: string | undefined, mine: CustomMeasure[]): RankKey[] {
  const usual = USUAL[table].map((key) => ({ key, better: MEASURES[key].better }));
  if (!rankBy) return usual;
  if ((MEASURE_KEYS as string[]).includes(rankBy))
    return [{ key: rankBy, better: MEASURES[rankBy as MeasureKey].better }, ...usual.filter((k) => k.key !== rankBy)];
  return mine.some((m) => m.key === rankBy) ? [{ key: rankBy, better: 'higher' }, ...usual] : usual;
}

function unitView(u: OrgUnit | undefined): UnitView {
  return u ? { id: u.id, code: u.code, name: u.name, nameEn: u.nameEn } : { id: null, code: '', name: '（无单位）', nameEn: '(no unit)' };
}

/** The period's cases and, from any period, the running ones (for `overdueNow`). */
async function caseRows(db: Executor, period: Period, now: Date, keys: string[] | undefined): Promise<CaseRow[]> {
  const params: unknown[] = [period.start, period.end, now];
  const defFilter = keys ? `AND i.definition_key = ANY($${params.push(keys)}::text[])` : '';
  const rows = await db.execute<{
    id: string;
    key: string;
    status: string;
    unitId: string | null;
    createdAt: Date;
    completedAt: Date | null;
    late: boolean;
    overdue: boolean;
    inPeriod: boolean;
  }>(
    `SELECT i.id, i.definition_key AS key, i.status, ${CASE_UNIT_SQL} AS "unitId", i.created_at AS "createdAt", i.completed_at AS "completedAt",
            EXISTS (SELECT 1 FROM task t WHERE t.instance_id = i.id AND t.status = 'completed' AND t.due_at IS NOT NULL AND t.completed_at > t.due_at) AS late,
            (i.status = 'running' AND EXISTS (SELECT 1 FROM task t WHERE t.instance_id = i.id AND t.status = 'open' AND t.due_at < $3)) AS overdue,
            (i.created_at >= $1 AND i.created_at < $2) AS "inPeriod"
     FROM instance i
     WHERE ((i.created_at >= $1 AND i.created_at < $2) OR i.status = 'running') ${defFilter}`,
    params as never,
  );
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    caseStatus: r.status,
    unitId: r.unitId,
    inPeriod: r.inPeriod,
    status: r.status === 'running' ? 'open' : r.status === 'completed' || r.status === 'rejected' ? 'closed' : 'dropped',
    openedAt: r.createdAt,
    closedAt: r.completedAt,
    late: r.late,
    overdue: r.overdue,
  }));
}

/** The tasks received in the period and, from any period, the open ones past due. */
async function taskRows(db: Executor, period: Period, now: Date, keys: string[] | undefined): Promise<Counted[]> {
  const params: unknown[] = [period.start, period.end, now];
  const defFilter = keys ? `AND i.definition_key = ANY($${params.push(keys)}::text[])` : '';
  const rows = await db.execute<{ unitId: string | null; status: string; createdAt: Date; completedAt: Date | null; dueAt: Date | null }>(
    `SELECT ${TASK_UNIT_SQL} AS "unitId", t.status, t.created_at AS "createdAt", t.completed_at AS "completedAt", t.due_at AS "dueAt"
     FROM task t JOIN instance i ON i.id = t.instance_id ${TASK_ASSIGNEE_JOIN}
     WHERE ((t.created_at >= $1 AND t.created_at < $2) OR (t.status = 'open' AND t.due_at < $3)) ${defFilter}`,
    params as never,
  );
  return rows.map((t) => ({
    unitId: t.unitId,
    inPeriod: t.createdAt >= period.start && t.createdAt < period.end,
    status: t.status === 'open' ? 'open' : t.status === 'completed' ? 'closed' : 'dropped',
    openedAt: t.createdAt,
    closedAt: t.completedAt,
    late: t.status === 'completed' && t.dueAt !== null && t.completedAt !== null && t.completedAt > t.dueAt,
    overdue: t.status === 'open' && t.dueAt !== null && t.dueAt < now,
  }));
}
