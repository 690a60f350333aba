import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { isChanceryError } from '../../../core/errors.js';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase } from '../../support/db.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('database', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase();
    await db.execute('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
    await db.execute('INSERT INTO counter VALUES (1, 0)');
  });
  afterEach(() => db.close());

  test('loses no increment when 20 read-modify-write transactions run at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          const [row] = await tx.execute<{ n: number }>('SELECT n FROM counter WHERE id = 1 FOR UPDATE');
          await sleep(i % 3); // give the others every chance to interleave
          await tx.execute('UPDATE counter SET n = $1 WHERE id = 1', [(row?.n ?? 0) + 1]);
        }),
      ),
    );
    expect(await db.execute('SELECT n FROM counter')).toEqual([{ n: 20 }]);
  });

  test('keeps plain statements out of a transaction that is open at the same time', async () => {
    let began!: () => void;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (began = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction(async (tx) => {
      await tx.execute('UPDATE counter SET n = 100 WHERE id = 1');
      began();
      await held;
      throw new Error('roll back');
    });
    await started;
    // Another caller (the job queue, another request) while the transaction is open:
    const outside = db.execute('INSERT INTO counter VALUES (2, 7)');
    const seenOutside = db.execute<{ n: number }>('SELECT n FROM counter WHERE id = 1');
    await sleep(20);
    release();
    await expect(transaction).rejects.toThrow('roll back');
    await outside;
    expect(await seenOutside).toEqual([{ n: 0 }]); // never saw the uncommitted 100
    expect(await db.execute('SELECT id, n FROM counter ORDER BY id')).toEqual([
      { id: 1, n: 0 },
      { id: 2, n: 7 }, // committed on its own, not rolled back with the transaction
    ]);
  });

  test('runs plain statements concurrently with transactions without losing any', async () => {
    const work = [
      ...Array.from({ length: 10 }, (_, i) =>
        db
          .transaction(async (tx) => {
            const [row] = await tx.execute<{ n: number }>('SELECT n FROM counter WHERE id = 1 FOR UPDATE');
            await sleep(1);
            await tx.execute('UPDATE counter SET n = $1 WHERE id = 1', [(row?.n ?? 0) + 1]);
            if (i === 3) throw new Error('this one rolls back');
          })
          .catch(() => 'rolled back'),
      ),
      ...Array.from({ length: 10 }, (_, i) => db.execute('INSERT INTO counter VALUES ($1, $2)', [100 + i, i])),
    ];
    await Promise.all(work);
    expect(await db.execute('SELECT n FROM counter WHERE id = 1')).toEqual([{ n: 9 }]);
    expect(await db.execute('SELECT count(*)::int AS c FROM counter WHERE id >= 100')).toEqual([{ c: 10 }]);
  });

  test('refuses a statement on the database from inside a transaction callback', async () => {
    const error = await db
      .transaction(async () => {
        await db.execute('SELECT 1');
      })
      .catch((e: unknown) => e);
    expect(isChanceryError(error) && error.code).toBe('persistence.statement_outside_transaction');
  });

  test('refuses to use a transaction after it has ended', async () => {
    let leaked: { execute: (sql: string) => Promise<unknown> } | undefined;
    await db.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.execute('SELECT 1')).rejects.toMatchObject({ code: 'persistence.transaction_closed' });
  });

  test('returns the same value types on PGlite and PostgreSQL', async () => {
    const [row] = await db.execute(
      `SELECT now() AS ts, DATE '2025-10-01' AS d, 9007199254740::int8 AS big, 1.50::numeric AS num,
              $1::jsonb AS obj, $2::jsonb AS arr, $3::uuid AS id, true AS flag`,
      [{ a: { b: [1, '二'] } }, JSON.stringify([1, 2]), '6f1c1e4e-3d4a-4a8e-9b7e-2f0e8e6c9a01'],
    );
    expect(row?.ts).toBeInstanceOf(Date);
    expect(row).toMatchObject({
      d: '2025-10-01',
      big: 9007199254740,
      num: '1.50',
      obj: { a: { b: [1, '二'] } },
      arr: [1, 2],
      id: '6f1c1e4e-3d4a-4a8e-9b7e-2f0e8e6c9a01',
      flag: true,
    });
  });

  test('reports the number of rows an update touched', async () => {
    const hit = await db.query('UPDATE counter SET n = n + 1 WHERE id = 1 AND n = $1', [0]);
    const miss = await db.query('UPDATE counter SET n = n + 1 WHERE id = 1 AND n = $1', [0]);
    expect([hit.rowCount, miss.rowCount]).toEqual([1, 0]);
  });

  test('runs a script of several statements when it has no parameters', async () => {
    await db.execute('INSERT INTO counter VALUES (3, 3); INSERT INTO counter VALUES (4, 4);');
    expect(await db.execute('SELECT count(*)::int AS c FROM counter')).toEqual([{ c: 3 }]);
  });
});
