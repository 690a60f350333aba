/**
 * 不得越级: the declared levels (`levels`) and the proof that no path skips one.
 *
 * The model: a case has a position, the index of the last level it entered (-1 before the first).
 * Walking the top-level graph from the initial step, every transition may enter a level only at
 * most one above the position (guards are treated as possible either way, so every candidate of
 * `on`, `always` and `onDone` is an edge); a `return.to` may only enter a level below the step it
 * returns from (or at most the position, from a step that is no level); a final step whose result
 * is `completed` needs the last level behind it (a `rejected` or `cancelled` end may stop early).
 * Levels are top-level steps; a parallel or foreach step is one level as a whole. A transition
 * inside a branch that names a top-level step leaves the whole parallel step: an edge of that
 * parallel step (with the branch transition's pointer). A standing action with `to`, and
 * `withdraw.to`, are edges from every step they are offered in. Returns to `previous` or
 * `visited` expand at run time only to steps behind the returning one (`returnMayGoTo`), and
 * walking a step again at a later position finds nothing new, so they are no edges here;
 * `reapproval: direct` goes back to the level that returned the case, whose levels were passed.
 *
 * The same analysis answers the runtime's question "which levels would moving a case from step A
 * to step B skip?" (`levelsSkipped`), for admin moves (migration mappings, admin events): a move
 * into a level needs every level before it done (the level a case is in is not done yet); a move
 * into another step needs the levels its earliest path passes; ending the case as rejected or
 * cancelled skips nothing.
 */
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, StateSpec, WorkflowDefinition } from './types.js';
import { statesOf, walkScopes, walkTransitions } from './walk.js';

/** The declared levels of a definition, normalized. */
export interface LevelModel {
  order: string[];
  adminSkip: 'never' | 'with-approval';
  /** Pointer of the order array (`/levels` or `/levels/order`). */
  pointer: string;
}

/** The declared levels, or `null` when the definition declares none (or declares them malformed). */
export function levelsOf(def: WorkflowDefinition): LevelModel | null {
  const spec: unknown = def.levels;
  if (Array.isArray(spec)) return { order: spec.filter((s) => typeof s === 'string'), adminSkip: 'never', pointer: '/levels' };
  if (isRecord(spec) && Array.isArray(spec.order)) {
    return {
      order: spec.order.filter((s) => typeof s === 'string'),
      adminSkip: spec.adminSkip === 'with-approval' ? 'with-approval' : 'never',
      pointer: '/levels/order',
    };
  }
  return null;
}

interface Edge {
  to: string;
  pointer: string;
  kind: 'move' | 'return';
}

interface Analysis {
  levels: LevelModel;
  index: Map<string, number>;
  /** Lowest position at which each top-level step is reachable (its "rank"). */
  rank: Map<string, number>;
  problems: DefinitionProblem[];
}

const cache = new WeakMap<WorkflowDefinition, Analysis | null>();

/** Level problems of a definition: unknown level steps, paths that skip a level, forward returns. */
export function checkLevels(def: WorkflowDefinition): DefinitionProblem[] {
  return analyze(def)?.problems ?? [];
}

/**
 * The levels a move from top-level step `from` to step `to` would pass over without them being
 * done, in order; empty when the move skips nothing or the definition declares no levels.
 * `from` may be a step of an older version that `def` no longer has: `doneFallback` then gives
 * the name of the last level the case has passed (or null).
 *
 * @example
 * levelsSkipped(def, 'director', 'head') // → ['director', 'deputy']
 */
export function levelsSkipped(def: WorkflowDefinition, from: string, to: string, doneFallback: string | null = null): string[] {
  const a = analyze(def);
  if (!a) return [];
  // Ending the case as rejected or cancelled signs nothing: it passes over no level.
  const target = isRecord(def.states) ? def.states[to] : undefined;
  if (target?.final === true && (target.result ?? 'completed') !== 'completed') return [];
  const done = donePosition(a, from, doneFallback);
  const toLevel = a.index.get(to);
  const needed = toLevel !== undefined ? toLevel - 1 : (a.rank.get(to) ?? -1);
  return needed > done ? a.levels.order.slice(done + 1, needed + 1) : [];
}

/** The last level a case in step `from` has certainly passed (for moves between versions). */
export function lastLevelDone(def: WorkflowDefinition, from: string): string | null {
  const a = analyze(def);
  if (!a) return null;
  const done = donePosition(a, from, null);
  return done >= 0 ? (a.levels.order[done] ?? null) : null;
}

