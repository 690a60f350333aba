import { LitElement, html, nothing } from 'lit';
import { t } from './messages.js';
import type { DirectoryUser } from './directory-client.js';
import type { WidgetProps } from './types.js';

interface Picked {
  id: string;
  name: string;
}

/**
 * Search the directory for people. Stores `{ id, name }` (a list when the schema is an array,
 * just the id when the schema is a string).
 */
export class ChanceryUserPicker extends LitElement {
  static properties = { props: { attribute: false }, results: { state: true }, query: { state: true }, searching: { state: true } };
  declare props: WidgetProps | undefined;
  declare results: DirectoryUser[] | undefined;
  declare query: string;
  declare searching: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;
  // Names of ids stored as bare strings, remembered from searches.
  private names = new Map<string, string>();

  constructor() {
    super();
    this.props = undefined;
    this.results = undefined;
    this.query = '';
    this.searching = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get picked(): Picked[] {
    const v = this.props?.field.value;
    const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    return list.map((x) =>
      typeof x === 'string' ? { id: x, name: this.names.get(x) ?? x } : { id: String((x as Picked).id), name: String((x as Picked).name ?? (x as Picked).id) },
    );
  }

  private store(list: Picked[]): void {
    const p = this.props;
    if (!p) return;
    const schema = p.field.schema;
    const item = (p.field.kind === 'array' ? (schema.items as { type?: unknown } | undefined) : schema) ?? {};
    const asId = item.type === 'string';
    const values = list.map((u) => (asId ? u.id : { id: u.id, name: u.name }));
    p.set(p.field.kind === 'array' ? (values.length ? values : undefined) : values[0]);
    p.touch();
  }

  private onInput(e: Event): void {
    this.query = (e.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(), 200);
  }

  private async search(): Promise<void> {
    const p = this.props;
    if (!p) return;
    const q = this.query.trim();
    if (!q) {
      this.results = undefined;
      return;
    }
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.searching = true;
    try {
      const found = await p.services.directory.searchUsers(q, abort.signal);
      if (abort.signal.aborted) return;
      for (const u of found) this.names.set(u.id, u.name);
      this.results = found;
    } catch {
      if (!abort.signal.aborted) this.results = [];
    } finally {
      if (!abort.signal.aborted) this.searching = false;
    }
  }

  private choose(user: DirectoryUser): void {
    const multiple = this.props?.field.kind === 'array';
    const current = this.picked.filter((u) => u.id !== user.id);
    this.store(multiple ? [...current, { id: user.id, name: user.name }] : [{ id: user.id, name: user.name }]);
    this.results = undefined;
    this.query = '';
    this.querySelector<HTMLInputElement>('input')?.focus();
  }

  protected override render() {
    const p = this.props;
    if (!p) return nothing;
    const listId = `${p.id}-results`;
    return html`<ul class="chips" part="picked">
        ${this.picked.map(
          (u) => html`<li class="chip">
            <span>${u.name}</span>
            ${p.locked ? nothing : html`<button type="button" aria-label=${`${t(p.lang, 'remove')} ${u.name}`} @click=${() => this.store(this.picked.filter((x) => x.id !== u.id))}>×</button>`}
          </li>`,
        )}
      </ul>
      ${p.locked
        ? nothing
        : html`<input
            type="search"
            id=${p.id}
            part="input"
            autocomplete="off"
            placeholder=${p.field.placeholder || t(p.lang, 'search')}
            .value=${this.query}
            aria-controls=${listId}
            aria-invalid=${p.invalid ? 'true' : 'false'}
            aria-describedby=${p.describedBy || nothing}
            @input=${this.onInput}
            @blur=${() => p.touch()}
          />
          <ul class="picker-results" id=${listId} ?hidden=${this.results === undefined} aria-live="polite">
            ${this.results?.length === 0 ? html`<li>${t(p.lang, 'noResults')}</li>` : nothing}
            ${(this.results ?? []).map(
              (u) => html`<li><button type="button" @click=${() => this.choose(u)}>${u.name}${u.unit ? html` · <span class="help">${u.unit}</span>` : nothing}</button></li>`,
            )}
          </ul>`}`;
  }
}
