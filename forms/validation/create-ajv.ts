/**
 * The one ajv configuration, shared by the server (in-process validation, standalone
 * precompilation) and every test. The browser never runs it: it loads the standalone module.
 * The server's validators run `pattern`s on RE2 (linear time); modules for browsers keep the
 * native RegExp (fast, and the server's verdict is the one that counts).
 */
import { Ajv as AjvDraft7 } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options } from 'ajv/dist/core.js';

type AjvCore = AjvDraft7 | Ajv2019 | Ajv2020;
import ajvErrorsModule from 'ajv-errors';
import ajvFormatsModule from 'ajv-formats';
import { linearRegExp } from './linear-regexp.js';

type Plugin = (ajv: AjvCore, options?: unknown) => AjvCore;
const addFormats = (ajvFormatsModule as unknown as { default?: Plugin }).default ?? (ajvFormatsModule as unknown as Plugin);
const addErrors = (ajvErrorsModule as unknown as { default?: Plugin }).default ?? (ajvErrorsModule as unknown as Plugin);

/** Annotation keywords forms may carry: `x-errorMessage` (messages in zh-CN and en), `x-widget`. */
export const FORM_KEYWORDS = ['x-errorMessage', 'x-widget'] as const;

/** The JSON Schema drafts forms may be written in (by `$schema`; 2020-12 when none is named). */
export const FORM_DRAFTS = ['2020-12', '2019-09', 'draft-07'] as const;
export type FormDraft = (typeof FORM_DRAFTS)[number];

/** The ajv of any draft (they share the core API). */
export type FormAjv = AjvCore;

/**
 * `linear` (default): `pattern`/`patternProperties` on RE2 — for validating on the server.
 * `native`: the JavaScript RegExp — only for generating standalone modules for browsers.
 */
export type RegExpMode = 'linear' | 'native';

/**
 * The draft a schema is written in, from `$schema`; undefined for a draft forms do not take.
 *
 * @example
 * schemaDraft({ $schema: 'http://json-schema.org/draft-07/schema#' }); // 'draft-07'
 */
export function schemaDraft(schema: unknown): FormDraft | undefined {
  const id = schema !== null && typeof schema === 'object' ? (schema as Record<string, unknown>)['$schema'] : undefined;
  if (id === undefined) return '2020-12';
  if (typeof id !== 'string') return undefined;
  const uri = id.replace(/^https?:\/\//, '').replace(/#$/, '');
  if (uri === 'json-schema.org/draft/2020-12/schema') return '2020-12';
  if (uri === 'json-schema.org/draft/2019-09/schema') return '2019-09';
  // `…/schema` without a draft is what older tools wrote for "the current draft" of their day.
  if (uri === 'json-schema.org/draft-07/schema' || uri === 'json-schema.org/draft-06/schema' || uri === 'json-schema.org/schema') return 'draft-07';
  return undefined;
}

/**
 * A fresh ajv for `draft`: all errors, formats (full mode), ajv-errors `errorMessage`, and code
 * generation set up for standalone ESM modules. Strictness problems in schemas people bring
 * (unknown `x-` annotations, a property name that a `patternProperties` pattern also matches)
 * are reported through `onWarning` instead of refusing a valid schema.
 *
 * @example
 * const validate = createAjv().compile(schema);
 */
export function createAjv(draft: FormDraft = '2020-12', onWarning?: (message: string) => void, regExp: RegExpMode = 'linear'): FormAjv {
  const options: Options = {
    allErrors: true,
    strict: 'log',
    strictTypes: false,
    strictRequired: false,
    strictTuples: false,
    allowUnionTypes: true,
    code: { source: true, esm: true, lines: false, ...(regExp === 'native' ? {} : { regExp: linearRegExp }) },
    logger: {
      log: () => {},
      warn: (...args: unknown[]) => onWarning?.(args.map(String).join(' ')),
      error: (...args: unknown[]) => onWarning?.(args.map(String).join(' ')),
    },
  };
  const ajv: FormAjv = draft === 'draft-07' ? new AjvDraft7(options) : draft === '2019-09' ? new Ajv2019(options) : new Ajv2020(options);
  addFormats(ajv);
  addErrors(ajv, { singleError: false });
  ajv.addVocabulary([...FORM_KEYWORDS]);
  return ajv;
}
