/**
 * Simulation: the engine's own pure core (`compileDefinition`, `start`, `step`) run on a draft or a
 * published definition with no database — in the designer's browser, and on the server for
 * `POST /api/simulations` (core/runtime/simulation-service.ts). Requests for assignees are answered
 * with the people the admin chose for each step, timers fire when the simulated clock moves past
 * them (the engine's timer maths, `timer-time.ts`, on the business calendar), and every step is
 * logged. A simulation is plain data: `toSimState` / `fromSimState` carry it between requests, so
 * no server keeps it.
 *
 * @example
 * let sim = startSimulation(def, { initiator: { id: 'zongheke1', unitId: 'secretariat' }, people: { review: ['zhuren'] }, now });
 * sim = completeSlot(sim, sim.open[0]!.slot, 'approve');
 */
import { createChinaCalendar, type Calendar } from '../calendar/index.js';
import type { Assignment, WorkflowDefinition } from '../definition/types.js';
import { ChanceryError, type Lang } from '../errors.js';
import type { Effect } from '../runtime/effects.js';
import { activeStateIds, start, step, type PersistedSnapshot } from '../runtime/step.js';
import { compileDefinition, type CompiledWorkflow } from './compile.js';
import type { Initiator, SlotAssignees, Timer, Work } from './context.js';
import { timerTime } from './timer-time.js';

export interface SimOptions {
  initiator: Initiator;
  /**
   * The people (any ids or names) who hold each step's assignment, by state id; an escalation that
   * reassigns (超期改派) takes `people['<state>.escalate<n>']` when its assignment names nobody fixed.
   */
  people: Record<string, string[]>;
  now: Date;
  data?: Record<string, unknown>;
  calendar?: Calendar;
  /** Who stands in for a step nobody was chosen for (else the step fails as the engine would with nobody). */
  standIn?: (state: string) => string;
}

export interface SimTask {
  state: string;
  slot: string;
  people: string[];
  outcomes: string[];
  kind: string;
  item?: number;
}
export interface SimTimer {
  key: string;
  state: string;
  kind: string;
  event?: string;
  at: Date;
  item?: number;
  notify?: Assignment;
  reassign?: Assignment;
}
export interface SimLogEntry {
  at: Date;
  text: { 'zh-CN': string; en: string };
  states: string[];
  error?: boolean;
}

export interface Simulation {
  wf: CompiledWorkflow;
  options: SimOptions;
  snapshot: PersistedSnapshot;
  now: Date;
  open: SimTask[];
  timers: SimTimer[];
  log: SimLogEntry[];
  result: string | null;
  visited: string[];
  /** Open slots an escalation handed to other people (the engine moves their task rows, not the slots). */
  moved: Record<string, string[]>;
}

const calendarCache: { cn?: Calendar } = {};
const calendarOf = (o: SimOptions) => o.calendar ?? (calendarCache.cn ??= createChinaCalendar());

/** Starts a simulated case; compile and start errors are thrown as `ChanceryError`. */
export function startSimulation(def: WorkflowDefinition, options: SimOptions): Simulation {
  const wf = compileDefinition(def, 0);
  // The time reaches rules as `now`, exactly as the engine's shell stamps it on every event.
  const first = start(wf, { data: options.data ?? {}, initiator: options.initiator, now: options.now.toISOString() });
  const sim: Simulation = { wf, options, snapshot: first.snapshot, now: options.now, open: [], timers: [], log: [], result: null, visited: [], moved: {} };
  return settle(sim, first.effects, { 'zh-CN': `发起：${options.initiator.id}`, en: `Started by ${options.initiator.id}` });
}

/**
 * One person decides their task with `outcome` (and, optionally, form data `{ [formKey]: values }`);
 * `as` names who (one of the task's people; default the first).
 */
export function completeSlot(sim: Simulation, slot: string, outcome: string, opinion?: string, data?: Record<string, unknown>, as?: string): Simulation {
  const task = sim.open.find((t) => t.slot === slot);
  if (!task) return sim;
  const by = as ?? task.people[0] ?? 'sim';
  return apply(
    sim,
    { type: 'task.done', slot, outcome, by, ...(opinion ? { opinion } : {}), ...(data ? { data } : {}) },
    { 'zh-CN': `${by} 在「${task.state}」选择「${outcome}」`, en: `${by} chose "${outcome}" at "${task.state}"` },
  );
}

