/**
 * The engine events every step accepts (assignees found, a task done, signers added or removed,
 * data patched, a timer fired, withdrawal, migration's jump, standing actions), each as a pure
 * function from the context and the event to the context's changes. `rootTransitions` wraps them
 * into the machine's root `on`; the functions themselves know nothing of XState.
 */
import { assign } from 'xstate';
import type { StandingAction } from '../definition/types.js';
import { abs, STANDING_PREFIX, WITHDRAWN, nowOf, type Args, type CompileContext, type Ctx, type Ev } from './compile-context.js';
import type { EngineEvent } from './context.js';
import { mergeData, setDataPath } from './data-path.js';
import { applySet, evalRule, ruleScopeOf, truthy } from './scope.js';
import { addSlots, assignSlots, completeSlot, defaultOutcome, removeSlot } from './work.js';

type Change = Partial<Ctx>;
type EventOf<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>;

/** The directory answered who works on a step: fill its slots (none at all settles it with the default outcome). */
export function workAssigned(cc: CompileContext, context: Ctx, e: EventOf<'work.assigned'>): Change {
  const w = context.work[e.state];
  const s = cc.states.get(e.state);
  if (!w || !s?.work || w.slots !== null) return {};
  const policy = s.work.spec.selfApproval ?? cc.def.defaults?.selfApproval ?? 'allow';
  let next = assignSlots(w, e.slots, context.initiator, policy);
  if (next.slots && next.slots.length === 0) next = { ...next, outcome: defaultOutcome(s.work) };
  return { work: { ...context.work, [e.state]: next } };
}

/** A task is done: its form data lands in the case, its slot is completed, a finished item's timers stop. */
export function taskDone(cc: CompileContext, context: Ctx, e: EventOf<'task.done'> & { at?: string }): Change {
  const w = Object.values(context.work).find((x) => x.slots?.some((sl) => sl.id === e.slot));
  if (!w) return {};
  // A foreach step may collect each item's form data by index instead of overwriting one key.
  const spec = cc.states.get(w.state)?.work;
  const item = w.slots!.find((sl) => sl.id === e.slot)?.item;
  const collect = spec?.kind === 'item' ? spec.spec.collect : undefined;
  const patched =
    collect && item !== undefined && e.data
      ? setDataPath(context.data, `${collect}.${item}`, Object.values(e.data)[0] ?? null)
      : mergeData(context.data, e.data);
  const data = cc.withComputed(patched, context, e);
  // A finished item's own deadline, reminders and escalation stop with it.
  const timers =
    item === undefined ? context.timers : Object.fromEntries(Object.entries(context.timers).filter(([, t]) => !(t.state === w.state && t.item === item)));
  return {
    data,
    timers,
    actors: { ...context.actors, [w.state]: e.by },
    work: { ...context.work, [w.state]: completeSlot(w, e.slot, e.outcome, e.by) },
  };
}

export function workAdd(context: Ctx, e: EventOf<'work.add'>): Change {
  const w = context.work[e.state];
  return w ? { work: { ...context.work, [e.state]: addSlots(w, e.slots, e.by, e.before) } } : {};
}

export function workRemove(context: Ctx, e: EventOf<'work.remove'>): Change {
  const w = Object.values(context.work).find((x) => x.slots?.some((sl) => sl.id === e.slot));
  return w ? { work: { ...context.work, [w.state]: removeSlot(w, e.slot) } } : {};
}

export function dataPatch(cc: CompileContext, context: Ctx, e: EventOf<'data.patch'>): Change {
  return { data: cc.withComputed(mergeData(context.data, e.data), context, e) };
}

/** A timer fired: it is gone, and a schedule that has not reached its count or `until` arms its next tick. */
export function timerFired(context: Ctx, e: EventOf<'timer.fired'> & { at?: string }): Change {
  const t = context.timers[e.key];
  if (!t) return {};
  const timers = { ...context.timers };
  delete timers[e.key];
  if (t.kind === 'schedule') {
    const tick = (t.tick ?? 0) + 1;
    const stop = (t.count !== undefined && tick >= t.count) || (t.until !== undefined && truthy(evalRule(t.until, ruleScopeOf(context))));
    if (!stop) {
      const base = e.key.split('@')[0]!;
      // The next tick counts from this one.
      const at = nowOf(e).now;
      timers[`${base}@${tick}`] = { ...t, key: `${base}@${tick}`, tick, ...(at ? { since: at } : {}) };
    }
  }
  return { timers };
}

/** Whether the initiator may withdraw the case now, under the definition's `withdraw` rule. */
export function mayWithdraw(cc: CompileContext, context: Ctx, e: { by?: string }): boolean {
  const rule = cc.def.withdraw ?? {};
  if (rule.allowed === false) return false;
  if (e.by !== context.initiator.id) return false;
  const current = Object.keys(context.work);
  if (rule.from && !current.some((c) => rule.from!.includes(c))) return false;
  if (rule.untouchedOnly && Object.values(context.actors).some((a) => a !== context.initiator.id)) return false;
  return true;
}

/** A standing action (常设操作): its validated form data, its `set` and its plugin actions. */
export function standingAction(cc: CompileContext, name: string, a: StandingAction, context: Ctx, e: { by?: string; data?: Record<string, unknown> }): Change {
  const merged = cc.withComputed(e.data ? mergeData(context.data, e.data) : context.data, context, e);
  const scope = ruleScopeOf({ ...context, data: merged }, { state: '', event: e as Record<string, unknown>, actor: e.by, ...nowOf(e) });
  const data = applySet(merged, a.set, scope);
  return { data, ...cc.pushActions(context, `${STANDING_PREFIX}${name}`, a.actions, { ...scope, data }) };
}

/** The machine's root `on`: the handlers above, withdrawal, migration's jump and the standing actions. */
export function rootTransitions(cc: CompileContext): Record<string, unknown> {
  const on = <T extends EngineEvent['type']>(handle: (context: Ctx, event: EventOf<T>) => Change) => ({
    actions: assign(({ context, event }: Args) => handle(context, event as EventOf<T>)),
  });
  const root: Record<string, unknown> = {
    'work.assigned': on<'work.assigned'>((c, e) => workAssigned(cc, c, e)),
    'task.done': on<'task.done'>((c, e) => taskDone(cc, c, e)),
    'work.add': on<'work.add'>(workAdd),
    'work.remove': on<'work.remove'>(workRemove),
    'data.patch': on<'data.patch'>((c, e) => dataPatch(cc, c, e)),
    'timer.fired': on<'timer.fired'>(timerFired),
    // Used only by migration between versions: jump to a mapped step, entering it afresh.
    'chancery.goto': [...cc.states.keys()].map((id) => ({
      target: abs(id),
      reenter: true,
      guard: ({ event }: Args) => (event as { to?: string }).to === id,
    })),
    withdraw: [
      {
        target: cc.def.withdraw?.to ? abs(cc.def.withdraw.to) : abs(WITHDRAWN),
        guard: ({ context, event }: Args) => mayWithdraw(cc, context, event as { by?: string }),
      },
    ],
  };
  // Standing actions (常设操作): taken at any time by the people allowed (checked by the shell),
  // from whatever step the case is in. The form data arrives validated in the event.
  for (const [name, a] of Object.entries(cc.def.actions ?? {})) {
    root[`${STANDING_PREFIX}${name}`] = {
      ...(a.to ? { target: abs(a.to), reenter: true } : {}),
      actions: assign(({ context, event }: Args) => standingAction(cc, name, a, context, event as Ev & { by?: string; data?: Record<string, unknown> })),
    };
  }
  return root;
}
