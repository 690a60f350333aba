/**
 * The shape of the flow, per scope: targets that do not exist, states that cannot be reached
 * from the initial state, states from which no final state can be reached, and the rules about
 * final and parallel states.
 *
 * Scoping: a region's `initial` and a `return.to` name a state of the same scope — the top level,
 * or the same parallel region. A transition (`on`, `always`, `onDone`) names a state of its own
 * scope or, to leave the whole parallel step from inside a branch, of an enclosing scope (the
 * other branches are then cancelled). A parallel state's `onDone` names a sibling of the parallel
 * state. `withdraw.to` names a top-level state.
 *
 * One mistake, one problem: a misspelt target counts as the step it nearly names (so that step is
 * not also "unreachable"); a target like no step at all excuses its state from being a dead end
 * and silences unreachable reports in its scope (they would follow from it).
 */
import { nearestName } from './ajv-typos.js';
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, WorkflowDefinition } from './types.js';
import { standingActionsOf, statesOf, walkScopes, walkTransitions, type Scope } from './walk.js';

/** Graph problems of every scope. */
export function checkGraph(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const scopes = [...walkScopes(def)];
  const byPath = new Map(scopes.map((sc) => [sc.path.join('\u0000'), sc]));
  // Exits from a branch: an edge, in the enclosing scope, from the parallel state to the target.
  const exits = new Map<Scope, Array<[string, string]>>();
  const enclosing = (scope: Scope, name: string): { scope: Scope; from: string } | undefined => {
    for (let depth = scope.path.length - 2; depth >= 0; depth -= 2) {
      const outer = byPath.get(scope.path.slice(0, depth).join('\u0000'));
      if (outer && Object.hasOwn(outer.states, name)) return { scope: outer, from: scope.path[depth]! };
    }
    return undefined;
  };
  const outward = (scope: Scope, name: string): boolean => {
    const found = enclosing(scope, name);
    if (!found) return false;
    exits.set(found.scope, [...(exits.get(found.scope) ?? []), [found.from, name]]);
    return true;
  };
  const checked = scopes.map((scope) => checkScopeTargets(scope, outward));
  // A standing action's `to` is a way into its top-level step from anywhere.
  const entries = [...standingActionsOf(def)].map((a) => a.spec.to).filter((to): to is string => typeof to === 'string');
  scopes.forEach((scope, i) => problems.push(...checkScope(scope, checked[i]!, exits.get(scope) ?? [], scope.path.length === 0 ? entries : [])));
  problems.push(...checkWithdraw(def));
  return problems;
}

interface ScopeTargets {
  problems: DefinitionProblem[];
  edges: Map<string, string[]>;
  /** States that leave their branch or whose target is unknown: not reported as dead ends. */
  excused: Set<string>;
  unknownTargets: boolean;
}

/** Targets of each state of the scope: local edges, exits to an enclosing scope, unknown targets. */
function checkScopeTargets(scope: Scope, outward: (scope: Scope, name: string) => boolean): ScopeTargets {
  const problems: DefinitionProblem[] = [];
  const has = (name: unknown): name is string => typeof name === 'string' && Object.hasOwn(scope.states, name);
  const edges = new Map<string, string[]>();
  const excused = new Set<string>();
  let unknownTargets = false;
  for (const { name, state, pointer } of statesOf(scope)) {
    const targets: string[] = [];
    for (const transition of walkTransitions(state, pointer)) {
      const to = transition.spec.to;
      if (to === undefined) continue; // internal transition: stays
      if (has(to)) targets.push(to);
      else if (typeof to === 'string' && transition.kind !== 'onDone' && outward(scope, to)) excused.add(name);
      else {
        // A near miss counts as the step it was meant to be, so the typo does not also make
        // that step look unreachable; an unrecognisable target silences unreachable reports.
        const meant =
          typeof to === 'string'
            ? nearestName(
                to,
                Object.keys(scope.states).filter((other) => other !== name),
              )
            : undefined;
        problems.push(problem('definition.unknown_target', transition.targetPointer, { target: String(to), ...(meant ? { suggestion: meant } : {}) }));
        if (meant) targets.push(meant);
        else {
          excused.add(name);
          unknownTargets = true;
        }
      }
    }
    edges.set(name, targets);
  }
  return { problems, edges, excused, unknownTargets };
}

function checkScope(scope: Scope, targets: ScopeTargets, exits: Array<[string, string]>, entries: readonly string[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [...targets.problems];
  const has = (name: unknown): name is string => typeof name === 'string' && Object.hasOwn(scope.states, name);
  const edges = new Map([...targets.edges].map(([k, v]) => [k, [...v]]));
  for (const [from, to] of exits) edges.set(from, [...(edges.get(from) ?? []), to]);
  const finals = new Set<string>();
  /** States whose way on is already reported (parallel without onDone, unknown target) or leads out of the branch. */
  const excused = new Set<string>(targets.excused);

  if (typeof scope.initial === 'string' && !has(scope.initial)) {
    problems.push(problem('definition.unknown_target', scope.initialPointer, { target: scope.initial }));
  }

  for (const { name, state, pointer } of statesOf(scope)) {
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

  const reachable = has(scope.initial) ? closure([scope.initial, ...entries.filter(has)], (s) => edges.get(s) ?? []) : undefined;
  const reverse = new Map<string, string[]>();
  for (const [from, targets] of edges) for (const to of targets) reverse.set(to, [...(reverse.get(to) ?? []), from]);
  const canFinish = closure([...finals, ...excused], (s) => reverse.get(s) ?? []);

  for (const { name, pointer } of statesOf(scope)) {
    if (reachable && !reachable.has(name) && !targets.unknownTargets) {
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
