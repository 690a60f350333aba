/**
 * Compiles a validated workflow definition into an XState v5 machine.
 *
 * The machine only ever changes its context through pure `assign` actions; human work, timers,
 * plugin actions and CC are written into the context, and the engine derives its effects from the
 * difference between two snapshots. Nothing here touches the database, the clock or the network.
 *
 * @example
 * const wf = compileDefinition(definition, 3);
 * const { snapshot } = start(wf, { data, initiator });
 */
import { assign, setup, type AnyStateMachine } from 'xstate';
import type { ActionCall, Assignment, EmptyAssigneePolicy, StateSpec, TransitionSpec, TransitionTarget, WorkflowDefinition } from '../definition/types.js';
import type { EngineContext, EngineEvent, Initiator, Timer, Work } from './context.js';
import { parseDuration } from '../calendar/index.js';
import { returnMayGoTo } from '../definition/check-levels.js';
import { mergeData, setDataPath } from './data-path.js';
import { applySet, evalRule, evaluateAssignment, resolveParams, ruleScopeOf, truthy, type Scope } from './scope.js';
import { indexStates, resolveTarget, type StateInfo } from './state-index.js';
import { addSlots, assignSlots, completeSlot, defaultOutcome, outcomesOf, removeSlot } from './work.js';

export interface CompiledWorkflow {
  key: string;
  version: number;
  definition: WorkflowDefinition;
  machine: AnyStateMachine;
  states: Map<string, StateInfo>;
}

export const MACHINE_ID = 'case';

/**
 * The time of the event (`at`, stamped by the engine's shell; for the start, `now` in the input),
 * as `now` for rules. The machine itself never reads a clock.
 */
function nowOf(event: unknown): { now?: string } {
  const e = event as { at?: unknown; input?: { now?: unknown } };
  const at = typeof e?.at === 'string' ? e.at : typeof e?.input?.now === 'string' ? e.input.now : undefined;
  return at ? { now: at } : {};
}
export const WITHDRAWN = '__withdrawn';
/** The event a standing action sends: `action:<name>` (no definition event contains a colon). */
export const STANDING_PREFIX = 'action:';

type Ctx = EngineContext;
type Ev = EngineEvent | { type: string; [k: string]: unknown };
type Args = { context: Ctx; event: Ev };
type XTransition = { target?: string; guard?: (a: Args) => boolean; actions?: unknown; reenter?: boolean };

const abs = (id: string) => `#${MACHINE_ID}.${id}`;

