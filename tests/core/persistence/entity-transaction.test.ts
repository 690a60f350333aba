/**
 * Entity transactions, on PGlite and PostgreSQL: an entity change and the lean SQL beside it
 * (its audit entry) commit or roll back together, entities and lean reads see the same value
 * types, and on PGlite nothing from the lean path runs inside an open entity transaction.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Role } from '../../../core/persistence/entities/directory.entity.js';
import { SystemAuditEntry } from '../../../core/persistence/entities/system-audit.entity.js';
import { toPositional } from '../../../core/persistence/entity-executor.js';
import { appendSystemAudit, listSystemAudit, verifySystemAudit } from '../../../core/persistence/system-audit.js';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase } from '../../support/db.js';

const at = new Date('2026-03-02T01:02:03.456Z');

describe('entity transactions', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => db.close());

  test('commit an entity and its audit entry together', async () => {
    await db.entityTransaction(async (em, tx) => {
      em.create(Role, { key: 'archivist', name: '档案员', nameEn: 'Archivist' });
      await em.flush();
      await appendSystemAudit(tx, { kind: 'directory.role_created', target: 'archivist', at });
    });
    expect(await db.execute(`SELECT key, name FROM role WHERE key = 'archivist'`)).toEqual([{ key: 'archivist', name: '档案员' }]);
    expect((await listSystemAudit(db, { limit: 10, offset: 0 })).items.map((e) => e.kind)).toEqual(['directory.role_created']);
    expect(await verifySystemAudit(db)).toEqual({ ok: true, checked: 1 });
  });

  test('roll both back when the change fails after the audit entry was written', async () => {
    await db.execute(`INSERT INTO role (key, name) VALUES ('archivist', '档案员')`);
    await expect(
      db.entityTransaction(async (em, tx) => {
        await appendSystemAudit(tx, { kind: 'directory.role_created', target: 'archivist', at });
        em.create(Role, { key: 'archivist', name: '重复' });
        await em.flush();
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await listSystemAudit(db, { limit: 10, offset: 0 })).total).toBe(0);
    expect(await db.execute(`SELECT name FROM role WHERE key = 'archivist'`)).toEqual([{ name: '档案员' }]);
  });

  test('entities and lean SQL read the same value types', async () => {
    await db.entityTransaction((_em, tx) => appendSystemAudit(tx, { kind: 'calendar.day_set', target: 'cn', payload: { n: 1 }, at }));
    const viaEntity = await db.entityTransaction((em) => em.findOneOrFail(SystemAuditEntry, { seq: 1 }));
    const [viaLean] = await db.execute<{ seq: number; at: Date }>('SELECT seq, at FROM system_audit');
    expect(viaEntity.at).toBeInstanceOf(Date);
    expect(viaEntity.at.toISOString()).toBe(at.toISOString());
    expect(viaLean!.at).toBeInstanceOf(Date);
    expect(viaLean!.seq).toBe(1);
    // The same lean statements inside an entity transaction: numbers stay numbers.
    const inside = await db.entityTransaction((_em, tx) =>
      tx.execute<{ seq: number; at: Date; d: string }>(`SELECT seq, at, DATE '2026-03-02' AS d FROM system_audit`),
    );
    expect(inside).toEqual([{ seq: 1, at, d: '2026-03-02' }]);
  });

  test('refuse a statement on the database itself inside the entity transaction', async () => {
    await expect(db.entityTransaction(() => db.execute('SELECT 1'))).rejects.toMatchObject({ code: 'persistence.statement_outside_transaction' });
  });

  test('keep lean statements from other callers out of an open entity transaction', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const slow = db
      .entityTransaction(async (em) => {
        em.create(Role, { key: 'temp', name: '临时' });
        await em.flush();
        entered();
        await held;
        throw new Error('rolled back on purpose');
      })
      .catch((e: Error) => e.message);
    await inside;
    // Another caller's statement meanwhile: on PostgreSQL another connection (it cannot see the
    // uncommitted row); on PGlite it waits until the entity transaction is over.
    const other = db.execute<{ n: number }>(`SELECT count(*)::int AS n FROM role WHERE key = 'temp'`);
    release();
    expect(await slow).toBe('rolled back on purpose');
    expect(await other).toEqual([{ n: 0 }]);
  });
});

describe('$n placeholders in entity transactions', () => {
  test('become positional bindings, a repeated one bound twice, a literal ? escaped', () => {
    expect(toPositional(`SELECT $1::int + $1::int, $2 WHERE payload ? 'k'`, [2, 'x'])).toEqual({
      sql: `SELECT ?::int + ?::int, ? WHERE payload \\? 'k'`,
      bindings: [2, 2, 'x'],
    });
  });
  test('refuse a placeholder without its parameter', () => {
    expect(() => toPositional('SELECT $2', [1])).toThrow(RangeError);
  });
});
