/**
 * Drives HTTP load at the server from another process: `wrk` (native, so the generator does not
 * eat the server's CPU; `apt-get install -y wrk`) walking a list of requests with
 * `wrk-walk.lua`, or, when wrk is missing or `BENCH_LOAD=node`, the Node fallback in
 * `load-client.ts`. Either way the generator's own CPU time is reported beside the result.
 */
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './load-client.js';

export type { LoadJob, LoadResult };

const CLOCK_TICK_MS = 10; // USER_HZ = 100 on Linux

let generator: 'wrk' | 'node' | undefined;

/** Which generator runs: wrk when installed, unless `BENCH_LOAD=node`; says so once. */
export function loadGenerator(log: (m: string) => void = console.log): 'wrk' | 'node' {
  if (generator) return generator;
  if (process.env.BENCH_LOAD === 'node') generator = 'node';
  else if (spawnSync('wrk', ['--version']).error) {
    generator = 'node';
    log(
      '  wrk not found: load comes from the Node fallback (tests/bench/load-client.ts), which takes CPU from the server on a small machine. Install wrk (`apt-get install -y wrk`) for the recorded figures.',
    );
  } else generator = 'wrk';
  return generator;
}

export interface LoadHooks {
  /** Called as the generator starts, right after it is spawned (to read the clocks). */
  onStart?: () => Promise<void>;
  /** Ends the run early once it answers true (wrk only; the Node client ends when its list does). */
  stopWhen?: () => boolean;
}

export function runLoad(job: LoadJob, hooks: LoadHooks = {}): Promise<LoadResult> {
  return loadGenerator() === 'wrk' ? runWrk(job, hooks) : runNode(job, hooks);
}

async function runNode(job: LoadJob, hooks: LoadHooks): Promise<LoadResult> {
  const child = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (m: { result?: LoadResult; error?: string }) => (m.result ? resolve(m.result) : reject(new Error(m.error))));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load client exited with ${code}`))));
  });
  await hooks.onStart?.();
  child.send(job);
  return result;
}

interface WrkOut {
  durationUs: number;
  requests: number;
  /** First request to last answer; used when a list ran out before -d (wrk still waits it out). */
  activeUs: number;
  exhausted: boolean;
  statuses: Record<string, number>;
  samples: Record<string, string>;
  socketErrors: Record<string, number>;
  p50Us: number;
  p99Us: number;
}

/**
 * wrk with one or two threads (two cores), one connection per client, for the job's deadline or
 * until `stopWhen()` says the work is done (polled every 200 ms; wrk then gets SIGINT and reports).
 * Its CPU time comes from its own /proc/self/stat, printed by the Lua script as wrk ends.
 */
async function runWrk(job: LoadJob, hooks: LoadHooks): Promise<LoadResult> {
  const { stopWhen } = hooks;
  const threads = Math.min(2, job.connections);
  const dir = mkdtempSync(join(tmpdir(), 'chancery-wrk-'));
  try {
    for (let t = 0; t < threads; t++) {
      const mine = job.requests.filter((_, i) => i % threads === t);
      writeFileSync(join(dir, `list-${t + 1}.txt`), mine.map((r) => `${r.path}\t${r.token}`).join('\n') + '\n');
    }
    writeFileSync(join(dir, 'body.json'), JSON.stringify(job.body));
    const script = fileURLToPath(new URL('./wrk-walk.lua', import.meta.url));
    const seconds = Math.max(1, Math.ceil(job.deadlineMs / 1000));
    const args = [
      `-t${threads}`,
      `-c${job.connections}`,
      `-d${seconds}s`,
      '--timeout',
      '30s',
      '-s',
      script,
      job.baseUrl,
      '--',
      join(dir, 'list-'),
      join(dir, 'body.json'),
    ];
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // Spawning costs this process a little; the clocks start after it (wrk is still connecting).
    const started = hooks.onStart?.();
    const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
      let out = '';
      let err = '';
      const poll = stopWhen ? setInterval(() => void (stopWhen() && child.kill('SIGINT')), 200) : undefined;
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.once('error', reject);
      child.once('close', (c) => {
        clearInterval(poll);
        resolve({ stdout: out, stderr: err, code: c });
      });
    });
    await started;
    const line = /^WRK_RESULT (.*)$/m.exec(stdout)?.[1];
    if (code !== 0 || !line) throw new Error(`wrk failed (${code}): ${stderr || stdout}`);
    const r = JSON.parse(line) as WrkOut;
    const stat = /^WRK_STAT (.*)$/m.exec(stdout)?.[1] ?? '';
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
    const statuses = { ...r.statuses };
    for (const [k, v] of Object.entries(r.socketErrors)) if (v > 0) statuses[`socket ${k}`] = v;
    const ok = Object.entries(r.statuses)
      .filter(([k]) => k.startsWith('2'))
      .reduce((n, [, v]) => n + v, 0);
    return {
      generator: 'wrk',
      ok,
      p50: r.p50Us / 1000,
      p99: r.p99Us / 1000,
      statuses,
      errorSamples: Object.entries(r.samples).map(([k, v]) => `${k} ${v}`),
      seconds: (r.exhausted && r.activeUs > 0 ? r.activeUs : r.durationUs) / 1e6,
      cpuMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
