/** A saved draft: the form data and when it was saved (ISO time). */
export interface Draft {
  data: unknown;
  savedAt: string;
  /** Local copies only: whether the server has it too. */
  synced?: boolean;
}

const DB = 'chancery-drafts';
const STORE = 'drafts';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = op(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result as T);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** Drafts kept in this browser's IndexedDB, for offline work and restore on return. */
export const localDrafts = {
  get: (key: string) => run<Draft | undefined>('readonly', (s) => s.get(key)),
  put: (key: string, draft: Draft) => run<unknown>('readwrite', (s) => s.put(draft, key)),
  delete: (key: string) => run<unknown>('readwrite', (s) => s.delete(key)),
};

/** The server answered, but did not keep the draft (its message, or `HTTP <status>`). */
export class DraftRefused extends Error {}

/** Drafts on the server: `GET`/`PUT ${api}/api/drafts/:key`; `doFetch` carries the credentials. */
export function createServerDrafts(api: string, doFetch: typeof fetch) {
  const url = (key: string) => `${api.replace(/\/$/, '')}/api/drafts/${encodeURIComponent(key)}`;
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
  return {
    async get(key: string): Promise<Draft | undefined> {
      const res = await doFetch(url(key), { headers });
      // 204: no draft saved under this key (older servers said 404).
      if (res.status === 204 || res.status === 404) return undefined;
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as Partial<Draft>;
      return typeof body.savedAt === 'string' ? { data: body.data, savedAt: body.savedAt } : undefined;
    },
    async put(key: string, draft: Draft): Promise<void> {
      // The server stamps the time itself; it refuses fields it does not know.
      const res = await doFetch(url(key), { method: 'PUT', headers, body: JSON.stringify({ data: draft.data }) });
      if (!res.ok) {
        const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
        throw new DraftRefused(body?.error?.message ?? `HTTP ${res.status}`);
      }
    },
    async delete(key: string): Promise<void> {
      await doFetch(url(key), { method: 'DELETE', headers });
    },
  };
}
