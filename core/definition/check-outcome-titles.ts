/** Outcomes people would see by their key: a task offering one without a title is refused. */
import { outcomeTitle } from './outcome-titles.js';
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, I18nText, WorkflowDefinition } from './types.js';
import { walkStates, workOf } from './walk.js';

/** Every outcome a task or per-item step offers that has no title, at its pointer. */
export function checkOutcomeTitles(def: WorkflowDefinition): DefinitionProblem[] {
  const titles = isRecord(def.outcomeTitles) ? (def.outcomeTitles as Record<string, I18nText>) : undefined;
  const problems: DefinitionProblem[] = [];
  for (const { name, state, pointer } of walkStates(def)) {
    for (const work of workOf(state, pointer)) {
      const outcomes = (work.spec as { outcomes?: unknown }).outcomes;
      if (!Array.isArray(outcomes)) continue;
      outcomes.forEach((o, i) => {
        if (typeof o === 'string' && outcomeTitle({ ...(titles ? { outcomeTitles: titles } : {}) }, o, 'zh-CN') === null) {
          problems.push(problem('definition.outcome_untitled', pointerOf(work.pointer, 'outcomes', i), { state: name, outcome: o }));
        }
      });
    }
  }
  return problems;
}
