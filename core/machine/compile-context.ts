/**
 * What the parts of the compiler share: the definition, its indexed steps, the XState argument
 * types and the two context updates every part uses (computed fields, the action outbox).
 *
 * `compile.ts` assembles the machine; `state-nodes.ts` builds each step's node (entry, exit,
 * transitions, returns), `event-handlers.ts` the engine events every step accepts, and
 * `step-timers.ts` the timers a step starts. All of it is pure: no database, clock or network.
 */
import type { ActionCall, Assignment, WorkflowDefinition } from '../definition/types.js';
import type { EngineContext, EngineEvent } from './context.js';
import { applySet, evaluateAssignment, resolveParams, type Scope } from './scope.js';
import type { StateInfo } from './state-index.js';

export const MACHINE_ID = 'case';
export const WITHDRAWN = '__withdrawn';
/** The event a standing action sends: `action:<name>` (no definition event contains a colon). */
export const STANDING_PREFIX = 'action:';

export type Ctx = EngineContext;
export type Ev = EngineEvent | { type: string; [k: string]: unknown };
export type Args = { context: Ctx; event: Ev };
export type XTransition = { target?: string; guard?: (a: Args) => boolean; actions?: unknown; reenter?: boolean };

/** A step's absolute XState id. */
export const abs = (id: string) => `#${MACHINE_ID}.${id}`;

/**
 * The time of the event (`at`, stamped by the engine's shell; for the start, `now` in the input),
 * as `now` for rules. The machine itself never reads a clock.
 */
export function nowOf(event: unknown): { now?: string } {
  const e = event as { at?: unknown; input?: { now?: unknown } };
  const at = typeof e?.at === 'string' ? e.at : typeof e?.input?.now === 'string' ? e.input.now : undefined;
  return at ? { now: at } : {};
}

export interface CompileContext {
  def: WorkflowDefinition;
  states: Map<string, StateInfo>;
  /** The indexed step `id` (every id the compiler asks for exists: the validator checked the targets). */
  info(id: string): StateInfo;
  /** `data` with the definition's computed fields recomputed. */
  withComputed(data: Record<string, unknown>, ctx: Pick<Ctx, 'initiator'>, event?: unknown): Record<string, unknown>;
  /** The outbox with `calls` appended (one request per parameter set), and the sequence after them. */
  pushActions(ctx: Ctx, state: string, calls: ActionCall[] | undefined, scope: Scope): Pick<Ctx, 'outbox' | 'seq'>;
}

export function compileContext(def: WorkflowDefinition, states: Map<string, StateInfo>): CompileContext {
  return {
    def,
    states,
    info: (id) => states.get(id)!,
    withComputed: (data, ctx, event) => (def.computed ? applySet(data, def.computed, { data, initiator: ctx.initiator, ...nowOf(event) }) : data),
    pushActions(ctx, state, calls, scope) {
      if (!calls || calls.length === 0) return { outbox: ctx.outbox, seq: ctx.seq };
      let seq = ctx.seq;
      const outbox = [...ctx.outbox];
      for (const call of calls) {
        for (const params of paramsOf(call, scope)) {
          seq += 1;
          outbox.push({ id: `a${seq}`, state, call, params });
        }
      }
      return { outbox, seq };
    },
  };
}

/**
 * An action call's parameters, evaluated: one set, or for `case.start` with `forEach` one per item
 * (the data mapping sees the item under `as`, `item` and `index`).
 */
function paramsOf(call: ActionCall, scope: Scope): Array<Record<string, unknown>> {
  const given = call.with ?? {};
  if (call.action !== 'case.start') return [(resolveParams(given, scope) as Record<string, unknown>) ?? {}];
  // The new case's initiator: an assignment evaluated here, resolved against the directory by the shell.
  const { forEach, as, initiator, ...rest } = given;
  const who = initiator ? { initiator: evaluateAssignment(initiator as Assignment, scope) } : {};
  if (forEach === undefined) return [{ ...((resolveParams(rest, scope) as Record<string, unknown>) ?? {}), ...who }];
  const items = resolveParams(forEach, scope);
  const name = typeof as === 'string' ? as : 'item';
  return (Array.isArray(items) ? items : []).map((item, index) => ({
    ...((resolveParams(rest, { ...scope, [name]: item, item, index }) as Record<string, unknown>) ?? {}),
    ...who,
  }));
}
