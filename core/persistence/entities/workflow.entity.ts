/** Workflow tables: definitions (drafts and published versions), instances and their tasks. */
import { defineEntity, p } from '@mikro-orm/core';
import { AppUser, OrgUnit } from './directory.entity.js';
import { createdAt, fk, timestamp, uuidId } from './columns.js';

const NO_ACTION = 'no action';

export const Definition = defineEntity({
  name: 'Definition',
  tableName: 'definition',
  properties: {
    id: uuidId(),
    key: p.text(),
    version: p.integer().nullable(),
    status: p.enum(['draft', 'published'] as const).columnType('text'),
    title: p.json<unknown>(),
    body: p.json<unknown>(),
    createdBy: () =>
      p.manyToOne(AppUser).fieldName('created_by').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('definition', 'created_by')),
    createdAt: createdAt(),
    publishedBy: () =>
      p.manyToOne(AppUser).fieldName('published_by').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('definition', 'published_by')),
    publishedAt: timestamp().nullable(),
  },
  uniques: [{ name: 'definition_key_version_unique', properties: ['key', 'version'] }],
  indexes: [
    // A partial unique index (one draft per key): MikroORM keeps it by name, as written here.
    { name: 'definition_one_draft_idx', expression: 'CREATE UNIQUE INDEX definition_one_draft_idx ON definition (key) WHERE version IS NULL' },
  ],
  checks: [{ name: 'definition_check', expression: "(status = 'draft') = (version IS NULL)" }],
});

export const Instance = defineEntity({
  name: 'Instance',
  tableName: 'instance',
  properties: {
    id: uuidId(),
    // The published version a case runs on: a foreign key to the definition's (key, version).
    definition: () =>
      p
        .manyToOne(Definition)
        .fieldNames('definition_key', 'definition_version')
        .referencedColumnNames('key', 'version')
        .columnTypes('text', 'int')
        .updateRule(NO_ACTION)
        .deleteRule(NO_ACTION)
        .foreignKeyName('instance_definition_key_definition_version_fkey'),
    status: p.enum(['running', 'completed', 'rejected', 'withdrawn', 'cancelled'] as const).columnType('text'),
    title: p.text().default(''),
    initiator: () => p.manyToOne(AppUser).fieldName('initiator_id').updateRule(NO_ACTION).foreignKeyName(fk('instance', 'initiator_id')),
    initiatorUnit: () =>
      p
        .manyToOne(OrgUnit)
        .fieldName('initiator_unit_id')
        .nullable()
        .updateRule(NO_ACTION)
        .deleteRule(NO_ACTION)
        .foreignKeyName(fk('instance', 'initiator_unit_id')),
    data: p.json<Record<string, unknown>>().defaultRaw(`'{}'`),
    snapshot: p.json<unknown>(),
    version: p.integer().default(1).version(),
    state: p.text().default(''),
    dueAt: timestamp().nullable(),
    createdAt: createdAt(),
    updatedAt: createdAt().onUpdate(() => new Date()),
    completedAt: timestamp().nullable(),
  },
  indexes: [
    { name: 'instance_definition_idx', properties: ['definition', 'status'] },
    { name: 'instance_initiator_idx', properties: ['initiator', 'createdAt'] },
    { name: 'instance_status_idx', properties: ['status', 'dueAt'] },
  ],
});

export const Task = defineEntity({
  name: 'Task',
  tableName: 'task',
  properties: {
    id: uuidId(),
    instance: () => p.manyToOne(Instance).fieldName('instance_id').updateRule(NO_ACTION).foreignKeyName(fk('task', 'instance_id')),
    stateKey: p.text(),
    slot: p.text().default(''),
    kind: p.enum(['task', 'approval', 'item'] as const).columnType('text'),
    status: p.enum(['open', 'completed', 'cancelled'] as const).columnType('text'),
    title: p.text().default(''),
    formKey: p.text().nullable(),
    assignee: () =>
      p.manyToOne(AppUser).fieldName('assignee_id').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('task', 'assignee_id')),
    candidateRole: p.text().nullable(),
    candidateUnit: () =>
      p
        .manyToOne(OrgUnit)
        .fieldName('candidate_unit_id')
        .nullable()
        .updateRule(NO_ACTION)
        .deleteRule(NO_ACTION)
        .foreignKeyName(fk('task', 'candidate_unit_id')),
    owner: () => p.manyToOne(AppUser).fieldName('owner_id').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('task', 'owner_id')),
    actingFor: () =>
      p.manyToOne(AppUser).fieldName('acting_for_id').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('task', 'acting_for_id')),
    dueAt: timestamp().nullable(),
    outcome: p.text().nullable(),
    opinion: p.text().nullable(),
    data: p.json<Record<string, unknown>>().nullable(),
    completedBy: () =>
      p.manyToOne(AppUser).fieldName('completed_by').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('task', 'completed_by')),
    completedAt: timestamp().nullable(),
    createdAt: createdAt(),
    sort: p.integer().default(0),
    /** A per-item sub-task: its item, the item's index, and the form values prefilled from it. */
    item: p.json<unknown>().nullable(),
    itemIndex: p.integer().nullable(),
    prefill: p.json<Record<string, unknown>>().nullable(),
  },
  indexes: [
    { name: 'task_assignee_inbox_idx', properties: ['assignee', 'status', 'dueAt'] },
    { name: 'task_candidate_inbox_idx', properties: ['candidateRole', 'candidateUnit', 'status', 'dueAt'] },
    { name: 'task_instance_idx', properties: ['instance', 'status'] },
    { name: 'task_completed_by_idx', properties: ['completedBy', 'completedAt'] },
    { name: 'task_acting_for_idx', properties: ['actingFor', 'status'] },
  ],
});

