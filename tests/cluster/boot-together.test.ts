/**
 * Two nodes booting together on an empty database: migrations, the directory seed, the shipped
 * workflows and the demo cases run once, under an advisory lock, and both nodes come up.
 * (Two in-process servers with their own connection pools: the same race as two processes, faster.)
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer } from '../../app/server.js';
import { openDatabase } from '../../core/persistence/database.js';
import { reservePostgresDatabase } from '../support/db.js';
import { testConfig } from '../support/server.js';

const quiet = { debug() {}, info() {}, warn() {}, error: (m: string, d?: unknown) => console.error(m, d) };

describe('two nodes booting together on an empty database', () => {
  it('both come up, and the first start is seeded exactly once (2 rounds; two-nodes.test.ts boots two real processes together as well)', async () => {
    for (let round = 0; round < 2; round++) {
      const reserved = await reservePostgresDatabase(process.env.DATABASE_URL!);
      try {
        // The shipped workflows and demo cases in the first round; the others race on migrations, queues and the seed.
        const workflowsDir = round === 0 ? join(process.cwd(), 'workflows') : join(process.cwd(), 'tests/fixtures/no-workflows');
        const config = testConfig({ databaseUrl: reserved.url, workflowsDir });
        const boots = await Promise.allSettled([0, 1].map(() => createServer({ config, logger: quiet, workers: false })));
        for (const b of boots) if (b.status === 'fulfilled') await b.value.close();
        expect(boots.map((b) => (b.status === 'rejected' ? String((b.reason as Error).stack ?? b.reason) : 'up'))).toEqual(['up', 'up']);

        const db = await openDatabase({ url: reserved.url });
        try {
          const admins = await db.execute<{ n: number }>("SELECT count(*)::int AS n FROM app_user WHERE username = 'admin'");
          expect(admins[0]!.n).toBe(1);
          const versions = await db.execute<{ key: string; n: number }>(
            'SELECT key, count(*)::int AS n FROM definition WHERE version IS NOT NULL GROUP BY key',
          );
          if (round === 0) expect(versions.length).toBeGreaterThan(0);
          for (const v of versions) expect(v, v.key).toMatchObject({ n: 1 });
          // The demo cases were started once: no two cases with the same workflow, initiator and title.
          const cases = await db.execute<{ n: number }>('SELECT count(*)::int AS n FROM instance');
          if (round === 0) expect(cases[0]!.n).toBeGreaterThan(0);
          const twice = await db.execute('SELECT definition_key, initiator_id, title::text FROM instance GROUP BY 1, 2, 3 HAVING count(*) > 1');
          expect(twice).toEqual([]);
        } finally {
          await db.close();
        }
      } finally {
        await reserved.drop();
      }
    }
  });
});
