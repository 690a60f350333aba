/**
 * The publish-time form check: compiles each form exactly as a start or a task would load it
 * (validator and browser bundle), so a form that cannot load is a publish error with its pointer
 * rather than a `form.bundle_invalid` at the first start.
 */
import { ChanceryError } from '../errors.js';
import type { ValidationContext } from '../definition/types.js';

/** The part of the forms engine's server half the check needs (a port: core does not import forms). */
export interface FormBundler {
  formBundle(key: string, form: { schema: never; uiSchema?: never }): unknown;
}

/**
 * @example
 * const ctx = { compileForm: formCompiler(formService) }; // validateDefinition(def, ctx)
 */
export function formCompiler(forms: FormBundler): NonNullable<ValidationContext['compileForm']> {
  return (schema, uiSchema) => {
    try {
      forms.formBundle('publish-check', { schema: schema as never, ...(uiSchema ? { uiSchema: uiSchema as never } : {}) });
      return null;
    } catch (e) {
      const reason = e instanceof ChanceryError ? String((e.details as { reason?: unknown } | undefined)?.reason ?? e.message) : e instanceof Error ? e.message : String(e);
      return { 'zh-CN': reason, en: reason };
    }
  };
}