/**
 * Whether a return to `previous` or `visited` from top-level step `from` may land on `to`: with
 * levels declared, only on a step behind it in the level order (a level below the one returning,
 * or a step reached before it), so that such a return can never move a case forward past a level.
 *
 * @example
 * returnMayGoTo(def, 'director', 'proofread') // → true
 * returnMayGoTo(def, 'director', 'head')      // → false (a forward "return")
 */
export function returnMayGoTo(def: WorkflowDefinition, from: string, to: string): boolean {
  const a = analyze(def);
  if (!a) return true;
  const at = a.index.get(to) ?? a.rank.get(to);
  if (at === undefined) return false;
  const fromLevel = a.index.get(from);
  if (fromLevel !== undefined) return at < fromLevel;
  const fromRank = a.rank.get(from);
  return fromRank !== undefined && at <= fromRank;
}

function donePosition(a: Analysis, from: string, fallback: string | null): number {
  const level = a.index.get(from);
  if (level !== undefined) return level - 1; // the level it is in is not done yet
  if (a.rank.has(from)) return a.rank.get(from)!;
  return fallback === null ? -1 : (a.index.get(fallback) ?? -1);
}

function analyze(def: WorkflowDefinition): Analysis | null {
  if (cache.has(def)) return cache.get(def)!;
  const levels = levelsOf(def);
  const result = levels ? walk(def, levels) : null;
  cache.set(def, result);
  return result;
}

function walk(def: WorkflowDefinition, levels: LevelModel): Analysis {
  const states = isRecord(def.states) ? (def.states as Record<string, StateSpec>) : {};
  const index = new Map<string, number>();
  const problems: DefinitionProblem[] = [];
  levels.order.forEach((name, i) => {
    const state = states[name];
    if (!Object.hasOwn(states, name) || !isRecord(state) || state.final === true) {
      problems.push(problem('definition.level_not_a_step', pointerOf(levels.pointer, i), { state: name }));
    } else index.set(name, i);
  });
  const rank = new Map<string, number>();
  if (problems.length > 0 || typeof def.initial !== 'string' || !Object.hasOwn(states, def.initial)) {
    return { levels, index, rank, problems };
  }

  const last = levels.order.length - 1;
  const reported = new Set<string>();
  const parent = new Map<string, string | null>();
  const key = (s: string, p: number) => `${p}|${s}`;
  const pathTo = (node: string): string[] => {
    const names: string[] = [];
    for (let n: string | null | undefined = node; n; n = parent.get(n)) names.unshift(n.slice(n.indexOf('|') + 1));
    return names;
  };
  const report = (at: string, from: string | null, code: Parameters<typeof problem>[0], details: Record<string, unknown>, to: string) => {
    if (reported.has(at)) return;
    reported.add(at);
    const path = [...(from ? pathTo(from) : []), to];
    problems.push(problem(code, at, { ...details, path: path.join(' → '), steps: path }));
  };

  const queue: Array<[string, number]> = [];
  const enter = (from: string | null, p: number, edge: Edge) => {
    const to = edge.to;
    if (!Object.hasOwn(states, to) || !isRecord(states[to])) return; // reported by the graph check
    const level = index.get(to);
    let next = p;
    if (level !== undefined) {
      if (edge.kind === 'move' && level > p + 1) {
        report(edge.pointer, from, 'definition.level_skipped', { skipped: levels.order.slice(p + 1, level).join('、'), to }, to);
      }
      const fromLevel = from ? index.get(from.slice(from.indexOf('|') + 1)) : undefined;
      if (edge.kind === 'return' && (level > p || (fromLevel !== undefined && level >= fromLevel))) {
        report(edge.pointer, from, 'definition.return_forward', { to }, to);
      }
      next = level;
    }
    const target = states[to]!;
    if (target.final === true && (target.result ?? 'completed') === 'completed' && next < last) {
      report(edge.pointer, from, 'definition.level_missing', { skipped: levels.order.slice(next + 1).join('、'), to }, to);
    }
    const k = key(to, next);
    if (parent.has(k)) return;
    parent.set(k, from);
    rank.set(to, Math.min(rank.get(to) ?? Infinity, next));
    queue.push([to, next]);
  };

  const exits = branchExits(def);
  enter(null, -1, { to: def.initial, pointer: '/initial', kind: 'move' });
  for (let item = queue.shift(); item; item = queue.shift()) {
    const [name, p] = item;
    for (const edge of edgesOf(name, states[name]!)) enter(key(name, p), p, edge);
    for (const edge of exits.get(name) ?? []) enter(key(name, p), p, edge);
    for (const edge of standingEdges(def, name, states[name]!)) enter(key(name, p), p, edge);
    for (const edge of withdrawEdges(def, name, states[name]!)) enter(key(name, p), p, edge);
  }
  return { levels, index, rank, problems };
}

