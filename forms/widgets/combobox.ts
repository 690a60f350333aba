import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from './messages.js';
import type { WidgetProps } from './types.js';

/** One option of a picker's list. */
export interface Choice {
  id: string;
  label: string;
  /** Shown after the label, muted (a unit code, a person's unit). */
  hint?: string;
  /** Indentation level (units in tree order). */
  depth?: number;
}

/**
 * The WAI-ARIA combobox both directory pickers share: an input with `role="combobox"`,
 * `aria-expanded`, `aria-controls` naming a `role="listbox"` popup, and `aria-activedescendant`
 * naming the highlighted option. ↓/↑ move through the options (↓ opens the list), Home/End jump,
 * Enter picks, Escape closes the list (a second Escape clears the typed text). Focus stays in the
 * input throughout, as the pattern asks.
 */
export abstract class ComboboxElement extends LitElement {
  static properties = { props: { attribute: false }, query: { state: true }, expanded: { state: true }, active: { state: true } };
  declare props: WidgetProps | undefined;
  declare query: string;
  declare expanded: boolean;
  declare active: number;

  constructor() {
    super();
    this.props = undefined;
    this.query = '';
    this.expanded = false;
    this.active = -1;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** The options to list now. */
  protected abstract get choices(): readonly Choice[];
  /** Store the picked option. */
  protected abstract pick(choice: Choice): void;
  /** The text typed changed (search, filter). */
  protected abstract queryChanged(): void;
  /** Whether the options are still being fetched. */
  protected get busy(): boolean {
    return false;
  }

  protected open(): void {
    this.expanded = true;
    if (this.active >= this.choices.length) this.active = -1;
  }

  protected close(): void {
    this.expanded = false;
    this.active = -1;
  }

  private onInput(e: Event): void {
    this.query = (e.target as HTMLInputElement).value;
    this.active = -1;
    this.expanded = true;
    this.queryChanged();
  }

  private onKeyDown(e: KeyboardEvent): void {
    const n = this.choices.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!this.expanded) this.open();
        if (n > 0) this.active = this.active < 0 ? 0 : Math.min(this.active + 1, n - 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!this.expanded) this.open();
        if (n > 0) this.active = this.active < 0 ? n - 1 : Math.max(this.active - 1, 0);
        break;
      case 'Home':
      case 'End':
        if (!this.expanded || n === 0) return;
        e.preventDefault();
        this.active = e.key === 'Home' ? 0 : n - 1;
        break;
      case 'Enter': {
        const choice = this.expanded ? this.choices[this.active] : undefined;
        // Enter never submits the form from a picker.
        e.preventDefault();
        if (choice) this.choose(choice);
        break;
      }
      case 'Escape':
        if (this.expanded) {
          e.preventDefault();
          this.close();
        } else if (this.query) {
          e.preventDefault();
          this.query = '';
          this.queryChanged();
        }
        break;
      default:
        return;
    }
  }

  protected choose(choice: Choice): void {
    this.pick(choice);
    this.query = '';
    this.close();
    this.queryChanged();
    this.querySelector<HTMLInputElement>('input[role="combobox"]')?.focus();
  }

  protected override updated(): void {
    // Keep the highlighted option in view in a long list.
    if (this.active >= 0 && this.props) this.querySelector(`#${CSS.escape(this.optionId(this.active))}`)?.scrollIntoView?.({ block: 'nearest' });
  }

  private optionId(i: number): string {
    return `${this.props?.id ?? 'c'}-opt-${i}`;
  }

  /** The combobox input and its listbox. `value` is what the input shows when nothing is typed. */
  protected renderCombobox(p: WidgetProps, placeholder: string): TemplateResult {
    const listId = `${p.id}-listbox`;
    const choices = this.choices;
    const showList = this.expanded && (choices.length > 0 || this.query.trim() !== '' || this.busy);
    return html`<div class="combobox" part="combobox">
      <input
        type="text"
        role="combobox"
        id=${p.id}
        part="input combobox-input"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded=${showList ? 'true' : 'false'}
        aria-controls=${listId}
        aria-activedescendant=${showList && this.active >= 0 ? this.optionId(this.active) : nothing}
        aria-invalid=${p.invalid ? 'true' : 'false'}
        aria-describedby=${p.describedBy || nothing}
        aria-busy=${this.busy ? 'true' : 'false'}
        placeholder=${placeholder}
        .value=${live(this.query)}
        @input=${this.onInput}
        @keydown=${this.onKeyDown}
        @focus=${() => this.open()}
        @click=${() => this.open()}
        @blur=${() => {
          this.close();
          p.touch();
        }}
      />
      <ul class="picker-results" role="listbox" id=${listId} part="listbox" aria-label=${t(p.lang, 'suggestions')} ?hidden=${!showList}>
        ${choices.map(
          (c, i) =>
            html`<li
              role="option"
              id=${this.optionId(i)}
              part="option"
              aria-selected=${i === this.active ? 'true' : 'false'}
              class=${i === this.active ? 'active' : ''}
              style=${c.depth ? `padding-inline-start:${0.75 + c.depth}em` : nothing}
              @mousedown=${(e: Event) => e.preventDefault()}
              @click=${() => this.choose(c)}
            >
              ${c.label}${c.hint ? html` <span class="help">${c.hint}</span>` : nothing}
            </li>`,
        )}
      </ul>
      ${showList && choices.length === 0 ? html`<div class="help" role="status">${this.busy ? t(p.lang, 'loading') : t(p.lang, 'noResults')}</div>` : nothing}
    </div>`;
  }
}
