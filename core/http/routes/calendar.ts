/**
 * The business calendar over HTTP: the days of a year (built-in official holidays and the days
 * admins added, each marked with its source), admin changes that new deadlines use at once, and a
 * deadline calculator for the designer and for users.
 */
import { addDuration, chinaCoveredYears, createChinaCalendar, type CalendarDay } from '../../calendar/index.js';
import { nextYearNotice } from '../../calendar/next-year-notice.js';
import { createDirectoryAdmin } from '../../directory/directory-admin.js';
import { ChanceryError } from '../../errors.js';
import { appendSystemAudit, recordSystemAudit } from '../../persistence/system-audit.js';
import { affectedDeadlines, recomputeDeadlines } from '../../runtime/recompute-deadlines.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { pageList, pagingProps } from '../list.js';
import { CalendarDay as CalendarDaySchema, Deadline } from '../schemas/misc.js';
import { Ok } from '../schemas/common.js';
import { AffectedDeadlines } from '../schemas/misc.js';

const KEY = /^[a-z][a-z0-9-]{0,62}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A calendar key in the path (its format is checked by `keyParam`, which names the rule). */
const calendarKey = { key: { type: 'string', minLength: 1, maxLength: 100 } } as const;

export interface CalendarDayView extends CalendarDay {
  /** `builtin`: the State Council's schedule shipped with Chancery; `admin`: added over the API. */
  source: 'builtin' | 'admin';
  /** For an admin day on a date the built-in schedule also lists: what it replaces. */
  overrides?: CalendarDay;
}

function keyParam(key: string): string {
  if (!KEY.test(key)) throw new ChanceryError('request.invalid', { reason: `calendar key "${key}" must match ${KEY.source}` }, { pointer: '/key' });
  return key;
}

function dateParam(date: string): string {
  const m = DATE.exec(date);
  const valid = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === date;
  if (!valid) throw new ChanceryError('calendar.invalid_date', { date }, { pointer: '/date' });
  return date;
}

/** The same error, now pointing at the query parameter that caused it. */
function pointing<T>(pointer: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ChanceryError && e.pointer === undefined) throw new ChanceryError(e.code, e.details, { pointer, cause: e });
    throw e;
  }
}

