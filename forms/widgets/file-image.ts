import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { FileRef } from './types.js';

/** Loads a stored file's bytes with the page's credentials (an `<img src>` could not send them). */
export type FileLoader = (ref: FileRef) => Promise<Blob>;

/**
 * A stored image (a handwritten signature, an image attachment) shown from its file ref: fetched
 * with the caller's `load`, shown through an object URL, released when the element goes.
 *
 * @example html`<chancery-file-image .ref=${ref} .load=${load} alt="签名"></chancery-file-image>`
 */
export class ChanceryFileImage extends LitElement {
  static properties = { ref: { attribute: false }, load: { attribute: false }, alt: {}, url: { state: true }, failed: { state: true } };
  declare ref: FileRef | undefined;
  declare load: FileLoader | undefined;
  declare alt: string;
  declare url: string;
  declare failed: boolean;

  constructor() {
    super();
    this.ref = undefined;
    this.load = undefined;
    this.alt = '';
    this.url = '';
    this.failed = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('ref') && !changed.has('load')) return;
    this.release();
    const ref = this.ref;
    if (!ref || !this.load) return;
    this.load(ref)
      .then((blob) => {
        if (this.ref === ref) this.url = URL.createObjectURL(blob);
      })
      .catch(() => (this.failed = true));
  }

  private release(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = '';
    this.failed = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.release();
  }

  protected override render() {
    if (this.url) return html`<img src=${this.url} alt=${this.alt} part="image" class="file-image" />`;
    // Without the bytes, the file's name still says what is there.
    return this.ref ? html`<span part="image-name">${this.alt}${this.failed ? `（${this.ref.name}）` : nothing}</span>` : nothing;
  }
}

/**
 * Loads files from `GET ${api}/api/files/:id` with the given fetch.
 *
 * @example createHttpFileLoader('https://oa.example.gov.cn', { fetch: authedFetch })
 */
export function createHttpFileLoader(api: string, options: { fetch?: typeof fetch } = {}): FileLoader {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return async (ref) => {
    const res = await doFetch(`${api.replace(/\/$/, '')}/api/files/${encodeURIComponent(ref.id)}`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.blob();
  };
}
