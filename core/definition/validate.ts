/**
 * `validateDefinition`: the schema check and every static check, all problems at once.
 */
import { checkCandidates } from './check-candidates.js';
import { checkForms } from './check-forms.js';
import { checkGraph } from './check-graph.js';
import { checkLevels } from './check-levels.js';
import { checkLinkedCases } from './check-linked-cases.js';
import { checkLogic } from './check-logic.js';
import { checkMeasures } from './check-measures.js';
import { checkPolicies } from './check-policies.js';
import { checkReferences } from './check-references.js';
import { checkOutcomeTitles } from './check-outcome-titles.js';
import { checkSchema } from './check-schema.js';
import { checkScope } from './check-scope.js';
import { checkSteps } from './check-steps.js';
import { checkUnits } from './check-units.js';
import { isRecord } from './problems.js';
import type { DefinitionProblem, ValidationContext, WorkflowDefinition } from './types.js';

/** The outcome of `validateDefinition`. */
export interface DefinitionValidation {
  /** No problem of severity `error` (warnings allowed). */
  ok: boolean;
  problems: DefinitionProblem[];
  /** The input, typed, when `ok`. */
  definition?: WorkflowDefinition;
}

/**
 * Checks a definition against the JSON Schema and the static rules (targets, reachability, a way
 * to a final state, forms, roles, plugin actions and their parameters, JSON Logic, durations,
 * quorum, outcomes and their titles, fallbacks) and returns every problem with its JSON pointer, code and
 * message in zh-CN and en. Never throws for bad input.
 *
 * @example
 * const { ok, problems } = validateDefinition(json, { roles: new Set(['handler']) });
 * if (!ok) throw new ChanceryError('definition.invalid', { count: problems.length });
 */
export function validateDefinition(def: unknown, ctx: ValidationContext = {}): DefinitionValidation {
  const problems = checkSchema(def);
  if (isRecord(def)) {
    const typed = def as unknown as WorkflowDefinition;
    problems.push(
      ...checkGraph(typed),
      ...checkCandidates(typed),
      ...checkReferences(typed, ctx),
      ...checkLogic(typed),
      ...checkSteps(typed),
      ...checkLevels(typed),
    );
    problems.push(
      ...checkForms(typed, ctx),
      ...checkUnits(typed, ctx),
      ...checkPolicies(typed),
      ...checkScope(typed),
      ...checkMeasures(typed),
      ...checkLinkedCases(typed, ctx),
      ...checkOutcomeTitles(typed),
    );
  }
  const ok = !problems.some((p) => p.severity === 'error');
  return ok ? { ok, problems, definition: def as WorkflowDefinition } : { ok, problems };
}
