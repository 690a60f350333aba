/**
 * Custom measures (自定义统计指标) declared in a workflow's `measures`: counted per unit for the
 * period, with the one attribution rule (`attribution.ts`):
 * - `count: cases`: cases with a task completed with the outcome in the period, once per case, for
 *   the case's receiving unit (items adopted per submitting unit);
 * - `count: tasks`: tasks completed with the outcome in the period, for their handling unit;
 * - `sum`: a numeric data field summed over the cases opened in the period, for their receiving unit.
 */
import type { I18nText, MeasureSpec } from '../definition/types.js';
import type { Executor, SqlParam } from '../persistence/types.js';
import { CASE_UNIT_SQL, TASK_ASSIGNEE_JOIN, TASK_UNIT_SQL } from './attribution.js';

/** A custom measure as the statistics report it. */
export interface CustomMeasure {
  key: string;
  title: I18nText;
  description?: I18nText;
  /** Which table holds it: `units` (receiving units, cases) or `handlers` (handling units, tasks). */
  table: 'units' | 'handlers';
  spec: MeasureSpec;
}

/** The measures of the latest published version of `definition`, by name (none for a workflow without). */
export async function loadCustomMeasures(db: Executor, definition: string): Promise<CustomMeasure[]> {
  const [row] = await db.execute<{ measures: Record<string, MeasureSpec> | null }>(
    `SELECT body->'measures' AS measures FROM definition WHERE key = $1 AND status = 'published' ORDER BY version DESC LIMIT 1`,
    [definition],
  );
  // By name: the stored definition (jsonb) does not keep the order the measures were written in.
  return Object.entries(row?.measures ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, spec]) => ({
      key,
      title: spec.title ?? key,
      ...(spec.description ? { description: spec.description } : {}),
      table: spec.count === 'tasks' ? 'handlers' : 'units',
      spec,
    }));
}

/** Each measure's value per unit id, for the period. */
export async function customValues(
  db: Executor,
  measures: CustomMeasure[],
  q: { definition: string; start: Date; end: Date },
): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const m of measures) {
    const rows = await db.execute<{ unitId: string | null; value: number | string | null }>(...query(m.spec, q));
    out.set(m.key, new Map(rows.filter((r) => r.unitId !== null).map((r) => [r.unitId!, Number(r.value ?? 0)])));
  }
  return out;
}

function query(spec: MeasureSpec, q: { definition: string; start: Date; end: Date }): [string, SqlParam[]] {
  const params: SqlParam[] = [q.definition, q.start, q.end];
  if (spec.sum) {
    params.push(spec.sum.split('.').slice(1));
    return [
      `SELECT ${CASE_UNIT_SQL} AS "unitId",
              sum(CASE WHEN jsonb_typeof(i.data #> $4::text[]) = 'number' THEN (i.data #>> $4::text[])::numeric END)::float8 AS value
       FROM instance i
       WHERE i.definition_key = $1 AND i.created_at >= $2 AND i.created_at < $3
       GROUP BY 1`,
      params,
    ];
  }
  params.push(spec.outcome ?? '');
  let step = '';
  if (spec.state) step = `AND (t.state_key = $${params.push(spec.state)} OR t.state_key LIKE '%.' || $${params.length})`;
  const tasks = `FROM task t JOIN instance i ON i.id = t.instance_id ${TASK_ASSIGNEE_JOIN}
       WHERE i.definition_key = $1 AND t.status = 'completed' AND t.outcome = $4 AND t.completed_at >= $2 AND t.completed_at < $3 ${step}`;
  return spec.count === 'tasks'
    ? [`SELECT ${TASK_UNIT_SQL} AS "unitId", count(*)::int AS value ${tasks} GROUP BY 1`, params]
    : [`SELECT ${CASE_UNIT_SQL} AS "unitId", count(DISTINCT i.id)::int AS value ${tasks} GROUP BY 1`, params];
}
