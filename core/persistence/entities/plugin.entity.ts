/**
 * What plugins keep: one row per action request (attempts, outcome, the incident an admin
 * retries), secrets granted to plugins (encrypted), document-number counters and their ledger,
 * and a ledger of side effects done once (emails, SMS).
 */
import { defineEntity, p } from '@mikro-orm/core';
import { AppUser } from './directory.entity.js';
import { createdAt, fk, TextArray, timestamp } from './columns.js';
import { Instance } from './workflow.entity.js';

const NO_ACTION = 'no action';

export const ActionRun = defineEntity({
  name: 'ActionRun',
  tableName: 'action_run',
  properties: {
    id: p.uuid().primary(),
    instance: () => p.manyToOne(Instance).fieldName('instance_id').updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('action_run', 'instance_id')),
    requestId: p.text(),
    action: p.text(),
    state: p.text().default(''),
    params: p.json<Record<string, unknown>>().defaultRaw(`'{}'`),
    status: p.enum(['running', 'done', 'failed', 'incident', 'retrying', 'dismissed'] as const).columnType('text'),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    result: p.json<unknown>().nullable(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    resolvedBy: () =>
      p.manyToOne(AppUser).fieldName('resolved_by').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('action_run', 'resolved_by')),
  },
  uniques: [{ name: 'action_run_instance_id_request_id_key', properties: ['instance', 'requestId'] }],
  indexes: [{ name: 'action_run_status_idx', properties: ['status', 'updatedAt'] }],
});

export const PluginSecret = defineEntity({
  name: 'PluginSecret',
  tableName: 'plugin_secret',
  properties: {
    name: p.text().primary(),
    ciphertext: p.text(),
    grants: p.type(TextArray).defaultRaw(`'{}'`),
    updatedAt: createdAt(),
    updatedBy: () =>
      p.manyToOne(AppUser).fieldName('updated_by').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('plugin_secret', 'updated_by')),
  },
});

export const DocNumberCounter = defineEntity({
  name: 'DocNumberCounter',
  tableName: 'doc_number_counter',
  properties: {
    docType: p.text().primary(),
    year: p.integer().primary(),
    last: p.integer(),
  },
});

export const DocNumber = defineEntity({
  name: 'DocNumber',
  tableName: 'doc_number',
  properties: {
    docType: p.text().primary(),
    year: p.integer().primary(),
    seq: p.integer().primary(),
    number: p.text(),
    idempotencyKey: p.text().unique('doc_number_idempotency_key_key'),
    instance: () =>
      p.manyToOne(Instance).fieldName('instance_id').nullable().updateRule(NO_ACTION).deleteRule(NO_ACTION).foreignKeyName(fk('doc_number', 'instance_id')),
    issuedAt: createdAt(),
  },
});

export const PluginEffect = defineEntity({
  name: 'PluginEffect',
  tableName: 'plugin_effect',
  properties: {
    key: p.text().primary(),
    result: p.json<unknown>().defaultRaw(`'{}'`),
    at: createdAt(),
  },
});
