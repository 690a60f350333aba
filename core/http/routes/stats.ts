/**
 * Supervision statistics (督查统计) for the dashboard and for bulletins: per unit and period, cases
 * opened and closed, the completion rate (办结率), the on-time rate, cases overdue now, the average
 * handling time in working days, per-workflow funnels and per-unit rankings; also as CSV for Excel.
 *
 * Definitions (also in docs/designer.md):
 * - a case belongs to its initiator's unit (受理单位); a task to its handler's unit (承办单位);
 * - `opened`: cases started in the period; `closed` (办结): of those, the ones completed or rejected;
 *   withdrawn and cancelled cases are counted apart and left out of the completion rate;
 * - on time: a closed case none of whose steps was completed after its due date;
 * - `overdueNow`: running cases (of any period) holding an open task past its due date, now;
 * - handling time: working days from start to close on the business calendar (`workingDaysBetween`).
 *
 * Access: administrators and county-wide leaders (county head, deputy heads, office director,
 * supervision and target officers) see every unit; heads of unit see their unit and its sub-units.
 */
import type { Context } from 'hono';
import { workingDaysBetween, type Calendar } from '../../calendar/index.js';
import { ChanceryError } from '../../errors.js';
import type { AppEnv } from '../auth.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { Stats } from '../schemas/misc.js';

/** Roles that see the whole county. */
export const LEADER_ROLES = ['county-head', 'deputy-head', 'office-director', 'supervision-officer', 'target-officer'] as const;

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const query = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', pattern: DATE },
    to: { type: 'string', pattern: DATE },
    unit: { type: 'string', minLength: 1, maxLength: 100 },
    definition: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$' },
    /** Read by the language middleware; allowed here so a download link can choose it. */
    lang: { enum: ['zh-CN', 'en'] },
  },
} as const;

interface StatsQuery { from?: string; to?: string; unit?: string; definition?: string }
type Unit = { id: string; parentId: string | null; code: string; name: string; nameEn: string };

export interface Figures {
  opened: number;
  closed: number;
  withdrawn: number;
  running: number;
  onTime: number;
  overdueNow: number;
  /** closed / (opened − withdrawn), 0..1, null when nothing was opened. */
  completionRate: number | null;
  /** onTime / closed, null when nothing was closed. */
  onTimeRate: number | null;
  /** Mean working days from start to close, one decimal; null when nothing was closed. */
  avgWorkingDays: number | null;
}

type CaseRow = {
  id: string; key: string; status: string; unitId: string | null; createdAt: Date; completedAt: Date | null; late: boolean; overdue: boolean; inPeriod: boolean;
};

