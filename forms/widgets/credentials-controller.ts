/**
 * The credentials every Chancery element takes the same way, as a Lit `ReactiveController`:
 * `api-key` (a portal's origin-bound key), `token` (a person's bearer token), or neither — then
 * the element fires `chancery-token-request` and the page answers with
 * `event.detail.respond(tokenOrPromise)`, asked again once when the server says 401. Its `fetch`
 * adds the credentials and `Accept-Language`, and turns a request that never got an answer into
 * a diagnosis (CORS or the network). `report()` fires `chancery-error`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { diagnoseNetworkFailure, type Lang } from './network-problem.js';

export interface CredentialsHost extends ReactiveControllerHost, HTMLElement {
  token: string | null;
  apiKey: string | null;
  lang: Lang;
}

export interface Credentials {
  token?: string | null;
  apiKey?: string | null;
}

/** Detail of `chancery-token-request`: the page answers by calling `respond` (with a token or a promise of one). */
export interface TokenRequestDetail {
  respond(token: string | Promise<string>): void;
}

/** Detail of `chancery-error`. */
export interface ChanceryErrorDetail {
  code: string;
  message: string;
  pointer?: string | undefined;
  status: number;
}

/** A request that got no answer, with the diagnosis (`network.cors` or `network.failed`). */
export class NetworkError extends Error {
  constructor(
    readonly code: 'network.cors' | 'network.failed',
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

const TOKEN_WAIT_MS = 10_000;

export class CredentialsController implements ReactiveController {
  private requested: Promise<string | null> | undefined;

  /** `base`: the fetch to wrap (a test's fake, or the page's). */
  constructor(
    private readonly host: CredentialsHost,
    private readonly base: () => typeof fetch = () => globalThis.fetch.bind(globalThis),
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The element's credentials: its `api-key`, its `token`, or the page's answer to a token request. */
  async credentials(): Promise<Credentials> {
    if (this.host.apiKey) return { apiKey: this.host.apiKey };
    if (this.host.token) return { token: this.host.token };
    const token = await this.askPage();
    return token ? { token } : {};
  }

  /** After a 401: a fresh token from the page (never when the credentials are the element's own attributes). */
  async refresh(): Promise<Credentials | null> {
    if (this.host.token || this.host.apiKey) return null;
    this.requested = undefined;
    const token = await this.askPage();
    return token ? { token } : null;
  }

  /** Adds the credentials and the language to a request's headers. */
  async headers(extra?: HeadersInit, creds?: Credentials): Promise<Headers> {
    const h = new Headers(extra);
    const c = creds ?? (await this.credentials());
    if (c.apiKey) h.set('X-API-Key', c.apiKey);
    else if (c.token) h.set('Authorization', `Bearer ${c.token}`);
    if (!h.has('Accept-Language')) h.set('Accept-Language', this.host.lang);
    return h;
  }

  /** `fetch` with the credentials; on 401 asks the page once more; no answer at all → `NetworkError`. */
  readonly fetch: typeof fetch = async (input, init = {}) => {
    const f = this.base();
    const send = async (creds?: Credentials) => {
      try {
        return await f(input, { ...init, headers: await this.headers(init.headers, creds) });
      } catch (e) {
        if ((e as Error)?.name === 'AbortError') throw e;
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const p = await diagnoseNetworkFailure(url, this.host.lang, f);
        throw new NetworkError(p.code, p.message, e);
      }
    };
    const first = await send();
    if (first.status !== 401) return first;
    const fresh = await this.refresh();
    return fresh ? send(fresh) : first;
  };

  /** Fires `chancery-error` on the element (bubbling out of shadow roots). */
  report(detail: ChanceryErrorDetail): void {
    this.host.dispatchEvent(new CustomEvent<ChanceryErrorDetail>('chancery-error', { detail, bubbles: true, composed: true }));
  }

  /**
   * Fires `chancery-token-request` once and waits for the page's answer. A page that answers calls
   * `respond` while handling the event (with a token, or a promise of one, like `respondWith`);
   * when nobody answers during dispatch the request goes without credentials at once, rather than
   * holding every request of a page that simply has no sign-in.
   */
  private askPage(): Promise<string | null> {
    this.requested ??= new Promise<string | null>((resolve) => {
      let answered = false;
      const timer = setTimeout(() => resolve(null), TOKEN_WAIT_MS);
      const detail: TokenRequestDetail = {
        respond: (token) => {
          answered = true;
          Promise.resolve(token).then(
            (t) => {
              clearTimeout(timer);
              resolve(t);
            },
            () => {
              clearTimeout(timer);
              resolve(null);
            },
          );
        },
      };
      this.host.dispatchEvent(new CustomEvent('chancery-token-request', { detail, bubbles: true, composed: true }));
      if (!answered) {
        clearTimeout(timer);
        resolve(null);
      }
    });
    return this.requested;
  }
}
