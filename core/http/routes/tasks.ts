/** The inbox and what people do with a task. */
import type { Context } from 'hono';
import { ChanceryError } from '../../errors.js';
import type { AppEnv } from '../auth.js';
import type { ErrorCode } from '../../error-messages.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import { etagOf, idempotencyOf, reply, type AppServices } from '../services.js';
import type { CommandOptions } from '../../runtime/engine.js';
import type { Replayable } from '../../runtime/idempotency.js';
import type { Actor } from '../../runtime/ports.js';
import { pagingProps } from '../list.js';
import { INBOX_SCOPES, LIST_SORTS } from '../../runtime/queries.js';
import { CommandResult, formData, page, uuidParam } from '../schemas/common.js';
import { InboxItem, TaskDetail } from '../schemas/cases.js';

const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
const opinion = { type: 'string', maxLength: 5000 } as const;
const taskParams = { id: uuidParam } as const;
/** A transfer's or a delegation's body: whom the task goes to, with an opinion. */
const handOver = { type: 'object', additionalProperties: false, required: ['to'], properties: { to: id, opinion } } as const;

/** What any command on a task can be refused with. */
const TASK_COMMAND: ErrorCode[] = [
  'task.not_found',
  'task.not_assignee',
  'task.already_done',
  'task.opinion_required',
  'instance.version_conflict',
  'instance.not_running',
  'instance.refused',
  'instance.no_transition',
];

/**
 * Runs a command on the task `taskId` as the caller, with the request's `Idempotency-Key` and
 * `If-Match`, and answers as every command does; on a lost race the 409 carries the case as it is
 * now, so the client can show it.
 */
async function onTask<T>(
  s: AppServices,
  c: Context<AppEnv>,
  taskId: string,
  input: unknown,
  run: (actor: Actor, options: CommandOptions) => Promise<Replayable<T>>,
): Promise<Response> {
  try {
    return reply(c, await run(c.get('actor'), idempotencyOf(c, input)));
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
      summary: i18n(
        '我的待办（本人、本岗位、受委托）；scope=delegated 只列受委托代办的，scope=done 为我已办的',
        'My inbox (mine, my role in my unit, delegated to me); scope=delegated lists only what I hold for someone away, scope=done what I finished',
      ),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          scope: { enum: [...INBOX_SCOPES] },
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
      handler: async (c, { params }) => onTask(s, c, params.id, {}, (actor, options) => s.engine.claim(actor, params.id, options)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:id/complete',
      tag: 'tasks',
      access: 'user',
      idempotent: true,
      params: taskParams,
      response: CommandResult,
      errors: [
        ...TASK_COMMAND,
        'task.invalid_outcome',
        'task.form_not_taken',
        'form.invalid',
        'file.not_attachable',
        'assign.empty',
        'assign.self_approval',
        'definition.retired',
        'instance.link_not_found',
        'instance.link_refused',
      ],
      summary: i18n('办理：提交处理结果、表单和意见', 'Complete a task with an outcome, form data and an opinion'),
      body: { type: 'object', additionalProperties: false, properties: { outcome: { type: 'string', maxLength: 100 }, data: formData, opinion } },
      handler: async (c, { body, params }) => onTask(s, c, params.id, body, (actor, options) => s.engine.complete(actor, params.id, body, options)),
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
      handler: async (c, { body, params }) => onTask(s, c, params.id, body, (actor, options) => s.engine.returnTo(actor, params.id, body, options)),
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
      body: handOver,
      handler: async (c, { body, params }) => onTask(s, c, params.id, body, (actor, options) => s.engine.transfer(actor, params.id, body, options)),
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
      body: handOver,
      handler: async (c, { body, params }) => onTask(s, c, params.id, body, (actor, options) => s.engine.delegate(actor, params.id, body, options)),
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
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['users'],
        properties: { users: { type: 'array', minItems: 1, maxItems: 50, items: id }, before: { type: 'boolean' } },
      },
      handler: async (c, { body, params }) => onTask(s, c, params.id, body, (actor, options) => s.engine.addSigners(actor, params.id, body, options)),
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
        onTask(s, c, params.id, {}, (actor, options) => s.engine.removeSigner(actor, params.id, { task: params.signer }, options)),
    }),
  ];
}
