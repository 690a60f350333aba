/** A person from the directory, as the user picker stores it. */
export interface DirectoryUser {
  id: string;
  name: string;
  unit?: string;
}

/** An org unit (county → townships, offices, departments). */
export interface DirectoryUnit {
  id: string;
  name: string;
  /** The English name, shown in English forms. */
  nameEn?: string;
  /** The unit's short code (`xfj`), which the unit picker also searches. */
  code?: string;
  parentId?: string | null;
}

/** Directory lookups the pickers need; inject a fake in tests, the HTTP one in pages. */
export interface DirectoryClient {
  searchUsers(query: string, signal?: AbortSignal): Promise<DirectoryUser[]>;
  listUnits(signal?: AbortSignal): Promise<DirectoryUnit[]>;
}

/**
 * The directory client that talks to the Chancery API.
 *
 * @example createHttpDirectoryClient('https://oa.example.gov.cn', { token })
 */
export function createHttpDirectoryClient(api: string, options: { token?: string; fetch?: typeof fetch } = {}): DirectoryClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  async function getJson<T>(url: string, signal?: AbortSignal): Promise<T[]> {
    const res = await doFetch(url, { headers, ...(signal ? { signal } : {}) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as unknown;
    // The API may answer a bare list or `{ items: [...] }`.
    if (Array.isArray(body)) return body as T[];
    const items = (body as { items?: unknown }).items;
    return Array.isArray(items) ? (items as T[]) : [];
  }
  const base = api.replace(/\/$/, '');
  return {
    // Chancery's directory answers `displayName`/`unitName`; other directories may answer `name`/`unit`.
    searchUsers: async (q, signal) =>
      (await getJson<DirectoryUser & { displayName?: string; unitName?: string | null }>(`${base}/api/directory/users?q=${encodeURIComponent(q)}`, signal)).map(
        (u) => ({
          id: u.id,
          name: u.displayName ?? u.name,
          ...((u.unitName ?? u.unit) ? { unit: (u.unitName ?? u.unit)! } : {}),
        }),
      ),
    listUnits: (signal) => getJson<DirectoryUnit>(`${base}/api/directory/units`, signal),
  };
}
