/**
 * Org units named literally in assignments (`{ "role": "handler", "unit": "shilizhen" }`,
 * `{ "head": "office" }`, `{ "members": "secretariat" }`) must exist in the directory, as roles must: a misspelt unit would
 * publish and then reach nobody.
 */
import { pointerOf, problem } from './problems.js';
import type { DefinitionProblem, ValidationContext, WorkflowDefinition } from './types.js';
import { walkAssignments } from './walk-assignments.js';

/** Unknown unit codes (or ids) in assignments; skipped when the context has no directory. */
export function checkUnits(def: WorkflowDefinition, ctx: ValidationContext): DefinitionProblem[] {
  const units = ctx.units;
  if (!units) return [];
  const problems: DefinitionProblem[] = [];
  for (const { assignment, pointer } of walkAssignments(def)) {
    const a = assignment as Record<string, unknown>;
    for (const key of ['unit', 'head', 'members'] as const) {
      const unit = a[key];
      if (typeof unit === 'string' && !units.has(unit)) problems.push(problem('definition.unknown_unit', pointerOf(pointer, key), { unit }));
    }
  }
  return problems;
}
