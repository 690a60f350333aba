/**
 * The one ajv configuration, shared by the server (in-process validation, standalone
 * precompilation) and every test. The browser never runs it: it loads the standalone module.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvErrorsModule from 'ajv-errors';
import ajvFormatsModule from 'ajv-formats';

type Plugin = (ajv: Ajv2020, options?: unknown) => Ajv2020;
const addFormats = (ajvFormatsModule as unknown as { default?: Plugin }).default ?? (ajvFormatsModule as unknown as Plugin);
const addErrors = (ajvErrorsModule as unknown as { default?: Plugin }).default ?? (ajvErrorsModule as unknown as Plugin);

/** Annotation keywords forms may carry: `x-errorMessage` (messages in zh-CN and en), `x-widget`. */
export const FORM_KEYWORDS = ['x-errorMessage', 'x-widget'] as const;

/**
 * A fresh Ajv 2020-12 instance: all errors, formats (full mode), ajv-errors `errorMessage`,
 * and code generation set up for standalone ESM modules.
 *
 * @example
 * const validate = createAjv().compile(schema);
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    // Unknown keywords and formats are mistakes we want to hear about, but union types and
    // `required` of properties defined only in `then` branches are normal in forms.
    strict: true,
    strictTypes: false,
    strictRequired: false,
    strictTuples: false,
    allowUnionTypes: true,
    code: { source: true, esm: true, lines: false },
  });
  addFormats(ajv);
  addErrors(ajv, { singleError: false });
  ajv.addVocabulary([...FORM_KEYWORDS]);
  return ajv;
}
