/**
 * The server half of forms: re-validates every submission with the same submission path the
 * browser uses (the server is the authority), and serves each form as a bundle with its
 * precompiled validator module, cached by content hash.
 */
import { ChanceryError } from '../../core/errors.js';
import { applyDefaults } from '../model/defaults.js';
import { evaluateForm } from '../model/evaluate-form.js';
import { normalizeUiSchema, UiSchemaError } from '../model/jsonforms-ui.js';
import type { Issue, JsonSchema, Lang, Permissions, UiSchema, ValidateFunction } from '../model/types.js';
import { compileFresh, standaloneModule } from '../validation/compile-standalone.js';
import { createAjv, FORM_DRAFTS, schemaDraft, type FormAjv, type FormDraft, type RegExpMode } from '../validation/create-ajv.js';
import { linearRegExp } from '../validation/linear-regexp.js';
import { unknownFormats } from '../validation/unknown-formats.js';
import { contentHash } from './content-hash.js';
import { restoreProtected } from './restore-protected.js';
import { cleanOwnValues } from './own-values.js';

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
  /** What the schema asks that is not checked (unknown formats, strictness notes), in plain text. */
  warnings: string[];
}

export interface FormService {
  validateSubmission(form: FormDefinition, data: unknown, options?: SubmissionOptions): SubmissionResult;
  formBundle(key: string, form: FormDefinition): FormBundle;
  /** The in-process validator of a schema (compiled once per content hash). */
  validator(schema: JsonSchema): ValidateFunction;
  /**
   * Compiles the schema (refusing one no draft can compile) and reads the UI schema (refusing a
   * JSON Forms part it cannot honour, with its pointer); returns what it warns about.
   */
  check(schema: JsonSchema, uiSchema?: UiSchema): { warnings: string[] };
}

interface Compiled {
  validate: ValidateFunction;
  draft: FormDraft;
  warnings: string[];
  module?: string;
}

/**
 * @example
 * const forms = createFormService();
 * const { valid, data, issues } = forms.validateSubmission(form, body, { lang: 'zh-CN', permissions, previousData });
 */
export function createFormService(): FormService {
  // One ajv per draft; warnings go to whichever compile is running (compiles are synchronous).
  // Submissions are judged with RE2 patterns (linear time); the browsers' modules use RegExp.
  let warnings: string[] = [];
  const ajvs = new Map<string, FormAjv>();
  const ajvFor = (draft: FormDraft, regExp: RegExpMode = 'linear'): FormAjv => {
    let ajv = ajvs.get(`${draft}/${regExp}`);
    if (!ajv) {
      ajv = createAjv(draft, (message) => warnings.push(message), regExp);
      ajvs.set(`${draft}/${regExp}`, ajv);
    }
    return ajv;
  };
  /** Compiles in `ajv`, taking formats nobody registered as annotations (and saying so). */
  const compileIn = (ajv: FormAjv, schema: JsonSchema) => {
    for (const format of unknownFormats(schema, ajv)) {
      ajv.addFormat(format, true);
      warnings.push(`unknown format "${format}" is not checked`);
    }
    return compileFresh(ajv, schema);
  };
  const compiled = new Map<string, Compiled>();
  const bundles = new Map<string, FormBundle>();

  function compile(schema: JsonSchema): Compiled {
    const hash = contentHash(schema);
    let entry = compiled.get(hash);
    if (!entry) {
      const draft = schemaDraft(schema);
      if (!draft) {
        throw new ChanceryError('form.bundle_invalid', {
          key: schema['$id'] ?? hash,
          reason: `unsupported $schema ${JSON.stringify(schema['$schema'])}; accepted drafts: ${FORM_DRAFTS.join(', ')}`,
        });
      }
      const ajv = ajvFor(draft);
      warnings = [];
      try {
        entry = { validate: compileIn(ajv, schema) as ValidateFunction, draft, warnings };
      } catch (error) {
        throw new ChanceryError('form.bundle_invalid', { key: schema['$id'] ?? hash, reason: (error as Error).message }, { cause: error });
      } finally {
        warnings = [];
      }
      compiled.set(hash, entry);
    }
    return entry;
  }

  return {
    validator: (schema) => compile(schema).validate,
    check(schema, uiSchema) {
      const warnings = [...compile(schema).warnings];
      try {
        normalizeUiSchema(uiSchema);
      } catch (error) {
        if (!(error instanceof UiSchemaError)) throw error;
        const first = error.problems[0];
        throw new ChanceryError(
          'form.bundle_invalid',
          { key: schema['$id'] ?? contentHash(schema), reason: error.message, problems: error.problems },
          { cause: error, ...(first ? { pointer: `/uiSchema${first.pointer}` } : {}) },
        );
      }
      return { warnings };
    },

    validateSubmission(form, data, opts = {}) {
      // A form filled for the first time gets the schema's defaults for what it leaves out, as the
      // browser prefills them.
      const given = opts.previousData === undefined ? applyDefaults(form.schema, data) : data;
      const restored = restoreProtected(form.schema, form.uiSchema, given, opts.previousData, opts.permissions);
      // Rich text is cleaned here, on every start and completion, whatever the browser sent.
      const rich = cleanOwnValues(form.schema, form.uiSchema, restored, opts.lang ?? 'zh-CN');
      if (rich.issues.length > 0) return { valid: false, data: restored, issues: rich.issues };
      const result = evaluateForm(form.schema, form.uiSchema, rich.data, {
        lang: opts.lang ?? 'zh-CN',
        validator: compile(form.schema).validate,
        // Entry keys of open objects are matched against `patternProperties` in linear time too.
        regExp: linearRegExp,
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
      if (entry.module === undefined) {
        const native = ajvFor(entry.draft, 'native');
        try {
          entry.module = standaloneModule(native, compileIn(native, form.schema));
        } finally {
          warnings = [];
        }
      }
      const bundle: FormBundle = { key, schema: form.schema, uiSchema: form.uiSchema, validatorModule: entry.module, hash, warnings: entry.warnings };
      bundles.set(cacheKey, bundle);
      return bundle;
    },
  };
}
