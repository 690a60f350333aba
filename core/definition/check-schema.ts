/** `definition.schema`: the definition against `definition.schema.json`. */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { definitionAjv } from './ajv.js';
import { collapseAlternatives, mapAjvErrors } from './ajv-problems.js';
import { dropRequiredExplainedByTypos } from './ajv-typos.js';
import { definitionSchema } from './schema.js';
import { problemWithReason } from './problems.js';
import type { DefinitionProblem } from './types.js';

let compiled: ValidateFunction | undefined;

/** Duration patterns are left to `definition.invalid_duration`, which names the bad value. */
const LEFT_TO_OTHER_CHECKS = (schemaPath: string, keyword: string) => keyword === 'pattern' && schemaPath.endsWith('/Duration/pattern');

/** Schema violations, with the pointer of the offending value (or of the missing / unknown property). */
export function checkSchema(def: unknown): DefinitionProblem[] {
  compiled ??= definitionAjv().compile(definitionSchema);
  if (compiled(def)) return [];
  const errors = dropRequiredExplainedByTypos(collapseAlternatives(compiled.errors ?? [])).filter(
    (error) => !LEFT_TO_OTHER_CHECKS(error.schemaPath, error.keyword),
  );
  return mapAjvErrors(errors).map(({ error, pointer, message }) =>
    problemWithReason('definition.schema', pointer, message, { keyword: error.keyword, schemaPath: error.schemaPath }),
  );
}
