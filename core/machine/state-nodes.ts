/**
 * One step of a definition as an XState state node: what entering and leaving it does to the case
 * (work, timers, data, actions, CC), its transitions (`on`, outcomes, `always`, `onDone`) with their
 * guards and `set`s, and the return (退回) transitions it offers.
 */
import { assign } from 'xstate';
import { returnMayGoTo } from '../definition/check-levels.js';
import type { Assignment, EmptyAssigneePolicy, StateSpec, TransitionSpec, TransitionTarget } from '../definition/types.js';
import { abs, nowOf, type Args, type CompileContext, type Ctx, type XTransition } from './compile-context.js';
import type { Work } from './context.js';
import { setDataPath } from './data-path.js';
import { applySet, evalRule, evaluateAssignment, ruleScopeOf, truthy, type Scope } from './scope.js';
import { resolveTarget, type StateInfo } from './state-index.js';
import { dueRefusal, timersFor } from './step-timers.js';
import { defaultOutcome, outcomesOf } from './work.js';

/** The XState node of step `id` (a parallel step's regions compiled inside it). */
export function stateNode(cc: CompileContext, id: string): Record<string, unknown> {
  const s = cc.info(id);
  const spec: StateSpec = s.spec;
  const node: Record<string, unknown> = { entry: [enter(cc, id)], exit: [exit(cc, id)] };
  if (spec.final) {
    node.type = 'final';
    return node;
  }
  if (spec.parallel) {
    node.type = 'parallel';
    node.states = Object.fromEntries(
      Object.entries(spec.parallel).map(([region, r]) => {
        const rid = `${id}.${region}`;
        return [region, { initial: r.initial, states: Object.fromEntries(Object.keys(r.states).map((k) => [k, stateNode(cc, `${rid}.${k}`)])) }];
      }),
    );
    if (spec.onDone) node.onDone = transitionsOf(cc, spec.onDone, id, s.scope);
  }
  const on: Record<string, XTransition[]> = {};
  const always: XTransition[] = [];
  const outcomes = s.work ? new Set(outcomesOf(s.work)) : new Set<string>();
  // A `direct` return: once the returned-to step is done again, jump back to the step that returned it.
  for (const other of cc.states.values()) {
    const rule = other.spec.return;
    if (!rule || rule.reapproval !== 'direct' || !s.work || other.scope !== s.scope) continue;
    always.push({
      target: abs(other.id),
      guard: ({ context }) => context.returnTo?.from === id && context.returnTo.to === other.id && context.work[id]?.outcome === defaultOutcome(s.work!),
      actions: assign({ returnTo: null }),
    });
  }
  for (const [event, target] of Object.entries(spec.on ?? {})) {
    if (outcomes.has(event)) always.push(...transitionsOf(cc, target, id, s.scope, outcomeIs(id, event)));
    else on[event] = transitionsOf(cc, target, id, s.scope);
  }
  if (spec.always) always.push(...transitionsOf(cc, spec.always, id, s.scope));
  if (spec.return) on.return = returnTransitions(cc, s);
  if (always.length) node.always = always;
  if (Object.keys(on).length) node.on = on;
  return node;
}

