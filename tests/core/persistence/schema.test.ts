import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { entities } from '../../../core/persistence/entities/all-entities.js';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase } from '../../support/db.js';

describe('schema', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => db.close());

  const draft = (key: string) => db.execute(`INSERT INTO definition (id, key, status, title, body) VALUES ($1, $2, 'draft', '"t"', '{}')`, [randomUUID(), key]);
  const published = (key: string, version: number) =>
    db.execute(`INSERT INTO definition (id, key, version, status, title, body) VALUES ($1, $2, $3, 'published', '"t"', '{}')`, [randomUUID(), key, version]);

  test('allows one draft per definition key beside any number of published versions', async () => {
    await draft('petition-case');
    await draft('meeting');
    await published('petition-case', 1);
    await published('petition-case', 2);
    await expect(draft('petition-case')).rejects.toThrow();
    await expect(published('petition-case', 2)).rejects.toThrow();
  });

  test('refuses a published definition without a version', async () => {
    await expect(
      db.execute(`INSERT INTO definition (id, key, status, title, body) VALUES ($1, 'x', 'published', '"t"', '{}')`, [randomUUID()]),
    ).rejects.toThrow();
  });

  test('creates every table the engine uses, with the inbox indexes on task', async () => {
    const tables = (await db.execute<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'org_unit',
        'app_user',
        'role',
        'membership',
        'delegation',
        'api_key',
        'definition',
        'instance',
        'task',
        'audit_event',
        'calendar_day',
        'idempotency_key',
        'notification',
        'file',
        'mikro_orm_migrations',
      ]),
    );
    const indexes = (await db.execute<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'task'`)).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['task_assignee_inbox_idx', 'task_candidate_inbox_idx', 'task_instance_idx']));
  });

  test('maps every table the migrations create through the ORM entities', async () => {
    const names = db.orm.getMetadata().getAll();
    const tableNames = Object.values(names)
      .map((meta) => meta.tableName)
      .sort();
    const created = (
      await db.execute<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'mikro_orm_migrations'`)
    )
      .map((r) => r.name)
      .sort();
    expect(tableNames).toEqual(created);
    // Every entity of the list is discovered (none shadowed by a duplicate table name).
    expect(tableNames).toHaveLength(entities.length);
    const em = db.orm.em.fork();
    expect(await em.getConnection().execute('SELECT count(*)::int AS c FROM role')).toEqual([{ c: 0 }]);
  });
});
