/** The system audit chain (migration 0006). */
import { defineEntity, p } from '@mikro-orm/core';

/**
 * Append-only: triggers (kept in migration 0006, which MikroORM does not describe) refuse UPDATE,
 * DELETE and TRUNCATE. Write through `appendSystemAudit`.
 */
export const SystemAuditEntry = defineEntity({
  name: 'SystemAuditEntry',
  tableName: 'system_audit',
  properties: {
    id: p.bigint('number').primary().autoincrement().generated('identity'),
    seq: p.integer().unique('system_audit_seq_unique'),
    at: p.datetime().columnType('timestamptz'),
    actorId: p.uuid().nullable(),
    kind: p.text(),
    target: p.text().nullable(),
    payload: p.json<unknown>(),
    prevHash: p.text(),
    hash: p.text(),
  },
  indexes: [
    { name: 'system_audit_kind_idx', properties: ['kind', 'at'] },
    { name: 'system_audit_actor_idx', properties: ['actorId', 'at'] },
    { name: 'system_audit_at_idx', properties: ['at'] },
  ],
});
