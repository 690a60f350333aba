/**
 * The base of every Chancery screen element: the attributes an embedding page sets (`api`,
 * `token`, `api-key`, `lang`), the `client` property the app shell passes instead, and the
 * API controller. Subclasses spread `ChanceryElement.properties` into their own.
 */
import { LitElement } from 'lit';
import type { ApiClient } from './api-client.js';
import { ApiController } from './api-controller.js';
import type { Lang } from './i18n.js';

export class ChanceryElement extends LitElement {
  static override properties = {
    api: {},
    token: {},
    apiKey: { attribute: 'api-key' },
    lang: { reflect: true },
    client: { attribute: false },
  };

  declare api: string | null;
  declare token: string | null;
  declare apiKey: string | null;
  declare lang: Lang;
  declare client: ApiClient | undefined;
  readonly http: ApiController;

  constructor() {
    super();
    this.api = null;
    this.token = null;
    this.apiKey = null;
    this.lang = 'zh-CN';
    this.client = undefined;
    this.http = new ApiController(this);
  }

  /** Fires a DOM event the page (or the app shell) can listen to. */
  protected emit<T>(type: string, detail: T, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}
