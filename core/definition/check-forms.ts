/**
 * Forms a start or a step will load: each must be inline JSON (a file path is only expanded when
 * the definition is read from `workflows/`, never over the API) and, when the validation context
 * can compile forms, must compile. What publishes, runs: a form that cannot load is refused here,
 * not at the first start.
 */
import { isRecord, pointerOf, problem, problemWithReason } from './problems.js';
import type { DefinitionProblem, ValidationContext, WorkflowDefinition } from './types.js';

/** Problems of the `forms` section: file paths, schemas that are not objects, schemas that do not compile. */
export function checkForms(def: WorkflowDefinition, ctx: ValidationContext): DefinitionProblem[] {
  if (!isRecord(def.forms)) return [];
  const problems: DefinitionProblem[] = [];
  for (const [form, ref] of Object.entries(def.forms)) {
    if (!isRecord(ref)) continue;
    for (const part of ['schema', 'uiSchema'] as const) {
      const value = ref[part];
      if (typeof value === 'string') problems.push(problem('definition.form_not_inline', pointerOf('/forms', form, part), { form, path: value }));
    }
    if (isRecord(ref.schema) && ctx.compileForm) {
      const reason = ctx.compileForm(ref.schema, isRecord(ref.uiSchema) ? ref.uiSchema : undefined);
      if (reason) problems.push(problemWithReason('definition.form_invalid', pointerOf('/forms', form, 'schema'), reason, { form }));
    }
  }
  return problems;
}
