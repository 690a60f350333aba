/**
 * Walking a definition: every scope (the top level and each parallel region), every state with
 * its JSON pointer, every transition with the pointer of its target. Tolerates malformed input,
 * so the static checks can run even when the schema check failed. The compiler reuses these.
 */
import { isRecord, pointerOf } from './problems.js';
import type { ActionCall, ForeachSpec, StateSpec, TaskSpec, ApprovalSpec, StandingAction, TransitionSpec, WorkflowDefinition } from './types.js';

/** A set of sibling states: the top level, or one region of a parallel state. */
export interface Scope {
  /** Region path from the top: `[]` for the top level, `['review', 'legal']` for region `legal` of `review`. */
  path: readonly string[];
  /** Pointer to the `states` object of this scope. */
  pointer: string;
  states: Readonly<Record<string, StateSpec>>;
  /** The scope's initial state name (may be missing or wrong in a malformed definition). */
  initial: unknown;
  initialPointer: string;
}

export interface StateEntry {
  name: string;
  state: StateSpec;
  pointer: string;
  scope: Scope;
}

export type TransitionKind = 'on' | 'always' | 'onDone';

export interface TransitionEntry {
  kind: TransitionKind;
  /** The event for `on` transitions; `undefined` for `always` and `onDone`. */
  event?: string;
  /** The transition, normalized: a string target becomes `{ to }`. */
  spec: TransitionSpec;
  /** Pointer to the transition as written (the string, the object, or the array item). */
  pointer: string;
  /** Pointer to the target name: the string itself or the object's `to`. */
  targetPointer: string;
  /** Position among guarded candidates, when written as an array. */
  index?: number;
}

/** Every scope of the definition, the top level first, then regions depth first. */
export function* walkScopes(def: WorkflowDefinition): Generator<Scope> {
  const states = isRecord(def.states) ? (def.states as Record<string, StateSpec>) : {};
  yield* scopesFrom({ path: [], pointer: '/states', states, initial: def.initial, initialPointer: '/initial' });
}

function* scopesFrom(scope: Scope): Generator<Scope> {
  yield scope;
  for (const [name, state] of Object.entries(scope.states)) {
    if (!isRecord(state) || !isRecord(state.parallel)) continue;
    const statePointer = pointerOf(scope.pointer, name);
    for (const [regionName, region] of Object.entries(state.parallel)) {
      if (!isRecord(region)) continue;
      const regionPointer = pointerOf(statePointer, 'parallel', regionName);
      yield* scopesFrom({
        path: [...scope.path, name, regionName],
        pointer: pointerOf(regionPointer, 'states'),
        states: isRecord(region.states) ? (region.states as Record<string, StateSpec>) : {},
        initial: region.initial,
        initialPointer: pointerOf(regionPointer, 'initial'),
      });
    }
  }
}

/** The states of one scope, skipping entries that are not objects. */
export function* statesOf(scope: Scope): Generator<StateEntry> {
  for (const [name, state] of Object.entries(scope.states)) {
    if (isRecord(state)) yield { name, state, pointer: pointerOf(scope.pointer, name), scope };
  }
}

/**
 * Every state of the definition, in every scope, with its pointer.
 *
 * @example
 * for (const { name, pointer } of walkStates(def)) console.log(name, pointer); // register /states/register
 */
export function* walkStates(def: WorkflowDefinition): Generator<StateEntry> {
  for (const scope of walkScopes(def)) yield* statesOf(scope);
}

/** The transitions leaving a state: `on` (per event), `always`, `onDone`. */
export function* walkTransitions(state: StateSpec, statePointer: string): Generator<TransitionEntry> {
  if (isRecord(state.on)) {
    for (const [event, target] of Object.entries(state.on)) {
      yield* transitionsOf(target, pointerOf(statePointer, 'on', event), 'on', event);
    }
  }
  if (state.always !== undefined) yield* transitionsOf(state.always, pointerOf(statePointer, 'always'), 'always');
  if (state.onDone !== undefined) yield* transitionsOf(state.onDone, pointerOf(statePointer, 'onDone'), 'onDone');
}

function* transitionsOf(target: unknown, pointer: string, kind: TransitionKind, event?: string): Generator<TransitionEntry> {
  const base = event === undefined ? { kind } : { kind, event };
  if (typeof target === 'string') {
    yield { ...base, spec: { to: target }, pointer, targetPointer: pointer };
  } else if (Array.isArray(target)) {
    for (const [index, item] of target.entries()) {
      if (!isRecord(item)) continue;
      const itemPointer = pointerOf(pointer, index);
      yield { ...base, spec: item, pointer: itemPointer, targetPointer: pointerOf(itemPointer, 'to'), index };
    }
  } else if (isRecord(target)) {
    yield { ...base, spec: target, pointer, targetPointer: pointerOf(pointer, 'to') };
  }
}

export type WorkKind = 'task' | 'approval' | 'foreach';

/** The human-work spec of a state (`task`, `approval` or `foreach`), if any. */
export function* workOf(state: StateSpec, statePointer: string): Generator<{ kind: WorkKind; spec: TaskSpec | ApprovalSpec | ForeachSpec; pointer: string }> {
  for (const kind of ['task', 'approval', 'foreach'] as const) {
    const spec = state[kind];
    if (isRecord(spec)) yield { kind, spec, pointer: pointerOf(statePointer, kind) };
  }
}

/** Every plugin action call of a state: entry, exit, and on its transitions. */
export function* actionsOf(state: StateSpec, statePointer: string): Generator<{ call: ActionCall; pointer: string }> {
  const lists: Array<[unknown, string]> = [
    [state.entry, pointerOf(statePointer, 'entry')],
    [state.exit, pointerOf(statePointer, 'exit')],
  ];
  for (const transition of walkTransitions(state, statePointer)) {
    lists.push([transition.spec.actions, pointerOf(transition.pointer, 'actions')]);
  }
  for (const [list, pointer] of lists) {
    if (!Array.isArray(list)) continue;
    for (const [i, call] of list.entries()) {
      if (isRecord(call)) yield { call: call as unknown as ActionCall, pointer: pointerOf(pointer, i) };
    }
  }
}

/** The standing actions of a definition (`actions`), each with its pointer. */
export function* standingActionsOf(def: WorkflowDefinition): Generator<{ name: string; spec: StandingAction; pointer: string }> {
  if (!isRecord(def.actions)) return;
  for (const [name, spec] of Object.entries(def.actions)) {
    if (isRecord(spec)) yield { name, spec: spec as unknown as StandingAction, pointer: pointerOf('/actions', name) };
  }
}

/** Every action call of the definition: those of every state, then those of the standing actions. */
export function* allActionCalls(def: WorkflowDefinition): Generator<{ call: ActionCall; pointer: string }> {
  for (const { state, pointer } of walkStates(def)) yield* actionsOf(state, pointer);
  for (const { spec, pointer } of standingActionsOf(def)) {
    if (!Array.isArray(spec.actions)) continue;
    for (const [i, call] of spec.actions.entries()) {
      if (isRecord(call)) yield { call: call as unknown as ActionCall, pointer: pointerOf(pointer, 'actions', i) };
    }
  }
}
