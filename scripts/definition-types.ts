/**
 * Generates `core/definition/types.generated.ts` — the DSL's TypeScript types — from
 * `core/definition/definition.schema.json`, so the schema is the one source and the types cannot
 * drift from it. Re-run after changing the schema (`npm run gen:types`); `npm run check:types`
 * (in CI) fails when the checked-in file is not what the schema generates.
 *
 * One exported type per `$defs` entry (same name) and `WorkflowDefinition` for the root, with the
 * schema's titles and descriptions as JSDoc. Mapping: `$ref` → the named type; `const`/`enum` →
 * literals; `oneOf`/`anyOf` → a union (members that only list `required` keys make those keys
 * required in each variant); `allOf` → an intersection; `type` lists → unions; objects →
 * `properties` + `required`, `additionalProperties` as an index signature. `not`, patterns and
 * bounds have no TypeScript form and are left to the validator.
 *
 * The command line is `scripts/gen-definition-types.ts`; this module only computes the text.
 */

export type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  title?: string;
  description?: string;
};

const key = (k: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));

function doc(s: Schema, indent: string): string {
  const lines = [s.title, s.description].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  if (lines.length === 0) return '';
  const text = lines.join('\n\n').replace(/\*\//g, '*\\/');
  return `${indent}/**\n${text
    .split('\n')
    .map((l) => `${indent} *${l ? ` ${l}` : ''}`)
    .join('\n')}\n${indent} */\n`;
}

/** A member that only constrains which keys are present (`{ required: [...] }`). */
const onlyRequired = (s: Schema) => Object.keys(s).every((k) => k === 'required') && Array.isArray(s.required);

function objectType(s: Schema, indent: string, extraRequired: string[] = []): string {
  const required = new Set([...(s.required ?? []), ...extraRequired]);
  const props = Object.entries(s.properties ?? {});
  const inner = `${indent}  `;
  const lines = props.map(([k, v]) => `${doc(v, inner)}${inner}${key(k)}${required.has(k) ? '' : '?'}: ${typeOf(v, inner)};`);
  const ap = s.additionalProperties;
  if (ap && typeof ap === 'object') lines.push(`${inner}[key: string]: ${typeOf(ap, inner)};`);
  else if (ap === true || (ap === undefined && props.length === 0)) lines.push(`${inner}[key: string]: unknown;`);
  return lines.length === 0 ? 'Record<string, never>' : `{\n${lines.join('\n')}\n${indent}}`;
}

function byType(t: string, s: Schema, indent: string): string {
  switch (t) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return s.items ? `Array<${typeOf(s.items, indent)}>` : 'unknown[]';
    case 'object':
      return objectType(s, indent);
    default:
      return 'unknown';
  }
}

const union = (parts: string[]) => ([...new Set(parts)].includes('unknown') ? 'unknown' : [...new Set(parts)].join(' | '));

function typeOf(s: Schema, indent: string): string {
  if (s.$ref) {
    const m = /^#\/\$defs\/([A-Za-z0-9_]+)$/.exec(s.$ref);
    if (!m) throw new Error(`unsupported $ref ${s.$ref}`);
    return m[1]!;
  }
  if ('const' in s) return JSON.stringify(s.const);
  if (s.enum) return union(s.enum.map((v) => JSON.stringify(v)));
  const variants = s.oneOf ?? s.anyOf;
  if (variants) {
    if (variants.every(onlyRequired)) {
      // Which keys must be present: one object type per alternative.
      return variants.map((v) => objectType(s, indent, v.required)).join(' | ');
    }
    const { oneOf: _o, anyOf: _a, ...base } = s;
    const hasBase = base.type !== undefined || base.properties !== undefined;
    const parts = variants.map((v) => typeOf(hasBase ? ({ ...base, ...v } as Schema) : v, indent));
    return parts.length === 1 ? parts[0]! : `(${union(parts)})`;
  }
  if (s.allOf) {
    const parts = s.allOf.filter((m) => !onlyRequired(m)).map((m) => typeOf(m, indent));
    const own = s.type || s.properties ? [typeOf({ ...s, allOf: undefined } as Schema, indent)] : [];
    return [...own, ...parts].filter((p) => p !== 'unknown').join(' & ') || 'unknown';
  }
  if (Array.isArray(s.type)) return `(${union(s.type.map((t) => byType(t, s, indent)))})`;
  if (typeof s.type === 'string') return byType(s.type, s, indent);
  if (s.properties) return objectType(s, indent);
  return 'unknown';
}

/** The text of `types.generated.ts` for the given definition schema. */
export function generate(schema: Schema): string {
  const defs = (schema.$defs ?? {}) as Record<string, Schema>;
  const { $defs: _d, $schema: _s, $id: _i, ...rootSchema } = schema;
  const out = [
    '// Generated by scripts/gen-definition-types.ts from core/definition/definition.schema.json: do not edit.',
    '// Change the schema, then run `npm run gen:types`.',
    '/* eslint-disable */',
    '',
  ];
  for (const [name, def] of Object.entries(defs)) out.push(`${doc(def, '')}export type ${name} = ${typeOf(def, '')};`, '');
  out.push(`${doc(rootSchema as Schema, '')}export type WorkflowDefinition = ${typeOf(rootSchema as Schema, '')};`, '');
  return out.join('\n');
}
