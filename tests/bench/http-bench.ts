/**
 * Durable benchmarks over real HTTP: the real server (`createServer` + `@hono/node-server`) on a
 * loopback port, on PGlite under a temporary data directory or on a fresh PostgreSQL database.
 *
 * - durable completions: each request is one `POST /api/tasks/:id/complete` by the assignee, each
 *   committing a transaction (task, case, next task, audit row) before the 200;
 * - inbox latency: `GET /api/tasks?pageSize=20` with 100k open tasks in the database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../core/config.js';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { openDatabase } from '../../core/persistence/database.js';
import type { Database, SqlParam, Tx } from '../../core/persistence/types.js';
import type { Actor, Logger } from '../../core/runtime/ports.js';
import { createServer, type Server } from '../../app/server.js';
import { reservePostgresDatabase } from '../support/db.js';
import { ChanceryError } from '../../core/errors.js';
import { runLoad, type LoadJob, type LoadResult } from './load.js';
import { median, percentile } from './stats.js';

export type DbKind = 'pglite' | 'postgresql';

const ADMIN_PASSWORD = 'bench-admin-pass-2026';
const DEMO_PASSWORD = 'bench-demo-pass-2026';

/** SQL issued through the engine's `Database`, counted and timed per statement text. */
export interface SqlStats {
  transactions: number;
  /** Transactions that committed. */
  committed: number;
  /** Commands that lost the optimistic race on a case's version (each is re-run, or refused after three tries). */
  conflicts: number;
  inTransaction: number;
  outside: number;
  /** Per statement (first 90 characters, whitespace collapsed): count and total milliseconds. */
  byStatement: Map<string, { n: number; ms: number }>;
  /** performance.now() of the last statement's end. */
  lastAt: number;
  /** When set, every statement with its parameters is pushed here. */
  capture: Array<{ sql: string; params: readonly SqlParam[] | undefined; inTransaction: boolean }> | null;
}

export interface BenchServer {
  kind: DbKind;
  baseUrl: string;
  server: Server;
  sql: SqlStats;
  /** The database without the counting wrapper (for the floor on PGlite). */
  raw: Database;
  /** The database's connection URL; undefined on PGlite. */
  url: string | undefined;
  /** Problems the server logged (warn/error), counted by message. */
  logged: Map<string, number>;
  /** CPU ticks (ms) used so far by each PostgreSQL backend connected to this database; null on PGlite. */
  backendCpu(): Promise<Map<number, number> | null>;
  close(): Promise<void>;
}

/** CPU used between two samples: backends seen in both count their difference, new ones all of it. */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}

const CLOCK_TICK_MS = 10; // USER_HZ = 100 on Linux

function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
  } catch {
    return null;
  }
}

const statementKey = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 90);

/** Wraps the database so every statement the server runs is counted and timed. */
function instrument(db: Database, stats: SqlStats): Database {
  const timed = async <T>(sql: string, params: readonly SqlParam[] | undefined, run: () => Promise<T>, inTransaction = false): Promise<T> => {
    stats.capture?.push({ sql, params, inTransaction });
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      const key = statementKey(sql);
      const entry = stats.byStatement.get(key) ?? { n: 0, ms: 0 };
      entry.n += 1;
      stats.lastAt = performance.now();
      entry.ms += stats.lastAt - t0;
      stats.byStatement.set(key, entry);
    }
  };
  return {
    ...db,
    execute: (sql, params) => {
      stats.outside += 1;
      return timed(sql, params, () => db.execute(sql, params));
    },
    query: (sql, params) => {
      stats.outside += 1;
      return timed(sql, params, () => db.query(sql, params));
    },
    transaction: (fn) =>
      db.transaction((tx) => {
        stats.transactions += 1;
        const counted: Tx = {
          kind: tx.kind,
          execute: (sql, params) => {
            stats.inTransaction += 1;
            return timed(sql, params, () => tx.execute(sql, params), true);
          },
          query: (sql, params) => {
            stats.inTransaction += 1;
            return timed(sql, params, () => tx.query(sql, params), true);
          },
        };
        return fn(counted).then(
          (r) => {
            stats.committed += 1;
            return r;
          },
          (e: unknown) => {
            if (e instanceof ChanceryError && e.code === 'instance.version_conflict') stats.conflicts += 1;
            throw e;
          },
        );
      }),
  };
}

