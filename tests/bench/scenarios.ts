/**
 * The other things measured like completions (same generator, same CPU clocks and statement
 * counters): starting a case with a validated form, a 会签 (countersign) step whose ten signers
 * complete at once, and the server's memory after many completions.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { cloneCases } from './floor.js';
import { api, COMPLETE_BODY, completePath, describe, login, measure, type BenchServer, type DurableSetup, type Measured } from './http-bench.js';
import type { LoadJob } from './load.js';

/** Starting a case: the liaison files a request with a start form the server validates (ajv, with its formats and limits). */
export const startDefinition: WorkflowDefinition = {
  key: 'bench-request',
  title: { 'zh-CN': '经费请示（基准测试）', en: 'Funding request (benchmark)' },
  startForm: 'request',
  forms: {
    request: {
      schema: {
        type: 'object',
        required: ['subject', 'amount', 'date'],
        additionalProperties: false,
        properties: {
          subject: { type: 'string', title: '事由', minLength: 2, maxLength: 200 },
          amount: { type: 'integer', title: '金额（元）', minimum: 0, maximum: 100000000 },
          date: { type: 'string', format: 'date', title: '日期' },
          urgent: { type: 'boolean', title: '加急' },
          contact: { type: 'string', title: '联系电话', pattern: '^[0-9-]{7,20}$' },
          note: { type: 'string', title: '说明', maxLength: 2000 },
        },
      },
    },
  },
  initial: 'review',
  states: {
    review: {
      title: { 'zh-CN': '单位负责人审核', en: 'Unit head review' },
      approval: { assign: { head: { initiator: true } }, mode: 'any' },
      on: { approve: 'done', reject: 'done' },
    },
    done: { final: true },
  },
};

const START_BODY = {
  definition: startDefinition.key,
  data: {
    subject: '关于购置办公设备的经费请示',
    amount: 12800,
    date: '2026-12-01',
    urgent: false,
    contact: '0731-5550123',
    note: '原设备已使用八年，故障频繁，影响日常办公。',
  },
};

