/**
 * The ajv instance for definitions and plugin parameter schemas, created once, on first use.
 * Definitions are checked on the server (publish, import); the browser designer asks the server.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';

type Plugin = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((ajvFormatsModule as unknown as { default?: Plugin }).default ?? (ajvFormatsModule as unknown as Plugin)) as Plugin;

/**
 * Annotation keywords of `definition.schema.json`: `x-zh-CN` (Chinese title and description) and
 * `x-error` (the message, in both languages, when an alternative — oneOf, anyOf, not — fails).
 */
export const DEFINITION_KEYWORDS = ['x-zh-CN', 'x-error'] as const;

let shared: Ajv2020 | undefined;

/** The shared ajv instance (all errors, verbose for `x-error`, formats, 2020-12). */
export function definitionAjv(): Ajv2020 {
  if (!shared) {
    shared = new Ajv2020({
      allErrors: true,
      verbose: true,
      strict: true,
      strictTypes: false,
      strictRequired: false,
      allowUnionTypes: true,
    });
    addFormats(shared);
    shared.addVocabulary([...DEFINITION_KEYWORDS]);
  }
  return shared;
}
