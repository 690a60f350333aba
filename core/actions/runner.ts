/**
 * The action runner: takes plugin action jobs from pg-boss (enqueued in the state change's
 * transaction), runs each with its context, a timeout and an AbortSignal, and hands the outcome
 * to the engine. Delivery is at least once; the idempotency key (`<instanceId>:<requestId>`) is the
 * same on every try so the action can make its side effect happen once, and the engine records
 * each request's outcome once. Failures are retried by pg-boss with exponential backoff (the
 * action's `retry` policy is applied when the job is enqueued); the last failure, or one no retry
 * can fix, becomes `action.failed` for the case, or an incident when nothing handles it.
 */
import { setMaxListeners } from 'node:events';
import type PgBoss from 'pg-boss';
import { ChanceryError } from '../errors.js';
import type { Queue, SendOptions } from '../persistence/queue.js';
import type { Database, Tx } from '../persistence/types.js';
import type { Engine } from '../runtime/engine.js';
import { ACTION_QUEUE, type JobOptions, type JobSender, type Logger } from '../runtime/ports.js';
import { actionsOf } from '../definition/walk.js';
import {
  PermanentActionError,
  paramsProblem,
  type ActionCatalog,
  type ActionContext,
  type PluginLogger,
  type RegisteredAction,
  type SecretReader,
} from './contract.js';
import { readPointer } from '../json-pointer.js';

export interface ActionJob {
  instanceId: string;
  requestId: string;
  state: string;
  action: string;
  params: Record<string, unknown>;
  /** The call's result mapping (data path → JSON pointer), when the engine sends it along. */
  result?: Record<string, string>;
}

export interface RunnerDeps {
  registry: ActionCatalog;
  db: Database;
  engine: Engine;
  queue: Queue;
  secrets: SecretReader;
  logger: Logger;
  clock(): Date;
  /** Jobs taken per poll and run side by side. Default 8. */
  batchSize?: number;
  pollingIntervalSeconds?: number;
}

export interface ActionRunner {
  start(): void;
  /** Stops taking jobs, aborts running actions and waits for them (they are retried later). */
  stop(): Promise<void>;
  /** Runs one job (the worker loop calls this). */
  handle(job: PgBoss.JobWithMetadata<ActionJob>): Promise<Outcome>;
}

/** `abandon`: cut off by shutdown; left to pg-boss, which hands it out again once it expires. */
type Outcome = 'done' | 'retry' | 'final' | 'abandon';

const DEFAULT_TIMEOUT = 30_000;
/** How long `stop()` lets running actions finish before aborting them. */
const STOP_GRACE_MS = 10_000;
const DEFAULT_RETRY = { limit: 5, delaySeconds: 2 };

/** The queue options an action's policy asks for. */
export function actionJobOptions(a: RegisteredAction | undefined): SendOptions {
  const retry = { ...DEFAULT_RETRY, ...a?.spec.retry };
  const timeout = a?.spec.timeoutMs ?? DEFAULT_TIMEOUT;
  return {
    retryLimit: retry.limit,
    retryDelay: Math.max(1, Math.round(retry.delaySeconds)),
    retryBackoff: true,
    expireInSeconds: Math.ceil(timeout / 1000) + 60,
  };
}

/** Wraps the engine's job sender so action jobs carry their action's retry policy and expiry. */
export function withActionPolicies(queue: Queue, registry: ActionCatalog): JobSender {
  return {
    send(tx: Tx | null, name: string, data: Record<string, unknown>, options: JobOptions = {}) {
      const extra = name === ACTION_QUEUE ? actionJobOptions(registry.action(String(data.action))) : {};
      return queue.send(tx, name, data, { ...options, ...extra });
    },
  };
}

