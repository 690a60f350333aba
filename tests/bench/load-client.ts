/**
 * The fallback load generator (when `wrk` is not installed), run as a child process so that its
 * own work (building requests, parsing responses) is not charged to the server's event loop. The
 * parent sends one job over IPC; `connections` loops take the next request from one shared list,
 * as wrk's connections do, over Node's `fetch` (keep-alive, one socket per loop).
 */
import { median, percentile } from './stats.js';

export interface LoadJob {
  baseUrl: string;
  connections: number;
  /** In the order they are to be sent; each is a POST of `body` with the bearer token. */
  requests: Array<{ path: string; token: string }>;
  /** Stop taking new requests after this many milliseconds. */
  deadlineMs: number;
  body: Record<string, unknown>;
}

export interface LoadResult {
  generator: 'wrk' | 'node';
  /** 2xx answers. */
  ok: number;
  /** Latency percentiles of all answers, ms. */
  p50: number;
  p99: number;
  /** Count per HTTP status (and `network` for failed requests). */
  statuses: Record<string, number>;
  /** Up to five distinct failures, for the report. */
  errorSamples: string[];
  seconds: number;
  /** CPU time the generator used (user + system), ms. */
  cpuMs: number;
}

async function runLoad(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  const body = JSON.stringify(job.body);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const stopAt = t0 + job.deadlineMs;
  let next = 0;
  let ok = 0;
  const note = (status: string, text: string) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (!status.startsWith('2') && errorSamples.length < 5 && !errorSamples.some((s) => s.startsWith(`${status} `)))
      errorSamples.push(`${status} ${text.slice(0, 300)}`);
  };
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (next < job.requests.length && performance.now() < stopAt) {
        const r = job.requests[next++]!;
        const started = performance.now();
        try {
          const res = await fetch(`${job.baseUrl}${r.path}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${r.token}`, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
            body,
            signal: AbortSignal.timeout(30_000),
          });
          const text = await res.text();
          latencies.push(performance.now() - started);
          if (res.status >= 200 && res.status < 300) ok++;
          note(String(res.status), text);
        } catch (e) {
          note('network', String(e));
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return {
    generator: 'node',
    ok,
    p50: median(latencies),
    p99: percentile(latencies, 99),
    statuses,
    errorSamples,
    seconds: (performance.now() - t0) / 1000,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

// As a child process: one job in, one result out.
if (process.send) {
  process.once('message', (job: LoadJob) => {
    runLoad(job).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (e: unknown) => process.send!({ error: String((e as Error)?.stack ?? e) }, () => process.exit(1)),
    );
  });
}
