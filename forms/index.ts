/**
 * Forms, headless: the model, the one validation setup and the server half. No DOM here;
 * the Lit components are exported from `forms/components.ts`.
 */
export { createFormState } from './model/create-form-state.js';
export { evaluateForm, pruneHidden } from './model/evaluate-form.js';
export type * from './model/types.js';
export { createAjv } from './validation/create-ajv.js';
export { compileStandalone, standaloneModule } from './validation/compile-standalone.js';
export { localizeErrors, localizeError, type FieldLookup } from './validation/localize.js';
export { createFormService } from './server/form-service.js';
export type { FormBundle, FormDefinition, FormService, SubmissionOptions, SubmissionResult } from './server/form-service.js';
export { restoreProtected } from './server/restore-protected.js';
export { createFileStore } from './server/file-store.js';
export type { FileRecord, FileStore, FileStoreOptions, StoredFile } from './server/file-store.js';
export { contentHash } from './server/content-hash.js';
