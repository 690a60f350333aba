import { LitElement, html, nothing } from 'lit';
import { t } from './messages.js';
import type { FileRef, WidgetProps } from './types.js';

function isFileRef(v: unknown): v is FileRef {
  return typeof v === 'object' && v !== null && typeof (v as FileRef).id === 'string';
}

/** Whether a file matches an `accept` list (`.pdf`, `image/*`, `application/pdf`). */
function accepted(file: File, accept: string | undefined): boolean {
  if (!accept) return true;
  const name = file.name.toLowerCase();
  return accept.split(',').some((raw) => {
    const rule = raw.trim().toLowerCase();
    if (rule.startsWith('.')) return name.endsWith(rule);
    if (rule.endsWith('/*')) return file.type.startsWith(rule.slice(0, -1));
    return file.type === rule;
  });
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * File upload: sends each chosen file to the API and keeps only `{ id, name, size, sha256, mime }`
 * in the data (one ref, or a list when the schema is an array).
 */
export class ChanceryFileInput extends LitElement {
  static properties = { props: { attribute: false }, busy: { state: true }, failure: { state: true } };
  declare props: WidgetProps | undefined;
  declare busy: boolean;
  declare failure: string;

  constructor() {
    super();
    this.props = undefined;
    this.busy = false;
    this.failure = '';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get multiple(): boolean {
    return this.props?.field.kind === 'array';
  }

  private get refs(): FileRef[] {
    const v = this.props?.field.value;
    if (Array.isArray(v)) return v.filter(isFileRef);
    return isFileRef(v) ? [v] : [];
  }

  private async choose(e: Event): Promise<void> {
    const p = this.props;
    const input = e.target as HTMLInputElement;
    if (!p || !input.files?.length) return;
    const files = Array.from(input.files);
    // Checked here for a quick answer; the server enforces the same limits.
    const accept = typeof p.field.ui.props?.accept === 'string' ? p.field.ui.props.accept : undefined;
    const maxSize = typeof p.field.ui.props?.maxSize === 'number' ? p.field.ui.props.maxSize : Infinity;
    const refused = files.find((f) => !accepted(f, accept)) ?? files.find((f) => f.size > maxSize);
    if (refused) {
      this.failure = accepted(refused, accept)
        ? t(p.lang, 'fileTooLarge', { name: refused.name, max: formatSize(maxSize) })
        : t(p.lang, 'fileType', { name: refused.name });
      p.services.announce(this.failure);
      input.value = '';
      return;
    }
    this.busy = true;
    this.failure = '';
    p.services.announce(t(p.lang, 'uploading'));
    try {
      const uploaded: FileRef[] = [];
      for (const file of files) uploaded.push(await p.services.upload(file));
      p.set(this.multiple ? [...this.refs, ...uploaded] : uploaded[0]);
    } catch (err) {
      this.failure = t(p.lang, 'uploadFailed', { name: files.map((f) => f.name).join('、'), reason: err instanceof Error ? err.message : String(err) });
      p.services.announce(this.failure);
    } finally {
      this.busy = false;
      input.value = '';
      p.touch();
    }
  }

  private removeRef(ref: FileRef): void {
    const p = this.props;
    if (!p) return;
    const rest = this.refs.filter((r) => r.id !== ref.id);
    p.set(this.multiple ? (rest.length ? rest : undefined) : undefined);
    p.touch();
  }

  protected override render() {
    const p = this.props;
    if (!p) return nothing;
    const accept = typeof p.field.ui.props?.accept === 'string' ? p.field.ui.props.accept : undefined;
    return html`<ul class="chips" part="files">
        ${this.refs.map(
          (ref) =>
            html`<li class="chip" part="file">
              ${
                p.services.files
                  ? html`<a
                        href=${p.services.files.href(ref)}
                        data-file=${ref.id}
                        @click=${(e: Event) => {
                          e.preventDefault();
                          void p.services.files?.open(ref);
                        }}
                        >${ref.name}</a
                      ><span>${p.lang === 'en' ? ` (${formatSize(ref.size)})` : `（${formatSize(ref.size)}）`}</span>`
                  : html`<span>${ref.name}（${formatSize(ref.size)}）</span>`
              }
              ${p.locked ? nothing : html`<button type="button" aria-label=${`${t(p.lang, 'remove')} ${ref.name}`} @click=${() => this.removeRef(ref)}>×</button>`}
            </li>`,
        )}
      </ul>
      ${
        p.locked
          ? nothing
          : html`<input
              type="file"
              id=${p.id}
              part="input file"
              accept=${accept ?? nothing}
              ?multiple=${this.multiple}
              ?disabled=${this.busy}
              aria-invalid=${p.invalid ? 'true' : 'false'}
              aria-describedby=${p.describedBy || nothing}
              aria-busy=${this.busy ? 'true' : 'false'}
              @change=${(e: Event) => void this.choose(e)}
            />`
      }
      ${this.busy ? html`<div class="help">${t(p.lang, 'uploading')}</div>` : nothing}
      ${this.failure ? html`<div class="error" role="alert">${this.failure}</div>` : nothing}`;
  }
}

/**
 * The real uploader: `POST ${api}/api/files` as multipart, answering the stored file's ref.
 *
 * @example createHttpUploader('https://oa.example.gov.cn', { token })(file)
 */
export function createHttpUploader(api: string, options: { token?: string; fetch?: typeof fetch; lang?: string } = {}) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return async (file: File): Promise<FileRef> => {
    const body = new FormData();
    body.append('file', file, file.name);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.lang) headers['accept-language'] = options.lang;
    const res = await doFetch(`${api.replace(/\/$/, '')}/api/files`, { method: 'POST', body, headers });
    if (!res.ok) {
      // The server says why in the asked language (`{ error: { code, message } }`); else the status.
      const problem = (await res.json().catch(() => undefined)) as { error?: { message?: unknown } } | undefined;
      throw new Error(typeof problem?.error?.message === 'string' ? problem.error.message : `HTTP ${res.status}`);
    }
    const json = (await res.json()) as FileRef | { file: FileRef };
    const ref = 'file' in json ? json.file : json;
    return { id: ref.id, name: ref.name, size: ref.size, sha256: ref.sha256, mime: ref.mime };
  };
}
