/**
 * Per-outcome policies must name what the step offers: an opinion rule keyed by an outcome the
 * step does not have, or a form taken only for such an outcome, would never apply (refuse rather
 * than ignore).
 */
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, WorkflowDefinition } from './types.js';
import { walkStates, workOf } from './walk.js';

const COMMANDS = ['return', 'transfer', 'delegate', '*'];

/** Opinion policies keyed by something that is neither an outcome of the step nor a command. */
export function checkPolicies(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { state, pointer } of walkStates(def)) {
    for (const work of workOf(state, pointer)) {
      const outcomes = outcomesOfWork(work.kind, work.spec as { outcomes?: unknown });
      const formOutcomes = (work.spec as { formOutcomes?: unknown }).formOutcomes;
      if (Array.isArray(formOutcomes)) {
        formOutcomes.forEach((o, i) => {
          if (typeof o === 'string' && !outcomes.includes(o))
            problems.push(problem('definition.form_outcome_unknown', pointerOf(work.pointer, 'formOutcomes', i), { outcome: o, allowed: outcomes.join(', ') }));
        });
      }
      const rule = work.spec.opinion;
      if (!isRecord(rule)) continue;
      const allowed = [...outcomes, ...COMMANDS];
      for (const key of Object.keys(rule)) {
        if (!allowed.includes(key))
          problems.push(problem('definition.opinion_unknown_outcome', pointerOf(work.pointer, 'opinion', key), { outcome: key, allowed: allowed.join(', ') }));
      }
    }
  }
  return problems;
}

/** The outcomes a piece of work offers (an approval: approve and reject; otherwise its list, default submit). */
export function outcomesOfWork(kind: string, spec: { outcomes?: unknown }): string[] {
  if (kind === 'approval') return ['approve', 'reject'];
  const listed = Array.isArray(spec.outcomes) ? spec.outcomes.filter((o): o is string => typeof o === 'string') : [];
  return listed.length > 0 ? listed : ['submit'];
}
