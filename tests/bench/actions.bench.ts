/**
 * Actions executed per second through the job queue (pg-boss), on PGlite or PostgreSQL.
 *
 * N cases are started with the action worker off, so N plugin action jobs wait in the queue (each
 * enqueued in its case's transaction, as in production). Then the runner starts and the clock runs
 * until every action has run and its outcome is recorded in its case (`action.done`, which
 * completes the case): fetch, run, outcome transaction, job completion — the whole path.
 *
 * @example
 * import { runActionBench } from './actions.bench.js';
 * const r = await runActionBench('postgresql', { postgresAdminUrl: 'postgres://postgres@127.0.0.1:5432/postgres', actions: 500 });
 * console.log(`${r.perSecond.toFixed(0)} actions/s`);
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../core/config.js';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { openDatabase } from '../../core/persistence/database.js';
import type { Logger } from '../../core/runtime/ports.js';
import { publish } from '../../core/runtime/publishing.js';
import { createServer } from '../../app/server.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { createActionRunner } from '../../core/actions/runner.js';
import { reservePostgresDatabase } from '../support/db.js';

export interface ActionBenchResult {
  kind: 'pglite' | 'postgresql';
  actions: number;
  batchSize: number;
  seconds: number;
  perSecond: number;
  /** Warnings and errors logged during the run (should be none). */
  logged: number;
}

const definition: WorkflowDefinition = {
  key: 'bench-action',
  title: { 'zh-CN': '动作压测', en: 'Action benchmark' },
  initial: 'act',
  states: {
    act: { entry: [{ action: 'bench.touch', with: { n: '{{data.n}}' }, result: { 'touched.at': '/n' } }], on: { 'action.done': 'done' } },
    done: { final: true },
  },
};

export async function runActionBench(
  kind: 'pglite' | 'postgresql',
  options: { postgresAdminUrl?: string; actions?: number; batchSize?: number } = {},
): Promise<ActionBenchResult> {
  const actions = options.actions ?? 500;
  const batchSize = options.batchSize ?? 8;
  const dataDir = await mkdtemp(join(tmpdir(), 'chancery-action-bench-'));
  const reserved = kind === 'postgresql' ? await reservePostgresDatabase(options.postgresAdminUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres') : undefined;
  const config = loadConfig(
    {
      CHANCERY_DATA_DIR: dataDir,
      CHANCERY_ADMIN_PASSWORD: 'bench-admin-2026',
      CHANCERY_DEMO: 'true',
      CHANCERY_DEMO_PASSWORD: 'bench-demo-2026',
      CHANCERY_POLL_SECONDS: '0.5',
      CHANCERY_WORKFLOWS_DIR: join(process.cwd(), 'tests/fixtures/no-workflows'),
      ...(reserved ? { DATABASE_URL: reserved.url } : {}),
    },
    dataDir,
  );
  let logged = 0;
  const logger: Logger = { debug: () => {}, info: () => {}, warn: () => logged++, error: () => logged++ };
  let ran = 0;
  const plugin = definePlugin({
    name: 'bench',
    version: '1.0.0',
    actions: {
      touch: {
        params: { type: 'object', properties: { n: { type: 'integer' } } },
        async run({ params }) {
          ran++;
          return { n: params.n };
        },
      },
    },
  });
  const db = await openDatabase({ ...(reserved ? { url: reserved.url } : {}), dataDir, logger });
  const server = await createServer({ config, db, logger, workers: false, plugins: [plugin] });
  try {
    const [admin] = await db.execute<{ id: string; unit_id: string | null }>(`SELECT id, unit_id FROM app_user WHERE username = 'admin'`);
    await db.transaction((tx) => publish(server.services.publishing, tx, definition.key, admin!.id, definition));
    const actor = { id: admin!.id, unitId: admin!.unit_id, isAdmin: true, lang: 'zh-CN' as const };
    for (let i = 0; i < actions; i++) await server.engine.startCase(actor, { definition: 'bench-action', data: { n: i } });

    const runner = createActionRunner({
      registry: server.plugins.registry,
      db,
      engine: server.engine,
      queue: server.queue,
      secrets: server.plugins.secrets,
      logger,
      clock: () => new Date(),
      batchSize,
      pollingIntervalSeconds: 0.5,
    });
    const started = performance.now();
    runner.start();
    for (;;) {
      const [row] = await db.execute<{ n: number }>(`SELECT count(*)::int AS n FROM action_run WHERE status = 'done'`);
      if ((row?.n ?? 0) >= actions) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    await runner.stop();
    if (ran < actions) throw new Error(`only ${ran} of ${actions} actions ran`);
    return { kind, actions, batchSize, seconds, perSecond: actions / seconds, logged };
  } finally {
    await server.close();
    await db.close();
    await reserved?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// `npx tsx tests/bench/actions.bench.ts [count]` runs it alone on both databases.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const count = Number(process.argv[2] ?? 500);
  for (const kind of ['pglite', 'postgresql'] as const) {
    const r = await runActionBench(kind, { actions: count, postgresAdminUrl: process.env.BENCH_POSTGRES_URL });
    console.log(
      `${kind}: ${r.actions} actions in ${r.seconds.toFixed(2)} s = ${r.perSecond.toFixed(1)} actions/s (batch ${r.batchSize}, ${r.logged} warnings)`,
    );
  }
}
