/**
 * Trying time (试运行) for admins: run a draft or a published definition with chosen users and a
 * simulated clock — jump to the next timer or to a date, act as a task's holder — without touching a
 * real case. The simulation is sent back with every response and returned with the next request
 * (no node keeps it); the work is in `core/runtime/simulation-service.ts`.
 */
import { MAX_DEFINITION_DEPTH } from '../json-limits.js';
import { actSimulated, advanceSimulated, startSimulated, type SimSource, type SimToken } from '../../runtime/simulation-service.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';

const token = {
  type: 'object',
  required: ['source', 'state'],
  properties: {
    source: { type: 'object' },
    state: { type: 'object', required: ['initiator', 'people', 'started', 'now', 'snapshot', 'timers', 'log', 'result'] },
  },
};
const source = {
  definition: { type: 'object', description: 'A draft (unpublished JSON), validated as publishing would / 草稿（未发布的 JSON），按发布的规则校验' },
  key: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$', description: 'A published workflow / 已发布的流程' },
  version: { type: 'integer', minimum: 1 },
};
const DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$';

interface StartBody { definition?: Record<string, unknown>; key?: string; version?: number; initiator?: string; people?: Record<string, string[]>; data?: Record<string, unknown>; at?: string }

export function simulationRoutes(s: AppServices): AnyRoute[] {
  const deps = { db: s.db, publishing: s.publishing, calendar: s.calendar };
  return [
    defineRoute<StartBody>({
      method: 'post',
      path: '/api/simulations',
      tag: 'definitions',
      access: 'admin',
      status: 201,
      summary: i18n('试运行：以草稿或已发布流程开始模拟案件（不产生真实案件）', 'Try a draft or published definition: start a simulated case (no real case is made)'),
      body: {
        type: 'object',
        additionalProperties: false,
        oneOf: [{ required: ['definition'] }, { required: ['key'] }],
        properties: {
          ...source,
          initiator: { type: 'string', minLength: 1, maxLength: 100 },
          people: { type: 'object', additionalProperties: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 } } },
          data: { type: 'object' },
          at: { type: 'string', pattern: DATE_TIME },
        },
      },
      maxDepth: MAX_DEFINITION_DEPTH,
      handler: async (c, { body }) => {
        const src: SimSource = body.definition ? { draft: body.definition } : { key: body.key!, ...(body.version ? { version: body.version } : {}) };
        const at = body.at ? new Date(body.at) : s.clock();
        const view = await startSimulated(deps, { source: src, initiator: body.initiator, actorId: c.get('actor').id, ...(body.people ? { people: body.people } : {}), ...(body.data ? { data: body.data } : {}), at });
        return c.json(view, 201);
      },
    }),
    defineRoute<{ simulation: SimToken; to: string }>({
      method: 'post',
      path: '/api/simulations/advance',
      tag: 'definitions',
      access: 'admin',
      summary: i18n('试运行：拨动模拟时钟（到下一个定时器或指定时间），触发到期的定时器', 'Move the simulated clock (to the next timer or to a moment), firing the timers due'),
      body: {
        type: 'object', additionalProperties: false, required: ['simulation', 'to'],
        properties: { simulation: token, to: { anyOf: [{ const: 'next-timer' }, { type: 'string', pattern: DATE_TIME }] } },
      },
      maxDepth: MAX_DEFINITION_DEPTH,
      handler: async (c, { body }) => c.json(await advanceSimulated(deps, body.simulation, body.to === 'next-timer' ? 'next-timer' : new Date(body.to))),
    }),
    defineRoute<{ simulation: SimToken; slot: string; outcome: string; as?: string; opinion?: string; data?: Record<string, unknown> }>({
      method: 'post',
      path: '/api/simulations/act',
      tag: 'definitions',
      access: 'admin',
      summary: i18n('试运行：以任务办理人的身份办理模拟任务', 'Decide a simulated task as one of its holders'),
      body: {
        type: 'object', additionalProperties: false, required: ['simulation', 'slot', 'outcome'],
        properties: {
          simulation: token, slot: { type: 'string', minLength: 1 }, outcome: { type: 'string', minLength: 1 },
          as: { type: 'string', minLength: 1, maxLength: 100 }, opinion: { type: 'string', maxLength: 5000 }, data: { type: 'object' },
        },
      },
      maxDepth: MAX_DEFINITION_DEPTH,
      handler: async (c, { body }) => c.json(await actSimulated(deps, body.simulation, body)),
    }),
  ];
}
