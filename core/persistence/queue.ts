/**
 * The durable job queue: pg-boss 10 on the same database as everything else.
 *
 * pg-boss never opens a pool of its own: on both PGlite and PostgreSQL it runs its SQL through
 * the Database (`db: { executeSql }`), so on PGlite its polling waits its turn behind open
 * transactions, and on PostgreSQL it shares the one pool. A job sent with a `tx` is inserted by
 * that transaction and disappears if it rolls back.
 */
import PgBoss from 'pg-boss';
import { ChanceryError } from '../errors.js';
import type { Database, DatabaseLogger, Executor, Tx } from './types.js';

export interface QueueOptions {
  /** Schema of pg-boss's tables. Default `pgboss`. */
  schema?: string;
  /** How often idle workers look for jobs. pg-boss's minimum is 0.5 s. Default 2 s. */
  pollingIntervalSeconds?: number;
  /** Queues to create at start (others are created on first `send` or `work`). */
  queues?: string[];
  logger?: DatabaseLogger;
}

export interface SendOptions {
  /** Not before this time (durable timers). */
  startAfter?: Date;
  /**
   * A key to find the job by (a rescheduled timer). On its own it does not stop a second job with
   * the same key (pg-boss's standard queues); with `singletonSeconds` it does, per time window.
   */
  singletonKey?: string;
  /** With `singletonKey`: at most one job per key sent within each window of this many seconds. */
  singletonSeconds?: number;
  retryLimit?: number;
  /** Seconds between retries. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** A running job is failed (and retried) after this long. */
  expireInSeconds?: number;
}

export interface WorkOptions {
  pollingIntervalSeconds?: number;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
}

/**
 * @example
 * const queue = await startQueue(db, { pollingIntervalSeconds: 0.5 });
 * await queue.work<{ instanceId: string }>('timer', {}, async (job) => fire(job.data));
 * await db.transaction(async (tx) => {
 *   await queue.send(tx, 'timer', { instanceId }, { startAfter: dueAt });
 * });
 */
export interface Queue {
  /** Enqueues a job; with `tx`, inside that transaction. Returns the job id (null when a singleton already exists). */
  send<T extends object>(tx: Tx | null, name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Cancels a queued job (a timer that is no longer wanted); with `tx`, inside that transaction. */
  cancel(tx: Tx | null, name: string, id: string): Promise<void>;
  /** Runs `handler` for each job of `name`; a throw fails the job and pg-boss retries it. Returns the worker id. */
  work<T extends object>(name: string, options: WorkOptions, handler: (job: Job<T>) => Promise<void>): Promise<string>;
  /** Creates a queue (idempotent). */
  createQueue(name: string): Promise<void>;
  /** Whether the queue runs and its tables answer (a readiness probe). */
  ready(): Promise<boolean>;
  /** Stops the workers, waiting for running handlers. Does not close the Database. */
  stop(): Promise<void>;
  /** pg-boss itself, for what this wrapper does not cover. */
  readonly boss: PgBoss;
}

/** Starts pg-boss on `db`, installing or migrating its schema if needed. */
export async function startQueue(db: Database, options: QueueOptions = {}): Promise<Queue> {
  const schema = options.schema ?? 'pgboss';
  const adapterFor = (executor: Executor): PgBoss.Db => ({
    executeSql: (text, values) => executor.query(text, values),
  });
  const boss = new PgBoss({
    db: adapterFor(db),
    schema,
    schedule: false, // recurring schedules are our own jobs; pg-boss's cron is not used
    supervise: true,
    migrate: true,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  });
  boss.on('error', (error) => options.logger?.warn('queue error / 任务队列错误', error));
  await boss.start();

  const known = new Set<string>();
  let stopped = false;

  async function createQueue(name: string): Promise<void> {
    if (known.has(name)) return;
    await boss.createQueue(name);
    known.add(name);
  }

  /** Inside a transaction pg-boss's own connection is off limits: create the queue through the tx. */
  async function ensureQueue(tx: Tx | null, name: string): Promise<void> {
    if (known.has(name)) return;
    if (!tx) return createQueue(name);
    await tx.execute(`SELECT ${schema}.create_queue($1, $2::json)`, [name, JSON.stringify({ policy: 'standard' })]);
  }

  for (const name of options.queues ?? []) await createQueue(name);

  function checkRunning(): void {
    if (stopped) throw new ChanceryError('queue.not_started');
  }

  return {
    boss,
    createQueue,
    async send(tx, name, data, sendOptions = {}) {
      checkRunning();
      await ensureQueue(tx, name);
      const pgOptions: PgBoss.SendOptions & { db?: PgBoss.Db } = { ...sendOptions };
      if (tx) pgOptions.db = adapterFor(tx);
      return boss.send(name, data, pgOptions);
    },
    async cancel(tx, name, id) {
      checkRunning();
      await boss.cancel(name, id, tx ? { db: adapterFor(tx) } : undefined);
    },
    async work<T extends object>(name: string, workOptions: WorkOptions, handler: (job: Job<T>) => Promise<void>) {
      checkRunning();
      await createQueue(name);
      const pgOptions: PgBoss.WorkOptions = { batchSize: 1 };
      const interval = workOptions.pollingIntervalSeconds ?? options.pollingIntervalSeconds;
      if (interval) pgOptions.pollingIntervalSeconds = interval;
      return boss.work<T>(name, pgOptions, async (jobs) => {
        for (const job of jobs) await handler({ id: job.id, name: job.name, data: job.data });
      });
    },
    async ready() {
      if (stopped) return false;
      await db.execute(`SELECT 1 FROM ${schema}.version LIMIT 1`);
      return true;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
    },
  };
}

/**
 * Moves a queued job (by its singleton key) to a new start time inside `tx`, so a rescheduled
 * timer and the change that caused it commit together. Returns whether a queued job was found.
 */
export async function rescheduleJob(tx: Tx, name: string, singletonKey: string, startAfter: Date, schema = 'pgboss'): Promise<boolean> {
  const r = await tx.query(`UPDATE ${schema}.job SET start_after = $3 WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry')`, [
    name,
    singletonKey,
    startAfter,
  ]);
  return r.rowCount > 0;
}