export function statsRoutes(s: AppServices): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/stats',
      tag: 'stats',
      access: 'user',
      summary: i18n('督查统计：受理、办结、办结率、按期率、超期、平均办理工作日、流程漏斗、单位排名', 'Supervision statistics: opened, closed, completion and on-time rates, overdue, working days, funnels, unit rankings'),
      response: Stats,
      errors: ['stats.forbidden', 'stats.unit_out_of_scope', 'stats.invalid_period', 'directory.unit_not_found'],
      query,
      handler: async (c, { query: q }) => c.json(await compute(s, c, q)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/stats/export',
      tag: 'stats',
      access: 'user',
      summary: i18n('导出统计表 CSV（Excel 可直接打开）', 'Export a statistics table as CSV (opens in Excel)'),
      responseSpec: {
        contentType: 'text/csv',
        schema: { type: 'string', description: 'UTF-8 with a BOM (Excel reads it as UTF-8)' },
        headers: { 'Content-Disposition': { description: 'attachment; filename="chancery-stats-<table>-<from>-<to>.csv"', schema: { type: 'string' } } },
      },
      errors: ['stats.forbidden', 'stats.unit_out_of_scope', 'stats.invalid_period', 'directory.unit_not_found'],
      query: { ...query, properties: { ...query.properties, table: { enum: ['units', 'handlers', 'workflows'] } } },
      handler: async (c, { query: q }) => {
        const stats = await compute(s, c, q);
        const csv = toCsv(stats, q.table ?? 'units', c.get('lang') ?? c.get('actor').lang);
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="chancery-stats-${q.table ?? 'units'}-${stats.period.from}-${stats.period.to}.csv"`);
        // The BOM makes Excel read the file as UTF-8 (Chinese names stay readable).
        return c.body(`\uFEFF${csv}`);
      },
    }),
  ];
}

async function compute(s: AppServices, c: Context<AppEnv>, q: StatsQuery) {
  const actor = c.get('actor');
  const now = s.clock();
  const calendar = s.calendar('cn');
  const units = await s.db.execute<Unit>(`SELECT id, parent_id AS "parentId", code, name, name_en AS "nameEn" FROM org_unit ORDER BY sort, code`);
  const byId = new Map(units.map((u) => [u.id, u]));
  const allowed = await allowedUnits(s, actor, units);
  let scope: Set<string> | null = allowed;
  let unit: Unit | null = null;
  if (q.unit) {
    unit = units.find((u) => u.id === q.unit || u.code === q.unit) ?? null;
    if (!unit) throw new ChanceryError('directory.unit_not_found', { unit: q.unit }, { pointer: '/unit' });
    if (allowed && !allowed.has(unit.id)) throw new ChanceryError('stats.unit_out_of_scope', { unit: unit.code }, { pointer: '/unit' });
    scope = subtree(units, unit.id);
  }
  const period = periodOf(q, now, calendar);

  const params: unknown[] = [period.start, period.end, now];
  const defFilter = q.definition ? `AND i.definition_key = $${params.push(q.definition)}` : '';
  const rows = await s.db.execute<CaseRow>(
    `SELECT i.id, i.definition_key AS key, i.status, i.initiator_unit_id AS "unitId", i.created_at AS "createdAt", i.completed_at AS "completedAt",
            EXISTS (SELECT 1 FROM task t WHERE t.instance_id = i.id AND t.status = 'completed' AND t.due_at IS NOT NULL AND t.completed_at > t.due_at) AS late,
            (i.status = 'running' AND EXISTS (SELECT 1 FROM task t WHERE t.instance_id = i.id AND t.status = 'open' AND t.due_at < $3)) AS overdue,
            (i.created_at >= $1 AND i.created_at < $2) AS "inPeriod"
     FROM instance i
     WHERE ((i.created_at >= $1 AND i.created_at < $2) OR i.status = 'running') ${defFilter}`,
    params as never,
  );
  const cases = rows.filter((r) => !scope || (r.unitId !== null && scope.has(r.unitId)));
  const totals = figures(cases, calendar);

  const unitRows = groupBy(cases, (r) => r.unitId ?? '')
    .map(([id, list]) => ({ rank: 0, unit: unitView(byId.get(id)), ...figures(list, calendar) }))
    .filter((r) => r.opened > 0 || r.overdueNow > 0);
  rank(unitRows);

  const handlers = await handlerRanking(s, period, now, q.definition, scope, byId, calendar);
  const workflows = await funnels(s, cases, period, q.definition);
  return {
    period: { from: period.from, to: period.to },
    asOf: now.toISOString(),
    unit: unit ? unitView(unit) : null,
    definition: q.definition ?? null,
    totals,
    units: unitRows,
    handlers,
    workflows,
  };
}

/** Null: every unit. Otherwise the units the caller may see. */
async function allowedUnits(s: AppServices, actor: { id: string; isAdmin: boolean }, units: Unit[]): Promise<Set<string> | null> {
  if (actor.isAdmin) return null;
  const roles = await s.db.execute<{ role: string; unitId: string }>('SELECT role_key AS role, unit_id AS "unitId" FROM membership WHERE user_id = $1', [actor.id]);
  if (roles.some((r) => (LEADER_ROLES as readonly string[]).includes(r.role))) return null;
  const heads = roles.filter((r) => r.role === 'head');
  if (heads.length === 0) throw new ChanceryError('stats.forbidden');
  const out = new Set<string>();
  for (const h of heads) for (const id of subtree(units, h.unitId)) out.add(id);
  return out;
}

function subtree(units: Unit[], rootId: string): Set<string> {
  const out = new Set([rootId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of units) if (u.parentId && out.has(u.parentId) && !out.has(u.id)) { out.add(u.id); grew = true; }
  }
  return out;
}

/** The period as calendar days in the calendar's time zone; default: this month up to today. */
function periodOf(q: StatsQuery, now: Date, calendar: Calendar) {
  const today = localDate(now, calendar.timeZone);
  const from = q.from ?? `${today.slice(0, 8)}01`;
  const to = q.to ?? today;
  const start = localMidnight(from, calendar.timeZone);
  const end = new Date(localMidnight(to, calendar.timeZone).getTime() + 86_400_000);
  const pointer = q.from && !Number.isFinite(start.getTime()) ? '/from' : '/to';
  if (!Number.isFinite(start.getTime()) || !Number.isFinite(end.getTime()) || end <= start || end.getTime() - start.getTime() > 3 * 366 * 86_400_000) {
    throw new ChanceryError('stats.invalid_period', { from, to }, { pointer });
  }
  return { from, to, start, end };
}

function localDate(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** The instant a day begins in `timeZone` (exact for fixed-offset zones such as Asia/Shanghai). */
function localMidnight(date: string, timeZone: string): Date {
  const utc = new Date(`${date}T00:00:00Z`);
  if (!Number.isFinite(utc.getTime()) || utc.toISOString().slice(0, 10) !== date) return new Date(NaN);
  const wall = new Date(new Date(utc).toLocaleString('en-US', { timeZone }) + ' UTC');
  return new Date(utc.getTime() - (wall.getTime() - utc.getTime()));
}

function figures(rows: CaseRow[], calendar: Calendar): Figures {
  const opened = rows.filter((r) => r.inPeriod);
  const closedRows = opened.filter((r) => r.status === 'completed' || r.status === 'rejected');
  const withdrawn = opened.filter((r) => r.status === 'withdrawn' || r.status === 'cancelled').length;
  const onTime = closedRows.filter((r) => !r.late).length;
  const days = closedRows.map((r) => workingDaysBetween(calendar, r.createdAt, r.completedAt ?? r.createdAt));
  const base = opened.length - withdrawn;
  return {
    opened: opened.length,
    closed: closedRows.length,
    withdrawn,
    running: opened.filter((r) => r.status === 'running').length,
    onTime,
    overdueNow: rows.filter((r) => r.overdue).length,
    completionRate: base > 0 ? ratio(closedRows.length, base) : null,
    onTimeRate: closedRows.length > 0 ? ratio(onTime, closedRows.length) : null,
    avgWorkingDays: days.length > 0 ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
  };
}

const ratio = (a: number, b: number) => Math.round((a / b) * 10_000) / 10_000;

/** Bulletin order: completion rate, then on-time rate, then fewer overdue; ranks shared on ties. */
function rank<T extends Figures & { rank: number }>(rows: T[]): void {
  const key = (r: T) => [r.completionRate ?? -1, r.onTimeRate ?? -1, -r.overdueNow] as const;
  rows.sort((a, b) => {
    const ka = key(a); const kb = key(b);
    return kb[0] - ka[0] || kb[1] - ka[1] || kb[2] - ka[2];
  });
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && key(prev).join() === key(r).join() ? prev.rank : i + 1;
  });
}

function groupBy<T>(rows: T[], keyOf: (r: T) => string): Array<[string, T[]]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(keyOf(r), [...(m.get(keyOf(r)) ?? []), r]);
  return [...m.entries()];
}

function unitView(u: Unit | undefined) {
  return u ? { id: u.id, code: u.code, name: u.name, nameEn: u.nameEn } : { id: null, code: '', name: '（无单位）', nameEn: '(no unit)' };
}

/** Handling units (承办单位): the tasks they received in the period, done, on time, overdue now. */
async function handlerRanking(s: AppServices, period: { start: Date; end: Date }, now: Date, definition: string | undefined, scope: Set<string> | null, byId: Map<string, Unit>, calendar: Calendar) {
  const params: unknown[] = [period.start, period.end, now];
  const defFilter = definition ? `AND i.definition_key = $${params.push(definition)}` : '';
  const tasks = await s.db.execute<{ unitId: string | null; status: string; createdAt: Date; completedAt: Date | null; dueAt: Date | null }>(
    `SELECT COALESCE(u.unit_id, t.candidate_unit_id) AS "unitId", t.status, t.created_at AS "createdAt", t.completed_at AS "completedAt", t.due_at AS "dueAt"
     FROM task t JOIN instance i ON i.id = t.instance_id LEFT JOIN app_user u ON u.id = t.assignee_id
     WHERE t.status <> 'cancelled' AND ((t.created_at >= $1 AND t.created_at < $2) OR (t.status = 'open' AND t.due_at < $3)) ${defFilter}`,
    params as never,
  );
  const inScope = tasks.filter((t) => t.unitId !== null && (!scope || scope.has(t.unitId)));
  const rows = groupBy(inScope, (t) => t.unitId!).map(([id, list]) => {
    const received = list.filter((t) => t.createdAt >= period.start && t.createdAt < period.end);
    const done = received.filter((t) => t.status === 'completed');
    const onTime = done.filter((t) => !t.dueAt || (t.completedAt && t.completedAt <= t.dueAt)).length;
    const days = done.map((t) => workingDaysBetween(calendar, t.createdAt, t.completedAt ?? t.createdAt));
    return {
      unit: unitView(byId.get(id)),
      received: received.length,
      completed: done.length,
      onTime,
      overdueNow: list.filter((t) => t.status === 'open' && t.dueAt && t.dueAt < now).length,
      completionRate: received.length ? ratio(done.length, received.length) : null,
      onTimeRate: done.length ? ratio(onTime, done.length) : null,
      avgWorkingDays: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
      rank: 0,
    };
  });
  const key = (r: (typeof rows)[number]) => [r.onTimeRate ?? -1, r.completionRate ?? -1, -r.overdueNow].join();
  rows.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || (b.completionRate ?? -1) - (a.completionRate ?? -1) || a.overdueNow - b.overdueNow);
  rows.forEach((r, i) => { const prev = rows[i - 1]; r.rank = prev && key(prev) === key(r) ? prev.rank : i + 1; });
  return rows;
}

/** Per workflow: how many of the period's cases reached each step, are there now, and closed. */
async function funnels(s: AppServices, cases: CaseRow[], period: { start: Date; end: Date }, definition: string | undefined) {
  const opened = cases.filter((r) => r.inPeriod);
  const ids = new Set(opened.map((r) => r.id));
  const params: unknown[] = [period.start, period.end];
  const defFilter = definition ? `AND i.definition_key = $${params.push(definition)}` : '';
  const reached = await s.db.execute<{ key: string; id: string; state: string; open: boolean }>(
    `SELECT i.definition_key AS key, i.id, t.state_key AS state, bool_or(t.status = 'open') AS open
     FROM task t JOIN instance i ON i.id = t.instance_id
     WHERE i.created_at >= $1 AND i.created_at < $2 ${defFilter}
     GROUP BY i.definition_key, i.id, t.state_key`,
    params as never,
  );
  const defs = await s.db.execute<{ key: string; body: { title?: unknown; states?: Record<string, { title?: unknown }> } }>(
    `SELECT DISTINCT ON (key) key, body FROM definition WHERE status = 'published' ORDER BY key, version DESC`,
  );
  return groupBy(opened, (r) => r.key).map(([key, list]) => {
    const def = defs.find((d) => d.key === key);
    const order = Object.keys(def?.body.states ?? {});
    const steps = new Map<string, { reached: number; now: number }>();
    for (const r of reached) {
      if (r.key !== key || !ids.has(r.id)) continue;
      const top = r.state.split('.')[0]!;
      const st = steps.get(top) ?? { reached: 0, now: 0 };
      st.reached += 1;
      if (r.open) st.now += 1;
      steps.set(top, st);
    }
    const names = [...steps.keys()].sort((a, b) => (order.indexOf(a) + 1 || 1e6) - (order.indexOf(b) + 1 || 1e6));
    return {
      key,
      title: def?.body.title ?? key,
      opened: list.length,
      closed: list.filter((r) => r.status === 'completed' || r.status === 'rejected').length,
      steps: names.map((state) => ({ state, title: def?.body.states?.[state]?.title ?? state, ...steps.get(state)! })),
    };
  }).sort((a, b) => b.opened - a.opened);
}

const pct = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(1)}%`);

function toCsv(stats: Awaited<ReturnType<typeof compute>>, table: 'units' | 'handlers' | 'workflows', lang: 'zh-CN' | 'en'): string {
  const zh = lang !== 'en';
  const name = (u: { name: string; nameEn: string }) => (zh || !u.nameEn ? u.name : u.nameEn);
  const text = (t: unknown) => (typeof t === 'string' ? t : t && typeof t === 'object' ? String((t as Record<string, string>)[zh ? 'zh-CN' : 'en'] ?? (t as Record<string, string>)['zh-CN'] ?? '') : '');
  let lines: unknown[][];
  if (table === 'units') {
    lines = [
      zh ? ['排名', '单位', '受理', '办结', '撤回', '在办', '办结率', '按期办结', '按期率', '当前超期', '平均办理工作日'] : ['Rank', 'Unit', 'Opened', 'Closed', 'Withdrawn', 'Running', 'Completion rate', 'Closed on time', 'On-time rate', 'Overdue now', 'Avg working days'],
      ...stats.units.map((r) => [r.rank, name(r.unit), r.opened, r.closed, r.withdrawn, r.running, pct(r.completionRate), r.onTime, pct(r.onTimeRate), r.overdueNow, r.avgWorkingDays ?? '']),
      [zh ? '合计' : 'Total', '', stats.totals.opened, stats.totals.closed, stats.totals.withdrawn, stats.totals.running, pct(stats.totals.completionRate), stats.totals.onTime, pct(stats.totals.onTimeRate), stats.totals.overdueNow, stats.totals.avgWorkingDays ?? ''],
    ];
  } else if (table === 'handlers') {
    lines = [
      zh ? ['排名', '承办单位', '收件', '办结', '按期办结', '办结率', '按期率', '当前超期', '平均办理工作日'] : ['Rank', 'Handling unit', 'Received', 'Completed', 'On time', 'Completion rate', 'On-time rate', 'Overdue now', 'Avg working days'],
      ...stats.handlers.map((r) => [r.rank, name(r.unit), r.received, r.completed, r.onTime, pct(r.completionRate), pct(r.onTimeRate), r.overdueNow, r.avgWorkingDays ?? '']),
    ];
  } else {
    lines = [
      zh ? ['流程', '环节', '到达案件数', '当前停留', '受理', '办结'] : ['Workflow', 'Step', 'Cases reaching', 'There now', 'Opened', 'Closed'],
      ...stats.workflows.flatMap((w) => w.steps.map((st) => [text(w.title), text(st.title), st.reached, st.now, w.opened, w.closed])),
    ];
  }
  return lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180 quoting; cells starting with = + - @ are prefixed so Excel does not run them as formulas. */
function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
