/**
 * Server-side simulation for admins (`POST /api/simulations…`): a draft or a published definition
 * run with chosen users and a simulated clock through the engine's pure core and its one timer
 * maths (`core/machine/simulation.ts`, `timer-time.ts`), on the installation's business calendar.
 *
 * It touches no case: nothing is written (the directory and the definitions are only read), and the
 * simulation itself travels with the request and the response as JSON, so any node can take the next
 * request and none keeps anything in memory.
 */
import type { Calendar } from '../calendar/index.js';
import { validateDefinition } from '../definition/index.js';
import type { Assignment, WorkflowDefinition } from '../definition/types.js';
import { walkStates, workOf } from '../definition/walk.js';
import { ChanceryError } from '../errors.js';
import { pointerOf } from '../json-pointer.js';
import {
  advanceClock,
  advanceToNextTimer,
  completeSlot,
  fromSimState,
  startSimulation,
  toSimState,
  type SimState,
  type Simulation,
} from '../machine/simulation.js';
import type { Executor } from '../persistence/types.js';
import type { PublishingDeps } from './publishing.js';

/** Where the simulated definition comes from: a draft carried in the request, or a stored version. */
export type SimSource = { draft: Record<string, unknown> } | { key: string; version?: number };

/** What the client sends back with every command: the source and the state. */
export interface SimToken {
  source: SimSource;
  state: SimState;
}

export interface SimulationDeps {
  db: Executor;
  publishing: PublishingDeps;
  calendar(key: string): Calendar;
}

export interface StartInput {
  source: SimSource;
  /** Username of who starts the case. */
  initiator?: string | undefined;
  /** Otherwise, the user id of the admin asking. */
  actorId: string;
  /** Usernames per step; steps not named take who the directory names (fixed assignments only). */
  people?: Record<string, string[]>;
  data?: Record<string, unknown>;
  at: Date;
}

/** Starts a simulated case. */
export async function startSimulated(deps: SimulationDeps, input: StartInput) {
  const def = await definitionOf(deps, input.source);
  const [initiator] = input.initiator
    ? await deps.db.execute<{ username: string; unitId: string | null }>('SELECT username, unit_id AS "unitId" FROM app_user WHERE username = $1 AND active', [
        input.initiator,
      ])
    : await deps.db.execute<{ username: string; unitId: string | null }>('SELECT username, unit_id AS "unitId" FROM app_user WHERE id = $1', [input.actorId]);
  if (!initiator) throw new ChanceryError('simulation.unknown_user', { user: input.initiator ?? input.actorId }, { pointer: '/initiator' });
  const people = { ...(await directoryPeople(deps.db, def, initiator.unitId)), ...(await checkPeople(deps.db, def, input.people ?? {})) };
  const sim = startSimulation(def, {
    initiator: { id: initiator.username, unitId: initiator.unitId ?? '' },
    people,
    now: input.at,
    ...(input.data ? { data: input.data } : {}),
    calendar: calendarOf(deps, def),
  });
  return view(input.source, sim);
}

/** Moves the clock to the next timer or to a moment, firing every timer due by then. */
export async function advanceSimulated(deps: SimulationDeps, token: SimToken, to: 'next-timer' | Date) {
  const { sim } = await resume(deps, token);
  if (to !== 'next-timer' && to.getTime() < sim.now.getTime())
    throw new ChanceryError('simulation.time_backwards', { now: sim.now.toISOString() }, { pointer: '/to' });
  return view(token.source, to === 'next-timer' ? advanceToNextTimer(sim) : advanceClock(sim, to));
}

/** One of a task's people decides it. */
export async function actSimulated(
  deps: SimulationDeps,
  token: SimToken,
  input: { slot: string; outcome: string; as?: string; opinion?: string; data?: Record<string, unknown> },
) {
  const { sim } = await resume(deps, token);
  const task = sim.open.find((t) => t.slot === input.slot);
  if (!task) throw new ChanceryError('simulation.no_task', { slot: input.slot }, { pointer: '/slot' });
  if (input.as !== undefined && !task.people.includes(input.as))
    throw new ChanceryError('simulation.not_assignee', { user: input.as, people: task.people.join(', ') }, { pointer: '/as' });
  if (!task.outcomes.includes(input.outcome))
    throw new ChanceryError('simulation.unknown_outcome', { outcome: input.outcome, allowed: task.outcomes.join(', ') }, { pointer: '/outcome' });
  return view(token.source, completeSlot(sim, input.slot, input.outcome, input.opinion, input.data, input.as));
}

async function resume(deps: SimulationDeps, token: SimToken): Promise<{ sim: Simulation }> {
  const def = await definitionOf(deps, token.source);
  try {
    return { sim: fromSimState(def, token.state, calendarOf(deps, def)) };
  } catch (e) {
    if (e instanceof ChanceryError) throw e;
    throw new ChanceryError('simulation.invalid_state', {}, { pointer: '/simulation/state' });
  }
}

function calendarOf(deps: SimulationDeps, def: WorkflowDefinition): Calendar {
  return deps.calendar(def.calendar ?? 'cn');
}