/** A move past a level (不得越级) that waits for a second admin's approval (migration or admin event). */
export const AdminMove = defineEntity({
  name: 'AdminMove',
  tableName: 'admin_move',
  properties: {
    id: uuidId(),
    kind: p.enum(['migration', 'event'] as const).columnType('text'),
    definitionKey: p.text(),
    instance: () =>
      p.manyToOne(Instance).fieldName('instance_id').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('admin_move', 'instance_id')),
    request: p.json<Record<string, unknown>>(),
    reason: p.text(),
    levels: p.json<string[]>(),
    status: p.enum(['pending', 'applied', 'rejected'] as const).columnType('text'),
    requestedBy: () =>
      p.manyToOne(AppUser).fieldName('requested_by').updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('admin_move', 'requested_by')),
    requestedAt: timestamp(),
    decidedBy: () =>
      p.manyToOne(AppUser).fieldName('decided_by').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('admin_move', 'decided_by')),
    decidedAt: timestamp().nullable(),
    result: p.json<unknown>().nullable(),
  },
  indexes: [{ name: 'admin_move_status_idx', properties: ['status', 'requestedAt'] }],
});

/** A pending timer of a running case: when it was scheduled from and when it fires (kept in step with the snapshot). */
export const CaseTimer = defineEntity({
  name: 'CaseTimer',
  tableName: 'case_timer',
  properties: {
    instance: () =>
      p.manyToOne(Instance).primary().fieldName('instance_id').updateRule(NO_ACTION).deleteRule('cascade').foreignKeyName(fk('case_timer', 'instance_id')),
    key: p.text().primary(),
    state: p.text(),
    kind: p.enum(['due', 'remind', 'escalate', 'schedule'] as const).columnType('text'),
    definitionKey: p.text(),
    calendarKey: p.text(),
    scheduledAt: timestamp(),
    fireAt: timestamp(),
  },
  indexes: [{ name: 'case_timer_fire_at_idx', properties: ['fireAt'] }],
});

/** A link between two cases: `from` started or signalled `to` (`kind`: `started`, `merged`, …). */
export const CaseLink = defineEntity({
  name: 'CaseLink',
  tableName: 'case_link',
  properties: {
    id: p.bigint('number').primary().autoincrement().generated('identity'),
    from: () =>
      p.manyToOne(Instance).fieldName('from_instance_id').updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('case_link', 'from_instance_id')),
    to: () => p.manyToOne(Instance).fieldName('to_instance_id').updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('case_link', 'to_instance_id')),
    kind: p.text(),
    createdBy: () =>
      p.manyToOne(AppUser).fieldName('created_by').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('case_link', 'created_by')),
    createdAt: timestamp(),
  },
  indexes: [
    { name: 'case_link_from_idx', properties: ['from'] },
    { name: 'case_link_to_idx', properties: ['to'] },
  ],
});

/** A workflow retired (no new starts) or restored by an admin, with the reason: append-only. */
export const DefinitionEvent = defineEntity({
  name: 'DefinitionEvent',
  tableName: 'definition_event',
  properties: {
    id: p.bigint('number').primary().autoincrement().generated('identity'),
    definitionKey: p.text(),
    type: p.enum(['definition.retired', 'definition.restored'] as const).columnType('text'),
    actor: () =>
      p.manyToOne(AppUser).fieldName('actor_id').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('definition_event', 'actor_id')),
    reason: p.text().nullable(),
    at: timestamp(),
  },
  indexes: [{ name: 'definition_event_key_idx', properties: ['definitionKey', 'id'] }],
});
