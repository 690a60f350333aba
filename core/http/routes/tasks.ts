/** The inbox and what people do with a task. */
import type { Context } from 'hono';
import { ChanceryError } from '../../errors.js';
import type { AppEnv } from '../auth.js';
import type { ErrorCode } from '../../error-messages.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import { etagOf, idempotencyOf, reply, type AppServices } from '../services.js';
import { pagingProps } from '../list.js';
import { LIST_SORTS } from '../../runtime/queries.js';
import { CommandResult, formData, page, uuidParam } from '../schemas/common.js';
import { InboxItem, TaskDetail } from '../schemas/cases.js';

const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
const opinion = { type: 'string', maxLength: 5000 } as const;
const taskParams = { id: uuidParam } as const;

/** What any command on a task can be refused with. */
const TASK_COMMAND: ErrorCode[] = ['task.not_found', 'task.not_assignee', 'task.already_done', 'task.opinion_required', 'instance.version_conflict', 'instance.not_running', 'instance.refused', 'instance.no_transition'];

/** On a lost race, the 409 carries the case as it is now, so the client can show it. */
async function withCurrent<T>(s: AppServices, c: Context<AppEnv>, taskId: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ChanceryError && e.status === 409) {
      try {
        const t = await s.engine.getTask(c.get('actor'), taskId);
        const current = await s.engine.getCase(c.get('actor'), t.task.instanceId);
        throw new ChanceryError(e.code, { ...e.details, current }, e.pointer === undefined ? {} : { pointer: e.pointer });
      } catch (inner) {
        if (inner instanceof ChanceryError && inner.code === e.code) throw inner;
        throw e;
      }
    }
    throw e;
  }
}

export function taskRoutes(s: AppServices): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/tasks',
      tag: 'tasks',
      access: 'user',
      summary: i18n('我的待办（本人、本岗位、受委托）', 'My inbox (mine, my role in my unit, delegated to me)'),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          scope: { enum: ['mine', 'pool', 'all'] },
          q: { type: 'string', maxLength: 100 },
          definition: { type: 'string', maxLength: 100 },
          overdue: { type: 'boolean' },
          sort: { enum: [...LIST_SORTS] },
          ...pagingProps,
        },
      },
      response: page(InboxItem),
      handler: async (c, { query }) => c.json(await s.engine.inbox(c.get('actor'), query)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/tasks/:id',
      tag: 'tasks',
      access: 'user',
      summary: i18n('查看待办（含表单与可执行操作）', 'A task with its form, field permissions and allowed actions'),
      params: taskParams,
      response: TaskDetail,
      errors: ['task.not_found', 'instance.not_found', 'auth.forbidden'],
      handler: async (c, { params }) => {
        const view = await s.engine.getTask(c.get('actor'), params.id);
        // The tag is the case's version: the version a command on this task is checked against.
        c.header('ETag', etagOf(view.case.version));
        return c.json(view);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:id/claim',
      tag: 'tasks',
      access: 'user',
      idempotent: true,
      params: taskParams,
      response: CommandResult,
      errors: [...TASK_COMMAND, 'task.not_claimable'],
      summary: i18n('签收岗位待办', 'Claim a task offered to my role'),
      handler: async (c, { params }) => reply(c, await withCurrent(s, c, params.id, () => s.engine.claim(c.get('actor'), params.id, idempotencyOf(c, {})))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:id/complete',
      tag: 'tasks',
      access: 'user',
      idempotent: true,
      params: taskParams,
      response: CommandResult,
      errors: [...TASK_COMMAND, 'task.invalid_outcome', 'task.opinion_required', 'form.invalid', 'file.not_attachable', 'assign.empty', 'assign.self_approval'],
      summary: i18n('办理：提交处理结果、表单和意见', 'Complete a task with an outcome, form data and an opinion'),
      body: { type: 'object', additionalProperties: false, properties: { outcome: { type: 'string', maxLength: 100 }, data: formData, opinion } },
      handler: async (c, { body, params }) => reply(c, await withCurrent(s, c, params.id, () => s.engine.complete(c.get('actor'), params.id, body, idempotencyOf(c, body)))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:id/return',
      tag: 'tasks',
      access: 'user',
      idempotent: true,
      params: taskParams,
      response: CommandResult,
      errors: [...TASK_COMMAND, 'task.return_not_allowed'],
      summary: i18n('退回到之前的环节', 'Return the case to an earlier step'),
      body: { type: 'object', additionalProperties: false, required: ['to'], properties: { to: id, opinion } },
      handler: async (c, { body, params }) => reply(c, await withCurrent(s, c, params.id, () => s.engine.returnTo(c.get('actor'), params.id, body, idempotencyOf(c, body)))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:id/transfer',
      tag: 'tasks',
      access: 'user',
      idempotent: true,
      params: taskParams,
      response: CommandResult,
      errors: [...TASK_COMMAND, 'task.transfer_not_allowed', 'directory.user_not_found', 'directory.user_inactive'],
      summary: i18n('转交给他人办理', 'Transfer the task to someone else'),
      body: { type: 'object', additionalProperties: false, required: ['to'], properties: { to: id, opinion } },
      handler: async (c, { body, params }) => reply(c, await withCurrent(s, c, params.id, () => s.engine.transfer(c.get('actor'), params.id, body, idempotencyOf(c, body)))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:id/delegate',
      tag: 'tasks',
      access: 'user',
      idempotent: true,
      params: taskParams,
      response: CommandResult,
      errors: [...TASK_COMMAND, 'task.delegate_not_allowed', 'directory.user_not_found', 'directory.user_inactive'],
      summary: i18n('委派他人处理后交回本人', 'Delegate: someone else works it, then it comes back to me'),
      body: { type: 'object', additionalProperties: false, required: ['to'], properties: { to: id, opinion } },
      handler: async (c, { body, params }) => reply(c, await withCurrent(s, c, params.id, () => s.engine.delegate(c.get('actor'), params.id, body, idempotencyOf(c, body)))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:id/signers',
      tag: 'tasks',
      access: 'user',
      idempotent: true,
      params: taskParams,
      response: CommandResult,
      errors: [...TASK_COMMAND, 'task.signers_not_allowed', 'directory.user_not_found', 'directory.user_inactive'],
      summary: i18n('加签', 'Add signers to the approval'),
      body: { type: 'object', additionalProperties: false, required: ['users'], properties: { users: { type: 'array', minItems: 1, maxItems: 50, items: id }, before: { type: 'boolean' } } },
      handler: async (c, { body, params }) => reply(c, await withCurrent(s, c, params.id, () => s.engine.addSigners(c.get('actor'), params.id, body, idempotencyOf(c, body)))),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/tasks/:id/signers/:signer',
      tag: 'tasks',
      access: 'user',
      idempotent: true,
      params: { id: uuidParam, signer: uuidParam },
      response: CommandResult,
      errors: [...TASK_COMMAND, 'task.signers_not_allowed', 'task.last_signer'],
      summary: i18n('减签（移除尚未审批的审批人）', 'Remove a signer who has not decided yet'),
      handler: async (c, { params }) =>
        reply(c, await withCurrent(s, c, params.id, () => s.engine.removeSigner(c.get('actor'), params.id, { task: params.signer }, idempotencyOf(c, {})))),
    }),
  ];
}
