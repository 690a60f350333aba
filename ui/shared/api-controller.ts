/**
 * The API client as a Lit `ReactiveController`: an element gets a client configured from its own
 * attributes (`api`, `token`, `api-key`, `lang`) or the one its app passes in, plus the state of
 * its last request (busy, the error, the problems by JSON pointer) and helpers to render them
 * next to the right field.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ApiError, createApiClient, type ApiClient, type Credentials } from './api-client.js';
import type { Lang } from './i18n.js';

export interface ApiHost extends ReactiveControllerHost, HTMLElement {
  api: string | null;
  token: string | null;
  apiKey: string | null;
  lang: Lang;
  client: ApiClient | undefined;
}

/** Detail of `chancery-token-request`: the page answers by calling `respond` (with a token or a promise of one). */
export interface TokenRequestDetail {
  respond(token: string | Promise<string>): void;
}

const TOKEN_WAIT_MS = 10_000;

export class ApiController implements ReactiveController {
  busy = false;
  error: ApiError | null = null;
  private issueMap = new Map<string, string>();
  private own: { client: ApiClient; api: string } | undefined;
  private requested: Promise<string | null> | undefined;

  constructor(private readonly host: ApiHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The client: the app's (property `client`) or one built from the element's attributes. */
  get client(): ApiClient {
    if (this.host.client) return this.host.client;
    const api = this.host.api ?? '';
    if (!this.own || this.own.api !== api) {
      this.own = {
        api,
        client: createApiClient({
          base: api,
          lang: () => this.host.lang,
          credentials: () => this.credentials(),
          refresh: async () => {
            if (this.host.token || this.host.apiKey) return null;
            this.requested = undefined;
            const token = await this.askPage();
            return token ? { token } : null;
          },
        }),
      };
    }
    return this.own.client;
  }

  private async credentials(): Promise<Credentials> {
    if (this.host.apiKey) return { apiKey: this.host.apiKey };
    if (this.host.token) return { token: this.host.token };
    const token = await this.askPage();
    return token ? { token } : {};
  }

  /** Fires `chancery-token-request` once and waits for the page's answer. */
  private askPage(): Promise<string | null> {
    this.requested ??= new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), TOKEN_WAIT_MS);
      const detail: TokenRequestDetail = {
        respond: (token) => {
          clearTimeout(timer);
          Promise.resolve(token).then(resolve, () => resolve(null));
        },
      };
      this.host.dispatchEvent(new CustomEvent('chancery-token-request', { detail, bubbles: true, composed: true }));
    });
    return this.requested;
  }

  /**
   * Runs a request, recording busy/error state and re-rendering the host. Returns undefined on
   * an API error (which is then on `error` and `issue(pointer)`); other errors are rethrown.
   */
  async run<T>(fn: (api: ApiClient) => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = null;
    this.issueMap = new Map();
    this.host.requestUpdate();
    try {
      return await fn(this.client);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.error = e;
      for (const i of e.issues) if (!this.issueMap.has(i.pointer)) this.issueMap.set(i.pointer, i.message);
      this.host.dispatchEvent(new CustomEvent('chancery-error', { detail: { code: e.code, message: e.message, pointer: e.pointer, status: e.status }, bubbles: true, composed: true }));
      return undefined;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  clear(): void {
    this.error = null;
    this.issueMap = new Map();
    this.host.requestUpdate();
  }

  /** The server's message for the field at `pointer` (e.g. `/opinion`, `/to`). */
  issue(pointer: string): string | undefined {
    return this.issueMap.get(pointer);
  }

  /** Issues whose pointer is not one of `shown` (they go in the banner). */
  private unplaced(shown: readonly string[]): string[] {
    return [...this.issueMap].filter(([p]) => !shown.includes(p)).map(([, m]) => m);
  }

  /** The error line under a field; give the control `aria-describedby=${id}` and `aria-invalid`. */
  fieldError(pointer: string, id: string): TemplateResult | typeof nothing {
    const m = this.issue(pointer);
    return m ? html`<p class="field-error" id=${id} part="field-error">${m}</p>` : nothing;
  }

  /** The request's error as an alert, listing the problems not shown beside a field. */
  alert(shownPointers: readonly string[] = []): TemplateResult | typeof nothing {
    const e = this.error;
    if (!e) return nothing;
    const rest = this.unplaced(shownPointers);
    return html`<div class="alert" role="alert" part="error">
      <strong>${e.message}</strong>
      ${rest.length && !(rest.length === 1 && rest[0] === e.message) ? html`<ul>${rest.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}
    </div>`;
  }
}
