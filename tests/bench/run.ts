/**
 * `npm run bench`: the engine's speed, measured, printed and recorded in BENCHMARKS.md.
 *
 * 1. in-process `step()` against bpmn-engine on the same three-step approval;
 * 2. durable task completions over HTTP with 1, 8 and 32 clients, on PGlite and PostgreSQL;
 * 3. inbox latency with 100k open tasks, on both;
 * 4. plugin actions run through the job queue (`actions.bench.ts`), on both.
 *
 * Options: `--quick` (small counts, prints only), `--only=step|pglite|postgresql|forms|ui` (prints only),
 * `--no-write`.
 * `BENCH_POSTGRES_URL` (default postgres://postgres@127.0.0.1:5432/postgres) is the server on which
 * a fresh database is created and dropped.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runActionBench, type ActionBenchResult } from './actions.bench.js';
import { formatFormsBench, runFormsBench } from './forms.bench.js';
import { formatUiBench, runUiBench } from './ui.bench.js';
import { startProfile, type ProfileSummary } from './cpu-profile.js';
import { floorLevels, type FloorLevel } from './floor.js';
import {
  COMPLETE_BODY,
  describe,
  measure,
  runDurable,
  runInbox,
  setupDurable,
  startBenchServer,
  type DbKind,
  type DurableResult,
  type InboxResult,
  type Measured,
} from './http-bench.js';
import { loadGenerator } from './load.js';
import { runCountersign, runMemory, runStartCase, SIGNERS, type CountersignResult, type MemoryResult } from './scenarios.js';
import { fmtMs, fmtRate } from './stats.js';
import { runStepBench, TRANSITIONS_PER_CASE, type StepBenchResult } from './step-bench.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const only = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length) as DbKind | 'step' | 'forms' | 'ui' | undefined;
const write = !quick && !args.has('--no-write') && !only;
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (m: string) => console.log(m);

const TARGETS = { stepPerSecond: 50_000, pgCompletions32: 1_000, pgP99: 100, serverCpuMs: 1.0, pgliteCompletions: 300 };
const sizes = quick
  ? {
      step: { rounds: 2, roundMs: 500, warmupMs: 300 },
      levels: [
        { clients: 1, perClient: 60 },
        { clients: 8, perClient: 15 },
        { clients: 32, perClient: 5 },
      ],
      warmup: { clients: 4, perClient: 5 },
      deadlineMs: 4000,
      tasks: 5_000,
      requests: 30,
      floorCopies: { pglite: 300, postgresql: 1_000 },
      countersignCases: 10,
      memory: { first: 500, total: 2_000 },
    }
  : {
      step: { rounds: 5, roundMs: 2000, warmupMs: 1500 },
      levels: [
        { clients: 1, perClient: 6000 },
        { clients: 8, perClient: 1000 },
        { clients: 32, perClient: 300 },
      ],
      warmup: { clients: 8, perClient: 30 },
      deadlineMs: 8_000,
      tasks: 100_000,
      requests: 200,
      actions: 500,
      floorCopies: { pglite: 5_000, postgresql: 25_000 },
      countersignCases: 200,
      memory: { first: 10_000, total: 100_000 },
    };
// BENCH_MEMORY_COMPLETIONS=N: the memory run's total (0 skips it); its first point stays at a tenth.
const memoryTotal = process.env.BENCH_MEMORY_COMPLETIONS === undefined ? sizes.memory.total : Number(process.env.BENCH_MEMORY_COMPLETIONS);
const config = { ...sizes, memory: { first: Math.round(memoryTotal / 10), total: memoryTotal } };
const CLIENT_LEVELS = config.levels.map((l) => l.clients);

interface DbRun {
  kind: DbKind;
  durable?: DurableResult;
  floor?: FloorLevel[];
  floorWithoutNotify?: FloorLevel;
  floorWrites?: string[];
  profile?: { summary: ProfileSummary; run: Measured };
  start?: Measured[];
  countersign?: CountersignResult;
  memory?: MemoryResult;
  inbox?: InboxResult;
  actions?: ActionBenchResult;
  error?: string;
  logged?: Array<[string, number]>;
  settings?: Record<string, string>;
}

async function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const pkg = (name: string) => (JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    cpu: model,
    cores: cpus().length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    date: new Date().toISOString(),
    load: loadavg(),
    loadEnd: [] as number[],
    versions: { xstate: pkg('xstate'), 'bpmn-engine': pkg('bpmn-engine'), '@electric-sql/pglite': pkg('@electric-sql/pglite'), 'pg-boss': pkg('pg-boss') },
  };
}

async function postgresSettings(): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    out.version = version.rows[0]!.server_version;
    for (const name of ['synchronous_commit', 'fsync', 'shared_buffers', 'max_connections', 'work_mem']) {
      const r = await client.query<Record<string, string>>(`SHOW ${name}`);
      out[name] = String(Object.values(r.rows[0]!)[0]);
    }
    return out;
  } finally {
    await client.end();
  }
}

async function runDatabase(kind: DbKind): Promise<DbRun> {
  log(`\n== ${dbName(kind)} ==`);
  const run: DbRun = { kind };
  let s: Awaited<ReturnType<typeof startBenchServer>> | undefined;
  try {
    if (kind === 'postgresql') run.settings = await postgresSettings();
    s = await startBenchServer(kind, postgresUrl);
    log(`  server on ${s.baseUrl}; load from ${loadGenerator(log)}`);
    const setup = await setupDurable(s);
    const durable = await runDurable(s, setup, { levels: config.levels, warmup: config.warmup, deadlineMs: config.deadlineMs, log });
    run.durable = durable;
    const floor = await floorLevels(s, setup, { levels: CLIENT_LEVELS, deadlineMs: config.deadlineMs, copies: config.floorCopies[kind], log });
    run.floor = floor.levels;
    if (floor.withoutNotify) run.floorWithoutNotify = floor.withoutNotify;
    run.floorWrites = floor.captured.writes.map((w) => w.sql.replace(/\s+/g, ' ').trim());
    // The server under the profiler at 32 clients (a run of its own: sampling slows it down).
    const requests = await setup.prepare(32, Math.ceil((durable.fastest * (config.deadlineMs / 1000) * 1.5) / 32));
    let profiler: Awaited<ReturnType<typeof startProfile>> | undefined;
    const profiledRun = await measure(
      s,
      { baseUrl: s.baseUrl, connections: 32, requests, deadlineMs: config.deadlineMs, body: COMPLETE_BODY },
      { onStart: async () => void (profiler = await startProfile(`${kind}-complete-32`)) },
    );
    const summary = await profiler!.stop();
    run.profile = { summary, run: profiledRun };
    log(`${describe(kind, 'completions under the profiler', profiledRun)}\n  profile: ${summary.file}`);
    for (const f of summary.frames.slice(0, 5)) log(`    ${(f.share * 100).toFixed(1)}% ${f.frame}`);
    run.start = await runStartCase(s, setup, { levels: CLIENT_LEVELS, deadlineMs: config.deadlineMs, perSecond: durable.fastest / 2, log });
    run.countersign = await runCountersign(s, setup, { cases: config.countersignCases, deadlineMs: config.deadlineMs, log });
    run.inbox = await runInbox(s, { tasks: config.tasks, requests: config.requests, user: 'shilizhen-head', log });
    log(
      `  inbox: p50 ${fmtMs(run.inbox.p50)} ms, p99 ${fmtMs(run.inbox.p99)} ms (${run.inbox.inboxTotal} items in the inbox, ${run.inbox.openTasks} open tasks)`,
    );
    // PGlite at its rate would take most of the time budget for 100,000; the bound is the server's either way.
    if (kind === 'postgresql' && config.memory.total > 0) run.memory = await runMemory(s, setup, { ...config.memory, clients: 32, log });
    run.logged = [...s.logged];
    await s.close();
    s = undefined;
    run.actions = await runActionBench(kind, { postgresAdminUrl: postgresUrl, actions: config.actions });
    log(`  actions: ${fmtRate(run.actions.perSecond)}/s (${run.actions.actions} in ${run.actions.seconds.toFixed(1)} s)`);
  } catch (e) {
    run.error = String((e as Error)?.stack ?? e);
    console.error(`  ${kind} failed:`, e);
  } finally {
    if (s) {
      run.logged = [...s.logged];
      await s.close().catch((e: unknown) => console.error(`  closing ${kind} failed:`, e));
    }
  }
  return run;
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((h, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

function report(m: Awaited<ReturnType<typeof machine>>, step: StepBenchResult | null, runs: DbRun[], seconds: number): string {
  const out: string[] = [];
  const byKind = (k: DbKind) => runs.find((r) => r.kind === k);
  const lite = byKind('pglite');
  const postgres = byKind('postgresql');
  out.push(
    `Run on ${m.date.slice(0, 16).replace('T', ' ')} UTC: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB, Node ${m.node}; load average (1/5/15 min) ${m.load.map((l) => l.toFixed(2)).join(' / ')} at the start, ${m.loadEnd.map((l) => l.toFixed(2)).join(' / ')} at the end.`,
  );
  out.push(
    `Command: \`npm run bench\` (\`tsx tests/bench/run.ts\`${quick ? ' --quick' : ''}), ${Math.round(seconds)} s in all. Versions: ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  );
  if (postgres?.settings)
    out.push(
      `PostgreSQL ${postgres.settings.version} on the same machine: ${['synchronous_commit', 'fsync', 'shared_buffers', 'max_connections'].map((k) => `${k}=${postgres.settings![k]}`).join(', ')}.`,
    );

  if (step) out.push(...stepSection(m, step));
  if (runs.length > 0) {
    out.push(...durableSection(lite, postgres));
    out.push(...scenarioSection(lite, postgres));
    out.push(...inboxSection(lite, postgres));
    out.push(...actionSection(lite, postgres));
  }
  const problems = runs.filter((r) => r.error || r.logged?.length);
  if (problems.length) {
    out.push('\n### Problems during the run\n');
    for (const r of problems) {
      if (r.error) out.push(`- ${dbName(r.kind)} failed: \`${r.error.split('\n')[0]}\``);
      for (const [msg, n] of r.logged ?? []) out.push(`- ${dbName(r.kind)} server logged ${n}× \`${msg}\``);
    }
  }
  return out.join('\n');
}

const dbName = (k: DbKind) => (k === 'pglite' ? 'PGlite' : 'PostgreSQL');

function actionSection(lite: DbRun | undefined, postgres: DbRun | undefined): string[] {
  if (!lite?.actions && !postgres?.actions) return [];
  const cell = (r: DbRun | undefined, f: (a: ActionBenchResult) => string) => (r?.actions ? f(r.actions) : '—');
  return [
    '\n### 4. Plugin actions through the job queue\n',
    '`tests/bench/actions.bench.ts`: cases started with the action worker off, so their plugin action jobs wait in pg-boss; then the runner starts and the clock runs until every action has run and its outcome is recorded in its case.\n',
    table(
      ['', 'PGlite', 'PostgreSQL'],
      [
        ['actions per second', cell(lite, (a) => fmtRate(a.perSecond)), cell(postgres, (a) => fmtRate(a.perSecond))],
        ['actions (batch size)', cell(lite, (a) => `${a.actions} (${a.batchSize})`), cell(postgres, (a) => `${a.actions} (${a.batchSize})`)],
        ['warnings/errors logged', cell(lite, (a) => String(a.logged)), cell(postgres, (a) => String(a.logged))],
      ],
    ),
  ];
}

function stepSection(m: Awaited<ReturnType<typeof machine>>, step: StepBenchResult): string[] {
  const out: string[] = [];
  out.push('\n### 1. In-process engine: `step()` against bpmn-engine\n');
  out.push('Same process, same run, same three-step approval (start, then three approvals in order, to the end); no database, so one column for both.');
  out.push(`Median of ${step.rounds} rounds of ${step.roundMs / 1000} s each, after warm-up; the engines alternate.\n`);
  out.push(
    table(
      ['', 'Chancery `start`/`step`', `bpmn-engine ${m.versions['bpmn-engine']}`, 'ratio'],
      [
        ['cases per second', fmtRate(step.chancery.casesPerSecond), fmtRate(step.bpmnEngine.casesPerSecond), `${step.ratio.toFixed(1)}×`],
        [
          `transitions per second (${TRANSITIONS_PER_CASE} per case)`,
          fmtRate(step.chancery.transitionsPerSecond),
          fmtRate(step.bpmnEngine.transitionsPerSecond),
          `${step.ratio.toFixed(1)}×`,
        ],
        ['`step()`/`start()` calls per second (7 per case, incl. `work.assigned`)', fmtRate(step.chancery.stepCallsPerSecond ?? Number.NaN), '—', ''],
      ],
    ),
  );
  const stepOk = (step.chancery.stepCallsPerSecond ?? 0) >= TARGETS.stepPerSecond;
  out.push(
    `\nTarget \`step()\` ≥ ${fmtRate(TARGETS.stepPerSecond)}/s: ${verdict(stepOk)} (${fmtRate(step.chancery.stepCallsPerSecond ?? Number.NaN)} calls/s). Rounds (cases/s): Chancery ${step.chancery.rounds.map(fmtRate).join(', ')}; bpmn-engine ${step.bpmnEngine.rounds.map(fmtRate).join(', ')}.`,
  );

  return out;
}

const ms2 = (n: number | null | undefined) => (n == null || !Number.isFinite(n) ? '—' : n.toFixed(2));
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}` : '—');
const failedOf = (m: Measured) => {
  const failed = Object.entries(m.statuses).filter(([k]) => !k.startsWith('2'));
  return failed.length === 0 ? '0' : failed.map(([k, v]) => `${v}× ${k}`).join(', ');
};
const generatorName = (runs: Array<DbRun | undefined>) =>
  runs.some((r) => r?.durable?.levels[0]?.generator === 'node')
    ? 'the Node fallback client (`tests/bench/load-client.ts`; wrk was not installed)'
    : '`wrk` (`tests/bench/wrk-walk.lua`)';

function durableSection(lite: DbRun | undefined, postgres: DbRun | undefined): string[] {
  const out: string[] = [];
  out.push('\n### 2. Durable task completions over HTTP\n');
  out.push(
    `Each completion is one \`POST /api/tasks/:id/complete\` (outcome approve, an opinion) by the task's assignee, committed before the 200: the unit head approves, the engine opens the deputy head's task. Load from ${generatorName([lite, postgres])}, one connection per client, each taking the next task of a list, for ${config.deadlineMs / 1000} s per level; rate = 200s ÷ duration; latency over all answers.\n`,
  );
  const levelRows = CLIENT_LEVELS.map((clients, i) => {
    const cell = (r: DbRun | undefined) => {
      const l = r?.durable?.levels[i];
      if (!l) return ['—', '—', '—', '—', '—'];
      return [fmtRate(l.perSecond), fmtMs(l.p50), fmtMs(l.p99), `${fmtRate(l.ok)} in ${l.seconds.toFixed(1)} s`, failedOf(l)];
    };
    return [String(clients), ...cell(lite), ...cell(postgres)];
  });
  out.push(table(['clients', 'PGlite /s', 'p50 ms', 'p99 ms', '200s', 'errors', 'PostgreSQL /s', 'p50 ms', 'p99 ms', '200s', 'errors'], levelRows));
  const samples = [lite, postgres].flatMap((r) =>
    (r?.durable?.levels ?? []).flatMap((l) => l.errorSamples.map((e) => `${dbName(r!.kind)}, ${l.clients} clients: \`${e.replace(/`/g, "'")}\``)),
  );
  if (samples.length) out.push(`\nFailed requests (first of each status):\n\n${samples.map((e) => `- ${e}`).join('\n')}`);
  const pg32 = postgres?.durable?.levels.find((l) => l.clients === 32);
  const lite32 = lite?.durable?.levels.find((l) => l.clients === 32);
  out.push('');
  if (pg32)
    out.push(
      `Target on PostgreSQL at 32 clients, ≥ ${fmtRate(TARGETS.pgCompletions32)}/s with p99 < ${TARGETS.pgP99} ms: ${verdict(pg32.perSecond >= TARGETS.pgCompletions32 && pg32.p99 < TARGETS.pgP99)} (${fmtRate(pg32.perSecond)}/s, p99 ${fmtMs(pg32.p99)} ms).`,
    );
  if (pg32?.postgresCpuMs != null) {
    const total = pg32.nodeCpuMs + pg32.postgresCpuMs;
    out.push(
      `Target ≤ ${TARGETS.serverCpuMs.toFixed(1)} ms of server CPU (Node + PostgreSQL backends) per completion at 32 clients: ${verdict(total <= TARGETS.serverCpuMs)} (${total.toFixed(2)} ms).`,
    );
  }
  if (lite32)
    out.push(
      `Target on PGlite, ≥ ${TARGETS.pgliteCompletions}/s: ${verdict(Math.max(...lite!.durable!.levels.map((l) => l.perSecond)) >= TARGETS.pgliteCompletions)} (best level ${fmtRate(Math.max(...lite!.durable!.levels.map((l) => l.perSecond)))}/s).`,
    );

  out.push('\n#### The floor: the same writes without the engine\n');
  const writes = postgres?.floorWrites ?? lite?.floorWrites;
  out.push(
    `\`tests/bench/floor.ts\`: one real completion is captured at the driver and its ${writes?.length ?? '—'} writing statements (of ${(postgres ?? lite)?.durable ? (postgres ?? lite)!.durable!.statementsPerCompletion.toFixed(0) : '—'} the completion sends, BEGIN/COMMIT included) are replayed in one transaction per case, prepared once per connection, on SQL copies of a real open case (same rows, indexes and triggers), with plain \`pg\` (PGlite: its raw connection, no engine), at the same client counts in the same run, for up to ${config.deadlineMs / 1000} s each. Chancery ÷ floor is the share of the database's own rate the engine reaches.\n`,
  );
  out.push(
    table(
      [
        'clients',
        'PostgreSQL floor /s',
        'floor p50 ms',
        'floor p99 ms',
        'Chancery /s',
        'Chancery ÷ floor',
        'PGlite floor /s',
        'Chancery /s',
        'Chancery ÷ floor',
      ],
      CLIENT_LEVELS.map((clients, i) => {
        const pf = postgres?.floor?.[i];
        const lf = lite?.floor?.[i];
        const pc = postgres?.durable?.levels[i];
        const lc = lite?.durable?.levels[i];
        return [
          String(clients),
          pf ? fmtRate(pf.perSecond) : '—',
          pf ? fmtMs(pf.p50) : '—',
          pf ? fmtMs(pf.p99) : '—',
          pc ? fmtRate(pc.perSecond) : '—',
          ratio(pc?.perSecond, pf?.perSecond),
          lf ? fmtRate(lf.perSecond) : '—',
          lc ? fmtRate(lc.perSecond) : '—',
          ratio(lc?.perSecond, lf?.perSecond),
        ];
      }),
    ),
  );
  const quiet = postgres?.floorWithoutNotify;
  const noisy = postgres?.floor?.find((f) => f.clients === quiet?.clients);
  if (quiet && noisy) {
    out.push(
      `\nDiagnostic, PostgreSQL floor at ${quiet.clients} clients with the inbox signal's \`pg_notify\` switched off (trigger \`inbox_signal_announce\` disabled for this row only): ${fmtRate(quiet.perSecond)}/s (p50 ${fmtMs(quiet.p50)} ms, p99 ${fmtMs(quiet.p99)} ms) against ${fmtRate(noisy.perSecond)}/s with it. A transaction that notifies takes one cluster-wide lock at commit and holds it until its commit record is flushed, so notifying commits cannot share an fsync.`,
    );
  }
  const failures = [lite, postgres].flatMap((r) =>
    (r?.floor ?? []).flatMap((f) => f.failures.map((e) => `${dbName(r!.kind)} floor, ${f.clients} clients: \`${e}\``)),
  );
  if (failures.length) out.push(`\nFloor transactions that failed:\n\n${failures.map((e) => `- ${e}`).join('\n')}`);
  if (writes) out.push(`\n<details><summary>The replayed writes</summary>\n\n${writes.map((w) => '```sql\n' + w + '\n```').join('\n')}\n</details>`);

  out.push("\n#### Where a completion's time goes\n");
  out.push(
    "CPU time per completion (per command the server committed, in-flight ones at the end included) by process: the server's Node process (on PGlite the database runs inside it), the PostgreSQL backends of the benchmark database (sum over their pids of utime + stime from `/proc/<pid>/stat`, pg-boss's connections included), and the load generator; then the floor's, per transaction. Statements are counted at the driver: those inside the commands' transactions (BEGIN/COMMIT included), and all (with the job queue's background polling and the signed-in user lookup, which weigh more the lower the rate). Node runs JavaScript on one core, so 1 ÷ Node CPU bounds the rate.\n",
  );
  out.push(
    table(
      [
        'clients',
        'PGlite: Node ms',
        'generator ms',
        'statements (in tx / all)',
        'PostgreSQL: Node ms',
        'backends ms',
        'server total ms',
        'generator ms',
        'statements (in tx / all)',
        'floor: client ms',
        'floor: backends ms',
      ],
      CLIENT_LEVELS.map((clients, i) => {
        const l = lite?.durable?.levels[i];
        const p = postgres?.durable?.levels[i];
        const f = postgres?.floor?.[i];
        return [
          String(clients),
          ms2(l?.nodeCpuMs),
          ms2(l?.generatorCpuMs),
          l ? `${l.statementsInTransactions.toFixed(1)} / ${l.statements.toFixed(1)}` : '—',
          ms2(p?.nodeCpuMs),
          ms2(p?.postgresCpuMs),
          p && p.postgresCpuMs != null ? ms2(p.nodeCpuMs + p.postgresCpuMs) : '—',
          ms2(p?.generatorCpuMs),
          p ? `${p.statementsInTransactions.toFixed(1)} / ${p.statements.toFixed(1)}` : '—',
          ms2(f?.clientCpuMs),
          ms2(f?.postgresCpuMs),
        ];
      }),
    ),
  );
  out.push('\nStatements of one completion with 1 client (wall time each, measured around the driver call):\n');
  for (const r of [lite, postgres]) {
    if (!r?.durable) continue;
    out.push(
      `${dbName(r.kind)}: ${r.durable.statementsPerCompletion.toFixed(1)} SQL statements per completion (BEGIN/COMMIT included), ${r.durable.transactionsPerCompletion.toFixed(2)} transactions.\n`,
    );
    out.push(
      table(
        ['statement (first 90 characters)', 'per completion', 'mean ms', 'share of p50'],
        r.durable.topStatements.map((t) => [
          `\`${t.sql.replace(/\|/g, '\\|')}\``,
          t.perCompletion.toFixed(2),
          t.meanMs.toFixed(3),
          `${(t.shareOfRequest * 100).toFixed(0)}%`,
        ]),
      ),
    );
    out.push('');
  }
  out.push(...profileSection(lite, postgres));
  return out;
}

function profileSection(lite: DbRun | undefined, postgres: DbRun | undefined): string[] {
  const out: string[] = [];
  for (const r of [postgres, lite]) {
    if (!r?.profile) continue;
    const { summary: p, run } = r.profile;
    out.push(`\n#### CPU profile of the server, ${dbName(r.kind)}, 32 clients\n`);
    out.push(
      `V8's sampling profiler (what \`node --cpu-prof\` runs), switched on through \`node:inspector\` for one extra 32-client run of ${run.seconds.toFixed(1)} s (${fmtRate(run.perSecond)}/s under the profiler, ${fmtRate(run.ok)} completions); ${fmtRate(p.busyMs)} ms of ${fmtRate(p.totalMs)} ms sampled were busy. Self time, as a share of busy time, top ${p.frames.length} frames and then by package:\n`,
    );
    out.push(
      table(
        ['frame (function, file:line)', 'self ms', 'share'],
        p.frames.map((f) => [`\`${f.frame.replace(/\|/g, '\\|')}\``, fmtRate(f.ms), `${(f.share * 100).toFixed(1)}%`]),
      ),
    );
    out.push('');
    out.push(
      table(
        ['package', 'self ms', 'share'],
        p.packages.slice(0, 10).map((f) => [f.name, fmtRate(f.ms), `${(f.share * 100).toFixed(1)}%`]),
      ),
    );
  }
  return out;
}

function scenarioSection(lite: DbRun | undefined, postgres: DbRun | undefined): string[] {
  const out: string[] = [];
  if (lite?.start || postgres?.start) {
    out.push('\n### 2b. Starting a case\n');
    out.push(
      "`POST /api/instances` by the units' liaisons with a start form the server validates (required fields, integer range, `date` format, a phone `pattern`, lengths); the case opens the unit head's task. Same generator, clocks and counters as completions.\n",
    );
    out.push(
      table(
        [
          'clients',
          'PGlite /s',
          'p50 ms',
          'p99 ms',
          'Node ms',
          'statements',
          'errors',
          'PostgreSQL /s',
          'p50 ms',
          'p99 ms',
          'Node ms',
          'backends ms',
          'statements',
          'errors',
        ],
        CLIENT_LEVELS.map((clients, i) => {
          const l = lite?.start?.[i];
          const p = postgres?.start?.[i];
          return [
            String(clients),
            l ? fmtRate(l.perSecond) : '—',
            l ? fmtMs(l.p50) : '—',
            l ? fmtMs(l.p99) : '—',
            ms2(l?.nodeCpuMs),
            l ? l.statements.toFixed(1) : '—',
            l ? failedOf(l) : '—',
            p ? fmtRate(p.perSecond) : '—',
            p ? fmtMs(p.p50) : '—',
            p ? fmtMs(p.p99) : '—',
            ms2(p?.nodeCpuMs),
            ms2(p?.postgresCpuMs),
            p ? p.statements.toFixed(1) : '—',
            p ? failedOf(p) : '—',
          ];
        }),
      ),
    );
  }
  if (lite?.countersign || postgres?.countersign) {
    out.push(`\n### 2c. 会签: ${SIGNERS} signers completing at once\n`);
    out.push(
      `One approval step (mode all) with ${SIGNERS} named signers; each case's ${SIGNERS} tasks are sent at once on ${SIGNERS} connections, so completions race on the case's version: a loser is re-run on the new state, and the re-run locks the case row as it loads it, so it waits its turn instead of racing again (a 409 only after three lost tries). A version race is one lost optimistic check.\n`,
    );
    const cs = (r: DbRun | undefined, f: (c: CountersignResult) => string) => (r?.countersign ? f(r.countersign) : '—');
    out.push(
      table(
        ['', 'PGlite', 'PostgreSQL'],
        [
          ['completions per second (200s)', cs(lite, (c) => fmtRate(c.perSecond)), cs(postgres, (c) => fmtRate(c.perSecond))],
          ['p50 / p99 ms', cs(lite, (c) => `${fmtMs(c.p50)} / ${fmtMs(c.p99)}`), cs(postgres, (c) => `${fmtMs(c.p50)} / ${fmtMs(c.p99)}`)],
          ['cases finished (all signed)', cs(lite, (c) => `${c.casesDone} of ${c.cases}`), cs(postgres, (c) => `${c.casesDone} of ${c.cases}`)],
          [
            'version races (re-runs or 409s)',
            cs(lite, (c) => `${fmtRate(c.conflicts)} (${(c.conflicts / Math.max(c.requests, 1)).toFixed(2)} per request)`),
            cs(postgres, (c) => `${fmtRate(c.conflicts)} (${(c.conflicts / Math.max(c.requests, 1)).toFixed(2)} per request)`),
          ],
          ['answers not 200', cs(lite, failedOf), cs(postgres, failedOf)],
          ['CPU per completion: Node / backends ms', cs(lite, (c) => ms2(c.nodeCpuMs)), cs(postgres, (c) => `${ms2(c.nodeCpuMs)} / ${ms2(c.postgresCpuMs)}`)],
          ['statements per completion', cs(lite, (c) => c.statements.toFixed(1)), cs(postgres, (c) => c.statements.toFixed(1))],
        ],
      ),
    );
  }
  for (const r of [postgres, lite]) {
    if (!r?.memory) continue;
    const m = r.memory;
    out.push(`\n### 2d. Memory after many completions (${dbName(r.kind)})\n`);
    out.push(
      `The server's resident set and V8 heap after a full GC, after ${fmtRate(m.points[0]?.completions ?? 0)} and after ${fmtRate(m.points[m.points.length - 1]?.completions ?? 0)} completions at ${m.clients} clients, on SQL copies of real open cases (${m.copySeconds.toFixed(0)} s to make). The caches that grow with use have bounds: the signed-in users' rows (10,000 entries, 5 s each), prepared statement names (5,000), compiled workflows (500 definition versions).\n`,
    );
    out.push(
      table(
        ['completions', 'RSS MiB', 'heap MiB', 'rate /s'],
        m.points.map((p) => [fmtRate(p.completions), p.rssMiB.toFixed(0), p.heapMiB.toFixed(0), fmtRate(p.perSecond)]),
      ),
    );
    const [a, b] = [m.points[0], m.points[m.points.length - 1]];
    if (a && b)
      out.push(
        `\nGrowth from ${fmtRate(a.completions)} to ${fmtRate(b.completions)}: RSS ${(b.rssMiB - a.rssMiB).toFixed(0)} MiB, heap ${(b.heapMiB - a.heapMiB).toFixed(0)} MiB${m.errors ? `; ${m.errors} requests not answered 200` : ''}.`,
      );
  }
  return out;
}

function inboxSection(lite: DbRun | undefined, postgres: DbRun | undefined): string[] {
  const out: string[] = [];
  out.push('\n### 3. Inbox latency with 100k open tasks\n');
  out.push(
    `\`GET /api/tasks?pageSize=20\` as \`shilizhen-head\` (十里镇负责人): ${config.requests} sequential requests after 20 warm-up ones. Open tasks inserted with SQL (one case each, 1,000 extra staff across the townships and departments; 85% assigned, 15% in unit pools, 70% with a due date), then \`ANALYZE\`.\n`,
  );
  out.push(
    table(
      ['', 'PGlite', 'PostgreSQL'],
      [
        ['open tasks in the database', ...[lite, postgres].map((r) => (r?.inbox ? fmtRate(r.inbox.openTasks) : '—'))],
        ['tasks in this inbox', ...[lite, postgres].map((r) => (r?.inbox ? fmtRate(r.inbox.inboxTotal) : '—'))],
        ['p50 ms', ...[lite, postgres].map((r) => (r?.inbox ? fmtMs(r.inbox.p50) : '—'))],
        ['p99 ms', ...[lite, postgres].map((r) => (r?.inbox ? fmtMs(r.inbox.p99) : '—'))],
      ],
    ),
  );
  for (const r of [lite, postgres]) {
    if (!r?.inbox?.plans.length) continue;
    out.push(`\n<details><summary>${dbName(r.kind)}: EXPLAIN ANALYZE of the inbox statements</summary>\n`);
    for (const p of r.inbox.plans) out.push('```\n' + p.sql + '\n\n' + p.plan.join('\n') + '\n```');
    out.push('</details>');
  }

  return out;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the results between the markers, keeping whatever people wrote around them. */
