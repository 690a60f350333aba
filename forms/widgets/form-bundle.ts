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
export async function loadFormBundle(src: string, doFetch: typeof fetch): Promise<{ bundle: FormBundle; validator: ValidateFunction | undefined }> {
  const res = await doFetch(src, { headers: { accept: 'application/json' } });
  if (!res.ok) throw await httpError(res);
  const bundle = (await res.json()) as FormBundle;
  if (!bundle.validatorModule) return { bundle, validator: undefined };
  const url = new URL(bundle.validatorModule, new URL(src, document.baseURI)).href;
  const mod = (await import(/* @vite-ignore */ url)) as { default?: ValidateFunction; validate?: ValidateFunction };
  const validator = mod.default ?? mod.validate;
  if (typeof validator !== 'function') throw new Error(`no validator exported by ${url}`);
  return { bundle, validator };
}

/** The server's own error (code, message in the caller's language) when it sent one. */
async function httpError(res: Response): Promise<Error & { status: number; code?: string }> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
  const message = typeof body?.error?.message === 'string' ? body.error.message : `HTTP ${res.status}`;
  return Object.assign(new Error(message), { status: res.status, ...(typeof body?.error?.code === 'string' ? { code: body.error.code } : {}) });
}