export function calendarRoutes(s: AppServices): AnyRoute[] {
  const builtin = createChinaCalendar();
  const nameSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['zh-CN'],
    properties: { 'zh-CN': { type: 'string', minLength: 1, maxLength: 100 }, en: { type: 'string', maxLength: 100 } },
  };

  /** How many running cases (and timers) have deadlines the calendar as it is now would move. */
  const affectedCount = async (key: string) => {
    const a = await affectedDeadlines(s.db, key, s.calendar(key));
    return { cases: a.cases, timers: a.timers };
  };

  return [
    defineRoute({
      method: 'get',
      path: '/api/calendar/:key/affected',
      tag: 'calendar',
      access: 'admin',
      summary: i18n('日历变更后期限会变动的在办案件（尚未重算的）', 'Running cases whose deadlines the calendar, as changed, would move (not yet recomputed)'),
      params: calendarKey,
      response: AffectedDeadlines,
      handler: async (c, { params }) => {
        const key = keyParam(params.key);
        return c.json(await affectedDeadlines(s.db, key, s.calendar(key)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/calendar/:key/recompute',
      tag: 'calendar',
      access: 'admin',
      summary: i18n(
        '按当前日历重算在办案件的期限与定时器（逐案留痕）',
        'Recompute the deadlines and timers of running cases on the calendar as it is now (audited per case)',
      ),
      params: calendarKey,
      response: AffectedDeadlines,
      handler: async (c, { params }) => {
        const key = keyParam(params.key);
        const done = await recomputeDeadlines(s.engine.deps, key, c.get('actor').id);
        // Each case's chain has its own entry (written with its change); this says who asked for it all.
        await recordSystemAudit(s.db, {
          kind: 'calendar.deadlines_recomputed',
          actorId: c.get('actor').id,
          target: key,
          payload: { cases: done.cases, timers: done.timers },
          at: s.clock(),
        });
        s.logger.info('deadlines recomputed', { key, cases: done.cases, timers: done.timers, by: c.get('actor').id });
        return c.json(done);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar/:key/days',
      tag: 'calendar',
      access: 'user',
      summary: i18n('某年的节假日与调休上班日（内置与管理员添加）', 'Holidays and make-up working days of a year (built-in and admin-added)'),
      query: { type: 'object', additionalProperties: false, properties: { year: { type: 'integer', minimum: 1970, maximum: 2200 }, ...pagingProps } },
      params: calendarKey,
      response: {
        type: 'object',
        required: ['key', 'year', 'covered', 'notice', 'items', 'total', 'page', 'pageSize'],
        properties: {
          key: { type: 'string' },
          year: { type: 'integer' },
          covered: { type: 'boolean', description: 'The built-in schedule has this year' },
          notice: {
            anyOf: [{ type: 'null' }, { type: 'object', additionalProperties: true }],
            description: "Next year's official holidays are not entered yet (zh-CN and en), or null",
          },
          items: { type: 'array', items: CalendarDaySchema },
          total: { type: 'integer', minimum: 0 },
          page: { type: 'integer', minimum: 1 },
          pageSize: { type: 'integer', minimum: 1 },
        },
      },
      handler: async (c, { query, params }) => {
        const key = keyParam(params.key);
        const year = query.year ?? s.clock().getUTCFullYear();
        const days = new Map<string, CalendarDayView>();
        for (const day of Object.values(builtin.days)) if (day.date.startsWith(`${year}-`)) days.set(day.date, { ...day, source: 'builtin' });
        const adminDays = await s.db.entityTransaction((em) => createDirectoryAdmin(em).listCalendarDays(key, `${year}-01-01`, `${year}-12-31`));
        for (const row of adminDays) {
          const replaced = days.get(row.date);
          const nameOf = row.name && Object.keys(row.name).length > 0 ? { name: row.name as CalendarDay['name'] } : {};
          days.set(row.date, {
            date: row.date,
            kind: row.kind,
            ...nameOf,
            source: 'admin',
            ...(replaced ? { overrides: { date: replaced.date, kind: replaced.kind, ...(replaced.name ? { name: replaced.name } : {}) } } : {}),
          });
        }
        const items = [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
        // The admin screen shows what the boot log says once a day: next year's holidays missing.
        const notice = nextYearNotice(s.calendar(key).coveredYears, s.clock()) ?? null;
        return c.json({ key, year, covered: chinaCoveredYears.includes(year), notice, ...pageList(items, query) });
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/calendar/:key/days/:date',
      tag: 'calendar',
      access: 'admin',
      summary: i18n('设置放假日或调休上班日', 'Set a holiday or a make-up working day'),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'name'],
        properties: { kind: { enum: ['holiday', 'workday'] }, name: nameSchema },
      },
      params: calendarKey,
      response: CalendarDaySchema,
      errors: ['calendar.invalid_date'],
      handler: async (c, { body, params }) => {
        const key = keyParam(params.key);
        const date = dateParam(params.date);
        await s.db.entityTransaction(async (em, tx) => {
          await createDirectoryAdmin(em).setCalendarDay({ calendarKey: key, date, kind: body.kind, name: body.name });
          await appendSystemAudit(tx, {
            kind: 'calendar.day_set',
            actorId: c.get('actor').id,
            target: key,
            payload: { date, kind: body.kind, name: body.name },
            at: s.clock(),
          });
        });
        await s.reloadCalendars?.();
        s.logger.info('calendar day set', { key, date, kind: body.kind, by: c.get('actor').id });
        return c.json({ key, date, kind: body.kind, name: body.name, source: 'admin', affected: await affectedCount(key) });
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/calendar/:key/days/:date',
      tag: 'calendar',
      access: 'admin',
      summary: i18n('删除管理员设置的日期（恢复内置安排）', 'Remove an admin-set day (the built-in schedule applies again)'),
      params: calendarKey,
      response: Ok,
      errors: ['calendar.invalid_date', 'calendar.day_not_found'],
      handler: async (c, { params }) => {
        const key = keyParam(params.key);
        const date = dateParam(params.date);
        await s.db.entityTransaction(async (em, tx) => {
          await createDirectoryAdmin(em).deleteCalendarDay(key, date);
          await appendSystemAudit(tx, { kind: 'calendar.day_removed', actorId: c.get('actor').id, target: key, payload: { date }, at: s.clock() });
        });
        await s.reloadCalendars?.();
        s.logger.info('calendar day removed', { key, date, by: c.get('actor').id });
        return c.json({ ok: true, affected: await affectedCount(key) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar/:key/deadline',
      tag: 'calendar',
      access: 'user',
      summary: i18n('计算办理期限（如 P20WD 为 20 个工作日）', 'Compute a deadline (e.g. P20WD = 20 working days)'),
      query: {
        type: 'object',
        additionalProperties: false,
        required: ['duration'],
        properties: { start: { type: 'string', format: 'date-time' }, duration: { type: 'string', minLength: 2, maxLength: 40 } },
      },
      params: calendarKey,
      response: Deadline,
      errors: ['calendar.invalid_duration', 'calendar.out_of_range'],
      handler: async (c, { query, params }) => {
        const key = keyParam(params.key);
        const calendar = s.calendar(key);
        const start = query.start ? new Date(query.start) : s.clock();
        const deadline = pointing('/duration', () => addDuration(calendar, start, query.duration));
        // Years nobody entered the official holidays for count weekends only: say so.
        const years: number[] = [];
        for (let y = Math.min(start.getUTCFullYear(), deadline.getUTCFullYear()); y <= Math.max(start.getUTCFullYear(), deadline.getUTCFullYear()); y++)
          years.push(y);
        const missing = years.filter((y) => !calendar.coveredYears.includes(y));
        return c.json({
          key,
          start: start.toISOString(),
          duration: query.duration,
          deadline: deadline.toISOString(),
          timeZone: calendar.timeZone,
          approximate: missing.length > 0,
          ...(missing.length ? { yearsNotEntered: missing } : {}),
        });
      },
    }),
  ];
}