function record(results: string): void {
  const file = join(process.cwd(), 'BENCHMARKS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = current.indexOf(START);
  const b = current.indexOf(END);
  const next =
    a >= 0 && b > a ? `${current.slice(0, a + START.length)}\n${results}\n${current.slice(b)}` : `${current.trimEnd()}\n\n${START}\n${results}\n${END}\n`;
  writeFileSync(file, next);
}

async function main() {
  const t0 = performance.now();
  const m = await machine();
  log(
    `Chancery benchmarks${quick ? ' (quick)' : ''}: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB, Node ${m.node}, load ${m.load.map((l) => l.toFixed(2)).join(' ')}`,
  );
  log('\n== In-process step() vs bpmn-engine ==');
  const step = only && only !== 'step' ? null : await runStepBench({ ...config.step, log });
  const kinds: DbKind[] = only === 'pglite' || only === 'postgresql' ? [only] : only ? [] : ['pglite', 'postgresql'];
  const runs: DbRun[] = [];
  for (const k of kinds) runs.push(await runDatabase(k));
  // The browser parts (issues 3 and 6): forms side by side with rjsf and JSON Forms, and the app's load and inbox render.
  const browserParts: string[] = [];
  if (!only || only === 'forms') {
    log('\n== Forms in Chromium: Chancery vs rjsf vs JSON Forms ==');
    const rows = await runFormsBench({ rounds: quick ? 1 : 3, keystrokes: quick ? 5 : 20, log });
    browserParts.push('\n### 5. Forms in headless Chromium (medians; ratio = theirs ÷ ours, above 1× we are faster)\n', formatFormsBench(rows));
  }
  if (!only || only === 'ui') {
    log('\n== The app in Chromium ==');
    const ui = await runUiBench({ rounds: quick ? 1 : 3, tasks: quick ? 100 : 1000 });
    browserParts.push('\n### 6. The app: initial load and inbox rendering\n', formatUiBench(ui));
  }
  m.loadEnd = loadavg();
  const text = [report(m, step, runs, (performance.now() - t0) / 1000), ...browserParts].join('\n');
  log(`\n${text}\n`);
  if (write) {
    record(text);
    log('Recorded in BENCHMARKS.md.');
  }
  if (runs.some((r) => r.error)) process.exitCode = 1;
}

await main();
