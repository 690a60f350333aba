/**
 * The pure heart of the engine: `step(workflow, snapshot, event)` is XState's `transition()` on the
 * compiled machine plus the effects, as data, that the shell must carry out in the same transaction.
 *
 * @example
 * const first = start(wf, { data: { intake }, initiator });
 * const next = step(wf, first.snapshot, { type: 'task.done', slot, outcome: 'approve', by: userId });
 */
import { createActor, type AnyActorScope, type AnyMachineSnapshot, type StateValue } from 'xstate';
import { ChanceryError } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import { WITHDRAWN } from '../machine/compile.js';
import { emptyContext, type EngineContext, type EngineEvent, type Initiator } from '../machine/context.js';
import { diffEffects, type Effect } from './effects.js';
export { activeStateIds, stateLabel } from './state-value.js';

/** What is stored for an instance: plain JSON. */
export interface PersistedSnapshot {
  value: StateValue;
  status: 'active' | 'done' | 'error' | 'stopped';
  context: EngineContext;
}

export interface StepResult {
  snapshot: PersistedSnapshot;
  effects: Effect[];
  /** False when the event changed nothing (not accepted in the current state). */
  changed: boolean;
}

export type CaseResult = 'completed' | 'rejected' | 'cancelled' | 'withdrawn';

const EMPTY_CONTEXT: EngineContext = emptyContext();

/**
 * XState's `transition()`/`initialTransition()` build a fresh inert actor for every call, and the
 * actor's constructor runs the machine's initial snapshot (our context factory, with no input, so it
 * throws and is caught). One inert scope per compiled workflow, reused, does the same pure work.
 */
const scopes = new WeakMap<CompiledWorkflow, AnyActorScope>();
function inertActorScope(wf: CompiledWorkflow): AnyActorScope {
  let scope = scopes.get(wf);
  if (!scope) {
    const self = createActor(wf.machine, { input: { data: {}, initiator: { id: '', unitId: '' } } });
    scope = {
      self,
      id: '',
      sessionId: '',
      system: self.system,
      logger: () => {},
      defer: () => {},
      emit: () => {},
      stopChild: () => {},
      actionExecutor: () => {},
    } as unknown as AnyActorScope;
    scopes.set(wf, scope);
  }
  return scope;
}

export function start(wf: CompiledWorkflow, input: { data: Record<string, unknown>; initiator: Initiator; now?: string }): StepResult {
  const snap = wf.machine.getInitialSnapshot(inertActorScope(wf), input) as AnyMachineSnapshot;
  const snapshot = persist(snap);
  throwRefusal(snapshot.context.refusal);
  assertNoStuckWork(wf, snapshot, 'start');
  return { snapshot, effects: diffEffects(wf, { value: {}, status: 'active', context: EMPTY_CONTEXT }, snapshot, resultOf(wf, snapshot)), changed: true };
}

export function step(wf: CompiledWorkflow, current: PersistedSnapshot, event: EngineEvent | { type: string; [k: string]: unknown }): StepResult {
  if (current.status !== 'active') throw new ChanceryError('instance.not_running');
  const restored = restore(wf, current);
  const next = wf.machine.transition(restored, event as never, inertActorScope(wf));
  const snapshot = persist(next as AnyMachineSnapshot);
  // XState hands back the very same snapshot when no transition was enabled; any accepted event
  // (even a targetless one) yields a new one with a new context.
  const changed = next !== restored && (next.context !== restored.context || JSON.stringify(snapshot.value) !== JSON.stringify(current.value));
  throwRefusal(snapshot.context.refusal);
  assertNoStuckWork(wf, snapshot, event.type);
  return { snapshot, effects: changed ? diffEffects(wf, current, snapshot, resultOf(wf, snapshot)) : [], changed };
}

/** A refusal recorded during the step (a `refuse` transition, a deadline the data cannot give) refuses the command. */
function throwRefusal(refusal: EngineContext['refusal']): void {
  if (!refusal) return;
  const message =
    typeof refusal.message === 'string'
      ? { 'zh-CN': refusal.message, en: refusal.message }
      : { 'zh-CN': refusal.message['zh-CN'], en: refusal.message.en ?? refusal.message['zh-CN'] };
  throw new ChanceryError('instance.refused', { message }, refusal.pointer ? { pointer: refusal.pointer } : {});
}

/** Restores a stored snapshot as a machine snapshot (outbox and CC are per step, so they start empty). */
export function restore(wf: CompiledWorkflow, s: PersistedSnapshot): AnyMachineSnapshot {
  return wf.machine.resolveState({ value: s.value, context: { ...s.context, outbox: [], cc: [] } }) as AnyMachineSnapshot;
}

function persist(snap: AnyMachineSnapshot): PersistedSnapshot {
  return { value: snap.value, status: snap.status as PersistedSnapshot['status'], context: snap.context as EngineContext };
}

export function resultOf(wf: CompiledWorkflow, s: PersistedSnapshot): CaseResult | null {
  if (s.status !== 'done') return null;
  const leaf = typeof s.value === 'string' ? s.value : (Object.keys(s.value)[0] ?? '');
  if (leaf === WITHDRAWN) return 'withdrawn';
  return wf.states.get(leaf)?.spec.result ?? 'completed';
}

/** A step whose outcome is decided but whose guards all failed would hang: refuse the command instead. */
function assertNoStuckWork(wf: CompiledWorkflow, s: PersistedSnapshot, event: string): void {
  if (s.status !== 'active') return;
  for (const w of Object.values(s.context.work)) {
    if (w.outcome !== null) throw new ChanceryError('instance.no_transition', { state: w.state, event: `${event}:${w.outcome}` });
  }
  void wf;
}
