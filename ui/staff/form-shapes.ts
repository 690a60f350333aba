/**
 * The forms of a case as the staff pages read them: each form's schema and UI schema (to name
 * the fields the history says changed, and to know which are signatures), and a loader for the
 * stored files those fields hold (signature images), with the page's credentials.
 */
import type { FileLoader } from '../../forms/widgets/file-image.js';
import type { ApiClient } from '../shared/api-client.js';

/** A form's schema and UI schema (from `GET /api/forms/:definition/:form`). */
export interface FormShape {
  schema: Record<string, unknown> & { title?: unknown };
  uiSchema: Record<string, unknown> | null;
}

/** The shapes of `keys` at the case's definition version; a form that cannot be read is left out. */
export async function loadFormShapes(api: ApiClient, definition: { key: string; version: number }, keys: readonly string[]): Promise<Map<string, FormShape>> {
  const got = await Promise.all(
    [...new Set(keys)].map((f) =>
      api
        .get<FormShape>(`/api/forms/${encodeURIComponent(definition.key)}/${encodeURIComponent(f)}`, { version: definition.version })
        .then((b) => [f, { schema: b.schema, uiSchema: b.uiSchema }] as const)
        .catch(() => undefined),
    ),
  );
  return new Map(got.filter((x): x is readonly [string, FormShape] => !!x));
}

/** Reads a stored file with the client's credentials (an `<img src>` could not send them). */
export function fileLoader(api: ApiClient): FileLoader {
  return async (ref) => {
    const res = await api.authedFetch(api.url(`/api/files/${encodeURIComponent(ref.id)}`));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.blob();
  };
}
