/**
 * The entities are the one description of the schema: on a freshly migrated database, MikroORM's
 * schema generator finds nothing to change (no dropped foreign keys, no retyped columns).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaDrift } from '../../../core/persistence/schema-drift.js';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase } from '../../support/db.js';

describe('entities and migrations', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('describe the same schema: the generator would change nothing in a migrated database', async () => {
    expect(await schemaDrift(db.orm)).toEqual([]);
  });

  it('notices a migration the entities do not describe', async () => {
    await db.execute('CREATE TABLE drift_probe (id integer PRIMARY KEY)');
    try {
      expect((await schemaDrift(db.orm)).join('\n')).toMatch(/drop table if exists "drift_probe"/);
    } finally {
      await db.execute('DROP TABLE drift_probe');
    }
  });
});
