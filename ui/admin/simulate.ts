/**
 * The designer's simulator: the engine's own pure core (`compileDefinition`, `start`, `step`)
 * running in the browser on a draft, with no database. Requests for assignees are answered with
 * the people the admin chose for each step, timers fire when the admin moves the simulated clock
 * past them (deadlines on the business calendar), and every step is logged.
 *
 * @example
 * let sim = startSimulation(def, { initiator: { id: 'zongheke1', unitId: 'secretariat' }, people: { review: ['zhuren'] }, now });
 * sim = completeSlot(sim, sim.open[0]!.slot, 'approve');
 */
import { createChinaCalendar, type Calendar } from '../../core/calendar/index.js';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { ChanceryError, type Lang } from '../../core/errors.js';
import { compileDefinition, type CompiledWorkflow } from '../../core/machine/compile.js';
import type { Initiator, SlotAssignees, Timer, Work } from '../../core/machine/context.js';
import { timerTime } from '../../core/machine/timer-time.js';
import type { Effect } from '../../core/runtime/effects.js';
import { activeStateIds, start, step, type PersistedSnapshot } from '../../core/runtime/step.js';

export interface SimOptions {
  initiator: Initiator;
  /** The people (any ids or names) who hold each step's assignment, by state id. */
  people: Record<string, string[]>;
  now: Date;
  data?: Record<string, unknown>;
  calendar?: Calendar;
  /** Who stands in for a step nobody was chosen for (else the step fails as the engine would with nobody). */
  standIn?: (state: string) => string;
}

export interface SimTask { state: string; slot: string; people: string[]; outcomes: string[]; kind: string }
export interface SimTimer { key: string; state: string; kind: string; event?: string; at: Date }
export interface SimLogEntry { at: Date; text: { 'zh-CN': string; en: string }; states: string[]; error?: boolean }

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
}

const calendarCache: { cn?: Calendar } = {};
const calendarOf = (o: SimOptions) => o.calendar ?? (calendarCache.cn ??= createChinaCalendar());

/** Starts a simulated case; compile and start errors are thrown as `ChanceryError`. */
export function startSimulation(def: WorkflowDefinition, options: SimOptions): Simulation {
  const wf = compileDefinition(def, 0);
  // The time reaches rules as `now`, exactly as the engine's shell stamps it on every event.
  const first = start(wf, { data: options.data ?? {}, initiator: options.initiator, now: options.now.toISOString() });
  const sim: Simulation = { wf, options, snapshot: first.snapshot, now: options.now, open: [], timers: [], log: [], result: null, visited: [] };
  return settle(sim, first.effects, { 'zh-CN': `发起：${options.initiator.id}`, en: `Started by ${options.initiator.id}` });
}

/** One person decides their task with `outcome` (and, optionally, form data `{ [formKey]: values }`). */
export function completeSlot(sim: Simulation, slot: string, outcome: string, opinion?: string, data?: Record<string, unknown>): Simulation {
  const task = sim.open.find((t) => t.slot === slot);
  if (!task) return sim;
  const by = task.people[0] ?? 'sim';
  return apply(sim, { type: 'task.done', slot, outcome, by, ...(opinion ? { opinion } : {}), ...(data ? { data } : {}) }, { 'zh-CN': `${by} 在「${task.state}」选择「${outcome}」`, en: `${by} chose "${outcome}" at "${task.state}"` });
}

/** Moves the simulated clock to `to`, firing every timer due by then in time order. */
export function advanceClock(sim: Simulation, to: Date): Simulation {
  let s: Simulation = { ...sim, now: to };
  for (let guard = 0; guard < 100; guard++) {
    const due = [...s.timers].filter((t) => t.at.getTime() <= to.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    if (!due || s.result) break;
    s = apply({ ...s, now: due.at }, { type: 'timer.fired', key: due.key }, { 'zh-CN': `时限到达：${due.state}（${due.kind}）`, en: `Timer fired: ${due.state} (${due.kind})` });
    s = { ...s, timers: s.timers.filter((t) => t.key !== due.key) };
  }
  return { ...s, now: to };
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
    const need = all.find((e): e is Extract<Effect, { type: 'assign.resolve' }> => e.type === 'assign.resolve' && snap.context.work[e.state]?.round === e.work.round && snap.context.work[e.state]?.slots === null);
    if (!need || snap.status !== 'active') break;
    const r = step(sim.wf, snap, { type: 'work.assigned', state: need.state, slots: slotsFor(snap.context.work[need.state]!, sim.options), at: sim.now.toISOString() });
    snap = r.snapshot;
    all.push(...r.effects);
  }
  const cal = calendarOf(sim.options);
  let timers = sim.timers;
  for (const e of all) {
    if (e.type === 'timer.cancel') timers = timers.filter((t) => t.key !== e.key);
    if (e.type === 'timer.schedule' && snap.context.timers[e.timer.key]) timers = [...timers.filter((t) => t.key !== e.timer.key), timerOf(cal, e.timer, sim.now)];
  }
  timers = timers.filter((t) => snap.context.timers[t.key]);
  const finished = all.find((e): e is Extract<Effect, { type: 'instance.finished' }> => e.type === 'instance.finished');
  const open: SimTask[] = [];
  for (const w of Object.values(snap.context.work)) {
    for (const s of w.slots ?? []) if (s.status === 'open') open.push({ state: w.state, slot: s.id, people: s.assignees.users ?? [], outcomes: outcomesOf(sim.wf, w), kind: w.kind });
  }
  const states = activeStateIds(snap.value);
  const actions = all.filter((e): e is Extract<Effect, { type: 'action.run' }> => e.type === 'action.run').map((e) => e.request.call.action);
  const log: SimLogEntry[] = [...sim.log, { at: sim.now, text, states }];
  if (actions.length) log.push({ at: sim.now, text: { 'zh-CN': `插件动作：${actions.join('、')}（模拟中不执行）`, en: `Plugin actions: ${actions.join(', ')} (not run in simulation)` }, states });
  if (finished) log.push({ at: sim.now, text: { 'zh-CN': `案件结束：${finished.result}`, en: `Case ended: ${finished.result}` }, states });
  return { ...sim, snapshot: snap, open, timers, log, result: finished?.result ?? sim.result, visited: snap.context.visited };
}

function slotsFor(work: Work, o: SimOptions): Array<{ assignees: SlotAssignees; item?: number }> {
  const a = work.assign as Record<string, unknown>;
  const chosen = o.people[work.state];
  let users: string[];
  if (chosen && chosen.length) users = chosen;
  else if (Array.isArray(a.users)) users = a.users.map(String);
  else if (a.initiator === true) users = [o.initiator.id];
  else users = o.standIn ? [o.standIn(work.state)] : [];
  if (users.length === 0) throw new ChanceryError('assign.empty', { state: work.state, which: { 'zh-CN': '（模拟中未为此环节选择人员）', en: ' (no people chosen for this step in the simulation)' } });
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
  return { key: t.key, state: t.state, kind: t.kind, ...(t.event ? { event: t.event } : {}), at: timerTime(cal, t, now) };
}

export function errorText(e: unknown): { 'zh-CN': string; en: string } {
  if (e instanceof ChanceryError) {
    const of = (lang: Lang) => e.toBody(lang).error.message;
    return { 'zh-CN': `${of('zh-CN')}（${e.code}）`, en: `${of('en')} (${e.code})` };
  }
  const m = e instanceof Error ? e.message : String(e);
  return { 'zh-CN': m, en: m };
}
