/** Cases and tasks as the API answers with them (the inbox, a task, a case, its history). */
import { component } from '../component.js';
import { CASE_ACTIONS, TASK_ACTIONS } from '../../runtime/allowed-actions.js';
import { caseStatus, dateTime, formData, nullableDateTime, nullableString } from './common.js';

const pool = { type: ['object', 'null'], required: ['role', 'unitId'], properties: { role: { type: 'string' }, unitId: nullableString } } as const;

/** Why a task came back: the return (退回) that opened it; null when it came the normal way. */
const returned = {
  type: ['object', 'null'],
  required: ['byId', 'byName', 'opinion', 'at', 'fromState'],
  properties: {
    byId: nullableString,
    byName: { type: ['string', 'null'], description: "Who returned it, in the caller's language · 退回人" },
    opinion: { type: ['string', 'null'], description: 'Their opinion · 退回意见' },
    at: dateTime,
    fromState: { type: ['string', 'null'], description: 'The step it was returned from' },
  },
  description: 'Set when the task came back by a return (退回): who, why and when',
} as const;

/** A line of the inbox. */
export const InboxItem = component('InboxItem', {
  type: 'object',
  required: [
    'id',
    'instanceId',
    'caseTitle',
    'definition',
    'state',
    'title',
    'kind',
    'dueAt',
    'overdue',
    'createdAt',
    'assigneeId',
    'actingForId',
    'pool',
    'delegated',
    'readOnly',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    instanceId: { type: 'string', format: 'uuid' },
    caseTitle: { type: 'string' },
    definition: { type: 'string' },
    state: { type: 'string' },
    title: { type: 'string' },
    kind: { type: 'string' },
    dueAt: nullableDateTime,
    overdue: { type: 'boolean' },
    createdAt: dateTime,
    assigneeId: nullableString,
    actingForId: nullableString,
    pool: { type: ['object', 'null'], required: ['role', 'unitId'], properties: { role: { type: 'string' }, unitId: { type: 'string' } } },
    delegated: { type: 'boolean', description: "Someone else's task that the caller holds for them while they are away (委托)" },
    readOnly: {
      type: 'boolean',
      description: "The caller's own task, held by their delegate while they are away (已委托给): listed, may be opened, not acted on",
    },
    stepTitle: { type: 'string', description: "The step's title in the reader's language" },
    initiatorName: nullableString,
    urgency: { enum: ['urgent', 'very-urgent', null], description: "急件 / 特急, from the definition's `urgency` rule" },
    transferredFrom: { ...nullableString, description: '转交自: who transferred the task to its holder' },
    delegatedBy: { ...nullableString, description: '委派自: the holder who delegated the task' },
    actingForName: { ...nullableString, description: '委托: whose task this is, for a delegate acting for someone away' },
    delegatedTo: { ...nullableString, description: "已委托给: who holds the caller's task for them while they are away (`readOnly` rows)" },
    completedAt: { ...nullableDateTime, description: 'For a finished task (`scope=done`): when' },
    outcome: { ...nullableString, description: 'For a finished task (`scope=done`): its outcome' },
    returned,
  },
} as const);

/** A task of a case. */
export const TaskView = component('TaskView', {
  type: 'object',
  required: [
    'id',
    'instanceId',
    'state',
    'stateTitle',
    'slot',
    'kind',
    'status',
    'title',
    'form',
    'assigneeId',
    'pool',
    'ownerId',
    'actingForId',
    'dueAt',
    'outcome',
    'opinion',
    'completedBy',
    'completedAt',
    'createdAt',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    instanceId: { type: 'string', format: 'uuid' },
    state: { type: 'string' },
    stateTitle: { type: 'string' },
    slot: { type: 'string' },
    kind: { type: 'string' },
    status: { type: 'string' },
    title: { type: 'string' },
    form: nullableString,
    assigneeId: nullableString,
    pool,
    ownerId: nullableString,
    actingForId: nullableString,
    dueAt: nullableDateTime,
    outcome: nullableString,
    opinion: nullableString,
    completedBy: nullableString,
    completedAt: nullableDateTime,
    createdAt: dateTime,
    item: {
      type: ['object', 'null'],
      required: ['index', 'value'],
      properties: { index: { type: 'integer', minimum: 0 }, value: { description: 'The item of the list this sub-task is for' } },
      description: 'A per-item sub-task: which item of the list it is for',
    },
    returned,
  },
} as const);

