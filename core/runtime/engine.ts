/**
 * The engine: every command runs in one transaction (optimistic version check, tasks, audit,
 * jobs) and, given an idempotency key, at most once. Queries read outside transactions.
 *
 * @example
 * const engine = createEngine({ db, jobs: queue, calendar: () => cn, clock: () => new Date(), logger });
 * const started = await engine.startCase(actor, { definition: 'petition-case', data }, { key: 'k1', hash });
 */
import { ChanceryError } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import type { Executor } from '../persistence/types.js';
import { isUuid } from '../uuid.js';
import { recordActionOutcome, type ActionOutcome } from './action-results.js';
import type { Advanced } from './advance.js';
import { fireTimer } from './fire-timer.js';
import { runLinkedCases } from './case-links.js';
import { takeStandingAction } from './standing-actions.js';
import { ccCase, mayStart, signalCase, startCase, urgeCase, withdrawCase, type AdminEventOptions, type CaseContext, type StartInput } from './case-commands.js';
import { createDefinitionStore, type DefinitionStore } from './definition-store.js';
import { once, type Replayable } from './idempotency.js';
import { reassignTasks, type ReassignInput } from './reassign.js';
import { resendCase } from './resend.js';
import { caseHistory, getCase, getTask, inbox, type InboxQuery } from './queries.js';
import { withInboxMarks } from './inbox-marks.js';
import { listCases, type CaseListQuery } from './case-list.js';
import type { Actor, EngineDeps } from './ports.js';
import {
  addSigners,
  claimTask,
  completeTask,
  delegateTask,
  removeSigner,
  returnTask,
  transferTask,
  type CompleteInput,
  type TaskContext,
} from './task-commands.js';

export interface IdempotencyKey {
  key: string;
  hash: string;
}

/** `If-Match` on a command: the case versions the caller accepts (the case the task belongs to, for a task). */
export interface Precondition {
  instanceId?: string;
  taskId?: string;
  versions: number[];
}

/** What a command carries besides its input: an idempotency key and/or a version precondition. */
export interface CommandOptions {
  idempotency?: IdempotencyKey | undefined;
  ifMatch?: Precondition | undefined;
}