/** Everything that happens when the case enters a step. */
function enter(cc: CompileContext, id: string) {
  return assign(({ context, event }: Args) => {
    const s = cc.info(id);
    const round = (context.rounds[id] ?? 0) + 1;
    const data = applySet(context.data, s.spec.set, ruleScopeOf(context, { state: id, ...nowOf(event) }));
    const scope = ruleScopeOf({ ...context, data }, { state: id, ...nowOf(event) });
    // A per-item deadline from the data is checked per item, below.
    const refusal = s.work?.kind === 'item' ? null : dueRefusal(s, scope, cc.def.startForm);
    const next: Partial<Ctx> = {
      ...(refusal ? { refusal } : {}),
      data,
      rounds: { ...context.rounds, [id]: round },
      visited: [...context.visited, id],
      ...cc.pushActions(context, id, s.spec.entry, scope),
    };
    if (s.spec.cc?.length) next.cc = [...context.cc, ...s.spec.cc.map((to) => ({ state: id, to: evaluateAssignment(to, scope) }))];
    let timers = { ...context.timers };
    const fallbacks = fallbackRules(s.work?.spec.emptyAssignee ?? cc.def.defaults?.emptyAssignee);
    if (s.work) {
      const w: Work = { state: id, kind: s.work.kind, round, assign: evaluateAssignment(s.work.spec.assign, scope), slots: null, outcome: null };
      if (s.work.kind === 'approval') {
        w.mode = s.work.spec.mode;
        if (s.work.spec.quorum !== undefined) w.quorum = s.work.spec.quorum;
      }
      if (s.work.kind === 'item') {
        const raw = evalRule(s.work.spec.items, scope);
        const items = Array.isArray(raw) ? raw : [];
        const assignSpec = s.work.spec.assign;
        w.items = items;
        const scopes = items.map((_item, index) => itemScope(s, scope, items, index));
        const itemRefusal = scopes.map((sc) => dueRefusal(s, sc, cc.def.startForm)).find((r) => r) ?? null;
        if (itemRefusal) next.refusal = itemRefusal;
        w.itemAssign = scopes.map((sc) => evaluateAssignment(assignSpec, sc));
        const { itemTitle, prefill } = s.work.spec;
        if (itemTitle !== undefined) w.itemTitles = scopes.map((sc) => titleOf(evalRule(itemTitle, sc)));
        if (prefill) w.itemPrefill = scopes.map((sc) => prefillOf(prefill, sc));
        if (fallbacks.length) w.itemFallback = scopes.map((sc) => fallbacks.map((f) => evaluateAssignment(f, sc)));
        // Each item has its own deadline, reminders and escalation, evaluated with the item.
        scopes.forEach((sc, index) => {
          timers = { ...timers, ...timersFor(s, round, sc, index) };
        });
        timers = { ...timers, ...timersFor(s, round, scope, undefined, 'schedules') };
      } else {
        if (fallbacks.length) w.fallback = fallbacks.map((f) => evaluateAssignment(f, scope));
        timers = { ...timers, ...timersFor(s, round, scope) };
      }
      // The initiator's own first step is done by starting the case; only a case sent back opens it as a task.
      if (s.work.kind === 'task' && s.work.spec.doneAtStart && round === 1) {
        w.slots = [];
        w.outcome = defaultOutcome(s.work);
        next.actors = { ...context.actors, [id]: context.initiator.id };
      }
      next.work = { ...context.work, [id]: w };
    } else {
      timers = { ...timers, ...timersFor(s, round, scope) };
    }
    next.timers = timers;
    return next;
  });
}

/** Everything that happens when the case leaves a step. */
function exit(cc: CompileContext, id: string) {
  return assign(({ context }: Args) => {
    const s = cc.info(id);
    const work = { ...context.work };
    delete work[id];
    const timers = Object.fromEntries(Object.entries(context.timers).filter(([, t]) => t.state !== id));
    return { work, timers, ...cc.pushActions(context, id, s.spec.exit, ruleScopeOf(context, { state: id })) };
  });
}

function transitionActions(cc: CompileContext, from: string, t: TransitionSpec) {
  return assign(({ context, event }: Args) => {
    const scope = ruleScopeOf(context, { state: from, event: event as Record<string, unknown>, ...nowOf(event) });
    const data = applySet(context.data, t.set, scope);
    return { data, ...cc.pushActions(context, from, t.actions, { ...scope, data }) };
  });
}

function guardOf(rule: unknown, from: string) {
  return (a: Args) =>
    truthy(
      evalRule(
        rule,
        ruleScopeOf(a.context, { state: from, event: a.event as Record<string, unknown>, actor: (a.event as { by?: string }).by, ...nowOf(a.event) }),
      ),
    );
}

