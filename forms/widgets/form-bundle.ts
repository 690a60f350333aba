import type { JsonSchema, UiSchema, ValidateFunction } from '../model/types.js';

/** What `GET /api/forms/{key}` answers: the schemas and where the precompiled validator lives. */
export interface FormBundle {
  schema: JsonSchema;
  uiSchema?: UiSchema;
  /** URL of an ES module whose default export (or `validate` export) is an ajv standalone validator. */
  validatorModule?: string;
}

/**
 * Fetch a form bundle and `import()` its validator module. Loading code by URL (rather than
 * compiling the schema in the page) is what keeps the form working under `script-src 'self'`.
 */
export async function loadFormBundle(
  src: string,
  doFetch: typeof fetch,
  token?: string,
): Promise<{ bundle: FormBundle; validator: ValidateFunction | undefined }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await doFetch(src, { headers });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const bundle = (await res.json()) as FormBundle;
  if (!bundle.validatorModule) return { bundle, validator: undefined };
  const url = new URL(bundle.validatorModule, new URL(src, document.baseURI)).href;
  const mod = (await import(/* @vite-ignore */ url)) as { default?: ValidateFunction; validate?: ValidateFunction };
  const validator = mod.default ?? mod.validate;
  if (typeof validator !== 'function') throw new Error(`no validator exported by ${url}`);
  return { bundle, validator };
}