const optionsOf = (o: IdempotencyKey | CommandOptions | undefined): CommandOptions => (o && 'hash' in o ? { idempotency: o } : (o ?? {}));

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(given: EngineDeps, definitions: DefinitionStore = createDefinitionStore()) {
  const wfOf = (exec: Executor) => (key: string, version?: number) => definitions.compiled(exec, key, version);
  // `case.start` / `case.signal` run in the transaction of the command that asked for them.
  const deps: EngineDeps = { ...given, linkedCases: (tx, from, requests) => runLinkedCases({ deps, tx, wf: wfOf(tx) }, from, requests) };

  /** One command, one transaction; with a key, at most once. */
  async function command<T>(
    actor: Actor | null,
    options: IdempotencyKey | CommandOptions | undefined,
    status: number,
    run: (c: TaskContext & CaseContext) => Promise<T>,
  ): Promise<Replayable<T>> {
    const { idempotency: idem, ifMatch } = optionsOf(options);
    // Two people acting on different tasks of one case at once (会签) race on the case's version;
    // the loser's command is still valid, so it is re-run on the new state rather than refused.
    // The re-run locks the case row as it loads it, so ten signers at once queue behind each
    // other instead of losing race after race; the first try stays lock-free.
    for (let attempt = 1; ; attempt++) {
      try {
        return await deps.db.transaction(async (tx) => {
          const ctx = { deps, tx, wf: wfOf(tx), lock: attempt > 1 };
          const key = idem && actor ? { userId: actor.id, key: idem.key, hash: idem.hash } : null;
          return once(tx, key, deps.clock(), async () => {
            // Checked under the case's row lock, so the version cannot move between check and write.
            if (ifMatch) await checkPrecondition(tx, ifMatch);
            return { status, body: await run(ctx) };
          });
        });
      } catch (e) {
        if (!(e instanceof ChanceryError && e.code === 'instance.version_conflict') || attempt >= 3) throw e;
      }
    }
  }

  /**
   * The case as `actor` sees it now, with what they may do to it (`allowedActions`): withdraw by
   * the machine's own rule, urge and CC by the definition's policies, urge also until throttled
   * (`urgeAvailableAt`) — the checks the commands run.
   */
  const view = async (actor: Actor, id: string) => getCase(deps.db, actor, id, (k, v) => definitions.compiled(deps.db, k, v), deps.clock());
  const summary = (a: Advanced) => ({ id: a.instanceId, version: a.version, status: a.result ?? 'running', openedTasks: a.openedTaskIds });

  return {
    deps,
    definitions,
    compiled: (key: string, version?: number): Promise<CompiledWorkflow> => definitions.compiled(deps.db, key, version),

    startCase: (actor: Actor, input: StartInput, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 201, async (c) => {
        const r = await startCase(c, actor, input);
        return summary(r);
      }),
    withdraw: (actor: Actor, id: string, input: { reason?: string }, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 200, async (c) => summary(await withdrawCase(c, actor, id, input))),
    /** 撤回后修改再提交: a new case from the withdrawn one's edited start data, linked to it. */
    resend: (actor: Actor, id: string, input: { data?: Record<string, unknown> }, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 201, async (c) => summary(await resendCase(c, actor, id, input))),
    urge: (actor: Actor, id: string, input: { message?: string }, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 200, (c) => urgeCase(c, actor, id, input)),
    cc: (actor: Actor, id: string, input: { users: string[]; message?: string }, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 200, (c) => ccCase(c, actor, id, input)),
    /** A standing action of the definition (常设操作), taken by someone its `who` names. */
    takeAction: (actor: Actor, id: string, name: string, input: { data?: Record<string, unknown> }, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 200, async (c) => summary(await takeStandingAction(c, actor, id, name, input))),
    signal: (actor: Actor | null, id: string, event: { type: string; data?: Record<string, unknown> }, options?: AdminEventOptions) =>
      command(actor, undefined, 200, async (c) => summary(await signalCase(c, actor, id, event, options))),

    complete: (actor: Actor, taskId: string, input: CompleteInput, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 200, async (c) => {
        const r = await completeTask(c, actor, taskId, input);
        return { ...summary(r), taskId };
      }),
    returnTo: (actor: Actor, taskId: string, input: { to: string; opinion?: string }, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 200, async (c) => ({ ...summary(await returnTask(c, actor, taskId, input)), taskId })),
    claim: (actor: Actor, taskId: string, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 200, async (c) => ({ ...summary(await claimTask(c, actor, taskId)), taskId })),
    transfer: (actor: Actor, taskId: string, input: { to: string; opinion?: string }, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 200, async (c) => ({ ...summary(await transferTask(c, actor, taskId, input)), taskId })),
    delegate: (actor: Actor, taskId: string, input: { to: string; opinion?: string }, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 200, async (c) => ({ ...summary(await delegateTask(c, actor, taskId, input)), taskId })),
    addSigners: (actor: Actor, taskId: string, input: { users: string[]; before?: boolean }, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 200, async (c) => ({ ...summary(await addSigners(c, actor, taskId, input)), taskId })),
    removeSigner: (actor: Actor, taskId: string, input: { task: string }, idem?: IdempotencyKey | CommandOptions) =>
      command(actor, idem, 200, async (c) => ({ ...summary(await removeSigner(c, actor, taskId, input)), taskId })),

    /** 改派 by the system (a plugin action, named in `by`): the open tasks go to someone else. */
    reassign: (instanceId: string, input: ReassignInput, by: string) => command(null, undefined, 200, (c) => reassignTasks(c, instanceId, input, by)),

    /** Called by the timer worker; a stale timer does nothing. */
    fireTimer: async (instanceId: string, key: string) =>
      deps.db.transaction(async (tx) => {
        const r = await fireTimer({ deps, tx, wf: wfOf(tx) }, instanceId, key);
        return r ? { version: r.version, status: r.result ?? 'running' } : null;
      }),

    /** A plugin action's outcome (result mapping, `action.done` / `action.failed`), once per request. */
    recordActionOutcome: (o: ActionOutcome) => deps.db.transaction((tx) => recordActionOutcome({ deps, tx, wf: wfOf(tx) }, o)),

    getCase: view,
    /** Whether `actor` may start the latest version of `key` (what the start command checks). */
    mayStart: async (actor: Actor, key: string) => mayStart(deps.db, deps, actor, await definitions.compiled(deps.db, key)),
    history: (actor: Actor, id: string) => caseHistory(deps.db, actor, id, (k, v) => definitions.compiled(deps.db, k, v)),
    getTask: (actor: Actor, id: string) => getTask(deps.db, actor, id, (k, v) => definitions.compiled(deps.db, k, v), deps.clock()),
    inbox: async (actor: Actor, q: InboxQuery) => {
      const page = await inbox(deps.db, actor, q, deps.clock());
      return { ...page, items: await withInboxMarks(deps.db, page.items, actor.lang, (k, v) => definitions.compiled(deps.db, k, v)) };
    },
    listCases: (actor: Actor, q: CaseListQuery) => listCases(deps.db, actor, q),
  };
}

/** Refuses with 412 when the case is no longer at a version the caller named in `If-Match`. */
async function checkPrecondition(tx: Executor, p: Precondition): Promise<void> {
  let instanceId = p.instanceId;
  if (!instanceId && p.taskId && isUuid(p.taskId))
    instanceId = (await tx.execute<{ instance_id: string }>('SELECT instance_id FROM task WHERE id = $1', [p.taskId]))[0]?.instance_id;
  // An unknown case or task is left to the command, which answers 404 as usual.
  if (!instanceId || !isUuid(instanceId)) return;
  const [row] = await tx.execute<{ version: number }>('SELECT version FROM instance WHERE id = $1 FOR UPDATE', [instanceId]);
  if (row && !p.versions.includes(row.version))
    throw new ChanceryError('instance.precondition_failed', { expected: p.versions.join(', '), current: row.version });
}

export { ChanceryError };