function outcomeIs(id: string, outcome: string) {
  return ({ context }: Args) => context.work[id]?.outcome === outcome;
}

/** Compiles an `on`/`always`/`onDone` value written in `scope` into XState transitions. */
function transitionsOf(cc: CompileContext, target: TransitionTarget, from: string, scope: string, extraGuard?: (a: Args) => boolean): XTransition[] {
  const list: TransitionSpec[] = typeof target === 'string' ? [{ to: target }] : Array.isArray(target) ? target : [target];
  return list.map((t) => {
    const to = t.to === undefined ? undefined : resolveTarget(cc.states, scope, t.to);
    const userGuard = t.if === undefined ? undefined : guardOf(t.if, from);
    if (t.refuse) {
      // Refuse the command: record why; the step then throws and nothing is stored.
      const refuse = t.refuse;
      return {
        guard: (a: Args) => !a.context.refusal && (!extraGuard || extraGuard(a)) && (!userGuard || userGuard(a)),
        actions: assign({ refusal: () => ({ message: refuse.message, ...(refuse.pointer ? { pointer: refuse.pointer } : {}) }) }),
      };
    }
    const guard = extraGuard && userGuard ? (a: Args) => extraGuard(a) && userGuard(a) : (extraGuard ?? userGuard);
    return {
      ...(to ? { target: abs(to) } : {}),
      ...(guard ? { guard } : {}),
      ...(to === from || (to === undefined && extraGuard) ? { target: abs(from), reenter: true } : {}),
      actions: transitionActions(cc, from, t),
    };
  });
}

/** The returns (退回) a step offers: to the steps its rule names, each only if the case has been there. */
function returnTransitions(cc: CompileContext, s: StateInfo): XTransition[] {
  const rule = s.spec.return!;
  const candidates = Array.isArray(rule.to)
    ? rule.to.map((n) => resolveTarget(cc.states, s.scope, n)).filter((x): x is string => !!x)
    : [...cc.states.values()]
        .filter((o) => o.scope === s.scope && o.work && o.id !== s.id && (s.scope !== '' || returnMayGoTo(cc.def, s.id, o.id)))
        .map((o) => o.id);
  return candidates.map((to) => ({
    target: abs(to),
    reenter: true,
    guard: ({ context, event }: Args) => {
      if ((event as { to?: string }).to !== to) return false;
      const before = context.visited.slice(0, context.visited.lastIndexOf(s.id));
      if (!before.includes(to)) return false;
      if (rule.to !== 'previous') return true;
      const lastHuman = [...before].reverse().find((v) => cc.states.get(v)?.work && cc.states.get(v)?.scope === s.scope);
      return lastHuman === to;
    },
    actions: assign(({ context }: Args) => ({ returnTo: rule.reapproval === 'direct' ? { from: to, to: s.id } : context.returnTo })),
  }));
}

/** The scope of one item of a per-item step: the item under its name (`as`), `item` and `index`. */
export function itemScope(s: StateInfo, scope: Scope, items: unknown[], index: number): Scope {
  const as = s.work?.kind === 'item' ? (s.work.spec.as ?? 'item') : 'item';
  const item = items[index];
  return { ...scope, [as]: item, item, index };
}

/** A template's value as a task title (a non-empty string, at most 200 characters), or none. */
function titleOf(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  return text ? text.slice(0, 200) : null;
}

/** The form values a sub-task starts with: each field path set from its rule over the item. */
function prefillOf(prefill: Record<string, unknown>, scope: Scope): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const [path, rule] of Object.entries(prefill)) {
    const value = evalRule(rule, scope);
    if (value !== undefined && value !== null) out = setDataPath(out, path, value);
  }
  return out;
}

/** The fallback assignments of an empty-assignee policy, in the order they are tried. */
function fallbackRules(policy: EmptyAssigneePolicy | undefined): Assignment[] {
  if (typeof policy !== 'object' || policy === null) return [];
  return Array.isArray(policy.assign) ? policy.assign : [policy.assign];
}
