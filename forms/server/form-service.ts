/**
 * The server half of forms: re-validates every submission with the same submission path the
 * browser uses (the server is the authority), and serves each form as a bundle with its
 * precompiled validator module, cached by content hash.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnyValidateFunction } from 'ajv/dist/core.js';
import { ChanceryError } from '../../core/errors.js';
import { evaluateForm } from '../model/evaluate-form.js';
import type { Issue, JsonSchema, Lang, Permissions, UiSchema, ValidateFunction } from '../model/types.js';
import { compileFresh, standaloneModule } from '../validation/compile-standalone.js';
import { createAjv } from '../validation/create-ajv.js';
import { contentHash } from './content-hash.js';
import { restoreProtected } from './restore-protected.js';

export interface FormDefinition {
  schema: JsonSchema;
  uiSchema?: UiSchema;
}

export interface SubmissionOptions {
  lang?: Lang;
  permissions?: Permissions;
  /** The stored data before this submission: read-only and hidden fields are taken from it. */
  previousData?: unknown;
  /** Variables for rules and computed values (`actor`, `initiator`, `state`, `now`, ...). */
  context?: Record<string, unknown>;
}

export interface SubmissionResult {
  valid: boolean;
  /** Protected fields restored, computed values recomputed, fields hidden by rules pruned. */
  data: unknown;
  issues: Issue[];
}

export interface FormBundle {
  key: string;
  schema: JsonSchema;
  uiSchema: UiSchema | undefined;
  /** An ES module (no imports, no `eval`) whose default export validates the data. */
  validatorModule: string;
  /** sha256 of schema + UI schema: use it in the validator's URL and as the ETag. */
  hash: string;
}

export interface FormService {
  validateSubmission(form: FormDefinition, data: unknown, options?: SubmissionOptions): SubmissionResult;
  formBundle(key: string, form: FormDefinition): FormBundle;
  /** The in-process validator of a schema (compiled once per content hash). */
  validator(schema: JsonSchema): ValidateFunction;
}

interface Compiled {
  validate: ValidateFunction;
  module?: string;
}

/**
 * @example
 * const forms = createFormService();
 * const { valid, data, issues } = forms.validateSubmission(form, body, { lang: 'zh-CN', permissions, previousData });
 */
export function createFormService(options: { ajv?: Ajv2020; moduleAjv?: Ajv2020 } = {}): FormService {
  // Submissions are judged with RE2 patterns (linear time); the browsers' modules use RegExp.
  const ajv = options.ajv ?? createAjv();
  const moduleAjv = options.moduleAjv ?? createAjv({ regExp: 'native' });
  const compiled = new Map<string, Compiled>();
  const bundles = new Map<string, FormBundle>();

  function compileWith(engine: Ajv2020, schema: JsonSchema): AnyValidateFunction {
    try {
      return compileFresh(engine, schema);
    } catch (error) {
      throw new ChanceryError('form.bundle_invalid', { key: schema['$id'] ?? contentHash(schema), reason: (error as Error).message }, { cause: error });
    }
  }

  function compile(schema: JsonSchema): Compiled {
    const hash = contentHash(schema);
    let entry = compiled.get(hash);
    if (!entry) {
      entry = { validate: compileWith(ajv, schema) as ValidateFunction };
      compiled.set(hash, entry);
    }
    return entry;
  }

  return {
    validator: (schema) => compile(schema).validate,

    validateSubmission(form, data, opts = {}) {
      const restored = restoreProtected(form.schema, form.uiSchema, data, opts.previousData, opts.permissions);
      const result = evaluateForm(form.schema, form.uiSchema, restored, {
        lang: opts.lang ?? 'zh-CN',
        validator: compile(form.schema).validate,
        ...(opts.permissions ? { permissions: opts.permissions } : {}),
        ...(opts.context ? { context: opts.context } : {}),
      });
      return { valid: result.valid, data: result.data, issues: result.errors };
    },

    formBundle(key, form) {
      const hash = contentHash({ schema: form.schema, uiSchema: form.uiSchema ?? null });
      const cacheKey = `${key}\u0000${hash}`;
      const cached = bundles.get(cacheKey);
      if (cached) return cached;
      const entry = compile(form.schema);
      entry.module ??= standaloneModule(moduleAjv, compileWith(moduleAjv, form.schema));
      const bundle: FormBundle = { key, schema: form.schema, uiSchema: form.uiSchema, validatorModule: entry.module, hash };
      bundles.set(cacheKey, bundle);
      return bundle;
    },
  };
}