/**
 * Ways out of a parallel step from inside one of its branches: a transition in a region (at any
 * depth) whose target is no step of its own region but a top-level step leaves the whole parallel
 * step (`resolveTarget`), so it is an edge of the top-level parallel step, with its own pointer.
 */
function branchExits(def: WorkflowDefinition): Map<string, Edge[]> {
  const scopes = [...walkScopes(def)];
  const byPath = new Map(scopes.map((sc) => [sc.path.join('\u0000'), sc]));
  const exits = new Map<string, Edge[]>();
  for (const scope of scopes) {
    if (scope.path.length === 0) continue;
    for (const { state, pointer } of statesOf(scope)) {
      for (const t of walkTransitions(state, pointer)) {
        const to = t.spec.to;
        if (typeof to !== 'string' || Object.hasOwn(scope.states, to) || t.kind === 'onDone') continue;
        // The nearest enclosing scope that has the name; only the top level's is a way out here.
        let depth = scope.path.length - 2;
        while (depth > 0 && !Object.hasOwn(byPath.get(scope.path.slice(0, depth).join('\u0000'))?.states ?? {}, to)) depth -= 2;
        if (depth !== 0) continue;
        const top = scope.path[0]!;
        exits.set(top, [...(exits.get(top) ?? []), { to, pointer: t.targetPointer, kind: 'move' }]);
      }
    }
  }
  return exits;
}

/**
 * Withdrawing (撤回) with `withdraw.to` moves the case to that top-level step from every step it is
 * allowed in (`from`, default any step that is not final): an edge like a transition's.
 */
function* withdrawEdges(def: WorkflowDefinition, name: string, state: StateSpec): Generator<Edge> {
  const rule = def.withdraw;
  if (!isRecord(rule) || rule.allowed === false || typeof rule.to !== 'string' || state.final === true) return;
  if (Array.isArray(rule.from) && !rule.from.some((s) => s === name || stepsInside(state).has(s))) return;
  yield { to: rule.to, pointer: '/withdraw/to', kind: 'move' };
}

/** Names of the steps inside a parallel step's branches, at any depth. */
function stepsInside(state: StateSpec): Set<string> {
  const names = new Set<string>();
  const visit = (s: StateSpec) => {
    if (!isRecord(s.parallel)) return;
    for (const region of Object.values(s.parallel)) {
      if (!isRecord(region) || !isRecord(region.states)) continue;
      for (const [n, inner] of Object.entries(region.states)) {
        names.add(n);
        if (isRecord(inner)) visit(inner as StateSpec);
      }
    }
  };
  visit(state);
  return names;
}

/**
 * A standing action with `to` moves the case from any step it is offered in (`in`, default every
 * step that is not final): an edge like a transition's, so it may not skip a level either.
 */
function* standingEdges(def: WorkflowDefinition, name: string, state: StateSpec): Generator<Edge> {
  if (!isRecord(def.actions) || state.final === true) return;
  for (const [action, spec] of Object.entries(def.actions)) {
    if (!isRecord(spec) || typeof spec.to !== 'string') continue;
    if (Array.isArray(spec.in) && !spec.in.includes(name)) continue;
    yield { to: spec.to, pointer: pointerOf('/actions', action, 'to'), kind: 'move' };
  }
}

function* edgesOf(name: string, state: StateSpec): Generator<Edge> {
  const pointer = pointerOf('/states', name);
  for (const t of walkTransitions(state, pointer)) {
    if (typeof t.spec.to === 'string') yield { to: t.spec.to, pointer: t.targetPointer, kind: 'move' };
  }
  if (isRecord(state.return) && Array.isArray(state.return.to)) {
    for (const [i, to] of state.return.to.entries()) {
      if (typeof to === 'string') yield { to, pointer: pointerOf(pointer, 'return', 'to', i), kind: 'return' };
    }
  }
}
