/**
 * The publish-time form check: compiles each form's validator exactly as a start or a task would
 * load it (compiled once per content hash, so the later loads reuse it), so a form that cannot load is a publish error with its pointer
 * rather than a `form.bundle_invalid` at the first start.
 */
import { ChanceryError } from '../errors.js';
import type { ValidationContext } from '../definition/types.js';

/** The part of the forms engine's server half the check needs (a port: core does not import forms). */
export interface FormBundler {
  /** Compiles (and caches by content) the schema's validator; throws `form.bundle_invalid` when it cannot. */
  validator(schema: never): unknown;
}

/**
 * @example
 * const ctx = { compileForm: formCompiler(formService) }; // validateDefinition(def, ctx)
 */
export function formCompiler(forms: FormBundler): NonNullable<ValidationContext['compileForm']> {
  return (schema, uiSchema) => {
    try {
      // The validator is what a start and every task load (the browser bundle is generated from it).
      void uiSchema;
      forms.validator(schema as never);
      return null;
    } catch (e) {
      const reason =
        e instanceof ChanceryError ? String((e.details as { reason?: unknown } | undefined)?.reason ?? e.message) : e instanceof Error ? e.message : String(e);
      return { 'zh-CN': reason, en: reason };
    }
  };
}
