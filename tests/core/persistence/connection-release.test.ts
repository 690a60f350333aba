/**
 * A statement that fails inside the driver (a value the client cannot serialise) must not leave
 * its pool connection checked out or stuck: after more such failures than the pool has
 * connections, plain statements and transactions still run.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase } from '../../support/db.js';

/** An object nested far deeper than any serialiser's stack allows (built without recursion). */
function unserialisable(): Record<string, unknown> {
  let v: Record<string, unknown> = {};
  for (let i = 0; i < 50_000; i++) v = { a: v };
  return v;
}

let db: Database;
beforeEach(async () => {
  db = await openTestDatabase();
  await db.execute('CREATE TABLE doc (id int PRIMARY KEY, body jsonb NOT NULL)');
});
afterEach(() => db.close());

test('plain statements still run after 12 (more than the pool holds) statements failed inside the driver', async () => {
  const bad = unserialisable();
  for (let i = 0; i < 12; i++) {
    await expect(db.execute('INSERT INTO doc (id, body) VALUES ($1, $2)', [i, bad as never])).rejects.toThrow();
  }
  await db.execute('INSERT INTO doc (id, body) VALUES ($1, $2)', [1, { ok: true }]);
  expect(await db.execute('SELECT id, body FROM doc')).toEqual([{ id: 1, body: { ok: true } }]);
});

test('transactions still run after 12 (more than the pool holds) transactions failed inside the driver', async () => {
  const bad = unserialisable();
  for (let i = 0; i < 12; i++) {
    await expect(
      db.transaction(async (tx) => {
        await tx.execute('INSERT INTO doc (id, body) VALUES ($1, $2)', [1000 + i, { before: i }]);
        await tx.execute('INSERT INTO doc (id, body) VALUES ($1, $2)', [i, bad as never]);
      }),
    ).rejects.toThrow();
  }
  await db.transaction((tx) => tx.execute('INSERT INTO doc (id, body) VALUES ($1, $2)', [1, { ok: true }]));
  // Every failed transaction was rolled back, none half-committed.
  expect(await db.execute('SELECT id, body FROM doc')).toEqual([{ id: 1, body: { ok: true } }]);
});
