/**
 * Precompiles a form's validator to a self-contained ES module, so the browser validates with
 * exactly the code the server runs, without `new Function` (works under `script-src 'self'`).
 * Server only: ajv compiles with `new Function` here, once per form version.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import type { JsonSchema } from '../model/types.js';
import { createAjv } from './create-ajv.js';
import { inlineRequires } from './inline-requires.js';

type StandaloneCode = (ajv: Ajv2020, refsOrFunc?: unknown) => string;
const standaloneCode = ((standaloneModule as unknown as { default?: StandaloneCode }).default ??
  standaloneModule) as unknown as StandaloneCode;

/**
 * An ES module whose default export is the schema's validate function (ajv's shape:
 * `validate(data) → boolean`, errors in `validate.errors`). It imports nothing.
 *
 * @example
 * const code = compileStandalone(schema);
 * const { default: validate } = await import('data:text/javascript,' + encodeURIComponent(code));
 */
export function compileStandalone(schema: JsonSchema, ajv: Ajv2020 = createAjv()): string {
  const validate = ajv.compile(schemaWithoutId(schema, ajv));
  return `${inlineRequires(standaloneCode(ajv, validate))}\n`;
}

/**
 * Compiling the same `$id` twice in one ajv instance fails; a form service compiles each
 * version once, but tests and scripts may not, so a known `$id` is dropped.
 */
function schemaWithoutId(schema: JsonSchema, ajv: Ajv2020): JsonSchema {
  const id = schema['$id'];
  if (typeof id !== 'string' || ajv.getSchema(id) === undefined) return schema;
  const { $id: _id, ...rest } = schema;
  return rest;
}
