/**
 * The shape of the flow, per scope: targets that do not exist, states that cannot be reached
 * from the initial state, states from which no final state can be reached, and the rules about
 * final and parallel states.
 *
 * Scoping: a transition (`on`, `always`, `onDone`), a region's `initial` and a `return.to` name a
 * state of the same scope — the top level, or the same parallel region. A parallel state's
 * `onDone` names a sibling of the parallel state. Leaving a region from inside it is not possible:
 * regions end by reaching their final states. `withdraw.to` names a top-level state.
 */
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, WorkflowDefinition } from './types.js';
import { statesOf, walkScopes, walkTransitions, type Scope } from './walk.js';

/** Graph problems of every scope. */
export function checkGraph(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const scope of walkScopes(def)) problems.push(...checkScope(scope));
  problems.push(...checkWithdraw(def));
  return problems;
}

function checkScope(scope: Scope): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const has = (name: unknown): name is string => typeof name === 'string' && Object.hasOwn(scope.states, name);
  const edges = new Map<string, string[]>();
  const finals = new Set<string>();
  /** States whose way on is already reported (parallel without onDone): not counted as dead ends. */
  const excused = new Set<string>();

  if (typeof scope.initial === 'string' && !has(scope.initial)) {
    problems.push(problem('definition.unknown_target', scope.initialPointer, { target: scope.initial }));
  }

  for (const { name, state, pointer } of statesOf(scope)) {
    const targets: string[] = [];
    for (const transition of walkTransitions(state, pointer)) {
      const to = transition.spec.to;
      if (to === undefined) continue; // internal transition: stays
      if (has(to)) targets.push(to);
      else problems.push(problem('definition.unknown_target', transition.targetPointer, { target: String(to) }));
    }
    edges.set(name, targets);

    if (isRecord(state.return) && Array.isArray(state.return.to)) {
      state.return.to.forEach((target, i) => {
        if (!has(target)) {
          problems.push(problem('definition.unknown_target', pointerOf(pointer, 'return', 'to', i), { target: String(target) }));
        }
      });
    }

    if (state.final === true) {
      finals.add(name);
      for (const field of ['on', 'always', 'onDone'] as const) {
        if (state[field] !== undefined) {
          problems.push(problem('definition.final_with_transitions', pointerOf(pointer, field), { state: name, field }));
        }
      }
    }
    if (state.parallel !== undefined && state.onDone === undefined) {
      problems.push(problem('definition.parallel_needs_on_done', pointerOf(pointer, 'parallel'), { state: name }));
      excused.add(name);
    }
  }

  if (Object.keys(scope.states).length > 0 && finals.size === 0) {
    problems.push(problem('definition.no_final_state', scope.pointer, { scope: scope.path.join('.') }));
    return problems; // every state would be a dead end: one problem says it
  }

  const reachable = has(scope.initial) ? closure([scope.initial], (s) => edges.get(s) ?? []) : undefined;
  const reverse = new Map<string, string[]>();
  for (const [from, targets] of edges) for (const to of targets) reverse.set(to, [...(reverse.get(to) ?? []), from]);
  const canFinish = closure([...finals, ...excused], (s) => reverse.get(s) ?? []);

  for (const { name, pointer } of statesOf(scope)) {
    if (reachable && !reachable.has(name)) {
      problems.push(problem('definition.unreachable_state', pointer, { state: name }));
    }
    if (!canFinish.has(name)) problems.push(problem('definition.no_path_to_final', pointer, { state: name }));
  }
  return problems;
}

function closure(start: readonly string[], next: (state: string) => readonly string[]): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const other of next(state)) {
      if (!seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return seen;
}

/** `withdraw.to` names a top-level state; `withdraw.from` names states of any scope. */
function checkWithdraw(def: WorkflowDefinition): DefinitionProblem[] {
  if (!isRecord(def.withdraw)) return [];
  const problems: DefinitionProblem[] = [];
  const top = isRecord(def.states) ? def.states : {};
  const everywhere = allStateNames(def);
  const { to, from } = def.withdraw;
  if (typeof to === 'string' && !Object.hasOwn(top, to)) {
    problems.push(problem('definition.unknown_target', '/withdraw/to', { target: to }));
  }
  if (Array.isArray(from)) {
    from.forEach((name, i) => {
      if (typeof name === 'string' && !everywhere.has(name)) {
        problems.push(problem('definition.unknown_target', pointerOf('/withdraw/from', i), { target: name }));
      }
    });
  }
  return problems;
}

/** Names of the states of every scope. */
export function allStateNames(def: WorkflowDefinition): Set<string> {
  const names = new Set<string>();
  for (const scope of walkScopes(def)) for (const name of Object.keys(scope.states)) names.add(name);
  return names;
}
