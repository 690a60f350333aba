/**
 * Timers you can see: a case's pending timers, upcoming timers across cases (admins and the
 * supervision office), and a preview of a recurring schedule for the designer.
 */
import { ChanceryError } from '../../errors.js';
import { isUuid } from '../../uuid.js';
import { loadCase } from '../../runtime/case-store.js';
import { assertViewCase } from '../../runtime/case-permissions.js';
import { caseTimers, previewSchedule, upcomingTimers, type UpcomingQuery } from '../../runtime/timer-queries.js';
import type { ScheduleSpec } from '../../definition/types.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { pageList, pagingProps } from '../list.js';
import { definitionKey, page } from '../schemas/common.js';
import { TimerView, UpcomingTimer } from '../schemas/misc.js';

/** Besides admins, the supervision office (督查) watches deadlines across the county. */
const SUPERVISION_ROLE = 'supervision-officer';

const kinds = ['due', 'remind', 'escalate', 'schedule'] as const;

export function timerRoutes(s: AppServices): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/instances/:id/timers',
      tag: 'instances',
      access: 'user',
      summary: i18n(
        '案件的待触发定时器（期限、提醒、升级、周期任务及其后几次时间）',
        "A case's pending timers (due, remind, escalate, schedule with its next occurrences)",
      ),
      query: { type: 'object', additionalProperties: false, properties: { ...pagingProps } },
      response: page(TimerView),
      errors: ['instance.not_found'],
      handler: async (c, { params, query }) => {
        const id = params.id;
        if (!isUuid(id)) throw new ChanceryError('instance.not_found', { instanceId: id });
        const instance = await loadCase(s.db, id);
        // Whoever may read the case, including those its definition's rules let act on it.
        await assertViewCase(s.db, c.get('actor'), instance, await s.engine.compiled(instance.definition_key, instance.definition_version));
        return c.json(pageList(await caseTimers(s.db, id, (key) => s.calendar(key)), query));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/timers',
      tag: 'instances',
      access: 'user',
      summary: i18n(
        '各案件即将触发的定时器（管理员与督查室；可按时间、流程、类型筛选，分页）',
        'Upcoming timers across cases (admins and the supervision office; filter by time, workflow, kind; paginated)',
      ),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          from: { type: 'string', format: 'date-time' },
          to: { type: 'string', format: 'date-time' },
          definition: definitionKey,
          kind: { enum: [...kinds] },
          page: { type: 'integer', minimum: 1, default: 1 },
          pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
        },
      },
      response: page(UpcomingTimer),
      handler: async (c, { query }) => {
        const actor = c.get('actor');
        if (!actor.isAdmin) {
          const rows = await s.db.execute('SELECT 1 FROM membership WHERE user_id = $1 AND role_key = $2 LIMIT 1', [actor.id, SUPERVISION_ROLE]);
          if (rows.length === 0) throw new ChanceryError('auth.forbidden');
        }
        if (query.from && query.to && query.from >= query.to)
          throw new ChanceryError('request.invalid', { reason: '"to" must be after "from"' }, { pointer: '/to' });
        return c.json(await upcomingTimers(s.db, { ...query, page: query.page ?? 1, pageSize: query.pageSize ?? 50 }));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/schedules/preview',
      tag: 'definitions',
      access: 'admin',
      summary: i18n('预览周期任务的后几次触发时间（与引擎同一算法和日历）', "Preview a schedule's next occurrences (the engine's own rule and calendar)"),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['schedule'],
        properties: {
          schedule: {
            type: 'object',
            additionalProperties: false,
            properties: {
              cron: { type: 'string', minLength: 1, maxLength: 100 },
              every: { type: 'string', minLength: 2, maxLength: 40 },
              count: { type: 'integer', minimum: 1 },
            },
            oneOf: [{ required: ['cron'] }, { required: ['every'] }],
          },
          calendar: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$' },
          from: { type: 'string', format: 'date-time' },
          count: { type: 'integer', minimum: 1, maximum: 50 },
        },
      },
      response: {
        type: 'object',
        required: ['from', 'timeZone', 'occurrences'],
        properties: {
          from: { type: 'string', format: 'date-time' },
          timeZone: { type: 'string' },
          occurrences: { type: 'array', items: { type: 'string', format: 'date-time' } },
        },
      },
      handler: async (c, { body }) => {
        const calendar = s.calendar(body.calendar ?? 'cn');
        const from = body.from ? new Date(body.from) : s.clock();
        // The body schema's oneOf made sure exactly one of cron and every is there.
        const { cron, every, ...rest } = body.schedule;
        const schedule: ScheduleSpec = cron !== undefined ? { ...rest, cron } : { ...rest, every: every as string };
        try {
          return c.json({ from: from.toISOString(), timeZone: calendar.timeZone, occurrences: previewSchedule(calendar, schedule, from, body.count ?? 5) });
        } catch (e) {
          if (e instanceof ChanceryError)
            throw new ChanceryError(e.code, e.details, { pointer: body.schedule.cron ? '/schedule/cron' : '/schedule/every', cause: e });
          // cron-parser's own error for a malformed expression.
          throw new ChanceryError('request.invalid', { reason: e instanceof Error ? e.message : String(e) }, { pointer: '/schedule/cron' });
        }
      },
    }),
  ];
}
