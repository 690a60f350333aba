import { html, nothing } from 'lit';
import { ComboboxElement, type Choice } from './combobox.js';
import { t } from './messages.js';
import type { DirectoryUser } from './directory-client.js';

interface Picked {
  id: string;
  name: string;
}

/**
 * Search the directory for people: an ARIA combobox (type a name, ↓/↑, Enter). Stores
 * `{ id, name }` (a list when the schema is an array, just the id when the schema is a string).
 */
export class ChanceryUserPicker extends ComboboxElement {
  static override properties = { ...ComboboxElement.properties, results: { state: true }, searching: { state: true } };
  declare results: DirectoryUser[];
  declare searching: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;
  // Names of ids stored as bare strings, remembered from searches.
  private names = new Map<string, string>();

  constructor() {
    super();
    this.results = [];
    this.searching = false;
  }

  protected override get choices(): readonly Choice[] {
    return this.results.map((u) => ({ id: u.id, label: u.name, ...(u.unit ? { hint: u.unit } : {}) }));
  }

  protected override get busy(): boolean {
    return this.searching;
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

  protected override queryChanged(): void {
    clearTimeout(this.timer);
    if (!this.query.trim()) {
      this.abort?.abort();
      this.results = [];
      this.searching = false;
      return;
    }
    this.searching = true;
    this.timer = setTimeout(() => void this.search(), 200);
  }

  private async search(): Promise<void> {
    const p = this.props;
    const q = this.query.trim();
    if (!p || !q) return;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    try {
      const found = await p.services.directory.searchUsers(q, abort.signal);
      if (abort.signal.aborted) return;
      for (const u of found) this.names.set(u.id, u.name);
      this.results = found;
      this.active = -1;
    } catch {
      if (!abort.signal.aborted) this.results = [];
    } finally {
      if (!abort.signal.aborted) this.searching = false;
    }
  }

  protected override pick(choice: Choice): void {
    const multiple = this.props?.field.kind === 'array';
    const current = this.picked.filter((u) => u.id !== choice.id);
    this.store(multiple ? [...current, { id: choice.id, name: choice.label }] : [{ id: choice.id, name: choice.label }]);
    this.props?.services.announce(choice.label);
  }

  protected override render() {
    const p = this.props;
    if (!p) return nothing;
    return html`<ul class="chips" part="picked">
        ${this.picked.map(
          (u) =>
            html`<li class="chip">
              <span>${u.name}</span>
              ${p.locked ? nothing : html`<button type="button" aria-label=${`${t(p.lang, 'remove')} ${u.name}`} @click=${() => this.store(this.picked.filter((x) => x.id !== u.id))}>×</button>`}
            </li>`,
        )}
      </ul>
      ${p.locked ? nothing : this.renderCombobox(p, p.field.placeholder || t(p.lang, 'search'))}`;
  }
}
