/**
 * The API client as a Lit `ReactiveController`: an element gets a client configured from its own
 * attributes (`api`, `token`, `api-key`, `lang`) or the one its app passes in, plus the state of
 * its last request (busy, the error, the problems by JSON pointer) and helpers to render them
 * next to the right field.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { CredentialsController } from '../../forms/widgets/credentials-controller.js';
import { ApiError, createApiClient, type ApiClient } from './api-client.js';
import type { Lang } from './i18n.js';

export type { TokenRequestDetail } from '../../forms/widgets/credentials-controller.js';

export interface ApiHost extends ReactiveControllerHost, HTMLElement {
  api: string | null;
  token: string | null;
  apiKey: string | null;
  lang: Lang;
  client: ApiClient | undefined;
}

export class ApiController implements ReactiveController {
  busy = false;
  error: ApiError | null = null;
  private issueMap = new Map<string, string>();
  private own: { client: ApiClient; api: string } | undefined;
  /** The credentials mechanism every element shares (`<chancery-form>` too). */
  readonly credentials: CredentialsController;

  constructor(private readonly host: ApiHost) {
    host.addController(this);
    this.credentials = new CredentialsController(host);
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
          credentials: () => this.credentials.credentials(),
          refresh: () => this.credentials.refresh(),
        }),
      };
    }
    return this.own.client;
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
      this.credentials.report({ code: e.code, message: e.message, pointer: e.pointer, status: e.status });
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
      ${
        rest.length && !(rest.length === 1 && rest[0] === e.message)
          ? html`<ul>
              ${rest.map((m) => html`<li>${m}</li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }
}
