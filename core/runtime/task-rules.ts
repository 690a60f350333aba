/**
 * The rules of the task commands, once: each says why a command is refused on a task (or null
 * when it is taken). The commands throw the refusal; the task view lists what is null as the
 * actions its holder may take now, so what is offered and what is accepted cannot drift apart.
 */
import type { WorkSpec } from '../definition/types.js';
import { ChanceryError } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import { slotOutcomesOf } from '../machine/work.js';
import type { InstanceRow, TaskRow } from './case-store.js';
import type { Actor } from './ports.js';
import { step } from './step.js';

/** A task as the rules read it: the row, its case and workflow, and the step's work spec. */
export interface TaskUnderRule {
  task: TaskRow;
  instance: InstanceRow;
  wf: CompiledWorkflow;
  spec: WorkSpec | undefined;
}

/** The outcomes the task's step takes (`submit` for a step without work of its own). */
export function outcomesFor(l: TaskUnderRule): string[] {
  const work = l.wf.states.get(l.task.state_key)?.work;
  return work ? slotOutcomesOf(work) : ['submit'];
}

/** Completing: refused for the initiator on an approval whose self-approval policy forbids it. */
export function completeRefusal(l: TaskUnderRule, actor: Actor): ChanceryError | null {
  const work = l.wf.states.get(l.task.state_key)?.work;
  if (work?.kind === 'approval' && l.instance.initiator_id === actor.id) {
    const policy = l.spec?.selfApproval ?? l.wf.definition.defaults?.selfApproval ?? 'allow';
    if (policy === 'forbid') return new ChanceryError('assign.self_approval');
  }
  return null;
}

/** 转交: unless the step (or the definition's defaults) says no. */
export function transferRefusal(l: TaskUnderRule): ChanceryError | null {
  return (l.spec?.transfer ?? l.wf.definition.defaults?.transfer) === false ? new ChanceryError('task.transfer_not_allowed') : null;
}

/** 委派: unless the step (or the definition's defaults) says no. */
export function delegateRefusal(l: TaskUnderRule): ChanceryError | null {
  return (l.spec?.delegate ?? l.wf.definition.defaults?.delegate) === false ? new ChanceryError('task.delegate_not_allowed') : null;
}

/** 加签 / 减签: approvals only, unless the step says no; removing also keeps the last signer. */
export function signersRefusal(l: TaskUnderRule, change: 'add' | 'remove'): ChanceryError | null {
  const work = l.wf.states.get(l.task.state_key)?.work;
  if (!work || work.kind !== 'approval' || (change === 'add' ? l.spec?.addSigners : l.spec?.removeSigners) === false)
    return new ChanceryError('task.signers_not_allowed');
  if (change === 'remove') {
    const live = l.instance.snapshot.context.work[l.task.state_key]?.slots?.filter((s) => s.status === 'open' || s.status === 'waiting') ?? [];
    if (live.length <= 1) return new ChanceryError('task.last_signer');
  }
  return null;
}

/** 签收: only a task still offered to a pool. */
export function claimRefusal(l: TaskUnderRule): ChanceryError | null {
  return l.task.assignee_id === null ? null : new ChanceryError('task.not_claimable', { taskId: l.task.id });
}

/** Returning to `to`: the step must allow returns, and the machine must take the event (its own guard). */
export function returnRefusal(l: TaskUnderRule, actor: Actor, to: string): ChanceryError | null {
  const refused = new ChanceryError('task.return_not_allowed', { to }, { pointer: '/to' });
  if (!l.wf.states.get(l.task.state_key)?.spec.return) return refused;
  try {
    return step(l.wf, l.instance.snapshot, { type: 'return', to, by: actor.id, slot: l.task.slot }).changed ? null : refused;
  } catch (e) {
    if (e instanceof ChanceryError) return refused;
    throw e;
  }
}

/** The steps the task may be returned to now, in the order the case first reached them. */
export function returnTargets(l: TaskUnderRule, actor: Actor): string[] {
  if (!l.wf.states.get(l.task.state_key)?.spec.return) return [];
  const visited = l.instance.snapshot.context.visited;
  const before = [...new Set(visited.slice(0, visited.lastIndexOf(l.task.state_key)))];
  // The machine decides each one (its candidates and guard); only steps the case went through can be.
  return before.filter((s) => s !== l.task.state_key && !returnRefusal(l, actor, s));
}
