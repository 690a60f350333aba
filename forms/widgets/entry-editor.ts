import { LitElement, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { t } from './messages.js';
import type { FieldModel } from '../model/types.js';
import type { WidgetProps } from './types.js';

/**
 * The key–value editor of an open object (`additionalProperties` / `patternProperties`): each
 * entry's key can be renamed (Enter or leaving the box) and the entry removed; a new key is
 * checked by the model (`FormState.checkKey`) before it is added, and a refused key says why.
 */
export class ChanceryEntryEditor extends LitElement {
  static properties = { props: { attribute: false }, problem: { state: true }, draft: { state: true } };
  declare props: WidgetProps | undefined;
  /** Why the last key typed was refused, keyed by the entry ('' for the new-key box). */
  declare problem: { key: string; message: string } | undefined;
  declare draft: string;

  constructor() {
    super();
    this.props = undefined;
    this.problem = undefined;
    this.draft = '';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private add(): void {
    const p = this.props;
    if (!p) return;
    const key = this.draft.trim();
    const refused = p.services.state.addEntry(p.field.pointer, key);
    if (refused) {
      this.problem = { key: '', message: refused.message };
      return;
    }
    this.problem = undefined;
    this.draft = '';
    p.services.announce(t(p.lang, 'added', { title: key }));
    // Focus the new entry's value, where the person goes next.
    void this.updateComplete.then(() => {
      const input = this.querySelector<HTMLInputElement>(
        `[data-entry="${CSS.escape(key)}"] .field input, [data-entry="${CSS.escape(key)}"] .field textarea, [data-entry="${CSS.escape(key)}"] .field select`,
      );
      input?.focus();
    });
  }

  private rename(entry: FieldModel, input: HTMLInputElement): void {
    const p = this.props;
    const from = String(entry.path[entry.path.length - 1]);
    const to = input.value.trim();
    if (!p || to === from) return;
    const refused = p.services.state.renameEntry(p.field.pointer, from, to);
    if (refused) {
      this.problem = { key: from, message: refused.message };
      input.value = from;
      return;
    }
    this.problem = undefined;
  }

  private removeEntry(entry: FieldModel): void {
    const p = this.props;
    if (!p) return;
    const key = String(entry.path[entry.path.length - 1]);
    p.services.state.removeEntry(p.field.pointer, key);
    if (this.problem?.key === key) this.problem = undefined;
    p.services.announce(t(p.lang, 'removed', { title: key }));
  }

  protected override render() {
    const p = this.props;
    if (!p) return nothing;
    const entries = p.field.children.filter((c) => c.entry);
    const keyLabel = t(p.lang, 'entryKey');
    const message = (key: string) => (this.problem?.key === key ? html`<div class="error" role="alert">${this.problem.message}</div>` : nothing);
    return html`<div class="entries" part="entries">
      ${repeat(
        entries,
        (e) => e.pointer,
        (e) => {
          const key = String(e.path[e.path.length - 1]);
          return html`<div class="entry" part="entry" data-entry=${key}>
            <div class="entry-head">
              <input
                type="text"
                part="input entry-key"
                aria-label=${t(p.lang, 'entryKeyOf', { key })}
                .value=${live(key)}
                ?disabled=${p.locked}
                @change=${(ev: Event) => this.rename(e, ev.target as HTMLInputElement)}
                @keydown=${(ev: KeyboardEvent) => ev.key === 'Enter' && (ev.preventDefault(), this.rename(e, ev.target as HTMLInputElement))}
              />
              ${p.locked ? nothing : html`<button type="button" part="remove-entry" aria-label=${t(p.lang, 'removeItem', { title: key })} @click=${() => this.removeEntry(e)}>${t(p.lang, 'remove')}</button>`}
            </div>
            ${message(key)}${p.services.renderField(e.pointer)}
          </div>`;
        },
      )}
      ${
        p.locked
          ? nothing
          : html`<div class="entry-new" part="entry-new">
                <input
                  type="text"
                  part="input entry-key"
                  aria-label=${p.field.label ? t(p.lang, 'newEntryKey', { label: p.field.label }) : t(p.lang, 'newEntryKeyPlain')}
                  placeholder=${keyLabel}
                  .value=${live(this.draft)}
                  @input=${(ev: Event) => (this.draft = (ev.target as HTMLInputElement).value)}
                  @keydown=${(ev: KeyboardEvent) => ev.key === 'Enter' && (ev.preventDefault(), this.add())}
                />
                <button type="button" part="add add-entry" @click=${() => this.add()}>＋ ${t(p.lang, 'addEntry')}</button>
              </div>
              ${message('')}`
      }
    </div>`;
  }
}
