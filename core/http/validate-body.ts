/**
 * Request bodies and queries are JSON-Schema-checked with the same schemas the OpenAPI document
 * publishes. A failure is a 422 with the JSON pointer of the offending field, in zh-CN or en.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Context } from 'hono';
import { localizeZh } from '../definition/ajv-problems.js';
import { ChanceryError } from '../errors.js';
import { withComponents, type JsonSchema } from './component.js';
import { checkJsonLimits, isStorableText, MAX_BODY_DEPTH } from './json-limits.js';

export type { JsonSchema } from './component.js';

const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false, useDefaults: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorOf(schema: JsonSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) compiled.set(schema, (v = ajv.compile(withComponents(schema))));
  return v;
}

function describe(e: ErrorObject): { pointer: string; reason: string } {
  const pointer = e.keyword === 'required' ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath;
  const reason = `${pointer || '/'} ${e.message ?? e.keyword}`;
  return {
    pointer: e.keyword === 'additionalProperties' ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}` : pointer,
    reason,
  };
}

export function check<T>(schema: JsonSchema, value: unknown): T {
  const v = validatorOf(schema);
  if (!v(value)) {
    const raw = v.errors ?? [];
    const errors = raw.map(describe);
    const zh = structuredClone(raw);
    localizeZh(zh);
    const reason = {
      'zh-CN': zh
        .map(describe)
        .map((e) => e.reason)
        .join('；'),
      en: errors.map((e) => e.reason).join('; '),
    };
    throw new ChanceryError('request.invalid', { reason, errors }, { pointer: errors[0]?.pointer ?? '' });
  }
  return value as T;
}

/** `application/json`, with parameters (`; charset=utf-8`) or as a `+json` type. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Parses and checks the JSON body: a body in another media type is refused (415), not guessed
 * at; then nesting depth and storable text (before any other work), then the route's schema.
 */
export async function jsonBody<T>(c: Context, schema: JsonSchema, maxDepth = MAX_BODY_DEPTH): Promise<T> {
  let body: unknown;
  const text = await c.req.text();
  if (text.trim() === '') body = {};
  else {
    const type = c.req.header('content-type') ?? '';
    if (!JSON_TYPE.test(type))
      throw new ChanceryError('request.unsupported_media_type', { contentType: type.slice(0, 100) || '—' }, { pointer: '/headers/content-type' });
    try {
      body = JSON.parse(text);
    } catch {
      throw new ChanceryError('request.invalid_json');
    }
  }
  checkJsonLimits(body, maxDepth);
  return check<T>(schema, body);
}

/**
 * Query string values as a typed object (numbers and booleans converted per the schema). An
 * integer is converted only when written as plain digits within the safe range, so `1e21`,
 * `1e308` or `1.5` stay text and the schema refuses them with the parameter's pointer.
 */
export function queryOf<T>(c: Context, schema: JsonSchema): T {
  const raw = c.req.query();
  const props = (schema.properties ?? {}) as Record<string, { type?: string }>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!isStorableText(k) || !isStorableText(v)) throw new ChanceryError('request.invalid_text', { pointer: `/${k}` }, { pointer: `/${k}` });
    const t = props[k]?.type;
    out[k] =
      t === 'integer'
        ? asInteger(v)
        : t === 'number'
          ? v.trim() !== '' && Number.isFinite(Number(v))
            ? Number(v)
            : v
          : t === 'boolean'
            ? v === 'true'
              ? true
              : v === 'false'
                ? false
                : v
            : v;
  }
  return check<T>(schema, out);
}

/** Path parameters, checked against the route's declared (or default) parameter schemas. */
export function paramsOf<T>(c: Context, schema: JsonSchema): T {
  return check<T>(schema, c.req.param());
}

/** Path parameters (`/api/definitions/:key`) with text PostgreSQL cannot store are refused with their pointer. */
export function checkPathParams(c: Context): void {
  for (const [name, value] of Object.entries(c.req.param() as Record<string, string>)) {
    if (!isStorableText(value)) throw new ChanceryError('request.invalid_text', { pointer: `/${name}` }, { pointer: `/${name}` });
  }
}

function asInteger(v: string): number | string {
  if (!/^[+-]?\d{1,16}$/.test(v)) return v;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}