/** A case: where it stands, its data and its tasks. */
export const CaseView = component('CaseView', {
  type: 'object',
  required: [
    'id',
    'definition',
    'title',
    'status',
    'state',
    'steps',
    'visited',
    'initiatorId',
    'initiatorUnitId',
    'data',
    'version',
    'dueAt',
    'createdAt',
    'updatedAt',
    'completedAt',
    'tasks',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    definition: {
      type: 'object',
      required: ['key', 'version', 'title'],
      properties: { key: { type: 'string' }, version: { type: 'integer' }, title: { type: 'string' } },
    },
    title: { type: 'string' },
    status: caseStatus,
    state: { description: 'The state value: a step name, or an object for parallel branches' },
    steps: { type: 'array', items: { type: 'object', required: ['id', 'title'], properties: { id: { type: 'string' }, title: { type: 'string' } } } },
    visited: { type: 'array', items: { type: 'string' } },
    initiatorId: { type: 'string' },
    initiatorUnitId: nullableString,
    data: formData,
    version: { type: 'integer', minimum: 1 },
    dueAt: nullableDateTime,
    createdAt: dateTime,
    updatedAt: dateTime,
    completedAt: nullableDateTime,
    tasks: { type: 'array', items: TaskView },
    allowedActions: {
      type: 'array',
      items: { enum: [...CASE_ACTIONS] },
      description: 'What the caller may do to the case now, by the checks the commands run (`GET /api/instances/:id`) · 本人当前可执行的操作',
    },
    urgeAvailableAt: { ...nullableDateTime, description: 'When a throttled urge (催办) is taken again' },
    links: {
      type: 'array',
      description: 'Cases this one started or signalled (`out`) and those that did so to it (`in`)',
      items: {
        type: 'object',
        required: ['kind', 'direction', 'instanceId', 'title', 'definition', 'status'],
        properties: {
          kind: { type: 'string', description: '`started`, `signalled`, or the kind the definition names (`merged`, …)' },
          direction: { enum: ['out', 'in'] },
          instanceId: { type: 'string', format: 'uuid' },
          title: { type: 'string' },
          definition: { type: 'string' },
          status: { type: 'string' },
        },
      },
    },
    actions: {
      type: 'object',
      description: "What the caller may do to the case as a whole now, by the definition's policies and standing actions",
      required: ['urge', 'cc', 'standing'],
      properties: {
        urge: { type: 'boolean' },
        cc: { type: 'boolean' },
        standing: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'title', 'description', 'form'],
            properties: { name: { type: 'string' }, title: { type: 'string' }, description: nullableString, form: nullableString },
          },
        },
      },
    },
  },
} as const);

/** A task with its case, form permissions and the actions its holder may take. */
export const TaskDetail = component('TaskDetail', {
  type: 'object',
  required: ['task', 'case', 'form', 'allowedActions', 'delegatedTo', 'actions'],
  properties: {
    task: TaskView,
    case: CaseView,
    delegatedTo: {
      type: ['object', 'null'],
      required: ['id', 'name'],
      properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } },
      description: "Set when the task is the caller's, held by their delegate while they are away (已委托给): the caller may read it, not act on it",
    },
    allowedActions: {
      type: 'array',
      items: { enum: [...TASK_ACTIONS] },
      description:
        'What the caller may do with the task now, by the rules its commands run; empty: read only. A task still offered to a pool offers only `claim` · 本人当前可对此待办执行的操作',
    },

    form: {
      type: ['object', 'null'],
      required: ['key', 'permissions'],
      properties: {
        key: { type: 'string' },
        permissions: { type: 'object', additionalProperties: { type: 'string' } },
        prefill: {
          type: 'object',
          additionalProperties: true,
          description:
            "What the form starts with instead of the case's data: a per-item sub-task's values from its item, or a step's own form on a new round (empty)",
        },
      },
    },
    actions: {
      type: ['object', 'null'],
      required: ['outcomes', 'return', 'transfer', 'delegate', 'addSigners', 'removeSigners', 'claim', 'opinion'],
      description: 'The details of `allowedActions` for the task page (null when it is read only)',
      properties: {
        outcomes: { type: 'array', items: { type: 'string' }, description: 'The outcomes `complete` takes from the caller now' },
        return: {
          type: 'array',
          description: 'The steps `return` takes the case back to now',
          items: { type: 'object', required: ['id', 'title'], properties: { id: { type: 'string' }, title: { type: 'string' } } },
        },
        transfer: { type: 'boolean' },
        delegate: { type: 'boolean' },
        addSigners: { type: 'boolean' },
        removeSigners: { type: 'boolean' },
        claim: { type: 'boolean' },
        opinion: { type: 'string', description: '`required`, `optional` or `none`' },
        opinions: {
          type: 'object',
          additionalProperties: { enum: ['required', 'optional', 'none'] },
          description: 'The opinion policy of each command (outcomes, `return`, `transfer`, `delegate`)',
        },
        formOutcomes: { type: 'array', items: { type: 'string' }, description: 'The outcomes that take the form; the others are sent without data' },
      },
    },
  },
} as const);

/** One entry of a case's audit chain. */
export const HistoryEntry = component('HistoryEntry', {
  type: 'object',
  required: ['seq', 'at', 'actorId', 'actingForId', 'actorName', 'actingForName', 'type', 'state', 'taskId', 'payload', 'hash', 'prevHash'],
  properties: {
    seq: { type: 'integer', minimum: 1 },
    at: dateTime,
    actorId: nullableString,
    actingForId: nullableString,
    actorName: nullableString,
    actingForName: nullableString,
    type: { type: 'string', description: 'Dotted event name, e.g. `task.completed`' },
    state: nullableString,
    taskId: nullableString,
    payload: { type: 'object', additionalProperties: true },
    people: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: "Names of the people the payload names by id (to, from, users, removed), in the reader's language",
    },
    hash: { type: 'string' },
    prevHash: { type: 'string' },
  },
} as const);

/** A case in a list. */
export const CaseSummary = component('CaseSummary', {
  type: 'object',
  required: ['id', 'definition', 'version', 'title', 'status', 'state', 'initiatorId', 'dueAt', 'createdAt', 'completedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    definition: { type: 'string' },
    version: { type: 'integer' },
    title: { type: 'string' },
    status: caseStatus,
    state: {},
    initiatorId: { type: 'string' },
    dueAt: nullableDateTime,
    createdAt: dateTime,
    completedAt: nullableDateTime,
  },
} as const);
