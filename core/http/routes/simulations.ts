/**
 * Trying time (试运行) for admins: run a draft or a published definition with chosen users and a
 * simulated clock — jump to the next timer or to a date, act as a task's holder — without touching a
 * real case. The simulation is sent back with every response and returned with the next request
 * (no node keeps it); the work is in `core/runtime/simulation-service.ts`.
 */
import type { ErrorCode } from '../../error-messages.js';
import { actSimulated, advanceSimulated, startSimulated, type SimSource, type SimToken } from '../../runtime/simulation-service.js';
import { MAX_DEFINITION_DEPTH } from '../json-limits.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import { SimulationView } from '../schemas/misc.js';
import { definitionKey } from '../schemas/common.js';
import type { AppServices } from '../services.js';

const token = {
  type: 'object',
  required: ['source', 'state'],
  description: 'The simulation as the last answer returned it / 上一次应答返回的模拟状态',
  properties: {
    source: { type: 'object' },
    state: { type: 'object', required: ['initiator', 'people', 'started', 'now', 'snapshot', 'timers', 'log', 'result'] },
  },
} as const;
const DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$';
const errors: readonly ErrorCode[] = ['definition.invalid', 'definition.not_found', 'definition.version_not_found', 'simulation.invalid_state'];

export function simulationRoutes(s: AppServices): AnyRoute[] {
  const deps = { db: s.db, publishing: s.publishing, calendar: s.calendar };
  return [
    defineRoute({
      method: 'post',
      path: '/api/simulations',
      tag: 'definitions',
      access: 'admin',
      status: 201,
      summary: i18n(
        '试运行：以草稿或已发布流程开始模拟案件（不产生真实案件）',
        'Try a draft or published definition: start a simulated case (no real case is made)',
      ),
      body: {
        type: 'object',
        additionalProperties: false,
        oneOf: [{ required: ['definition'] }, { required: ['key'] }],
        properties: {
          definition: { type: 'object', description: 'A draft (unpublished JSON), validated as publishing would / 草稿（未发布的 JSON），按发布的规则校验' },
          key: { ...definitionKey, description: 'A published workflow / 已发布的流程' },
          version: { type: 'integer', minimum: 1 },
          initiator: { type: 'string', minLength: 1, maxLength: 100, description: 'Username of who starts the case (default: you) / 发起人用户名' },
          people: {
            type: 'object',
            description: 'Usernames per step / 各环节的办理人',
            additionalProperties: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 } },
          },
          data: { type: 'object' },
          at: { type: 'string', pattern: DATE_TIME, description: 'The simulated start time (default: now) / 模拟开始时间' },
        },
      } as const,
      maxDepth: MAX_DEFINITION_DEPTH,
      response: SimulationView,
      errors: [...errors, 'simulation.unknown_user', 'simulation.unknown_step'],
      handler: async (c, { body }) => {
        const src: SimSource = body.definition ? { draft: body.definition } : { key: body.key!, ...(body.version ? { version: body.version } : {}) };
        const at = body.at ? new Date(body.at) : s.clock();
        const view = await startSimulated(deps, {
          source: src,
          initiator: body.initiator,
          actorId: c.get('actor').id,
          at,
          ...(body.people ? { people: body.people as Record<string, string[]> } : {}),
          ...(body.data ? { data: body.data } : {}),
        });
        return c.json(view, 201);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/simulations/advance',
      tag: 'definitions',
      access: 'admin',
      summary: i18n(
        '试运行：拨动模拟时钟（到下一个定时器或指定时间），触发到期的定时器',
        'Move the simulated clock (to the next timer or to a moment), firing the timers due',
      ),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['simulation', 'to'],
        properties: {
          simulation: token,
          to: { type: 'string', anyOf: [{ const: 'next-timer' }, { pattern: DATE_TIME }], description: '"next-timer" or a date-time / 下一个定时器或某一时刻' },
        },
      } as const,
      maxDepth: MAX_DEFINITION_DEPTH,
      response: SimulationView,
      errors: [...errors, 'simulation.time_backwards'],
      handler: async (c, { body }) =>
        c.json(await advanceSimulated(deps, body.simulation as unknown as SimToken, body.to === 'next-timer' ? 'next-timer' : new Date(body.to))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/simulations/act',
      tag: 'definitions',
      access: 'admin',
      summary: i18n('试运行：以任务办理人的身份办理模拟任务', 'Decide a simulated task as one of its holders'),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['simulation', 'slot', 'outcome'],
        properties: {
          simulation: token,
          slot: { type: 'string', minLength: 1 },
          outcome: { type: 'string', minLength: 1 },
          as: { type: 'string', minLength: 1, maxLength: 100 },
          opinion: { type: 'string', maxLength: 5000 },
          data: { type: 'object' },
        },
      } as const,
      maxDepth: MAX_DEFINITION_DEPTH,
      response: SimulationView,
      errors: [...errors, 'simulation.no_task', 'simulation.not_assignee', 'simulation.unknown_outcome'],
      handler: async (c, { body }) =>
        c.json(
          await actSimulated(deps, body.simulation as unknown as SimToken, {
            slot: body.slot,
            outcome: body.outcome,
            ...(body.as ? { as: body.as } : {}),
            ...(body.opinion ? { opinion: body.opinion } : {}),
            ...(body.data ? { data: body.data as Record<string, unknown> } : {}),
          }),
        ),
    }),
  ];
}
