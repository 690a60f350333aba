/**
 * What a person may do now, as the views list it (`allowedActions`): to a case (withdraw, urge,
 * CC, resend a withdrawn case) and to a task (complete with which outcomes, return where, claim, transfer, delegate, add
 * or remove signers). Each entry is a rule the command itself runs (`task-rules.ts`,
 * `withdrawRefusal`, the policies), asked here without acting; the commands check again.
 */
import type { CompiledWorkflow } from '../machine/compile.js';
import type { Executor } from '../persistence/types.js';
import { urgeThrottle, withdrawRefusal } from './case-commands.js';
import type { CaseActions } from './case-permissions.js';
import type { InstanceRow } from './case-store.js';
import type { Actor } from './ports.js';
import { mayResend } from './resend.js';
import {
  claimRefusal,
  completeRefusal,
  delegateRefusal,
  outcomesFor,
  returnTargets,
  signersRefusal,
  transferRefusal,
  type TaskUnderRule,
} from './task-rules.js';

export const CASE_ACTIONS = ['withdraw', 'urge', 'cc', 'resend'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const TASK_ACTIONS = ['complete', 'return', 'claim', 'transfer', 'delegate', 'addSigners', 'removeSigners'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/**
 * The case actions `actor` may take now: withdraw by the machine's own rule, urge and CC by the
 * definition's policies (`actions`, from `caseActions`), urge also until throttled, with when a
 * throttled urge is taken again; a withdrawn case, resend (撤回后修改再提交) by its initiator.
 * `latest`: the workflow's current version, which a resend starts.
 */
export async function caseAllowed(
  exec: Executor,
  actor: Actor,
  instance: InstanceRow,
  wf: CompiledWorkflow,
  actions: CaseActions,
  now: Date,
  latest: () => Promise<CompiledWorkflow>,
): Promise<{ allowedActions: CaseAction[]; urgeAvailableAt: string | null }> {
  const throttled = await urgeThrottle(exec, instance, now);
  const allowed: CaseAction[] = [];
  if (!withdrawRefusal(actor, instance, wf)) allowed.push('withdraw');
  if (actions.urge && !throttled) allowed.push('urge');
  if (actions.cc) allowed.push('cc');
  if (instance.status === 'withdrawn' && (await mayResend(exec, actor, instance, latest))) allowed.push('resend');
  const urgeAvailableAt = actions.urge && throttled?.code === 'instance.urged_recently' ? (throttled.details as { availableAt: string }).availableAt : null;
  return { allowedActions: allowed, urgeAvailableAt };
}

export interface TaskAllowed {
  allowedActions: TaskAction[];
  /** The outcomes `complete` takes from this person now (none for an initiator a self-approval rule forbids). */
  outcomes: string[];
  /** The steps `return` takes the case back to now. */
  returnTo: string[];
}

/**
 * The task actions of someone who may work the task (its holder, their pool, their delegate),
 * on an open task of a running case. A task still offered to a pool offers only 签收 (claim):
 * whoever claims it then sees what they may do with it, and no two people of the pool work it
 * at once from the task page.
 */
export function taskAllowed(l: TaskUnderRule, actor: Actor): TaskAllowed {
  if (!claimRefusal(l)) return { allowedActions: ['claim'], outcomes: [], returnTo: [] };
  const outcomes = completeRefusal(l, actor) ? [] : outcomesFor(l);
  const returnTo = returnTargets(l, actor);
  const allowed: TaskAction[] = [];
  if (outcomes.length > 0) allowed.push('complete');
  if (returnTo.length > 0) allowed.push('return');
  if (!transferRefusal(l)) allowed.push('transfer');
  if (!delegateRefusal(l)) allowed.push('delegate');
  if (!signersRefusal(l, 'add')) allowed.push('addSigners');
  if (!signersRefusal(l, 'remove')) allowed.push('removeSigners');
  return { allowedActions: allowed, outcomes, returnTo };
}
