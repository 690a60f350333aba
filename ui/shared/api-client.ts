/**
 * A small typed client for the Chancery API, shared by the app and the embedded elements. It
 * carries the credentials (a bearer token or an API key), `Accept-Language`, and an
 * `Idempotency-Key` on every command, so a command retried after a dropped connection is applied
 * once. Errors come back as `ApiError` with the server's code, message and JSON pointer.
 */
import { diagnoseNetworkFailure } from '../../forms/widgets/network-problem.js';
import type { Lang } from './i18n.js';

/** What the server answers on failure. */
export interface ApiErrorBody {
  error: { code: string; kind?: string; message: string; details?: Record<string, unknown>; pointer?: string };
}

/** One problem tied to a field, by JSON pointer into the request body. */
export interface FieldIssue {
  pointer: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly pointer?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * The problems to show next to fields: a `form.invalid` answer lists every issue (pointers into
   * the form data, so under `/data`); any other error with a pointer is one issue.
   */
  get issues(): FieldIssue[] {
    const listed = this.details?.issues;
    if (Array.isArray(listed)) {
      return listed
        .filter((i): i is { pointer: string; message: string } => typeof i === 'object' && i !== null && typeof (i as FieldIssue).message === 'string')
        .map((i) => ({ pointer: `/data${i.pointer ?? ''}`, message: i.message }));
    }
    return this.pointer === undefined ? [] : [{ pointer: this.pointer, message: this.message }];
  }
}

export interface Credentials {
  token?: string | null;
  apiKey?: string | null;
}

export interface ApiClientOptions {
  /** The server's origin (`https://oa.example.gov.cn`), or `''` for the page's own (a function: read on every request). */
  base: string | (() => string);
  lang(): Lang;
  credentials(): Credentials | Promise<Credentials>;
  /** Asked once when the server answers 401; new credentials retry the request. */
  refresh?(): Promise<Credentials | null>;
  fetch?: typeof fetch;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface ApiClient {
  readonly base: string;
  url(path: string, query?: Query): string;
  get<T>(path: string, query?: Query): Promise<T>;
  /** A state-changing request; it carries a fresh `Idempotency-Key`, reused on retries. */
  command<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** `fetch` with the credentials and language added (for `<chancery-form>` and streams). */
  authedFetch: typeof fetch;
}

/**
 * @example
 * const api = createApiClient({ base: '', lang: () => 'zh-CN', credentials: () => ({ token }) });
 * const inbox = await api.get<InboxPage>('/api/tasks', { scope: 'mine' });
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseOf = () => (typeof options.base === 'function' ? options.base() : options.base).replace(/\/$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  const url = (path: string, query?: Query) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    return `${/^https?:/.test(path) ? path : baseOf() + path}${s ? (path.includes('?') ? '&' : '?') + s : ''}`;
  };

  async function headersFor(extra: HeadersInit | undefined, creds?: Credentials): Promise<Headers> {
    const h = new Headers(extra);
    const c = creds ?? (await options.credentials());
    if (c.apiKey) h.set('X-API-Key', c.apiKey);
    else if (c.token) h.set('Authorization', `Bearer ${c.token}`);
    if (!h.has('Accept-Language')) h.set('Accept-Language', options.lang());
    return h;
  }

  const authedFetch: typeof fetch = async (input, init = {}) => {
    const first = await doFetch(input, { ...init, headers: await headersFor(init.headers) });
    if (first.status !== 401 || !options.refresh) return first;
    const fresh = await options.refresh();
    return fresh ? doFetch(input, { ...init, headers: await headersFor(init.headers, fresh) }) : first;
  };

  async function request<T>(method: string, target: string, body: unknown, idempotencyKey?: string): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    const init: RequestInit = { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
    let res: Response | undefined;
    // A command may be retried after a dropped connection: the key makes the server apply it once.
    for (let attempt = 0; ; attempt++) {
      try {
        res = await authedFetch(target, init);
        break;
      } catch (e) {
        if (!idempotencyKey || attempt >= 2) {
          // A CORS refusal looks like a dropped connection to the page: tell the two apart.
          const problem = await diagnoseNetworkFailure(target, options.lang(), doFetch);
          throw new ApiError(0, problem.code, problem.message, undefined, { cause: String(e) });
        }
        await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
      }
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const err = (json as ApiErrorBody | null)?.error;
      if (err && typeof err.code === 'string') throw new ApiError(res.status, err.code, err.message, err.pointer, err.details);
      throw new ApiError(res.status, 'http.error', `HTTP ${res.status}`);
    }
    return json as T;
  }

  return {
    get base() {
      return baseOf();
    },
    url,
    authedFetch,
    get: (path, query) => request('GET', url(path, query), undefined),
    command: (method, path, body) => request(method, url(path), body, crypto.randomUUID()),
  };
}
