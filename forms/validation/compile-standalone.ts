/**
 * Precompiles a form's validator to a self-contained ES module, so the browser validates with
 * exactly the code the server runs, without `new Function` (works under `script-src 'self'`).
 * Server only: ajv compiles with `new Function` here, once per form version.
 */
import type { FormAjv } from './create-ajv.js';
import type { AnyValidateFunction } from 'ajv/dist/core.js';
import standaloneExports from 'ajv/dist/standalone/index.js';
import type { JsonSchema } from '../model/types.js';
import { createAjv } from './create-ajv.js';
import { inlineRequires } from './inline-requires.js';

type StandaloneCode = (ajv: FormAjv, refsOrFunc?: unknown) => string;
const standaloneCode = ((standaloneExports as unknown as { default?: StandaloneCode }).default ?? standaloneExports) as unknown as StandaloneCode;

/**
 * An ES module whose default export is the schema's validate function (ajv's shape:
 * `validate(data) → boolean`, errors in `validate.errors`). It imports nothing.
 *
 * @example
 * const code = compileStandalone(schema);
 * const { default: validate } = await import('data:text/javascript,' + encodeURIComponent(code));
 */
export function compileStandalone(schema: JsonSchema, ajv: FormAjv = createAjv('2020-12', undefined, 'native')): string {
  return standaloneModule(ajv, compileFresh(ajv, schema));
}

/**
 * The module for a validate function `ajv` compiled (with `code.source`, as `createAjv` sets).
 * Use an ajv created with the `native` RegExp mode: the module must import nothing.
 */
export function standaloneModule(ajv: FormAjv, validate: AnyValidateFunction): string {
  return `${inlineRequires(standaloneCode(ajv, validate))}\n`;
}

/**
 * Compiles `schema`, first forgetting an earlier schema with the same `$id` (a new version of a
 * form keeps its `$id`; ajv refuses to register one twice).
 */
export function compileFresh(ajv: FormAjv, schema: JsonSchema): AnyValidateFunction {
  const id = schema['$id'];
  if (typeof id === 'string' && ajv.getSchema(id) !== undefined) {
    // A meta-schema (a form *about* schemas) keeps ajv's own copy; compile the form's without the id.
    if (isMetaSchemaId(id)) {
      const { $id: _id, ...rest } = schema;
      return ajv.compile(rest);
    }
    ajv.removeSchema(id);
  }
  return ajv.compile(schema);
}

function isMetaSchemaId(id: string): boolean {
  return /^https?:\/\/json-schema\.org\//.test(id);
}
