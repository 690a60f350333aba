/**
 * Turns ajv errors into `Issue`s that name the field by its label, in zh-CN or en.
 *
 * Message precedence, per error:
 * 1. `x-errorMessage` on the field's schema: either one text for every keyword
 *    (`{ "zh-CN": "请填写11位手机号", "en": "Enter an 11-digit mobile number" }`) or one per keyword
 *    (`{ "pattern": { "zh-CN": ..., "en": ... }, "required": ... }`). `{label}` and params may be used.
 * 2. An ajv-errors `errorMessage` (one language: it is taken as written).
 * 3. Our wording for common keywords (`messages.ts`).
 * 4. ajv-i18n's text for the keyword, after the label.
 *
 * Runs in the browser too: it imports ajv-i18n's plain message tables, never ajv itself.
 */
import localizeEnModule from 'ajv-i18n/localize/en/index.js';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { format } from '../../core/errors.js';
import type { AjvError, I18nText, Issue, JsonSchema, Lang, Pointer } from '../model/types.js';
import { text } from '../model/ui.js';
import { fallbackMessage, formatNames, keywordMessages } from './messages.js';
import { escapeToken } from '../../core/json-pointer.js';

type Localize = (errors: AjvError[]) => void;
const unwrap = (m: unknown): Localize => ((m as { default?: Localize }).default ?? m) as Localize;
const i18n: Record<Lang, Localize> = { 'zh-CN': unwrap(localizeZhModule), en: unwrap(localizeEnModule) };

/** What the localizer needs to know about the form's fields. */
export interface FieldLookup {
  /** The label of the field at a data pointer (nearest known field for unknown pointers). */
  label(pointer: Pointer): string;
  /** The field's resolved schema, for `x-errorMessage`. */
  schema(pointer: Pointer): JsonSchema | undefined;
}

const escapePointerSegment = escapeToken;

/** The field an error is about: for `required`, the missing property itself. */
export function errorPointer(error: AjvError): Pointer {
  const missing = error.params['missingProperty'];
  if ((error.keyword === 'required' || error.keyword === 'dependentRequired') && typeof missing === 'string') {
    return `${error.instancePath}/${escapePointerSegment(missing)}`;
  }
  if (error.keyword === 'errorMessage') {
    const inner = error.params['errors'];
    if (Array.isArray(inner) && inner.length > 0) {
      const pointers = new Set(inner.map((e) => errorPointer(e as AjvError)));
      if (pointers.size === 1) return [...pointers][0] ?? error.instancePath;
    }
  }
  return error.instancePath;
}

function isI18n(value: unknown): value is I18nText {
  return typeof value === 'string' || (value !== null && typeof value === 'object' && ('zh-CN' in value || 'en' in value));
}

// The text in the caller's language: the form model's one pick (zh-CN when there is no English).
const pick = (value: I18nText, lang: Lang): string => text(value, lang) as string;

function custom(schema: JsonSchema | undefined, keyword: string, lang: Lang): string | undefined {
  const spec = schema?.['x-errorMessage'];
  if (spec === undefined) return undefined;
  if (isI18n(spec)) return pick(spec, lang);
  if (spec !== null && typeof spec === 'object') {
    const own = (spec as Record<string, unknown>)[keyword];
    if (isI18n(own)) return pick(own, lang);
  }
  return undefined;
}

function genericText(error: AjvError, lang: Lang): string {
  const copy = { ...error, params: { ...error.params } };
  i18n[lang]([copy]);
  return copy.message ?? error.message ?? error.keyword;
}

/** Localizes one ajv error. */
export function localizeError(error: AjvError, lang: Lang, fields: FieldLookup): Issue {
  const pointer = errorPointer(error);
  const label = fields.label(pointer);
  const keyword = error.keyword === 'errorMessage' ? originalKeyword(error) : error.keyword;
  const formatName = typeof error.params['format'] === 'string' ? error.params['format'] : '';
  const details: Record<string, unknown> = {
    ...error.params,
    label,
    formatName: formatNames[formatName]?.[lang] ?? formatName,
  };
  const own = custom(fields.schema(pointer), keyword, lang);
  let message: string;
  if (own !== undefined) message = format(own, details);
  else if (error.keyword === 'errorMessage') message = error.message ?? '';
  else {
    const template = keywordMessages[error.keyword];
    message = template ? format(template[lang], details) : format(fallbackMessage[lang], { label, message: genericText(error, lang) });
  }
  return { pointer, keyword: error.keyword, message, params: { ...error.params } };
}

function originalKeyword(error: AjvError): string {
  const inner = error.params['errors'];
  const first = Array.isArray(inner) ? (inner[0] as AjvError | undefined) : undefined;
  return first?.keyword ?? 'errorMessage';
}

/**
 * Localizes ajv errors, dropping the summary errors of combinators (`if`, `anyOf`, `oneOf`)
 * when a more specific error names the same field.
 *
 * @example
 * localizeErrors(validate.errors ?? [], 'zh-CN', lookup); // [{ pointer: '/name', message: '「信访人姓名」为必填项', ... }]
 */
export function localizeErrors(errors: readonly AjvError[], lang: Lang, fields: FieldLookup): Issue[] {
  const issues = errors.map((e) => localizeError(e, lang, fields));
  const specific = issues.filter((i) => !SUMMARY.has(i.keyword)).map((i) => i.pointer);
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const p = issue.pointer;
    if (SUMMARY.has(issue.keyword) && specific.some((s) => s === p || s.startsWith(p + '/'))) return false;
    const key = `${issue.pointer}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SUMMARY = new Set(['if', 'anyOf', 'oneOf', 'not', 'allOf']);