/** The definition to run: a draft is validated as publishing would (refused with pointers), a version is read. */
async function definitionOf(deps: SimulationDeps, source: SimSource): Promise<WorkflowDefinition> {
  if ('draft' in source) {
    const v = validateDefinition(source.draft, await deps.publishing.validationContext(deps.db));
    const errors = v.problems.filter((p) => p.severity === 'error');
    if (!v.ok || !v.definition)
      throw new ChanceryError('definition.invalid', { count: errors.length, problems: v.problems }, { pointer: `/definition${errors[0]?.pointer ?? ''}` });
    return v.definition;
  }
  const rows =
    source.version === undefined
      ? await deps.db.execute<{ body: WorkflowDefinition }>(
          'SELECT body FROM definition WHERE key = $1 AND version IS NOT NULL ORDER BY version DESC LIMIT 1',
          [source.key],
        )
      : await deps.db.execute<{ body: WorkflowDefinition }>('SELECT body FROM definition WHERE key = $1 AND version = $2', [source.key, source.version]);
  if (!rows[0])
    throw new ChanceryError(
      source.version === undefined ? 'definition.not_found' : 'definition.version_not_found',
      { key: source.key, version: source.version ?? null },
      { pointer: source.version === undefined ? '/key' : '/version' },
    );
  return rows[0].body;
}

/** The chosen people: every step named must exist, every username must be an active user. */
async function checkPeople(db: Executor, def: WorkflowDefinition, people: Record<string, string[]>): Promise<Record<string, string[]>> {
  // Steps, and each escalation that reassigns (`<step>.escalate<n>`: who takes the late work over).
  const steps = new Set<string>();
  for (const { name, state, pointer } of walkStates(def)) {
    steps.add(name);
    for (const work of workOf(state, pointer)) escalationsOf(work.spec).forEach((e, i) => e.reassign && steps.add(`${name}.escalate${i}`));
  }
  const names = [...new Set(Object.values(people).flat())];
  const known = new Set(
    (await db.execute<{ username: string }>('SELECT username FROM app_user WHERE username = ANY($1::text[]) AND active', [names])).map((r) => r.username),
  );
  for (const [state, list] of Object.entries(people)) {
    if (!steps.has(state)) throw new ChanceryError('simulation.unknown_step', { state }, { pointer: pointerOf('/people', state) });
    list.forEach((u, i) => {
      if (!known.has(u)) throw new ChanceryError('simulation.unknown_user', { user: u }, { pointer: pointerOf('/people', state, i) });
    });
  }
  return people;
}

function escalationsOf(spec: unknown): Array<{ reassign?: Assignment }> {
  const escalate = (spec as { escalate?: unknown }).escalate;
  return (Array.isArray(escalate) ? escalate : escalate ? [escalate] : []) as Array<{ reassign?: Assignment }>;
}

/**
 * Who the directory names for steps whose assignment does not depend on the case: a role in a named
 * unit (or the initiator's), a unit's head, named users. Others must be chosen.
 */
async function directoryPeople(db: Executor, def: WorkflowDefinition, initiatorUnit: string | null): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const { name, state, pointer } of walkStates(def)) {
    for (const work of workOf(state, pointer)) {
      const users = await fixedAssignees(db, work.spec.assign as Assignment | undefined, initiatorUnit);
      if (users.length > 0) out[name] = users;
      // Who an escalation hands late work to (超期改派), under the key the simulator looks it up by.
      for (const [i, e] of escalationsOf(work.spec).entries()) {
        const to = e.reassign ? await fixedAssignees(db, e.reassign, initiatorUnit) : [];
        if (to.length > 0) out[`${name}.escalate${i}`] = to;
      }
    }
  }
  return out;
}

async function fixedAssignees(db: Executor, a: Assignment | undefined, initiatorUnit: string | null): Promise<string[]> {
  if (!a || typeof a !== 'object') return [];
  const unitOf = async (u: unknown) => {
    if (typeof u === 'string') return (await db.execute<{ id: string }>('SELECT id FROM org_unit WHERE code = $1 OR id::text = $1', [u]))[0]?.id ?? null;
    const initiator = u === undefined || (typeof u === 'object' && u !== null && (u as { initiator?: unknown }).initiator === true);
    return initiator ? initiatorUnit : null;
  };
  if ('role' in a) {
    const unit = await unitOf(a.unit);
    if (!unit) return [];
    return (
      await db.execute<{ username: string }>(
        `SELECT u.username FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.role_key = $1 AND m.unit_id = $2 AND u.active ORDER BY u.username`,
        [a.role, unit],
      )
    ).map((r) => r.username);
  }
  if ('head' in a) {
    const unit = await unitOf(a.head);
    if (!unit) return [];
    return (
      await db.execute<{ username: string }>(
        `SELECT u.username FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.role_key = 'head' AND m.unit_id = $1 AND u.active ORDER BY u.username`,
        [unit],
      )
    ).map((r) => r.username);
  }
  return [];
}

/** The answer to every simulation command: the token to send back, and what an admin looks at. */
function view(source: SimSource, sim: Simulation) {
  const timers = [...sim.timers].sort((a, b) => a.at.getTime() - b.at.getTime()).map((t) => ({ ...t, at: t.at.toISOString() }));
  return {
    simulation: { source, state: toSimState(sim) } satisfies SimToken,
    now: sim.now.toISOString(),
    states: sim.snapshot.status === 'active' ? [...new Set(sim.open.map((t) => t.state))] : [],
    open: sim.open,
    timers,
    nextTimer: timers[0] ?? null,
    log: sim.log.map((l) => ({ ...l, at: l.at.toISOString() })),
    result: sim.result,
    visited: sim.visited,
  };
}