export function compileDefinition(def: WorkflowDefinition, version = def.version ?? 0): CompiledWorkflow {
  const states = indexStates(def);
  const info = (id: string) => states.get(id)!;

  const withComputed = (data: Record<string, unknown>, ctx: Pick<Ctx, 'initiator'>, event?: unknown) =>
    def.computed ? applySet(data, def.computed, { data, initiator: ctx.initiator, ...nowOf(event) }) : data;

  const pushActions = (ctx: Ctx, state: string, calls: ActionCall[] | undefined, scope: Scope): Pick<Ctx, 'outbox' | 'seq'> => {
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
  };

  /** Everything that happens when the case enters a step. */
  const enter = (id: string) =>
    assign(({ context, event }: Args) => {
      const s = info(id);
      const round = (context.rounds[id] ?? 0) + 1;
      let data = applySet(context.data, s.spec.set, ruleScopeOf(context, { state: id, ...nowOf(event) }));
      const scope = ruleScopeOf({ ...context, data }, { state: id, ...nowOf(event) });
      // A per-item deadline from the data is checked per item, below.
      const refusal = s.work?.kind === 'item' ? null : dueRefusal(s, scope, def.startForm);
      const next: Partial<Ctx> = {
        ...(refusal ? { refusal } : {}),
        data,
        rounds: { ...context.rounds, [id]: round },
        visited: [...context.visited, id],
        ...pushActions(context, id, s.spec.entry, scope),
      };
      if (s.spec.cc?.length) next.cc = [...context.cc, ...s.spec.cc.map((to) => ({ state: id, to: evaluateAssignment(to, scope) }))];
      let timers = { ...context.timers };
      const fallbacks = fallbackRules(s.work?.spec.emptyAssignee ?? def.defaults?.emptyAssignee);
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
          const scopes = items.map((item, index) => itemScope(s, scope, items, index));
          const itemRefusal = scopes.map((sc) => dueRefusal(s, sc, def.startForm)).find((r) => r) ?? null;
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
        next.work = { ...context.work, [id]: w };
      } else {
        timers = { ...timers, ...timersFor(s, round, scope) };
      }
      next.timers = timers;
      return next;
    });

  /** Everything that happens when the case leaves a step. */
  const exit = (id: string) =>
    assign(({ context }: Args) => {
      const s = info(id);
      const work = { ...context.work };
      delete work[id];
      const timers = Object.fromEntries(Object.entries(context.timers).filter(([, t]) => t.state !== id));
      return { work, timers, ...pushActions(context, id, s.spec.exit, ruleScopeOf(context, { state: id })) };
    });

  const transitionActions = (from: string, t: TransitionSpec) =>
    assign(({ context, event }: Args) => {
      const scope = ruleScopeOf(context, { state: from, event: event as Record<string, unknown>, ...nowOf(event) });
      const data = applySet(context.data, t.set, scope);
      return { data, ...pushActions(context, from, t.actions, { ...scope, data }) };
    });

  const guardOf = (rule: unknown, from: string) => (a: Args) =>
    truthy(evalRule(rule, ruleScopeOf(a.context, { state: from, event: a.event as Record<string, unknown>, actor: (a.event as { by?: string }).by, ...nowOf(a.event) })));

  /** Compiles an `on`/`always`/`onDone` value written in `scope` into XState transitions. */
  const transitionsOf = (target: TransitionTarget, from: string, scope: string, extraGuard?: (a: Args) => boolean): XTransition[] => {
    const list: TransitionSpec[] = typeof target === 'string' ? [{ to: target }] : Array.isArray(target) ? target : [target];
    return list.map((t) => {
      const to = t.to === undefined ? undefined : resolveTarget(states, scope, t.to);
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
        actions: transitionActions(from, t),
      };
    });
  };

  const outcomeIs = (id: string, outcome: string) => ({ context }: Args) => context.work[id]?.outcome === outcome;

  const compileState = (id: string): Record<string, unknown> => {
    const s = info(id);
    const spec: StateSpec = s.spec;
    const node: Record<string, unknown> = { entry: [enter(id)], exit: [exit(id)] };
    if (spec.final) {
      node.type = 'final';
      return node;
    }
    if (spec.parallel) {
      node.type = 'parallel';
      node.states = Object.fromEntries(
        Object.entries(spec.parallel).map(([region, r]) => {
          const rid = `${id}.${region}`;
          return [region, { initial: r.initial, states: Object.fromEntries(Object.keys(r.states).map((k) => [k, compileState(`${rid}.${k}`)])) }];
        }),
      );
      if (spec.onDone) node.onDone = transitionsOf(spec.onDone, id, s.scope);
    }
    const on: Record<string, XTransition[]> = {};
    const always: XTransition[] = [];
    const outcomes = s.work ? new Set(outcomesOf(s.work)) : new Set<string>();
    // A `direct` return: once the returned-to step is done again, jump back to the step that returned it.
    for (const other of states.values()) {
      const rule = other.spec.return;
      if (!rule || rule.reapproval !== 'direct' || !s.work || other.scope !== s.scope) continue;
      always.push({
        target: abs(other.id),
        guard: ({ context }) =>
          context.returnTo?.from === id && context.returnTo.to === other.id && context.work[id]?.outcome === defaultOutcome(s.work!),
        actions: assign({ returnTo: null }),
      });
    }
    for (const [event, target] of Object.entries(spec.on ?? {})) {
      if (outcomes.has(event)) always.push(...transitionsOf(target, id, s.scope, outcomeIs(id, event)));
      else on[event] = transitionsOf(target, id, s.scope);
    }
    if (spec.always) always.push(...transitionsOf(spec.always, id, s.scope));
    if (spec.return) on.return = returnTransitions(s);
    if (always.length) node.always = always;
    if (Object.keys(on).length) node.on = on;
    return node;
  };

  const returnTransitions = (s: StateInfo): XTransition[] => {
    const rule = s.spec.return!;
    const candidates =
      Array.isArray(rule.to) ? rule.to.map((n) => resolveTarget(states, s.scope, n)).filter((x): x is string => !!x)
      : [...states.values()].filter((o) => o.scope === s.scope && o.work && o.id !== s.id && (s.scope !== '' || returnMayGoTo(def, s.id, o.id))).map((o) => o.id);
    return candidates.map((to) => ({
      target: abs(to),
      reenter: true,
      guard: ({ context, event }: Args) => {
        if ((event as { to?: string }).to !== to) return false;
        const before = context.visited.slice(0, context.visited.lastIndexOf(s.id));
        if (!before.includes(to)) return false;
        if (rule.to !== 'previous') return true;
        const lastHuman = [...before].reverse().find((v) => states.get(v)?.work && states.get(v)?.scope === s.scope);
        return lastHuman === to;
      },
      actions: assign(({ context }: Args) => ({ returnTo: rule.reapproval === 'direct' ? { from: to, to: s.id } : context.returnTo })),
    }));
  };

  const rootOn: Record<string, unknown> = {
    'work.assigned': {
      actions: assign(({ context, event }: Args) => {
        const e = event as Extract<EngineEvent, { type: 'work.assigned' }>;
        const w = context.work[e.state];
        const s = states.get(e.state);
        if (!w || !s?.work || w.slots !== null) return {};
        const policy = s.work.spec.selfApproval ?? def.defaults?.selfApproval ?? 'allow';
        let next = assignSlots(w, e.slots, context.initiator, policy);
        if (next.slots && next.slots.length === 0) next = { ...next, outcome: defaultOutcome(s.work) };
        return { work: { ...context.work, [e.state]: next } };
      }),
    },
    'task.done': {
      actions: assign(({ context, event }: Args) => {
        const e = event as Extract<EngineEvent, { type: 'task.done' }>;
        const w = Object.values(context.work).find((x) => x.slots?.some((sl) => sl.id === e.slot));
        if (!w) return {};
        // A foreach step may collect each item's form data by index instead of overwriting one key.
        const spec = states.get(w.state)?.work;
        const item = w.slots!.find((sl) => sl.id === e.slot)?.item;
        const collect = spec?.kind === 'item' ? spec.spec.collect : undefined;
        const patched = collect && item !== undefined && e.data ? setDataPath(context.data, `${collect}.${item}`, Object.values(e.data)[0] ?? null) : mergeData(context.data, e.data);
        const data = withComputed(patched, context, event);
        // A finished item's own deadline, reminders and escalation stop with it.
        const timers = item === undefined ? context.timers : Object.fromEntries(Object.entries(context.timers).filter(([, t]) => !(t.state === w.state && t.item === item)));
        return {
          data,
          timers,
          actors: { ...context.actors, [w.state]: e.by },
          work: { ...context.work, [w.state]: completeSlot(w, e.slot, e.outcome, e.by) },
        };
      }),
    },
    'work.add': {
      actions: assign(({ context, event }: Args) => {
        const e = event as Extract<EngineEvent, { type: 'work.add' }>;
        const w = context.work[e.state];
        return w ? { work: { ...context.work, [e.state]: addSlots(w, e.slots, e.by, e.before) } } : {};
      }),
    },
    'work.remove': {
      actions: assign(({ context, event }: Args) => {
        const e = event as Extract<EngineEvent, { type: 'work.remove' }>;
        const w = Object.values(context.work).find((x) => x.slots?.some((sl) => sl.id === e.slot));
        return w ? { work: { ...context.work, [w.state]: removeSlot(w, e.slot) } } : {};
      }),
    },
    'data.patch': {
      actions: assign(({ context, event }: Args) => ({
        data: withComputed(mergeData(context.data, (event as Extract<EngineEvent, { type: 'data.patch' }>).data), context, event),
      })),
    },
    'timer.fired': {
      actions: assign(({ context, event }: Args) => {
        const key = (event as Extract<EngineEvent, { type: 'timer.fired' }>).key;
        const t = context.timers[key];
        if (!t) return {};
        const timers = { ...context.timers };
        delete timers[key];
        if (t.kind === 'schedule') {
          const tick = (t.tick ?? 0) + 1;
          const stop = (t.count !== undefined && tick >= t.count) || (t.until !== undefined && truthy(evalRule(t.until, ruleScopeOf(context))));
          if (!stop) {
            const base = key.split('@')[0]!;
            // The next tick counts from this one.
            const at = nowOf(event).now;
            timers[`${base}@${tick}`] = { ...t, key: `${base}@${tick}`, tick, ...(at ? { since: at } : {}) };
          }
        }
        return { timers };
      }),
    },
    // Used only by migration between versions: jump to a mapped step, entering it afresh.
    'chancery.goto': [...states.keys()].map((id) => ({
      target: abs(id),
      reenter: true,
      guard: ({ event }: Args) => (event as { to?: string }).to === id,
    })),
    withdraw: [
      {
        target: def.withdraw?.to ? abs(def.withdraw.to) : abs(WITHDRAWN),
        guard: ({ context, event }: Args) => {
          const rule = def.withdraw ?? {};
          if (rule.allowed === false) return false;
          if ((event as { by?: string }).by !== context.initiator.id) return false;
          const current = Object.keys(context.work);
          if (rule.from && !current.some((c) => rule.from!.includes(c))) return false;
          if (rule.untouchedOnly && Object.values(context.actors).some((a) => a !== context.initiator.id)) return false;
          return true;
        },
      },
    ],
  };

  // Standing actions (常设操作): taken at any time by the people allowed (checked by the shell),
  // from whatever step the case is in. The form data arrives validated in the event.
  for (const [name, a] of Object.entries(def.actions ?? {})) {
    rootOn[`${STANDING_PREFIX}${name}`] = {
      ...(a.to ? { target: abs(a.to), reenter: true } : {}),
      actions: assign(({ context, event }: Args) => {
        const e = event as { by?: string; data?: Record<string, unknown> };
        const merged = withComputed(e.data ? mergeData(context.data, e.data) : context.data, context, event);
        const scope = ruleScopeOf({ ...context, data: merged }, { state: '', event: event as Record<string, unknown>, actor: e.by, ...nowOf(event) });
        const data = applySet(merged, a.set, scope);
        return { data, ...pushActions(context, `${STANDING_PREFIX}${name}`, a.actions, { ...scope, data }) };
      }),
    };
  }

  const machine = setup({
    types: {} as { context: Ctx; events: Ev; input: { data: Record<string, unknown>; initiator: Initiator; now?: string } },
  }).createMachine({
    id: MACHINE_ID,
    context: ({ input }: { input: { data: Record<string, unknown>; initiator: Initiator; now?: string } }) => ({
      data: withComputed(input.data, input, { input }),
      initiator: input.initiator,
      work: {},
      timers: {},
      visited: [],
      actors: {},
      returnTo: null,
      outbox: [],
      cc: [],
      rounds: {},
      seq: 0,
    }),
    initial: def.initial,
    states: {
      ...Object.fromEntries(Object.keys(def.states).map((k) => [k, compileState(k)])),
      [WITHDRAWN]: { type: 'final' },
    },
    on: rootOn,
  } as never);

  return { key: def.key, version, definition: def, machine: machine as unknown as AnyStateMachine, states };
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
  return (Array.isArray(items) ? items : []).map((item, index) => ({ ...((resolveParams(rest, { ...scope, [name]: item, item, index }) as Record<string, unknown>) ?? {}), ...who }));
}