function messageOf(e: unknown): string {
  if (e instanceof ChanceryError) return e.message;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** Failures no retry can fix: bad input, refusals, a result that breaks its own schema. */
function isPermanent(e: unknown): boolean {
  if (e instanceof PermanentActionError) return true;
  return e instanceof ChanceryError && e.kind === 'user';
}

export function createActionRunner(deps: RunnerDeps): ActionRunner {
  const { registry, db, engine, queue, logger } = deps;
  const stopping = new AbortController();
  const abortAll = new AbortController();
  setMaxListeners(0, abortAll.signal, stopping.signal); // one listener per running action
  const running = new Set<Promise<unknown>>();
  let loop: Promise<void> | undefined;

  function pluginLogger(base: Record<string, unknown>): PluginLogger {
    return {
      debug: (m, d) => logger.debug(m, { ...d, ...base }),
      info: (m, d) => logger.info(m, { ...d, ...base }),
      warn: (m, d) => logger.warn(m, { ...d, ...base }),
      error: (m, d) => logger.error(m, { ...d, ...base }),
    };
  }

  /** The result mapping: sent with the job, or found on the call in the definition. */
  async function mappingOf(job: ActionJob, definition: string, version: number): Promise<Record<string, string> | undefined> {
    if (job.result) return job.result;
    const wf = await engine.compiled(definition, version);
    const spec = wf.states.get(job.state)?.spec;
    if (!spec) return undefined;
    const found = [...actionsOf(spec, '')].map((x) => x.call).filter((c) => c.action === job.action && c.result);
    const distinct = new Set(found.map((c) => JSON.stringify(c.result)));
    return distinct.size === 1 ? found[0]!.result : undefined;
  }

  async function record(outcome: Parameters<Engine['recordActionOutcome']>[0]) {
    for (let i = 0; ; i++) {
      try {
        return await engine.recordActionOutcome(outcome);
      } catch (e) {
        // Someone acted on the case meanwhile: read it again.
        if (e instanceof ChanceryError && e.code === 'instance.version_conflict' && i < 5) continue;
        throw e;
      }
    }
  }

  async function handle(job: PgBoss.JobWithMetadata<ActionJob>): Promise<Outcome> {
    const d = job.data;
    const attempt = job.retryCount + 1;
    const base = { action: d.action, instanceId: d.instanceId, requestId: d.requestId, attempt };
    const [instance] = await db.execute<{ definition_key: string; definition_version: number }>(
      'SELECT definition_key, definition_version FROM instance WHERE id = $1',
      [d.instanceId],
    );
    if (!instance) {
      logger.warn('action for a case that does not exist / 动作所属的案件不存在', base);
      return 'final';
    }
    const [run] = await db.execute<{ status: string; attempts: number }>(
      `INSERT INTO action_run (id, instance_id, request_id, action, state, params, status, attempts, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'running', 1, $7, $7)
       ON CONFLICT (instance_id, request_id) DO UPDATE SET attempts = action_run.attempts + 1, updated_at = EXCLUDED.updated_at,
         status = CASE WHEN action_run.status IN ('running', 'retrying') THEN 'running' ELSE action_run.status END
       RETURNING status, attempts`,
      [crypto.randomUUID(), d.instanceId, d.requestId, d.action, d.state, d.params ?? {}, deps.clock()],
    );
    if (run && run.status !== 'running') return 'done'; // a duplicate delivery of a finished request
    const attempts = run?.attempts ?? attempt;
    const registered = registry.action(d.action);

    const finish = async (ok: boolean, result: unknown, error: string | undefined) => {
      const mapping = ok ? await mappingOf(d, instance.definition_key, instance.definition_version) : undefined;
      const patch: Record<string, unknown> = {};
      for (const [path, pointer] of Object.entries(mapping ?? {})) patch[path] = readPointer(result, pointer) ?? null;
      const r = await record({
        instanceId: d.instanceId,
        requestId: d.requestId,
        action: d.action,
        state: d.state,
        ok,
        result,
        patch,
        attempts,
        ...(error ? { error } : {}),
      });
      if (r.status === 'incident')
        logger.warn('action failed and nothing handles it: incident opened / 动作失败且流程未处理，已生成故障记录', { ...base, error });
      else if (!ok) logger.warn('action failed; the case was told (action.failed) / 动作失败，已通知流程', { ...base, error });
      return 'final' as const;
    };

    if (!registered) return finish(false, undefined, new ChanceryError('plugin.unknown_action', { action: d.action }).message);
    if (!registered.validateParams(d.params ?? {})) {
      return finish(
        false,
        undefined,
        new ChanceryError('plugin.invalid_params', { action: d.action, reason: paramsProblem(registered.validateParams).reason }).message,
      );
    }

    const timeoutMs = registered.spec.timeoutMs ?? DEFAULT_TIMEOUT;
    const controller = new AbortController();
    const onStop = () => controller.abort(new ChanceryError('system.unavailable'));
    abortAll.signal.addEventListener('abort', onStop, { once: true });
    const timer = setTimeout(() => controller.abort(new ChanceryError('plugin.action_timeout', { action: d.action, ms: timeoutMs })), timeoutMs);
    const tasks = await db.execute<{ id: string }>(`SELECT id FROM task WHERE instance_id = $1 AND status = 'open' ORDER BY created_at`, [d.instanceId]);
    const ctx: ActionContext = {
      params: d.params ?? {},
      instance: { id: d.instanceId, definition: instance.definition_key, version: instance.definition_version, state: d.state },
      taskIds: tasks.map((t) => t.id),
      idempotencyKey: `${d.instanceId}:${d.requestId}`,
      attempt,
      signal: controller.signal,
      log: pluginLogger({ plugin: registered.plugin, action: d.action, instanceId: d.instanceId }),
      secret: (name) => deps.secrets.reveal(name, registered.plugin),
      now: deps.clock,
      commands: {
        reassign: async (input) => (await engine.reassign(d.instanceId, input, d.action)).body,
      },
    };
    let result: unknown;
    try {
      const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }));
      result = await Promise.race([registered.spec.run(ctx), aborted]);
      if (registered.validateResult && !registered.validateResult(result)) {
        throw new PermanentActionError(
          new ChanceryError('plugin.invalid_result', { action: d.action, reason: paramsProblem(registered.validateResult).reason }).message,
        );
      }
    } catch (e) {
      if (abortAll.signal.aborted) return 'abandon';
      const error = messageOf(e);
      const final = isPermanent(e) || job.retryCount >= job.retryLimit;
      if (!final) {
        await db.execute('UPDATE action_run SET last_error = $3, updated_at = $4 WHERE instance_id = $1 AND request_id = $2', [
          d.instanceId,
          d.requestId,
          error.slice(0, 2000),
          deps.clock(),
        ]);
        logger.warn('action failed; it will be retried / 动作失败，将重试', { ...base, error });
        return 'retry';
      }
      return finish(false, undefined, error);
    } finally {
      clearTimeout(timer);
      abortAll.signal.removeEventListener('abort', onStop);
    }
    return finish(true, result, undefined);
  }

  async function runLoop(): Promise<void> {
    const batchSize = deps.batchSize ?? 8;
    const interval = (deps.pollingIntervalSeconds ?? 1) * 1000;
    await queue.createQueue(ACTION_QUEUE);
    while (!stopping.signal.aborted) {
      let jobs: Array<PgBoss.JobWithMetadata<ActionJob>> = [];
      try {
        jobs = await queue.boss.fetch<ActionJob>(ACTION_QUEUE, { batchSize, includeMetadata: true });
      } catch (e) {
        if (!stopping.signal.aborted) logger.error('cannot fetch action jobs / 无法获取动作任务', { error: messageOf(e) });
      }
      await Promise.all(jobs.map((job) => track(runOne(job))));
      if (jobs.length < batchSize && !stopping.signal.aborted) await sleep(interval, stopping.signal);
    }
  }

  async function runOne(job: PgBoss.JobWithMetadata<ActionJob>): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await handle(job);
    } catch (e) {
      // An unexpected failure (the database, the engine): let pg-boss try the whole job again.
      logger.error('action job failed unexpectedly / 动作任务意外失败', {
        action: job.data.action,
        instanceId: job.data.instanceId,
        error: e instanceof Error ? e.stack : String(e),
      });
      outcome = 'retry';
    }
    try {
      if (outcome === 'abandon') return;
      if (outcome === 'retry') await queue.boss.fail(ACTION_QUEUE, job.id, { message: 'action failed' });
      else await queue.boss.complete(ACTION_QUEUE, job.id);
    } catch (e) {
      logger.error('cannot settle an action job / 无法更新动作任务状态', { jobId: job.id, error: messageOf(e) });
    }
  }

  function track<T>(p: Promise<T>): Promise<T> {
    running.add(p);
    void p.finally(() => running.delete(p));
    return p;
  }

  return {
    handle,
    start() {
      loop ??= runLoop();
    },
    async stop() {
      stopping.abort();
      const all = Promise.allSettled([...running]);
      const grace = setTimeout(() => abortAll.abort(), STOP_GRACE_MS);
      await all;
      clearTimeout(grace);
      await loop;
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