export function resetSqlStats(s: SqlStats): void {
  s.transactions = 0;
  s.committed = 0;
  s.conflicts = 0;
  s.inTransaction = 0;
  s.outside = 0;
  s.byStatement.clear();
}

/** Starts the real server on a loopback port, on a fresh database of the given kind. */
export async function startBenchServer(kind: DbKind, postgresAdminUrl: string): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chancery-bench-'));
  const reserved = kind === 'postgresql' ? await reservePostgresDatabase(postgresAdminUrl) : undefined;
  const env: Record<string, string | undefined> = {
    PORT: '0',
    DATABASE_URL: reserved?.url,
    CHANCERY_DATA_DIR: dataDir,
    CHANCERY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CHANCERY_DEMO: 'true',
    CHANCERY_DEMO_PASSWORD: DEMO_PASSWORD,
    CHANCERY_SECRET: randomBytes(32).toString('base64url'),
    CHANCERY_WORKFLOWS_DIR: join(process.cwd(), 'tests/fixtures/no-workflows'),
  };
  // The working directory is the empty data dir, so no chancery.config.json of the checkout applies.
  const config = loadConfig(env, dataDir);
  const logged = new Map<string, number>();
  const note = (level: string) => (msg: string) => logged.set(`${level}: ${msg}`, (logged.get(`${level}: ${msg}`) ?? 0) + 1);
  const logger: Logger = { debug: () => {}, info: () => {}, warn: note('warn'), error: note('error') };
  const sql: SqlStats = { lastAt: 0, transactions: 0, committed: 0, conflicts: 0, inTransaction: 0, outside: 0, byStatement: new Map(), capture: null };
  let raw: Database | undefined;
  let server: Server | undefined;
  try {
    raw = await openDatabase({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: config.dataDir, logger });
    server = await createServer({ config, db: instrument(raw, sql), logger });
    const app = server.app;
    const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const { port } = http.address() as AddressInfo;
    const started = server;
    const db = raw;
    return {
      kind,
      baseUrl: `http://127.0.0.1:${port}`,
      server: started,
      sql,
      raw: db,
      url: reserved?.url,
      logged,
      async backendCpu() {
        if (!reserved) return null;
        const name = new URL(reserved.url).pathname.slice(1);
        const rows = await db.execute<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
        const out = new Map<number, number>();
        for (const r of rows) {
          const ms = processCpuMs(r.pid);
          if (ms !== null) out.set(r.pid, ms);
        }
        return out;
      },
      async close() {
        await new Promise<void>((resolve) => {
          (http as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          http.close(() => resolve());
        });
        await started.close();
        await db.close();
        await reserved?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server?.close().catch(() => undefined);
    await raw?.close().catch(() => undefined);
    await reserved?.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

export async function api<T = any>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function login(base: string, username: string): Promise<string> {
  const res = await api<{ token?: string }>(base, 'POST', '/api/auth/login', {
    body: { username, password: username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD },
  });
  if (res.status !== 200 || !res.body.token) throw new Error(`bench: login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/**
 * The workflow under load: a unit's liaison submits, the unit head reviews (the measured
 * completion), then the deputy county head in charge approves (the task the completion opens).
 */
export const durableDefinition: WorkflowDefinition = {
  key: 'bench-approval',
  title: { 'zh-CN': '请示审批（基准测试）', en: 'Request approval (benchmark)' },
  initial: 'review',
  states: {
    review: {
      title: { 'zh-CN': '单位负责人审核', en: 'Unit head review' },
      approval: { assign: { head: { initiator: true } }, mode: 'any' },
      on: { approve: 'leader', reject: 'rejected' },
    },
    leader: {
      title: { 'zh-CN': '分管领导审批', en: 'Deputy head in charge approves' },
      approval: { assign: { manager: { of: 'previous' } }, mode: 'any' },
      on: { approve: 'approved', reject: 'rejected' },
    },
    approved: { final: true },
    rejected: { final: true, result: 'rejected' },
  },
};

/** One load run against the server and what it cost: CPU per 2xx answer by process, statements. */
export interface Measured {
  clients: number;
  generator: LoadResult['generator'];
  /** Requests answered (any status). */
  requests: number;
  /** 2xx answers. */
  ok: number;
  /** 2xx answers per second of the run. */
  perSecond: number;
  p50: number;
  p99: number;
  seconds: number;
  statuses: Record<string, number>;
  errorSamples: string[];
  /** CPU time per command the server completed (committed transactions), ms: the server's Node process (PGlite included), the PostgreSQL backends of its database, the load generator. */
  nodeCpuMs: number;
  postgresCpuMs: number | null;
  generatorCpuMs: number;
  /** SQL statements (BEGIN/COMMIT included, background job polling too) and transactions per completed command. */
  statements: number;
  /** Of those, the ones inside the commands' transactions (BEGIN/COMMIT included): without background polling. */
  statementsInTransactions: number;
  transactions: number;
  /** Commands that lost a race on a case's version (re-run, or refused after three tries). */
  conflicts: number;
}

/**
 * Waits until the server has run no statement for 300 ms (at most 60 s): requests queued when the
 * last load ended are still being served, and must not count in the next.
 */
export async function quiesce(s: BenchServer): Promise<void> {
  const until = performance.now() + 60_000;
  while (performance.now() - s.sql.lastAt < 300 && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
}

/** Runs one load and reads the CPU clocks and statement counters around it. */
export async function measure(s: BenchServer, job: LoadJob, options: { stopWhen?: () => boolean; onStart?: () => Promise<void> } = {}): Promise<Measured> {
  await quiesce(s);
  let pg0: Map<number, number> | null = null;
  let cpu0 = process.cpuUsage();
  const r = await runLoad(job, {
    ...(options.stopWhen ? { stopWhen: options.stopWhen } : {}),
    async onStart() {
      cpu0 = process.cpuUsage();
      resetSqlStats(s.sql);
      await options.onStart?.();
      pg0 = await s.backendCpu();
    },
  });
  // Requests still queued in the server when the generator stopped are finished and counted:
  // costs are per command the server completed (one transaction each), not per answer wrk read.
  await quiesce(s);
  const cpu = process.cpuUsage(cpu0);
  const pg1 = await s.backendCpu();
  const per = (x: number) => x / Math.max(s.sql.committed, 1);
  return {
    clients: job.connections,
    generator: r.generator,
    requests: Object.values(r.statuses).reduce((a, b) => a + b, 0),
    ok: r.ok,
    perSecond: r.ok / r.seconds,
    p50: r.p50,
    p99: r.p99,
    seconds: r.seconds,
    statuses: r.statuses,
    errorSamples: r.errorSamples,
    nodeCpuMs: per((cpu.user + cpu.system) / 1000),
    postgresCpuMs: pg0 !== null && pg1 ? per(cpuDelta(pg0, pg1)) : null,
    generatorCpuMs: per(r.cpuMs),
    statements: per(s.sql.inTransaction + s.sql.outside + 2 * s.sql.transactions),
    statementsInTransactions: per(s.sql.inTransaction + 2 * s.sql.transactions),
    transactions: per(s.sql.transactions),
    conflicts: s.sql.conflicts,
  };
}

export function describe(kind: DbKind, what: string, m: Measured): string {
  return `  ${kind}: ${what}, ${m.clients} client(s): ${Math.round(m.perSecond)}/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, statuses ${JSON.stringify(m.statuses)}, CPU per answer: node ${m.nodeCpuMs.toFixed(2)} ms${m.postgresCpuMs === null ? '' : `, postgres ${m.postgresCpuMs.toFixed(2)} ms`}, ${m.generator} ${m.generatorCpuMs.toFixed(2)} ms; ${m.statements.toFixed(1)} statements (${m.statementsInTransactions.toFixed(1)} in transactions)${m.conflicts ? `, ${m.conflicts} version races` : ''}`;
}

export interface DurableResult {
  levels: Measured[];
  setupSeconds: number;
  /** Measured on the 1-client level: statements per completion (incl. BEGIN/COMMIT) and where the time went. */
  statementsPerCompletion: number;
  transactionsPerCompletion: number;
  topStatements: Array<{ sql: string; perCompletion: number; meanMs: number; shareOfRequest: number }>;
}

export interface Approver {
  head: string;
  token: string;
  liaison: Actor;
}

/** The published bench workflow and the people who work it: each unit head approves what their liaison submits. */
export interface DurableSetup {
  approvers: Approver[];
  /** Starts cases through the engine, eight at a time; answers each case's open task id, in order. */
  start(a: Approver, n: number): Promise<string[]>;
  /** Completion requests: client c works as approver c mod n, `perClient` tasks each, interleaved round-robin. */
  prepare(clients: number, perClient: number): Promise<LoadJob['requests']>;
  /** Seconds spent starting cases so far, and how many. */
  setupMs: number;
  made: number;
}

export const COMPLETE_BODY = { outcome: 'approve', opinion: '同意。' };
export const completePath = (taskId: string) => `/api/tasks/${taskId}/complete`;

export async function setupDurable(s: BenchServer): Promise<DurableSetup> {
  const adminToken = await login(s.baseUrl, 'admin');
  const published = await api(s.baseUrl, 'POST', `/api/definitions/${durableDefinition.key}/publish`, {
    token: adminToken,
    body: { definition: durableDefinition },
  });
  if (published.status !== 201) throw new Error(`bench: publish failed: ${published.status} ${JSON.stringify(published.body)}`);
  const pairs = await s.server.db.execute<{ head: string; liaison_id: string; unit_id: string }>(
    `SELECT h.username AS head, l.id AS liaison_id, l.unit_id FROM app_user l JOIN app_user h ON h.username = replace(l.username, '-liaison', '-head')
     WHERE l.username LIKE '%-liaison' ORDER BY l.username`,
  );
  if (pairs.length === 0) throw new Error('bench: the demo directory has no liaison/head pairs');
  const approvers: Approver[] = [];
  for (const p of pairs) {
    approvers.push({ head: p.head, token: await login(s.baseUrl, p.head), liaison: { id: p.liaison_id, unitId: p.unit_id, isAdmin: false, lang: 'zh-CN' } });
  }
  const setup: DurableSetup = {
    approvers,
    setupMs: 0,
    made: 0,
    async start(a, n) {
      const started = performance.now();
      const ids: string[] = Array.from({ length: n }, () => '');
      for (let i = 0; i < n; i += 8) {
        await Promise.all(
          Array.from({ length: Math.min(8, n - i) }, async (_, j) => {
            const k = ++setup.made;
            const res = await s.server.engine.startCase(a.liaison, {
              definition: durableDefinition.key,
              data: { subject: `关于第${k}号事项的请示`, amount: k },
            });
            const task = res.body.openedTasks[0];
            if (!task) throw new Error('bench: a started case opened no task');
            ids[i + j] = task;
          }),
        );
      }
      setup.setupMs += performance.now() - started;
      return ids;
    },
    async prepare(clients, perClient) {
      const lists: string[][] = [];
      const used = approvers.slice(0, Math.min(clients, approvers.length));
      // Each approver serves every client that works as them.
      for (const [i, a] of used.entries()) lists.push(await setup.start(a, perClient * Math.ceil((clients - i) / used.length)));
      const requests: LoadJob['requests'] = [];
      const next = used.map(() => 0);
      for (let k = 0; k < perClient; k++) {
        for (let c = 0; c < clients; c++) {
          const a = c % used.length;
          requests.push({ path: completePath(lists[a]![next[a]!++]!), token: used[a]!.token });
        }
      }
      return requests;
    },
  };
  return setup;
}

export async function runDurable(
  s: BenchServer,
  setup: DurableSetup,
  options: {
    /** `perClient` caps the tasks prepared for each client of the level. */
    levels: Array<{ clients: number; perClient: number }>;
    /** Warm-up: first one client, then this many, each with `perClient` tasks. */
    warmup: { clients: number; perClient: number };
    /** Each level (and warm-up) stops taking tasks after this long. */
    deadlineMs: number;
    log: (m: string) => void;
  },
): Promise<DurableResult & { fastest: number }> {
  const load = async (clients: number, perClient: number) =>
    measure(s, {
      baseUrl: s.baseUrl,
      connections: clients,
      requests: await setup.prepare(clients, perClient),
      deadlineMs: options.deadlineMs,
      body: COMPLETE_BODY,
    });
  // Warm-up (not measured), which also tells how many cases each level needs: each level runs
  // until the deadline, so it gets 1.5× what the fastest rate seen so far would complete in it.
  let fastest = 0;
  for (const w of [{ clients: 1, perClient: options.warmup.perClient }, options.warmup]) {
    const r = await load(w.clients, w.perClient);
    fastest = Math.max(fastest, r.perSecond);
  }
  options.log(`  ${s.kind}: warmed up at ${Math.round(fastest)}/s`);

  const levels: Measured[] = [];
  let statementsPerCompletion = Number.NaN;
  let transactionsPerCompletion = Number.NaN;
  let topStatements: DurableResult['topStatements'] = [];
  for (const [i, lv] of options.levels.entries()) {
    const need = Math.ceil((fastest * (options.deadlineMs / 1000) * 1.5) / lv.clients);
    const level = await load(lv.clients, Math.max(5, Math.min(lv.perClient, need)));
    levels.push(level);
    fastest = Math.max(fastest, level.perSecond);
    options.log(describe(s.kind, 'completions', level));
    if (i === 0 && level.ok > 0) {
      // One client: statements and their time per completion, without queueing for connections.
      const requests = Math.max(s.sql.committed, 1);
      statementsPerCompletion = (s.sql.inTransaction + s.sql.outside + 2 * s.sql.transactions) / requests;
      transactionsPerCompletion = s.sql.transactions / requests;
      topStatements = [...s.sql.byStatement]
        .map(([sql, e]) => ({ sql, perCompletion: e.n / requests, meanMs: e.ms / e.n, shareOfRequest: e.ms / requests / level.p50 }))
        .sort((a, b) => b.perCompletion * b.meanMs - a.perCompletion * a.meanMs)
        .slice(0, 14);
    }
  }
  const setupSeconds = setup.setupMs / 1000;
  options.log(`  ${s.kind}: ${setup.made} cases started through the engine in ${setupSeconds.toFixed(1)} s`);
  return { levels, setupSeconds, statementsPerCompletion, transactionsPerCompletion, topStatements, fastest };
}

export interface InboxResult {
  openTasks: number;
  inboxTotal: number;
  requests: number;
  p50: number;
  p99: number;
  seedSeconds: number;
  /** EXPLAIN ANALYZE of the inbox's statements, as run by the engine. */
  plans: Array<{ sql: string; plan: string[] }>;
}

/**
 * Fills the database with open work (SQL, not the engine: 100k cases through HTTP would take
 * longer than the whole benchmark) and measures the inbox of one township head, who holds a few
 * hundred of the tasks: 300 assigned, 100 in their unit's handler pool.
 */
export async function runInbox(s: BenchServer, options: { tasks: number; requests: number; user: string; log: (m: string) => void }): Promise<InboxResult> {
  const db = s.server.db;
  const t0 = performance.now();
  const [target] = await db.execute<{ id: string; unit_id: string }>('SELECT id, unit_id FROM app_user WHERE username = $1', [options.user]);
  if (!target) throw new Error(`bench: no user ${options.user}`);
  const units = (await db.execute<{ id: string }>(`SELECT id FROM org_unit WHERE kind IN ('township', 'department') ORDER BY code`)).map((u) => u.id);
  // A county has more staff than the demo directory: 1,000 more people in the townships and departments.
  await db.execute(
    `INSERT INTO app_user (id, username, display_name, display_name_en, unit_id, active)
     SELECT md5('bench-user-' || g)::uuid, 'bench-user-' || g, '工作人员' || g, 'Staff member ' || g, ($1::uuid[])[1 + g % cardinality($1::uuid[])], true
     FROM generate_series(1, 1000) g`,
    [units],
  );
  await db.execute(`INSERT INTO membership (user_id, role_key, unit_id) SELECT id, 'staff', unit_id FROM app_user WHERE username LIKE 'bench-user-%'`);
  const others = (await db.execute<{ id: string }>('SELECT id FROM app_user WHERE id <> $1 AND active ORDER BY username', [target.id])).map((u) => u.id);
  const poolUnits = units.filter((u) => u !== target.unit_id);
  // Every bulk case carries the snapshot of a real case waiting in the same step.
  const [liaison] = await db.execute<{ id: string; unit_id: string }>(`SELECT id, unit_id FROM app_user WHERE username = 'shilizhen-liaison'`);
  const started = await s.server.engine.startCase(
    { id: liaison!.id, unitId: liaison!.unit_id, isAdmin: false, lang: 'zh-CN' },
    { definition: durableDefinition.key, data: { subject: '样例请示' } },
  );
  const [sample] = await db.execute<{ snapshot: Record<string, unknown>; definition_version: number }>(
    'SELECT snapshot, definition_version FROM instance WHERE id = $1',
    [started.body.id],
  );
  if (!sample) throw new Error('bench: no case to copy a snapshot from');
  const now = new Date();
  const mine = 300;
  const pooled = 100;
  await db.execute(
    `INSERT INTO instance (id, definition_key, definition_version, status, title, initiator_id, data, snapshot, version, state, created_at, updated_at)
     SELECT md5('bench-case-' || g)::uuid, $1, $2, 'running', '关于' || (g % 97 + 1) || '号事项的请示（' || g || '）',
       ($3::uuid[])[1 + g % cardinality($3::uuid[])], '{}'::jsonb, $4::jsonb, 1, 'review',
       $5::timestamptz - (g % 90000) * interval '1 minute', $5::timestamptz - (g % 90000) * interval '1 minute'
     FROM generate_series(1, $6::int) g`,
    [durableDefinition.key, sample.definition_version, others, sample.snapshot, now, options.tasks],
  );
  // 85% of the rest assigned to someone, 15% offered to a unit's handler pool; 70% with a due date, some overdue.
  await db.execute(
    `INSERT INTO task (id, instance_id, state_key, slot, kind, status, title, assignee_id, candidate_role, candidate_unit_id, due_at, created_at, sort)
     SELECT md5('bench-task-' || g)::uuid, md5('bench-case-' || g)::uuid, 'review', 'review#1/' || g,
       CASE WHEN pool THEN 'task' ELSE 'approval' END, 'open', '单位负责人审核',
       CASE WHEN pool THEN NULL WHEN g <= $2 THEN $1::uuid ELSE ($4::uuid[])[1 + (g * 7919) % cardinality($4::uuid[])] END,
       CASE WHEN pool THEN 'handler' END,
       CASE WHEN NOT pool THEN NULL WHEN g <= $2 + $3 THEN $7::uuid ELSE ($5::uuid[])[1 + g % cardinality($5::uuid[])] END,
       CASE WHEN g % 10 < 7 THEN $6::timestamptz + ((g % 40) - 10) * interval '1 day' END,
       $6::timestamptz - (g % 90000) * interval '1 minute', 0
     FROM (SELECT g, (g > $2 AND g <= $2 + $3) OR (g > $2 + $3 AND g % 100 >= 85) AS pool FROM generate_series(1, $8::int) g) AS x`,
    [target.id, mine, pooled, others, poolUnits, now, target.unit_id, options.tasks],
  );
  await db.execute('ANALYZE');
  const [open] = await db.execute<{ n: number }>(`SELECT count(*)::int AS n FROM task WHERE status = 'open'`);
  const seedSeconds = (performance.now() - t0) / 1000;
  options.log(`  ${s.kind}: ${open?.n} open tasks after seeding (${seedSeconds.toFixed(1)} s)`);

  const token = await login(s.baseUrl, options.user);
  const once = async () => {
    const started = performance.now();
    const res = await api<{ total: number; items: unknown[] }>(s.baseUrl, 'GET', '/api/tasks?pageSize=20', { token });
    if (res.status !== 200 || res.body.items.length !== 20) throw new Error(`bench: inbox answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return { ms: performance.now() - started, total: res.body.total };
  };
  for (let i = 0; i < 20; i++) await once();
  const samples: number[] = [];
  let inboxTotal = 0;
  for (let i = 0; i < options.requests; i++) {
    const r = await once();
    samples.push(r.ms);
    inboxTotal = r.total;
  }

  // The statements the inbox ran, explained with their real parameters.
  s.sql.capture = [];
  await once();
  const captured = s.sql.capture.filter((c) => /FROM task t JOIN instance i/.test(c.sql));
  s.sql.capture = null;
  const plans: InboxResult['plans'] = [];
  for (const c of captured) {
    const rows = await db.execute<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, c.params);
    plans.push({ sql: c.sql.replace(/\s+/g, ' ').trim(), plan: rows.map((r) => String(Object.values(r)[0])) });
  }
  return { openTasks: open?.n ?? 0, inboxTotal, requests: options.requests, p50: median(samples), p99: percentile(samples, 99), seedSeconds, plans };
}
