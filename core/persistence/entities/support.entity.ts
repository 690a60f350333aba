/** The audit log, business calendar days, idempotency keys, notifications, inbox signals, system notices, uploaded files (their contents and case references) and form drafts. */
import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { AppUser } from './directory.entity.js';
import { createdAt, fk, timestamp } from './columns.js';
import { Instance, Task } from './workflow.entity.js';

const NO_ACTION = 'no action';

/**
 * Append-only: triggers (kept in migration 0001, which MikroORM does not describe) refuse UPDATE,
 * DELETE and TRUNCATE. Write through `appendAudit`.
 */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    id: p.bigint('number').primary().autoincrement().generated('identity'),
    instance: () => p.manyToOne(Instance).fieldName('instance_id').updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('audit_event', 'instance_id')),
    seq: p.integer(),
    at: timestamp(),
    actorId: p.uuid().nullable(),
    actingForId: p.uuid().nullable(),
    type: p.text(),
    state: p.text().nullable(),
    taskId: p.uuid().nullable(),
    payload: p.json<unknown>().defaultRaw(`'{}'`),
    prevHash: p.text(),
    hash: p.text(),
  },
  uniques: [{ name: 'audit_event_instance_seq_unique', properties: ['instance', 'seq'] }],
  indexes: [
    { name: 'audit_event_at_idx', properties: ['at'] },
    { name: 'audit_event_actor_idx', properties: ['actorId', 'at'] },
  ],
});

export const CalendarDay = defineEntity({
  name: 'CalendarDay',
  tableName: 'calendar_day',
  properties: {
    calendarKey: p.text().primary(),
    date: p.date().primary(),
    kind: p.enum(['holiday', 'workday'] as const).columnType('text'),
    name: p.json<{ 'zh-CN'?: string; en?: string }>().defaultRaw(`'{}'`),
  },
});

export const IdempotencyKey = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_key',
  properties: {
    // Primary key (user_id, key), in that order.
    userId: p.uuid().primary(),
    key: p.text().primary(),
    requestHash: p.text(),
    status: p.integer(),
    body: p.json<unknown>().nullable(),
    createdAt: createdAt(),
  },
  indexes: [{ name: 'idempotency_key_created_idx', properties: ['createdAt'] }],
});

/**
 * `seq` orders a user's notifications for live streams (`Last-Event-ID`); a trigger (migration
 * 0003, not described by MikroORM) announces every insert through `pg_notify`.
 */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    user: () => p.manyToOne(AppUser).fieldName('user_id').updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('notification', 'user_id')),
    instance: () =>
      p.manyToOne(Instance).fieldName('instance_id').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('notification', 'instance_id')),
    task: () => p.manyToOne(Task).fieldName('task_id').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('notification', 'task_id')),
    kind: p.enum(['cc', 'urge', 'remind', 'escalate', 'info'] as const).columnType('text'),
    title: p.json<unknown>(),
    body: p.json<unknown>().defaultRaw(`'{}'`),
    readAt: timestamp().nullable(),
    createdAt: createdAt(),
    seq: p.bigint('number').autoincrement(),
    dedupeKey: p.text().nullable(),
  },
  indexes: [
    { name: 'notification_user_idx', properties: ['user', 'readAt'] },
    { name: 'notification_user_seq_idx', properties: ['user', 'seq'] },
  ],
  uniques: [{ name: 'notification_dedupe_idx', properties: ['user', 'dedupeKey'] }],
});

export const StoredFile = defineEntity({
  name: 'StoredFile',
  tableName: 'file',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    name: p.text(),
    size: p.bigint('number'),
    mime: p.text(),
    sha256: p.text(),
    storageKey: p.text(),
    uploadedBy: () =>
      p.manyToOne(AppUser).fieldName('uploaded_by').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('file', 'uploaded_by')),
    createdAt: createdAt(),
  },
});

/** Form drafts saved while someone fills a form (autosave), one per user and draft key. */
export const FormDraft = defineEntity({
  name: 'FormDraft',
  tableName: 'form_draft',
  properties: {
    user: () => p.manyToOne(AppUser).primary().fieldName('user_id').updateRule(NO_ACTION).deleteRule('cascade').foreignKeyName(fk('form_draft', 'user_id')),
    key: p.text().primary(),
    data: p.json<Record<string, unknown>>(),
    savedAt: timestamp(),
  },
});

/** A piece of a file's contents when files are kept in the database (`CHANCERY_FILE_STORAGE=db`). */
export const FileBlob = defineEntity({
  name: 'FileBlob',
  tableName: 'file_blob',
  properties: {
    key: p.text().primary(),
    seq: p.integer().primary(),
    data: p.blob(),
  },
});

/** A case whose data holds a file: whoever may read the case may download the file. */
export const FileRef = defineEntity({
  name: 'FileRef',
  tableName: 'file_ref',
  properties: {
    file: () => p.manyToOne(StoredFile).primary().fieldName('file_id').updateRule(NO_ACTION).deleteRule('cascade').foreignKeyName(fk('file_ref', 'file_id')),
    instance: () =>
      p.manyToOne(Instance).primary().fieldName('instance_id').updateRule(NO_ACTION).deleteRule('cascade').foreignKeyName(fk('file_ref', 'instance_id')),
    createdAt: timestamp(),
  },
  indexes: [{ name: 'file_ref_instance_idx', properties: ['instance'] }],
});

/** Written by a trigger on `task` when a task arrives in someone's inbox; read by the live stream. */
export const InboxSignal = defineEntity({
  name: 'InboxSignal',
  tableName: 'inbox_signal',
  properties: {
    seq: p.bigint('number').primary().autoincrement(),
    user: () => p.manyToOne(AppUser).fieldName('user_id').updateRule('no action').deleteRule('cascade').foreignKeyName(fk('inbox_signal', 'user_id')),
    taskId: p.uuid(),
    createdAt: createdAt(),
  },
  indexes: [{ name: 'inbox_signal_user_seq_idx', properties: ['user', 'seq'] }],
});

/** An operator notice (e.g. next year's holidays missing): when it was last said, at most daily. */
export const SystemNotice = defineEntity({
  name: 'SystemNotice',
  tableName: 'system_notice',
  properties: {
    key: p.text().primary(),
    message: p.json<{ 'zh-CN': string; en: string }>(),
    saidAt: timestamp(),
  },
});
