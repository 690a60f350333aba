/** Cases and tasks as the API answers with them (the inbox, a task, a case, its history). */
import { component } from '../component.js';
import { dateTime, formData, nullableDateTime, nullableString } from './common.js';

const pool = { type: ['object', 'null'], required: ['role', 'unitId'], properties: { role: { type: 'string' }, unitId: nullableString } } as const;

/** A line of the inbox. */
export const InboxItem = component('InboxItem', {
  type: 'object',
  required: ['id', 'instanceId', 'caseTitle', 'definition', 'state', 'title', 'kind', 'dueAt', 'overdue', 'createdAt', 'assigneeId', 'actingForId', 'pool', 'delegated'],
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
    delegated: { type: 'boolean' },
  },
} as const);

/** A task of a case. */
export const TaskView = component('TaskView', {
  type: 'object',
  required: ['id', 'instanceId', 'state', 'stateTitle', 'slot', 'kind', 'status', 'title', 'form', 'assigneeId', 'pool', 'ownerId', 'actingForId', 'dueAt', 'outcome', 'opinion', 'completedBy', 'completedAt', 'createdAt'],
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
  },
} as const);

/** A case: where it stands, its data and its tasks. */
export const CaseView = component('CaseView', {
  type: 'object',
  required: ['id', 'definition', 'title', 'status', 'state', 'steps', 'visited', 'initiatorId', 'initiatorUnitId', 'data', 'version', 'dueAt', 'createdAt', 'updatedAt', 'completedAt', 'tasks'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    definition: { type: 'object', required: ['key', 'version', 'title'], properties: { key: { type: 'string' }, version: { type: 'integer' }, title: { type: 'string' } } },
    title: { type: 'string' },
    status: { enum: ['running', 'completed', 'rejected', 'withdrawn', 'cancelled'] },
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
  },
} as const);

/** A task with its case, form permissions and the actions its holder may take. */
export const TaskDetail = component('TaskDetail', {
  type: 'object',
  required: ['task', 'case', 'form', 'actions'],
  properties: {
    task: TaskView,
    case: CaseView,
    form: {
      type: ['object', 'null'],
      required: ['key', 'permissions'],
      properties: {
        key: { type: 'string' },
        permissions: { type: 'object', additionalProperties: { type: 'string' } },
        prefill: { type: 'object', additionalProperties: true, description: "A per-item sub-task's form values taken from its item" },
      },
    },
    actions: {
      type: ['object', 'null'],
      required: ['outcomes', 'return', 'transfer', 'delegate', 'addSigners', 'removeSigners', 'claim', 'opinion'],
      properties: {
        outcomes: { type: 'array', items: { type: 'string' } },
        return: { type: 'array', items: { type: 'object', required: ['id', 'title'], properties: { id: { type: 'string' }, title: { type: 'string' } } } },
        transfer: { type: 'boolean' },
        delegate: { type: 'boolean' },
        addSigners: { type: 'boolean' },
        removeSigners: { type: 'boolean' },
        claim: { type: 'boolean' },
        opinion: { type: 'string', description: '`required`, `optional` or `none`' },
        opinions: { type: 'object', additionalProperties: { enum: ['required', 'optional', 'none'] }, description: 'The opinion policy of each command (outcomes, `return`, `transfer`, `delegate`)' },
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
    status: { enum: ['running', 'completed', 'rejected', 'withdrawn', 'cancelled'] },
    state: {},
    initiatorId: { type: 'string' },
    dueAt: nullableDateTime,
    createdAt: dateTime,
    completedAt: nullableDateTime,
  },
} as const);
