/**
 * The one ajv configuration, shared by the server (in-process validation, standalone
 * precompilation) and every test. The browser never runs it: it loads the standalone module.
 * The server's validators run `pattern`s on RE2 (linear time); modules for browsers keep the
 * native RegExp (fast, and the server's verdict is the one that counts).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvErrorsModule from 'ajv-errors';
import ajvFormatsModule from 'ajv-formats';
import { linearRegExp } from './linear-regexp.js';

type Plugin = (ajv: Ajv2020, options?: unknown) => Ajv2020;
const addFormats = (ajvFormatsModule as unknown as { default?: Plugin }).default ?? (ajvFormatsModule as unknown as Plugin);
const addErrors = (ajvErrorsModule as unknown as { default?: Plugin }).default ?? (ajvErrorsModule as unknown as Plugin);

/** Annotation keywords forms may carry: `x-errorMessage` (messages in zh-CN and en), `x-widget`. */
export const FORM_KEYWORDS = ['x-errorMessage', 'x-widget'] as const;

export interface CreateAjvOptions {
  /**
   * `linear` (default): `pattern`/`patternProperties` on RE2 — for validating on the server.
   * `native`: the JavaScript RegExp — only for generating standalone modules for browsers.
   */
  regExp?: 'linear' | 'native';
}

/**
 * A fresh Ajv 2020-12 instance: all errors, formats (full mode), ajv-errors `errorMessage`,
 * and code generation set up for standalone ESM modules.
 *
 * @example
 * const validate = createAjv().compile(schema);
 */
export function createAjv(options: CreateAjvOptions = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    // Unknown keywords and formats are mistakes we want to hear about, but union types and
    // `required` of properties defined only in `then` branches are normal in forms.
    strict: true,
    strictTypes: false,
    strictRequired: false,
    strictTuples: false,
    allowUnionTypes: true,
    code: { source: true, esm: true, lines: false, ...(options.regExp === 'native' ? {} : { regExp: linearRegExp }) },
  });
  addFormats(ajv);
  addErrors(ajv, { singleError: false });
  ajv.addVocabulary([...FORM_KEYWORDS]);
  return ajv;
}
