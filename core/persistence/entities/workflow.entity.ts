/** Workflow tables: definitions (drafts and published versions), instances and their tasks. */
import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';

const id = () => p.uuid().primary().onCreate(() => randomUUID());
const timestamp = () => p.datetime().columnType('timestamptz');

export const Definition = defineEntity({
  name: 'Definition',
  tableName: 'definition',
  properties: {
    id: id(),
    key: p.text(),
    version: p.integer().nullable(),
    status: p.enum(['draft', 'published'] as const).columnType('text'),
    title: p.json<unknown>(),
    body: p.json<unknown>(),
    createdBy: p.uuid().nullable(),
    createdAt: timestamp().onCreate(() => new Date()),
    publishedBy: p.uuid().nullable(),
    publishedAt: timestamp().nullable(),
  },
  uniques: [{ name: 'definition_key_version_unique', properties: ['key', 'version'] }],
});

export const Instance = defineEntity({
  name: 'Instance',
  tableName: 'instance',
  properties: {
    id: id(),
    definitionKey: p.text(),
    definitionVersion: p.integer(),
    status: p.enum(['running', 'completed', 'rejected', 'withdrawn', 'cancelled'] as const).columnType('text'),
    title: p.text().default(''),
    initiatorId: p.uuid(),
    initiatorUnitId: p.uuid().nullable(),
    data: p.json<Record<string, unknown>>(),
    snapshot: p.json<unknown>(),
    version: p.integer().version(),
    state: p.text().default(''),
    dueAt: timestamp().nullable(),
    createdAt: timestamp().onCreate(() => new Date()),
    updatedAt: timestamp().onCreate(() => new Date()).onUpdate(() => new Date()),
    completedAt: timestamp().nullable(),
  },
});

export const Task = defineEntity({
  name: 'Task',
  tableName: 'task',
  properties: {
    id: id(),
    instanceId: p.uuid(),
    stateKey: p.text(),
    slot: p.text().default(''),
    kind: p.enum(['task', 'approval', 'item'] as const).columnType('text'),
    status: p.enum(['open', 'completed', 'cancelled'] as const).columnType('text'),
    title: p.text().default(''),
    formKey: p.text().nullable(),
    assigneeId: p.uuid().nullable(),
    candidateRole: p.text().nullable(),
    candidateUnitId: p.uuid().nullable(),
    ownerId: p.uuid().nullable(),
    actingForId: p.uuid().nullable(),
    dueAt: timestamp().nullable(),
    outcome: p.text().nullable(),
    opinion: p.text().nullable(),
    data: p.json<Record<string, unknown>>().nullable(),
    completedBy: p.uuid().nullable(),
    completedAt: timestamp().nullable(),
    createdAt: timestamp().onCreate(() => new Date()),
    sort: p.integer().default(0),
    /** A per-item sub-task: its item, the item's index, and the form values prefilled from it. */
    item: p.json<unknown>().nullable(),
    itemIndex: p.integer().nullable(),
    prefill: p.json<Record<string, unknown>>().nullable(),
  },
  indexes: [
    { name: 'task_assignee_inbox_idx', properties: ['assigneeId', 'status', 'dueAt'] },
    { name: 'task_candidate_inbox_idx', properties: ['candidateRole', 'candidateUnitId', 'status', 'dueAt'] },
    { name: 'task_instance_idx', properties: ['instanceId', 'status'] },
    { name: 'task_completed_by_idx', properties: ['completedBy', 'completedAt'] },
  ],
});

/** A move past a level (不得越级) that waits for a second admin's approval (migration or admin event). */
export const AdminMove = defineEntity({
  name: 'AdminMove',
  tableName: 'admin_move',
  properties: {
    id: id(),
    kind: p.enum(['migration', 'event'] as const).columnType('text'),
    definitionKey: p.text(),
    instanceId: p.uuid().nullable(),
    request: p.json<Record<string, unknown>>(),
    reason: p.text(),
    levels: p.json<string[]>(),
    status: p.enum(['pending', 'applied', 'rejected'] as const).columnType('text'),
    requestedBy: p.uuid(),
    requestedAt: timestamp(),
    decidedBy: p.uuid().nullable(),
    decidedAt: timestamp().nullable(),
    result: p.json<unknown>().nullable(),
  },
});

/** A pending timer of a running case: when it was scheduled from and when it fires (kept in step with the snapshot). */
export const CaseTimer = defineEntity({
  name: 'CaseTimer',
  tableName: 'case_timer',
  properties: {
    instanceId: p.uuid().primary(),
    key: p.text().primary(),
    state: p.text(),
    kind: p.enum(['due', 'remind', 'escalate', 'schedule'] as const).columnType('text'),
    definitionKey: p.text(),
    calendarKey: p.text(),
    scheduledAt: timestamp(),
    fireAt: timestamp(),
  },
});
