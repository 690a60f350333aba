/** Cases: start, read, history, withdraw, resend (撤回后修改再提交), urge, CC, events from integrations. */
import { ChanceryError } from '../../errors.js';
import { requestMove } from '../../runtime/admin-moves.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import { etagOf, idempotencyOf, reply, type AppServices } from '../services.js';
import { pageList, pagingProps } from '../list.js';
import { LIST_SORTS } from '../../runtime/queries.js';
import type { ErrorCode } from '../../error-messages.js';
import { CaseSummary, CaseView, HistoryEntry } from '../schemas/cases.js';
import { caseStatus, CommandResult, definitionKey, formData, Notified, page, uuidParam } from '../schemas/common.js';
import { PendingMove } from '../schemas/misc.js';

const message = { type: 'string', maxLength: 2000 } as const;
const caseParams = { id: uuidParam } as const;
/** What any command on a case can be refused with. */
const CASE_COMMAND: ErrorCode[] = ['instance.not_found', 'instance.version_conflict', 'instance.not_running', 'auth.forbidden'];

export function instanceRoutes(s: AppServices): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/instances',
      tag: 'instances',
      access: 'user',
      idempotent: true,
      status: 201,
      summary: i18n('发起案件（表单数据按发起表单校验）', 'Start a case (data is checked against the start form)'),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['definition'],
        properties: { definition: definitionKey, data: formData },
      },
      response: CommandResult,
      errors: [
        'definition.not_found',
        'definition.not_startable',
        'definition.retired',
        'form.invalid',
        'file.not_attachable',
        'assign.empty',
        'request.rate_limited',
        'instance.refused',
        'instance.link_not_found',
        'instance.link_refused',
      ],
      handler: async (c, { body }) => {
        const started = await s.engine.startCase(c.get('actor'), body, idempotencyOf(c, body));
        return reply(c, started);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/instances',
      tag: 'instances',
      access: 'user',
      summary: i18n('案件列表（我发起的、我经办的；管理员默认看全部）', 'Cases I started or worked on (admins: all, by default)'),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          scope: { enum: ['started', 'involved', 'all', 'cc'] },
          status: caseStatus,
          definition: { type: 'string', maxLength: 100 },
          sort: { enum: [...LIST_SORTS] },
          ...pagingProps,
        },
      },
      response: page(CaseSummary),
      handler: async (c, { query }) => c.json(await s.engine.listCases(c.get('actor'), query)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/instances/:id',
      tag: 'instances',
      access: 'user',
      summary: i18n('案件详情（当前环节、待办、数据）', 'A case: current steps, tasks and data'),
      params: caseParams,
      response: CaseView,
      errors: ['instance.not_found', 'auth.forbidden'],
      handler: async (c, { params }) => {
        const kase = await s.engine.getCase(c.get('actor'), params.id);
        c.header('ETag', etagOf(kase.version));
        return c.json(kase);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/instances/:id/history',
      tag: 'instances',
      access: 'user',
      summary: i18n('办理记录（审计链）', 'The case history (the audit chain)'),
      query: { type: 'object', additionalProperties: false, properties: { ...pagingProps } },
      params: caseParams,
      response: page(HistoryEntry),
      errors: ['instance.not_found', 'auth.forbidden'],
      handler: async (c, { params, query }) => c.json(pageList(await s.engine.history(c.get('actor'), params.id), query)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/instances/:id/withdraw',
      tag: 'instances',
      access: 'user',
      idempotent: true,
      summary: i18n('发起人撤回', 'Withdraw the case (initiator only)'),
      body: { type: 'object', additionalProperties: false, properties: { reason: message } },
      params: caseParams,
      response: CommandResult,
      errors: [...CASE_COMMAND, 'instance.withdraw_not_allowed', 'instance.not_initiator'],
      handler: async (c, { body, params }) => reply(c, await s.engine.withdraw(c.get('actor'), params.id, body, idempotencyOf(c, body))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/instances/:id/resend',
      tag: 'instances',
      access: 'user',
      idempotent: true,
      status: 201,
      summary: i18n(
        '撤回后修改再提交：发起人以修改后的发起表单数据重新发起（新案件与原案件关联，原案件保持撤回）',
        'Edit and resend a withdrawn case (initiator only): the edited start data starts a new case, linked to the withdrawn one',
      ),
      body: { type: 'object', additionalProperties: false, properties: { data: formData } },
      params: caseParams,
      response: CommandResult,
      errors: [
        'instance.not_found',
        'instance.not_initiator',
        'instance.not_withdrawn',
        'instance.already_resent',
        'auth.forbidden',
        'definition.not_startable',
        'definition.retired',
        'form.invalid',
        'file.not_attachable',
        'assign.empty',
        'instance.refused',
        'instance.link_not_found',
        'instance.link_refused',
      ],
      handler: async (c, { body, params }) => {
        const started = await s.engine.resend(c.get('actor'), params.id, body, idempotencyOf(c, body));
        c.header('Location', `/api/instances/${started.body.id}`);
        return reply(c, started);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/instances/:id/actions/:name',
      tag: 'instances',
      access: 'user',
      idempotent: true,
      summary: i18n(
        '执行流程定义的常设操作（如下达抽查、登记市级采用；表单按该操作的表单校验，记入审计）',
        "Take one of the definition's standing actions (e.g. order a spot check; the data is checked against the action's form; audited)",
      ),
      body: { type: 'object', additionalProperties: false, properties: { data: formData } },
      params: { id: uuidParam, name: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,62}$' } },
      response: CommandResult,
      errors: [
        ...CASE_COMMAND,
        'instance.action_not_found',
        'instance.action_not_allowed',
        'instance.action_not_available',
        'form.invalid',
        'request.invalid',
        'instance.refused',
        'assign.empty',
        'definition.retired',
        'instance.link_not_found',
        'instance.link_refused',
      ],
      handler: async (c, { body, params }) => reply(c, await s.engine.takeAction(c.get('actor'), params.id, params.name, body, idempotencyOf(c, body))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/instances/:id/urge',
      tag: 'instances',
      access: 'user',
      idempotent: true,
      summary: i18n('催办', 'Urge the people holding the case'),
      body: { type: 'object', additionalProperties: false, properties: { message } },
      params: caseParams,
      response: Notified,
      errors: [...CASE_COMMAND, 'instance.urged_recently', 'instance.not_initiator', 'instance.policy_forbids'],
      handler: async (c, { body, params }) => reply(c, await s.engine.urge(c.get('actor'), params.id, body, idempotencyOf(c, body))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/instances/:id/cc',
      tag: 'instances',
      access: 'user',
      idempotent: true,
      summary: i18n('抄送', 'CC the case to people'),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['users'],
        properties: { users: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'string' } }, message },
      },
      params: caseParams,
      response: Notified,
      errors: [...CASE_COMMAND, 'directory.user_not_found', 'instance.policy_forbids'],
      handler: async (c, { body, params }) => reply(c, await s.engine.cc(c.get('actor'), params.id, body, idempotencyOf(c, body))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/instances/:id/events',
      tag: 'instances',
      access: 'admin',
      summary: i18n(
        '向案件发送外部事件（集成用；越级需理由并由另一位管理员批准，202）',
        'Send an external event to a case (integrations; a move past a level needs a reason and a second admin, 202)',
      ),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: {
            type: 'string',
            pattern: '^[a-z][a-zA-Z0-9._-]{0,80}$',
            not: { enum: ['task.done', 'work.assigned', 'work.add', 'work.remove', 'return', 'withdraw', 'timer.fired', 'chancery.goto'] },
          },
          data: formData,
          reason: { type: 'string', minLength: 1, maxLength: 2000 },
        },
      },
      params: caseParams,
      // 200: the event was applied; 202: it would skip a level and waits for a second administrator.
      response: { anyOf: [CommandResult, { type: 'object', required: ['pendingMove'], properties: { pendingMove: PendingMove } }] },
      alsoStatus: { 202: 'Nothing happened yet: the move past a level waits for a second administrator (`pendingMove`)' },
      errors: [...CASE_COMMAND, 'instance.no_transition', 'instance.refused', 'form.invalid', 'file.not_attachable', 'migration.level_skipped'],
      handler: async (c, { body, params }) => {
        const actor = c.get('actor');
        const id = params.id;
        const { reason, ...event } = body;
        try {
          return reply(c, await s.engine.signal(actor, id, event, reason ? { reason } : {}));
        } catch (e) {
          if (!(e instanceof ChanceryError && e.code === 'move.approval_required')) throw e;
          const d = e.details as { definitionKey: string; levels: string[] };
          const move = await requestMove(s.db, {
            kind: 'event',
            definitionKey: d.definitionKey,
            instanceId: id,
            request: event,
            reason: reason!,
            levels: d.levels,
            requestedBy: actor.id,
            at: s.engine.deps.clock(),
          });
          return c.json({ pendingMove: move }, 202);
        }
      },
    }),
  ];
}
