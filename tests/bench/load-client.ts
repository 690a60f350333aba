/**
 * The load generator, run as a child process so that the clients' own work (building requests,
 * parsing responses) is not charged to the server's event loop. The parent sends one job over IPC;
 * each simulated client completes its own tasks one after another, as a person clicking “同意”
 * would, over Node's `fetch` (undici's global dispatcher: keep-alive, no per-origin connection cap,
 * so N clients hold N sockets).
 */

export interface LoadJob {
  baseUrl: string;
  clients: Array<{ token: string; taskIds: string[] }>;
  /** Stop taking new tasks after this many milliseconds. */
  deadlineMs: number;
  body: Record<string, unknown>;
}

export interface LoadResult {
  ok: number;
  /** Latency of each 200, in milliseconds. */
  latencies: number[];
  /** Count per HTTP status (and `network` for failed requests). */
  statuses: Record<string, number>;
  /** Up to five distinct failures, for the report. */
  errorSamples: string[];
  seconds: number;
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  const body = JSON.stringify(job.body);
  const t0 = performance.now();
  const stopAt = t0 + job.deadlineMs;
  const note = (status: string, text: string) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status !== '200' && errorSamples.length < 5 && !errorSamples.some((s) => s.startsWith(`${status} `))) errorSamples.push(`${status} ${text.slice(0, 300)}`);
  };
  await Promise.all(
    job.clients.map(async (client) => {
      const headers = { authorization: `Bearer ${client.token}`, 'content-type': 'application/json', 'accept-language': 'zh-CN' };
      for (const taskId of client.taskIds) {
        if (performance.now() >= stopAt) return;
        const started = performance.now();
        try {
          const res = await fetch(`${job.baseUrl}/api/tasks/${taskId}/complete`, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
          const text = await res.text();
          if (res.status === 200) latencies.push(performance.now() - started);
          note(String(res.status), text);
        } catch (e) {
          note('network', String(e));
        }
      }
    }),
  );
  return { ok: latencies.length, latencies, statuses, errorSamples, seconds: (performance.now() - t0) / 1000 };
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
