/**
 * A validator for pages that load a form without its precompiled module (a schema passed
 * straight to `<chancery-form>`): `@cfworker/json-schema` interprets the schema — no `eval`, no
 * `new Function`, so it runs under a strict CSP — and its errors are reshaped like ajv's, so the
 * same localizer names fields and keywords. The server's ajv verdict remains the one that counts.
 */
import { Validator, type OutputUnit, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import { unescapeToken } from '../../core/json-pointer.js';
import type { AjvError, JsonSchema, ValidateFunction } from '../model/types.js';

/** Keywords that only say "something below failed": the errors below say what. */
const SUMMARY = new Set([
  'properties',
  'items',
  'prefixItems',
  'allOf',
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
  'additionalItems',
  'dependentSchemas',
  'dependencies',
  'patternProperties',
  'if',
  'then',
  'else',
  'unevaluatedItems',
]);

/** The draft a schema declares by `$schema` (2020-12 when it says none). */
export function draftOf(schema: unknown): SchemaDraft {
  const id = schema !== null && typeof schema === 'object' ? (schema as Record<string, unknown>)['$schema'] : undefined;
  if (typeof id !== 'string') return '2020-12';
  if (id.includes('draft-04')) return '4';
  if (id.includes('draft-06') || id.includes('draft-07')) return '7';
  if (id.includes('2019-09')) return '2019-09';
  return '2020-12';
}

/**
 * @example
 * const validate = createInterpretiveValidator(schema);
 * validate({ name: '' }); // false; validate.errors holds ajv-shaped errors
 */
export function createInterpretiveValidator(schema: JsonSchema): ValidateFunction {
  const validator = new Validator(schema as Schema, draftOf(schema), false);
  const validate: ValidateFunction = (data: unknown) => {
    const result = validator.validate(data);
    validate.errors = result.valid ? null : result.errors.filter((e) => !SUMMARY.has(e.keyword)).map((e) => toAjvError(e, schema));
    return result.valid;
  };
  return validate;
}

function toAjvError(unit: OutputUnit, root: JsonSchema): AjvError {
  const instancePath = unit.instanceLocation.replace(/^#/, '');
  const schemaPath = unit.keywordLocation;
  const value = keywordValue(root, schemaPath);
  return { keyword: unit.keyword, instancePath, schemaPath, params: paramsOf(unit, value), message: unit.error };
}

/** ajv's `params` for the keywords the localizer words. */
function paramsOf(unit: OutputUnit, value: unknown): Record<string, unknown> {
  switch (unit.keyword) {
    case 'required': {
      const missing = /property "(.*)"/.exec(unit.error)?.[1];
      return missing === undefined ? {} : { missingProperty: missing.replace(/\\"/g, '"') };
    }
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        limit: value,
        comparison: unit.keyword.startsWith('min') ? '>=' : unit.keyword.startsWith('max') ? '<=' : unit.keyword === 'exclusiveMinimum' ? '>' : '<',
      };
    case 'multipleOf':
      return { multipleOf: value };
    case 'enum':
      return { allowedValues: value };
    case 'const':
      return { allowedValue: value };
    case 'type':
      return { type: Array.isArray(value) ? value.join(',') : value };
    case 'format':
      return { format: value };
    case 'pattern':
      return { pattern: value };
    default:
      return {};
  }
}

/** The keyword's value at `#/a/b/keyword`, following local `$ref`s on the way. */
function keywordValue(root: JsonSchema, location: string): unknown {
  const segments = location
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => unescapeToken(decodeURIComponent(s)));
  let node: unknown = root;
  for (const segment of segments) {
    if (segment === '$ref' && node !== null && typeof node === 'object') {
      const ref = (node as Record<string, unknown>)['$ref'];
      node = typeof ref === 'string' && ref.startsWith('#') ? keywordValue(root, ref) : undefined;
      continue;
    }
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}