/** The scope of one item of a per-item step: the item under its name (`as`), `item` and `index`. */
export function itemScope(s: StateInfo, scope: Scope, items: unknown[], index: number): Scope {
  const as = s.work?.kind === 'item' ? (s.work.spec.as ?? 'item') : 'item';
  const item = items[index];
  return { ...scope, [as]: item, item, index };
}

/**
 * The step's due duration: as written, or taken from the data (a number = working days, a string
 * that parses as a duration). `null` when the data does not give one.
 */
function dueDuration(spec: string | { after: unknown }, scope: Scope): string | null {
  if (typeof spec === 'string') return spec;
  if (typeof spec.after === 'string') return spec.after;
  const value = evalRule(spec.after, scope);
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 9999) return `P${value}WD`;
  return typeof value === 'string' && durationParses(value) ? value : null;
}

/**
 * A reminder's offset: as written, or taken from the data (a number = that many working days
 * before the due date, a string that parses as a duration). `null` when the data gives none.
 */
function reminderOffset(at: unknown, scope: Scope): string | null {
  if (typeof at === 'string') return at;
  const value = evalRule(at, scope);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 9999) return `P-${value}WD`;
  return typeof value === 'string' && durationParses(value) ? value : null;
}

function durationParses(value: string): boolean {
  try {
    parseDuration(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the command entering `s` is refused when its deadline or a reminder time comes from the data
 * and the data gives none.
 */
function dueRefusal(s: StateInfo, scope: Scope, startForm: string | undefined): Ctx['refusal'] {
  const spec = s.work?.spec.due;
  if (spec === undefined) return null;
  if (typeof spec === 'string' || dueDuration(spec, scope) !== null) {
    const bad = (s.work?.spec.remind ?? []).find((r) => typeof r === 'object' && reminderOffset(r.at, scope) === null);
    return bad && typeof bad === 'object' ? refusalFor(s, bad.at, scope, startForm, 'remind') : null;
  }
  return refusalFor(s, spec.after, scope, startForm, 'due');
}

function refusalFor(s: StateInfo, ruleValue: unknown, scope: Scope, startForm: string | undefined, what: 'due' | 'remind'): Ctx['refusal'] {
  const rule = ruleValue as { var?: unknown };
  const path = typeof rule?.var === 'string' ? rule.var : '';
  const value = path ? JSON.stringify(evalRule({ var: path }, scope) ?? null) : '?';
  const parts = path.split('.');
  // `data.<start form>.<field>` is `/data/<field>` in the start request; elsewhere the data path itself.
  const pointer = parts[0] === 'data' && parts[1] === startForm ? `/data/${parts.slice(2).join('/')}` : `/${parts.join('/')}`;
  const title = typeof s.spec.title === 'string' ? s.spec.title : (s.spec.title?.['zh-CN'] ?? s.key);
  const en = typeof s.spec.title === 'object' ? (s.spec.title.en ?? s.key) : s.key;
  return {
    message:
      what === 'due'
        ? {
            'zh-CN': `「${title}」的办理时限取自「${path}」，但其值 ${value} 不是工作日数或期限（如 10 或 P10WD）`,
            en: `The deadline of "${en}" comes from "${path}", but ${value} is neither a number of working days nor a duration (e.g. 10 or P10WD)`,
          }
        : {
            'zh-CN': `「${title}」的提醒时间取自「${path}」，但其值 ${value} 不是工作日数或期限（如 2 或 P-2WD）`,
            en: `The reminder time of "${en}" comes from "${path}", but ${value} is neither a number of working days nor a duration (e.g. 2 or P-2WD)`,
          },
    ...(path ? { pointer } : {}),
  };
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

/**
 * Timers a step starts when entered: its due date, reminders, escalations and schedules. In a
 * per-item step the deadline timers are made once per item (`item` set, keys `….i<n>.due`) and
 * the schedules once for the step (`only: 'schedules'`).
 */
function timersFor(s: StateInfo, round: number, scope: Scope, item?: number, only?: 'schedules'): Record<string, Timer> {
  const out: Record<string, Timer> = {};
  const prefix = item === undefined ? `${s.id}#${round}` : `${s.id}#${round}.i${item}`;
  const work = only === 'schedules' ? undefined : s.work?.spec;
  const per = { ...(item === undefined ? {} : { item }), ...(typeof scope.now === 'string' ? { since: scope.now } : {}) };
  if (work?.due) {
    // A deadline may run from a date in the data (法定期限自形成之日起算) instead of from entering the step.
    const spec = work.due;
    const due = dueDuration(spec, scope);
    if (due === null) return out; // refused at entry (see `dueRefusal`)
    const fromValue = typeof spec === 'string' || spec.from === undefined ? undefined : evalRule(spec.from, scope);
    const from = typeof fromValue === 'string' && !Number.isNaN(Date.parse(fromValue.length === 10 ? `${fromValue}T00:00:00Z` : fromValue)) ? { from: fromValue } : {};
    const escalations = work.escalate ? (Array.isArray(work.escalate) ? work.escalate : [work.escalate]) : [];
    const sendsTimeout = s.spec.on && Object.hasOwn(s.spec.on, 'timeout') && !escalations.some((e) => e.event);
    out[`${prefix}.due`] = { key: `${prefix}.due`, state: s.id, kind: 'due', anchor: 'entered', after: due, ...from, ...per, ...(sendsTimeout ? { event: 'timeout' } : {}) };
    (work.remind ?? []).forEach((r, i) => {
      const at = reminderOffset(typeof r === 'string' ? r : r.at, scope);
      if (at === null) return; // refused at entry (see `dueRefusal`)
      const negative = at.startsWith('-') || at.startsWith('P-');
      out[`${prefix}.remind${i}`] = {
        key: `${prefix}.remind${i}`, state: s.id, kind: 'remind', anchor: negative ? 'due' : 'entered', after: at, due, ...from, ...per,
        ...(typeof r === 'object' && r.to ? { notify: r.to } : {}),
        ...(typeof r === 'object' && r.template ? { template: r.template } : {}),
      };
    });
    escalations.forEach((e, i) => {
      out[`${prefix}.escalate${i}`] = {
        key: `${prefix}.escalate${i}`, state: s.id, kind: 'escalate', anchor: 'due', after: e.after ?? 'P0D', due, ...from, ...per,
        ...(e.event ? { event: e.event } : {}),
        ...(e.notify ? { notify: e.notify } : {}),
        ...(e.reassign ? { reassign: e.reassign } : {}),
      };
    });
  }
  if (item !== undefined) return out;
  (s.spec.schedule ?? []).forEach((sch, i) => {
    const key = `${prefix}.schedule${i}@0`;
    out[key] = {
      key, state: s.id, kind: 'schedule', anchor: 'entered', after: sch.every ?? 'P0D', event: sch.event ?? 'tick', tick: 0, ...per,
      ...(sch.cron ? { cron: sch.cron } : {}),
      ...(sch.every ? { every: sch.every } : {}),
      ...(sch.count !== undefined ? { count: sch.count } : {}),
      ...(sch.until !== undefined ? { until: sch.until } : {}),
    };
  });
  return out;
}
