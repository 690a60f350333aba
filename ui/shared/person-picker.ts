/**
 * `<chancery-person-picker>`: find colleagues in the directory (`GET /api/directory/users?q=`)
 * by name or pinyin username. A combobox: type, move with ↑/↓, pick with Enter, Esc closes;
 * picked people are chips with a remove button. Fires `chancery-people-change` with `{ value }`.
 */
import { html, nothing } from 'lit';
import { ChanceryElement } from './chancery-element.js';
import { textOf } from './i18n.js';
import { baseStyles } from './styles.js';
import { css } from 'lit';
import type { DirectoryPerson, Page } from './types.js';
import { t } from './messages.js';

let nextId = 0;

export class ChanceryPersonPicker extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      .box {
        position: relative;
      }
      ul[role='listbox'] {
        position: absolute;
        z-index: 20;
        inset-inline: 0;
        top: 100%;
        margin: 2px 0 0;
        padding: 4px 0;
        list-style: none;
        background: var(--_surface);
        border: 1px solid var(--_line);
        border-radius: var(--_radius);
        max-height: 260px;
        overflow: auto;
        box-shadow: 0 6px 18px rgb(0 0 0 / 0.12);
      }
      li[role='option'] {
        padding: 8px 12px;
        cursor: pointer;
        min-height: var(--_target);
        display: flex;
        flex-direction: column;
        justify-content: center;
      }
      li[aria-selected='true'] {
        background: var(--_primary-soft);
        outline: 2px solid var(--_focus);
        outline-offset: -2px;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-bottom: 6px;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        padding: 2px 4px 2px 10px;
        border-radius: 999px;
        background: var(--_subtle);
        border: 1px solid var(--_hairline);
      }
      .chip button {
        border: 0;
        background: none;
        cursor: pointer;
        min-width: 32px;
        min-height: 32px;
        border-radius: 999px;
      }
      .unit {
        color: var(--_muted);
        font-size: 0.85rem;
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    label: {},
    multiple: { type: Boolean },
    value: { attribute: false },
    error: {},
    results: { state: true },
    active: { state: true },
    open: { state: true },
  };
  declare label: string;
  declare multiple: boolean;
  declare value: DirectoryPerson[];
  declare error: string;
  declare results: DirectoryPerson[];
  declare active: number;
  declare open: boolean;
  private readonly uid = `pp${++nextId}`;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor() {
    super();
    this.label = '';
    this.multiple = false;
    this.value = [];
    this.error = '';
    this.results = [];
    this.active = -1;
    this.open = false;
  }

  private name(p: DirectoryPerson): string {
    return this.lang === 'en' && p.displayNameEn ? p.displayNameEn : p.displayName;
  }

  private onInput(e: Event): void {
    const q = (e.target as HTMLInputElement).value.trim();
    clearTimeout(this.timer);
    if (!q) {
      this.open = false;
      this.results = [];
      return;
    }
    this.timer = setTimeout(() => void this.search(q), 200);
  }

  private async search(q: string): Promise<void> {
    const seq = ++this.seq;
    const page = await this.http.run((api) => api.get<Page<DirectoryPerson>>('/api/directory/users', { q, pageSize: 10 }));
    if (seq !== this.seq || !page) return;
    this.results = page.items;
    this.active = page.items.length ? 0 : -1;
    this.open = true;
  }

  private pick(p: DirectoryPerson): void {
    const already = this.value.some((v) => v.id === p.id);
    this.value = this.multiple ? (already ? this.value : [...this.value, p]) : [p];
    this.open = false;
    this.results = [];
    const input = this.renderRoot.querySelector('input');
    if (input) input.value = '';
    this.emit('chancery-people-change', { value: this.value });
  }

  private unpick(p: DirectoryPerson): void {
    this.value = this.value.filter((v) => v.id !== p.id);
    this.emit('chancery-people-change', { value: this.value });
    this.renderRoot.querySelector('input')?.focus();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' && this.results.length) {
      e.preventDefault();
      this.open = true;
      this.active = (this.active + 1) % this.results.length;
    } else if (e.key === 'ArrowUp' && this.results.length) {
      e.preventDefault();
      this.active = (this.active - 1 + this.results.length) % this.results.length;
    } else if (e.key === 'Enter' && this.open && this.results[this.active]) {
      e.preventDefault();
      this.pick(this.results[this.active]!);
    } else if (e.key === 'Escape' && this.open) {
      e.preventDefault();
      this.open = false;
    }
  }

  /** Focus the text box (used when an error points here). */
  override focus(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  protected override render() {
    const list = `${this.uid}-list`;
    const err = `${this.uid}-err`;
    const activeId = this.open && this.active >= 0 ? `${this.uid}-o${this.active}` : '';
    return html`<div class="field">
      <label for="${this.uid}-in">${this.label}</label>
      ${
        this.value.length
          ? html`<div class="chips">
              ${this.value.map(
                (p) =>
                  html`<span class="chip"
                    >${this.name(p)}<button type="button" aria-label=${t(this.lang, 'removePerson', { name: this.name(p) })} @click=${() => this.unpick(p)}>
                      ✕
                    </button></span
                  >`,
              )}
            </div>`
          : nothing
      }
      <div class="box">
        <input
          id="${this.uid}-in"
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls=${list}
          aria-activedescendant=${activeId || nothing}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${this.error ? err : nothing}
          placeholder=${t(this.lang, 'searchPeople')}
          @input=${this.onInput}
          @keydown=${this.onKey}
          @blur=${() => setTimeout(() => (this.open = false), 150)}
        />
        <ul id=${list} role="listbox" aria-label=${this.label} ?hidden=${!this.open}>
          ${this.open && this.results.length === 0 ? html`<li class="muted" role="option" aria-disabled="true" aria-selected="false">${t(this.lang, 'noPeople')}</li>` : nothing}
          ${this.results.map(
            (p, i) =>
              html`<li
                id="${this.uid}-o${i}"
                role="option"
                aria-selected=${i === this.active ? 'true' : 'false'}
                @mousedown=${(e: Event) => e.preventDefault()}
                @click=${() => this.pick(p)}
              >
                <span>${this.name(p)} <span class="unit">${p.username}</span></span>
                <span class="unit">${textOf(this.lang === 'en' ? p.unitNameEn || p.unitName : p.unitName, this.lang)}</span>
              </li>`,
          )}
        </ul>
      </div>
      ${this.error ? html`<p class="field-error" id=${err}>${this.error}</p>` : nothing}
    </div>`;
  }
}