async function publish(s: BenchServer, definition: WorkflowDefinition): Promise<void> {
  const admin = await login(s.baseUrl, 'admin');
  const res = await api(s.baseUrl, 'POST', `/api/definitions/${definition.key}/publish`, { token: admin, body: { definition } });
  if (res.status !== 201) throw new Error(`bench: publish of ${definition.key} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** `POST /api/instances` by the units' liaisons, at each client count, for `deadlineMs` each. */
export async function runStartCase(
  s: BenchServer,
  setup: DurableSetup,
  options: { levels: number[]; deadlineMs: number; perSecond: number; log: (m: string) => void },
): Promise<Measured[]> {
  await publish(s, startDefinition);
  const tokens: string[] = [];
  for (const a of setup.approvers) tokens.push(await login(s.baseUrl, a.head.replace(/-head$/, '-liaison')));
  const out: Measured[] = [];
  for (const clients of options.levels) {
    const n = Math.max(clients * 5, Math.ceil(options.perSecond * (options.deadlineMs / 1000) * 1.5));
    const requests = Array.from({ length: n }, (_, i) => ({ path: '/api/instances', token: tokens[i % tokens.length]! }));
    const m = await measure(s, { baseUrl: s.baseUrl, connections: clients, requests, deadlineMs: options.deadlineMs, body: START_BODY });
    options.perSecond = Math.max(options.perSecond, m.perSecond);
    options.log(describe(s.kind, 'starting cases', m));
    out.push(m);
  }
  return out;
}

export const SIGNERS = 10;

export interface CountersignResult extends Measured {
  cases: number;
  /** Cases whose 会签 step finished (all ten approved) during the run. */
  casesDone: number;
}

/**
 * 会签: ten named signers on one step (mode all); each case's ten tasks are completed at once by
 * ten connections, so every completion but one races the others on the case's version.
 */
export async function runCountersign(
  s: BenchServer,
  setup: DurableSetup,
  options: { cases: number; deadlineMs: number; log: (m: string) => void },
): Promise<CountersignResult> {
  const heads = setup.approvers.map((a) => a.head);
  const others = await s.raw.execute<{ username: string }>(
    `SELECT username FROM app_user WHERE active AND NOT is_admin AND username LIKE '%-head' ORDER BY username`,
  );
  const signers = [...new Set([...heads, ...others.map((o) => o.username)])].slice(1, SIGNERS + 1);
  if (signers.length < SIGNERS) throw new Error(`bench: only ${signers.length} signers in the demo directory`);
  const definition: WorkflowDefinition = {
    key: 'bench-countersign',
    title: { 'zh-CN': '联合会签（基准测试）', en: 'Joint countersign (benchmark)' },
    initial: 'sign',
    states: {
      sign: {
        title: { 'zh-CN': '各单位会签', en: 'Units countersign' },
        approval: { assign: { users: signers }, mode: 'all' },
        on: { approve: 'done', reject: 'rejected' },
      },
      done: { final: true },
      rejected: { final: true, result: 'rejected' },
    },
  };
  await publish(s, definition);
  const tokens = new Map<string, string>();
  for (const u of signers) tokens.set(u, await login(s.baseUrl, u));
  const initiator = setup.approvers[0]!.liaison;
  const requests: LoadJob['requests'] = [];
  const caseIds: string[] = [];
  for (let i = 0; i < options.cases; i += 8) {
    const started = await Promise.all(
      Array.from({ length: Math.min(8, options.cases - i) }, () => s.server.engine.startCase(initiator, { definition: definition.key, data: {} })),
    );
    for (const r of started) {
      caseIds.push(r.body.id);
      const rows = await s.raw.execute<{ id: string; username: string }>(
        'SELECT t.id, u.username FROM task t JOIN app_user u ON u.id = t.assignee_id WHERE t.id = ANY($1::uuid[]) ORDER BY t.sort',
        [r.body.openedTasks],
      );
      if (rows.length !== SIGNERS) throw new Error(`bench: a 会签 case opened ${rows.length} tasks`);
      for (const row of rows) requests.push({ path: completePath(row.id), token: tokens.get(row.username)! });
    }
  }
  const m = await measure(s, { baseUrl: s.baseUrl, connections: SIGNERS, requests, deadlineMs: options.deadlineMs, body: COMPLETE_BODY });
  const [done] = await s.raw.execute<{ n: number }>(`SELECT count(*)::int AS n FROM instance WHERE id = ANY($1::uuid[]) AND status <> 'running'`, [caseIds]);
  const result = { ...m, cases: options.cases, casesDone: done?.n ?? 0 };
  options.log(`${describe(s.kind, `会签 of ${SIGNERS}`, m)}; ${result.casesDone} of ${result.cases} cases finished`);
  return result;
}

export interface MemoryResult {
  clients: number;
  /** After the first run and after all: completions so far, resident set and heap after a full GC, MiB. */
  points: Array<{ completions: number; rssMiB: number; heapMiB: number; perSecond: number }>;
  copySeconds: number;
  errors: number;
}

const MiB = 1024 * 1024;

function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/**
 * Memory: completions on SQL copies of real open cases (one template per approver), `first`
 * of them, then the rest up to `total`; the server's RSS and heap after a full GC each time.
 */
export async function runMemory(
  s: BenchServer,
  setup: DurableSetup,
  options: { first: number; total: number; clients: number; log: (m: string) => void },
): Promise<MemoryResult> {
  const t0 = performance.now();
  const used = setup.approvers.slice(0, options.clients);
  const per = Math.ceil(options.total / used.length);
  const lists: Array<Array<{ taskId: string }>> = [];
  for (const [i, a] of used.entries()) {
    const [template] = await setup.start(a, 1);
    lists.push(await cloneCases(s.raw, template!, per, `memory-${Date.now()}-${i}`));
  }
  const requests: LoadJob['requests'] = [];
  for (let k = 0; k < per && requests.length < options.total; k++) {
    for (const [i, a] of used.entries()) if (requests.length < options.total) requests.push({ path: completePath(lists[i]![k]!.taskId), token: a.token });
  }
  const copySeconds = (performance.now() - t0) / 1000;
  options.log(`  ${s.kind}: memory: ${requests.length} open cases copied in ${copySeconds.toFixed(1)} s`);
  await s.raw.execute('ANALYZE');
  const points: MemoryResult['points'] = [];
  let done = 0;
  let errors = 0;
  for (const upTo of [options.first, options.total]) {
    const slice = requests.slice(done, upTo);
    // Done when every request has committed, or (some failed) when nothing has moved for 3 s.
    let seen = -1;
    let since = performance.now();
    const finished = () => {
      if (s.sql.committed !== seen) [seen, since] = [s.sql.committed, performance.now()];
      return seen >= slice.length || performance.now() - since > 3000;
    };
    const m = await measure(
      s,
      { baseUrl: s.baseUrl, connections: options.clients, requests: slice, deadlineMs: 1_800_000, body: COMPLETE_BODY },
      { stopWhen: finished },
    );
    done = upTo;
    errors += m.requests - m.ok;
    collectGarbage();
    const mem = process.memoryUsage();
    points.push({ completions: done, rssMiB: mem.rss / MiB, heapMiB: mem.heapUsed / MiB, perSecond: m.perSecond });
    options.log(
      `  ${s.kind}: memory after ${done} completions: RSS ${(mem.rss / MiB).toFixed(0)} MiB, heap ${(mem.heapUsed / MiB).toFixed(0)} MiB (${Math.round(m.perSecond)}/s, ${m.requests - m.ok} not 200)`,
    );
  }
  return { clients: options.clients, points, copySeconds, errors };
}
