/**
 * Effects as data: what the shell must do after a step, derived by comparing the snapshot before
 * and after it. Deterministic for the same inputs, which makes replay and simulation cheap.
 */
import type { StateValue } from 'xstate';
import type { Assignment } from '../definition/types.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import type { ActionRequest, Slot, Timer, Work } from '../machine/context.js';
import type { CaseResult, PersistedSnapshot } from './step.js';
import { activeStateIds } from './state-value.js';

export type Effect =
  /** Find who does the work of a step; answer with a `work.assigned` event. */
  | { type: 'assign.resolve'; state: string; work: Work }
  | { type: 'task.open'; state: string; slot: Slot; work: Work }
  | { type: 'task.close'; state: string; slot: string; reason: 'done' | 'cancelled' | 'left' }
  | { type: 'timer.schedule'; timer: Timer }
  | { type: 'timer.cancel'; key: string }
  | { type: 'action.run'; request: ActionRequest }
  | { type: 'cc'; state: string; to: Assignment }
  | { type: 'state.changed'; from: StateValue; to: StateValue; entered: string[]; exited: string[] }
  | { type: 'instance.finished'; result: CaseResult };

export function diffEffects(wf: CompiledWorkflow, before: PersistedSnapshot, after: PersistedSnapshot, result: CaseResult | null): Effect[] {
  const effects: Effect[] = [];
  const b = before.context;
  const a = after.context;

  // Work that ended or restarted: every slot still live is closed.
  for (const [id, w] of Object.entries(b.work)) {
    const now = a.work[id];
    if (now && now.round === w.round) continue;
    for (const s of w.slots ?? []) if (s.status === 'open') effects.push({ type: 'task.close', state: id, slot: s.id, reason: 'left' });
  }
  for (const [id, w] of Object.entries(a.work)) {
    const was = b.work[id];
    const same = was && was.round === w.round ? was : undefined;
    if (w.slots === null) {
      if (!same) effects.push({ type: 'assign.resolve', state: id, work: w });
      continue;
    }
    const old = new Map((same?.slots ?? []).map((s) => [s.id, s]));
    for (const s of w.slots) {
      const prev = old.get(s.id);
      if (s.status === 'open' && prev?.status !== 'open') effects.push({ type: 'task.open', state: id, slot: s, work: w });
      if (prev?.status === 'open' && (s.status === 'done' || s.status === 'cancelled')) {
        effects.push({ type: 'task.close', state: id, slot: s.id, reason: s.status === 'done' ? 'done' : 'cancelled' });
      }
    }
  }

  for (const key of Object.keys(b.timers)) if (!Object.hasOwn(a.timers, key)) effects.push({ type: 'timer.cancel', key });
  for (const [key, t] of Object.entries(a.timers)) if (!Object.hasOwn(b.timers, key)) effects.push({ type: 'timer.schedule', timer: t });

  for (const request of a.outbox) effects.push({ type: 'action.run', request });
  for (const c of a.cc) effects.push({ type: 'cc', state: c.state, to: c.to });

  const was = new Set(activeStateIds(before.value));
  const is = new Set(activeStateIds(after.value));
  const entered = [...is].filter((x) => !was.has(x) || reentered(b.rounds, a.rounds, x));
  const exited = [...was].filter((x) => !is.has(x) || reentered(b.rounds, a.rounds, x));
  if (entered.length || exited.length) effects.push({ type: 'state.changed', from: before.value, to: after.value, entered, exited });
  if (result) effects.push({ type: 'instance.finished', result });
  void wf;
  return effects;
}

function reentered(before: Record<string, number>, after: Record<string, number>, id: string): boolean {
  return (before[id] ?? 0) !== (after[id] ?? 0) && before[id] !== undefined;
}
