/**
 * The effects of one command, turned into what the shell must write: task rows to open, slots
 * whose tasks close, queue jobs (timers, plugin actions), CC notifications, timer rows and the
 * built-in actions on other cases. Pure apart from reading the real clock for queue delays: the
 * SQL is in `advance.ts` and `case-writes.ts`.
 */
import type { Calendar } from '../calendar/index.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import type { ActionRequest } from '../machine/context.js';
import { timerTime } from '../machine/timer-time.js';
import type { Effect } from './effects.js';
import { ACTION_QUEUE, TIMER_QUEUE, type JobOptions } from './ports.js';
import type { PersistedSnapshot } from './step.js';
import type { NewTask } from './task-rows.js';
import { textOf } from './text.js';
import type { ScheduledTimer } from './timer-rows.js';

/** Built-in actions on other cases: run in the command's transaction once the case is written, not queued. */
const LINKED_ACTIONS = new Set(['case.start', 'case.signal']);

export interface EffectPlan {
  opened: NewTask[];
  /** Slots whose open tasks are cancelled (the one the command itself settled left out). */
  toClose: string[];
  /** Slots of parallel branches left from inside another branch: their cancellation is audited. */
  branchesLeft: Set<string>;
  jobs: Array<[string, Record<string, unknown>, JobOptions]>;
  ccs: Array<Extract<Effect, { type: 'cc' }>>;
  scheduled: ScheduledTimer[];
  linked: ActionRequest[];
}

export function planEffects(
  wf: CompiledWorkflow,
  snap: PersistedSnapshot,
  effects: Effect[],
  ref: { id: string; settledSlot?: string },
  calendar: Calendar,
  now: Date,
): EffectPlan {
  // Due dates per step, and per item in a per-item step (`state|item`).
  const dueOf = new Map<string, Date>();
  for (const t of Object.values(snap.context.timers)) {
    if (t.kind === 'due') dueOf.set(`${t.state}|${t.item ?? ''}`, timerTime(calendar, t, now));
  }
  const plan: EffectPlan = { opened: [], toClose: [], branchesLeft: new Set(), jobs: [], ccs: [], scheduled: [], linked: [] };
  for (const e of effects) {
    switch (e.type) {
      case 'task.open': {
        const info = wf.states.get(e.state);
        const i = e.slot.item;
        const itemTitle = i === undefined ? null : (e.work.itemTitles?.[i] ?? null);
        const title = itemTitle ?? textOf(info?.work?.spec.title ?? info?.spec.title ?? info?.key ?? e.state);
        const item = i === undefined ? undefined : { index: i, value: e.work.items?.[i], prefill: e.work.itemPrefill?.[i] ?? null };
        const due = dueOf.get(`${e.state}|${i ?? ''}`) ?? dueOf.get(`${e.state}|`) ?? null;
        plan.opened.push({ state: e.state, slot: e.slot, kind: e.work.kind, title, form: info?.work?.spec.form ?? null, due, ...(item ? { item } : {}) });
        break;
      }
      case 'task.close':
        if (e.slot !== ref.settledSlot) plan.toClose.push(e.slot);
        if (e.reason === 'left' && e.state.includes('.')) plan.branchesLeft.add(e.slot);
        break;
      case 'timer.schedule':
        if (snap.context.timers[e.timer.key]) {
          const fireAt = timerTime(calendar, e.timer, now);
          plan.scheduled.push({ timer: e.timer, scheduledAt: now, fireAt });
          plan.jobs.push([
            TIMER_QUEUE,
            { instanceId: ref.id, key: e.timer.key },
            { startAfter: realTime(fireAt, now), singletonKey: `${ref.id}:${e.timer.key}` },
          ]);
        }
        break;
      case 'action.run':
        if (LINKED_ACTIONS.has(e.request.call.action)) {
          plan.linked.push(e.request);
          break;
        }
        plan.jobs.push([
          ACTION_QUEUE,
          {
            instanceId: ref.id,
            requestId: e.request.id,
            state: e.request.state,
            action: e.request.call.action,
            params: e.request.params,
            ...(e.request.call.result ? { result: e.request.call.result } : {}),
          },
          { singletonKey: `${ref.id}:${e.request.id}`, retryLimit: 5, retryDelay: 2, retryBackoff: true },
        ]);
        break;
      case 'cc':
        plan.ccs.push(e);
        break;
      default:
        break;
    }
  }
  return plan;
}

/**
 * The queue waits in real time while the engine's clock may be simulated (tests, the designer's
 * simulator): hand the queue the same delay from the real now. In production the two are equal.
 */
export function realTime(at: Date, engineNow: Date): Date {
  return new Date(Date.now() + (at.getTime() - engineNow.getTime()));
}

/** The earliest deadline among the tasks being opened. */
export function minDue(opened: NewTask[]): Date | null {
  const dues = opened.map((o) => o.due).filter((d): d is Date => d !== null);
  return dues.length ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null;
}
