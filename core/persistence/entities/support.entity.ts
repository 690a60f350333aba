/** The audit log, business calendar days, idempotency keys, notifications, inbox signals, system notices, uploaded files and their case references. */
import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';

const timestamp = () => p.datetime().columnType('timestamptz');

/** Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. Write through `appendAudit`. */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    instanceId: p.uuid(),
    seq: p.integer(),
    at: timestamp(),
    actorId: p.uuid().nullable(),
    actingForId: p.uuid().nullable(),
    type: p.text(),
    state: p.text().nullable(),
    taskId: p.uuid().nullable(),
    payload: p.json<unknown>(),
    prevHash: p.text(),
    hash: p.text(),
  },
  uniques: [{ name: 'audit_event_instance_seq_unique', properties: ['instanceId', 'seq'] }],
});

export const CalendarDay = defineEntity({
  name: 'CalendarDay',
  tableName: 'calendar_day',
  properties: {
    calendarKey: p.text().primary(),
    date: p.date().primary(),
    kind: p.enum(['holiday', 'workday'] as const).columnType('text'),
    name: p.json<{ 'zh-CN'?: string; en?: string }>(),
  },
});

export const IdempotencyKey = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_key',
  properties: {
    key: p.text().primary(),
    userId: p.uuid().primary(),
    requestHash: p.text(),
    status: p.integer(),
    body: p.json<unknown>().nullable(),
    createdAt: timestamp().onCreate(() => new Date()),
  },
});

export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    userId: p.uuid(),
    instanceId: p.uuid().nullable(),
    taskId: p.uuid().nullable(),
    kind: p.enum(['cc', 'urge', 'remind', 'escalate', 'info'] as const).columnType('text'),
    title: p.json<unknown>(),
    body: p.json<unknown>(),
    readAt: timestamp().nullable(),
    createdAt: timestamp().onCreate(() => new Date()),
  },
  indexes: [{ name: 'notification_user_idx', properties: ['userId', 'readAt'] }],
});

export const StoredFile = defineEntity({
  name: 'StoredFile',
  tableName: 'file',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    name: p.text(),
    size: p.bigint('number'),
    mime: p.text(),
    sha256: p.text(),
    storageKey: p.text(),
    uploadedBy: p.uuid().nullable(),
    createdAt: timestamp().onCreate(() => new Date()),
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
    fileId: p.uuid().primary(),
    instanceId: p.uuid().primary(),
    createdAt: timestamp(),
  },
  indexes: [{ name: 'file_ref_instance_idx', properties: ['instanceId'] }],
});

/** Written by a trigger on `task` when a task arrives in someone's inbox; read by the live stream. */
export const InboxSignal = defineEntity({
  name: 'InboxSignal',
  tableName: 'inbox_signal',
  properties: {
    seq: p.bigint('number').primary().autoincrement(),
    userId: p.uuid(),
    taskId: p.uuid(),
    createdAt: timestamp().onCreate(() => new Date()),
  },
  indexes: [{ name: 'inbox_signal_user_seq_idx', properties: ['userId', 'seq'] }],
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
