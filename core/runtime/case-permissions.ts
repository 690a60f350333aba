/**
 * What a person may do to a case as a whole, by the definition's rules: urge (催办) and CC (抄送)
 * per `policies`, and each standing action per its `who`. Someone a rule lets act on a case may also
 * see it (the supervision office urges cases it never worked on).
 */
import type { Assignment, I18nText, StandingAction } from '../definition/types.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import type { Executor } from '../persistence/types.js';
import { findAssignees } from './assignment.js';
import { canSeeCase } from './authorize.js';
import type { InstanceRow } from './case-store.js';
import { ChanceryError } from '../errors.js';
import type { Actor, AssigneeResolver } from './ports.js';
import { textOf } from './text.js';

/** Whether `actor` is one of the people any of `rules` names, evaluated on the case. */
export async function namedBy(
  exec: Executor,
  actor: Actor,
  rules: readonly Assignment[],
  instance: InstanceRow,
  wf: CompiledWorkflow,
  plugins?: AssigneeResolver,
): Promise<boolean> {
  for (const rule of rules) {
    try {
      const who = await findAssignees(exec, rule, instance.snapshot.context, wf, plugins);
      if (who.users?.includes(actor.id)) return true;
    } catch {
      // A rule that cannot be resolved here (a resolver plugin not loaded) names nobody.
    }
  }
  return false;
}

/** The rules of a policy: the definition's, or the default (`urge`: the initiator; `cc`: whoever may see the case). */
function policyRules(wf: CompiledWorkflow, kind: 'urge' | 'cc'): readonly Assignment[] | null {
  const declared = wf.definition.policies?.[kind];
  if (declared) return declared;
  return kind === 'urge' ? [{ initiator: true }] : null;
}

/** Refuses the command unless the policy allows the actor (admins always may). */
export async function assertPolicy(
  exec: Executor,
  actor: Actor,
  kind: 'urge' | 'cc',
  instance: InstanceRow,
  wf: CompiledWorkflow,
  plugins?: AssigneeResolver,
): Promise<void> {
  if (actor.isAdmin) return;
  const rules = policyRules(wf, kind);
  if (rules && (await namedBy(exec, actor, rules, instance, wf, plugins))) return;
  // Someone who may not see the case learns nothing about it.
  if (!(await canSeeCase(exec, actor, instance))) throw new ChanceryError('instance.not_found', { instanceId: instance.id });
  if (!rules) return;
  if (!wf.definition.policies?.[kind]) throw new ChanceryError('instance.not_initiator');
  throw new ChanceryError('instance.policy_forbids', { command: actor.lang === 'en' ? (kind === 'urge' ? 'urge' : 'CC') : kind === 'urge' ? '催办' : '抄送' });
}

/** The actor may see the case: by `canSeeCase`, or because a rule of the definition lets them act on it. */
export async function mayViewCase(exec: Executor, actor: Actor, instance: InstanceRow, wf: CompiledWorkflow): Promise<boolean> {
  if (await canSeeCase(exec, actor, instance)) return true;
  const def = wf.definition;
  const rules = [...(def.policies?.urge ?? []), ...(def.policies?.cc ?? []), ...Object.values(def.actions ?? {}).flatMap((a) => a.who)];
  return rules.length > 0 && namedBy(exec, actor, rules, instance, wf);
}

export async function assertViewCase(exec: Executor, actor: Actor, instance: InstanceRow, wf: CompiledWorkflow): Promise<void> {
  if (!(await mayViewCase(exec, actor, instance, wf))) throw new ChanceryError('instance.not_found', { instanceId: instance.id });
}

/** The top-level step a case is in (`review` for `review.legal.check`). */
export function topStep(state: string): string {
  return state.split('|')[0]!.split('.')[0]!;
}

/** Whether a standing action is offered in the case's current step. */
export function availableIn(action: StandingAction, instance: Pick<InstanceRow, 'status' | 'state'>): boolean {
  return instance.status === 'running' && (!action.in || action.in.includes(topStep(instance.state)));
}

export interface CaseActions {
  urge: boolean;
  cc: boolean;
  /** The standing actions the actor may take now. */
  standing: Array<{ name: string; title: string; description: string | null; form: string | null }>;
}

/** What the actor may do to the case now, for the case view (the commands check again). */
export async function caseActions(exec: Executor, actor: Actor, instance: InstanceRow, wf: CompiledWorkflow): Promise<CaseActions> {
  const running = instance.status === 'running';
  const allowed = async (kind: 'urge' | 'cc') => {
    if (!running) return false;
    try {
      await assertPolicy(exec, actor, kind, instance, wf);
      return true;
    } catch {
      return false;
    }
  };
  const standing: CaseActions['standing'] = [];
  for (const [name, a] of Object.entries(wf.definition.actions ?? {})) {
    if (availableIn(a, instance) && (await namedBy(exec, actor, a.who, instance, wf))) {
      standing.push({
        name,
        title: textOf(a.title, actor.lang),
        description: a.description ? textOf(a.description as I18nText, actor.lang) : null,
        form: a.form ?? null,
      });
    }
  }
  return { urge: await allowed('urge'), cc: await allowed('cc'), standing };
}