/** Moves the simulated clock to `to`, firing every timer due by then in time order. */
export function advanceClock(sim: Simulation, to: Date): Simulation {
  let s: Simulation = { ...sim, now: to };
  for (let guard = 0; guard < 100; guard++) {
    const due = [...s.timers].filter((t) => t.at.getTime() <= to.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    if (!due || s.result) break;
    s = fire({ ...s, now: due.at }, due);
    s = { ...s, timers: s.timers.filter((t) => t.key !== due.key) };
  }
  return { ...s, now: to };
}

/** The timer that fires next, if any. */
export function nextTimer(sim: Simulation): SimTimer | undefined {
  return [...sim.timers].sort((a, b) => a.at.getTime() - b.at.getTime())[0];
}

/** Moves the clock to the next timer and fires it (and any due at the same moment). */
export function advanceToNextTimer(sim: Simulation): Simulation {
  const next = nextTimer(sim);
  return next && !sim.result ? advanceClock(sim, next.at) : sim;
}

/** What a firing timer does, for the log: escalations name whom they tell or hand the work to. */
function firedText(t: SimTimer, handedTo: string[] | null): SimLogEntry['text'] {
  const item = t.item === undefined ? '' : ` #${t.item}`;
  let zh = `时限到达：${t.state}${item}（${t.kind}）`;
  let en = `Timer fired: ${t.state}${item} (${t.kind})`;
  if (t.notify) {
    zh += `，通知 ${assignmentText(t.notify, 'zh-CN')}`;
    en += `, notifies ${assignmentText(t.notify, 'en')}`;
  }
  if (t.reassign) {
    if (handedTo?.length) {
      zh += `，改派给 ${handedTo.join('、')}`;
      en += `, reassigned to ${handedTo.join(', ')}`;
    } else {
      zh += `，应改派给 ${assignmentText(t.reassign, 'zh-CN')}（模拟中未为其选择人员，任务未改派）`;
      en += `, to be reassigned to ${assignmentText(t.reassign, 'en')} (nobody chosen for it in the simulation: not reassigned)`;
    }
  }
  if (t.event) {
    zh += `，事件 ${t.event}`;
    en += `, event ${t.event}`;
  }
  return { 'zh-CN': zh, en };
}

/** An assignment in words (the simulator has no directory to name the people). */
function assignmentText(a: Assignment, lang: Lang): string {
  const r = a as Record<string, unknown>;
  const zh = lang === 'zh-CN';
  if (Array.isArray(r.users)) return r.users.map(String).join(zh ? '、' : ', ');
  if (r.initiator === true) return zh ? '发起人' : 'the initiator';
  if (typeof r.role === 'string') return zh ? `角色「${r.role}」` : `role "${r.role}"`;
  if (r.head !== undefined) return zh ? '单位负责人' : 'the unit head';
  if (r.manager !== undefined) return zh ? '主管' : 'the manager';
  return zh ? '指定人员' : 'the people named';
}

/** Who an escalation hands the late work to: fixed users, the initiator, or the people chosen for it. */
function reassignees(sim: Simulation, t: SimTimer): string[] | null {
  if (!t.reassign) return null;
  const r = t.reassign as Record<string, unknown>;
  if (Array.isArray(r.users) && r.users.length > 0) return r.users.map(String);
  if (r.initiator === true) return [sim.options.initiator.id];
  const n = /\.escalate(\d+)$/.exec(t.key.split('@')[0]!)?.[1];
  const chosen = n === undefined ? undefined : sim.options.people[`${t.state}.escalate${n}`];
  return chosen?.length ? chosen : null;
}

/**
 * A timer fires as the engine's shell fires it (core/runtime/fire-timer.ts): `timer.fired`, then the
 * timer's event (a schedule's tick, an escalation's `timeout`); when the step does not take that
 * event, only the firing counts.
 */
function fire(sim: Simulation, t: SimTimer): Simulation {
  const at = sim.now.toISOString();
  try {
    // 超期改派 first, as the shell does: the late step's (or item's) open tasks go to the new people.
    const handedTo = reassignees(sim, t);
    let moved = sim.moved;
    if (handedTo) {
      const late = sim.open.filter((o) => o.state === t.state && (t.item === undefined || o.item === t.item));
      moved = { ...moved, ...Object.fromEntries(late.map((o) => [o.slot, handedTo])) };
    }
    const fired = step(sim.wf, sim.snapshot, { type: 'timer.fired', key: t.key, at });
    let snapshot = fired.snapshot;
    const effects = [...fired.effects];
    if (t.event) {
      const next = step(sim.wf, snapshot, { type: t.event, timer: t.key, at });
      if (next.changed) {
        snapshot = next.snapshot;
        effects.push(...next.effects);
      }
    }
    return settle({ ...sim, snapshot, moved }, effects, firedText(t, handedTo));
  } catch (e) {
    return { ...sim, log: [...sim.log, { at: sim.now, text: errorText(e), states: activeStateIds(sim.snapshot.value), error: true }] };
  }
}

function apply(sim: Simulation, event: { type: string; [k: string]: unknown }, text: SimLogEntry['text']): Simulation {
  try {
    const r = step(sim.wf, sim.snapshot, { ...event, at: sim.now.toISOString() });
    return settle({ ...sim, snapshot: r.snapshot }, r.effects, text);
  } catch (e) {
    return { ...sim, log: [...sim.log, { at: sim.now, text: errorText(e), states: activeStateIds(sim.snapshot.value), error: true }] };
  }
}

/** Answers assignee requests with the chosen people, then records tasks, timers and the result. */
function settle(sim: Simulation, effects: Effect[], text: SimLogEntry['text']): Simulation {
  let snap = sim.snapshot;
  const all = [...effects];
  for (let guard = 0; guard < 100; guard++) {
    const need = all.find(
      (e): e is Extract<Effect, { type: 'assign.resolve' }> =>
        e.type === 'assign.resolve' && snap.context.work[e.state]?.round === e.work.round && snap.context.work[e.state]?.slots === null,
    );
    if (!need || snap.status !== 'active') break;
    const r = step(sim.wf, snap, {
      type: 'work.assigned',
      state: need.state,
      slots: slotsFor(snap.context.work[need.state]!, sim.options),
      at: sim.now.toISOString(),
    });
    snap = r.snapshot;
    all.push(...r.effects);
  }
  const cal = calendarOf(sim.options);
  let timers = sim.timers;
  for (const e of all) {
    if (e.type === 'timer.cancel') timers = timers.filter((t) => t.key !== e.key);
    if (e.type === 'timer.schedule' && snap.context.timers[e.timer.key])
      timers = [...timers.filter((t) => t.key !== e.timer.key), timerOf(cal, e.timer, sim.now)];
  }
  timers = timers.filter((t) => snap.context.timers[t.key]);
  const finished = all.find((e): e is Extract<Effect, { type: 'instance.finished' }> => e.type === 'instance.finished');
  const open = openTasks(sim.wf, snap, sim.moved);
  const states = activeStateIds(snap.value);
  const actions = all.filter((e): e is Extract<Effect, { type: 'action.run' }> => e.type === 'action.run').map((e) => e.request.call.action);
  const log: SimLogEntry[] = [...sim.log, { at: sim.now, text, states }];
  if (actions.length)
    log.push({
      at: sim.now,
      text: { 'zh-CN': `插件动作：${actions.join('、')}（模拟中不执行）`, en: `Plugin actions: ${actions.join(', ')} (not run in simulation)` },
      states,
    });
  if (finished) log.push({ at: sim.now, text: { 'zh-CN': `案件结束：${finished.result}`, en: `Case ended: ${finished.result}` }, states });
  // A moved slot that is no longer open needs no memory.
  const moved = Object.fromEntries(Object.entries(sim.moved).filter(([slot]) => open.some((o) => o.slot === slot)));
  return { ...sim, snapshot: snap, open, timers, log, result: finished?.result ?? sim.result, visited: snap.context.visited, moved };
}

function slotsFor(work: Work, o: SimOptions): Array<{ assignees: SlotAssignees; item?: number }> {
  const a = work.assign as Record<string, unknown>;
  const chosen = o.people[work.state];
  let users: string[];
  if (chosen && chosen.length) users = chosen;
  else if (Array.isArray(a.users)) users = a.users.map(String);
  else if (a.initiator === true) users = [o.initiator.id];
  else users = o.standIn ? [o.standIn(work.state)] : [];
  if (users.length === 0)
    throw new ChanceryError('assign.empty', {
      state: work.state,
      which: { 'zh-CN': '（模拟中未为此环节选择人员）', en: ' (no people chosen for this step in the simulation)' },
    });
  if (work.kind === 'item') return (work.items ?? []).map((_, item) => ({ assignees: { users }, item }));
  if (work.kind === 'approval') return users.map((u) => ({ assignees: { users: [u] } }));
  return [{ assignees: { users } }];
}

function outcomesOf(wf: CompiledWorkflow, w: Work): string[] {
  const spec = wf.states.get(w.state)?.work?.spec as { outcomes?: string[] } | undefined;
  if (w.kind === 'approval') return ['approve', 'reject'];
  return spec?.outcomes?.length ? spec.outcomes : ['submit'];
}

/** When a timer fires: the engine's own maths (`core/machine/timer-time.ts`), not a copy. */
function timerOf(cal: Calendar, t: Timer, now: Date): SimTimer {
  return {
    key: t.key,
    state: t.state,
    kind: t.kind,
    at: timerTime(cal, t, now),
    ...(t.event ? { event: t.event } : {}),
    ...(t.item === undefined ? {} : { item: t.item }),
    ...(t.notify ? { notify: t.notify } : {}),
    ...(t.reassign ? { reassign: t.reassign } : {}),
  };
}

/** A simulation as JSON: what a client carries from one simulation request to the next. */
export interface SimState {
  initiator: Initiator;
  people: Record<string, string[]>;
  data?: Record<string, unknown>;
  started: string;
  now: string;
  snapshot: PersistedSnapshot;
  timers: Array<Omit<SimTimer, 'at'> & { at: string }>;
  log: Array<Omit<SimLogEntry, 'at'> & { at: string }>;
  result: string | null;
  /** Slots an escalation reassigned, and to whom. */
  moved?: Record<string, string[]>;
}

/** The simulation as plain JSON (no compiled machine, dates as ISO strings). */
export function toSimState(sim: Simulation): SimState {
  return {
    initiator: sim.options.initiator,
    people: sim.options.people,
    ...(sim.options.data ? { data: sim.options.data } : {}),
    started: sim.options.now.toISOString(),
    now: sim.now.toISOString(),
    snapshot: sim.snapshot,
    timers: sim.timers.map((t) => ({ ...t, at: t.at.toISOString() })),
    log: sim.log.map((l) => ({ ...l, at: l.at.toISOString() })),
    result: sim.result,
    ...(Object.keys(sim.moved).length ? { moved: sim.moved } : {}),
  };
}

/** The simulation `state` of `def` again, ready for the next command. */
export function fromSimState(def: WorkflowDefinition, state: SimState, calendar?: Calendar): Simulation {
  const wf = compileDefinition(def, 0);
  const options: SimOptions = {
    initiator: state.initiator,
    people: state.people,
    now: new Date(state.started),
    ...(state.data ? { data: state.data } : {}),
    ...(calendar ? { calendar } : {}),
  };
  const snapshot = state.snapshot;
  const sim: Simulation = {
    wf,
    options,
    snapshot,
    now: new Date(state.now),
    open: [],
    timers: state.timers.map((t) => ({ ...t, at: new Date(t.at) })),
    log: state.log.map((l) => ({ ...l, at: new Date(l.at) })),
    result: state.result,
    visited: snapshot.context.visited,
    moved: state.moved ?? {},
  };
  return { ...sim, open: openTasks(wf, snapshot, sim.moved) };
}

function openTasks(wf: CompiledWorkflow, snap: PersistedSnapshot, moved: Record<string, string[]>): SimTask[] {
  const open: SimTask[] = [];
  for (const w of Object.values(snap.context.work)) {
    for (const s of w.slots ?? []) {
      if (s.status !== 'open') continue;
      open.push({
        state: w.state,
        slot: s.id,
        people: moved[s.id] ?? s.assignees.users ?? [],
        outcomes: outcomesOf(wf, w),
        kind: w.kind,
        ...(s.item === undefined ? {} : { item: s.item }),
      });
    }
  }
  return open;
}

export function errorText(e: unknown): { 'zh-CN': string; en: string } {
  if (e instanceof ChanceryError) {
    const of = (lang: Lang) => e.toBody(lang).error.message;
    return { 'zh-CN': `${of('zh-CN')}（${e.code}）`, en: `${of('en')} (${e.code})` };
  }
  const m = e instanceof Error ? e.message : String(e);
  return { 'zh-CN': m, en: m };
}
