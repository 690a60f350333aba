import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { fieldId, type FormContext } from './form-context.js';
import type { FieldModel } from '../model/types.js';
import type { WidgetProps } from './types.js';

/**
 * One field: label, widget, help and error, wired for assistive technology. It renders into
 * light DOM (inside the form's shadow root) so labels, `aria-describedby` and the error summary's
 * links resolve ids in one tree; it re-renders only when its model node's `revision` changes.
 */
export class ChanceryField extends LitElement {
  static properties = {
    field: { attribute: false },
    ctx: { attribute: false },
  };

  declare field: FieldModel | undefined;
  declare ctx: FormContext | undefined;
  private renderedRevision = -1;
  private renderedField: FieldModel | undefined;
  private registered: string | undefined;

  constructor() {
    super();
    this.field = undefined;
    this.ctx = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Re-read the model node (called by the form for changed pointers). */
  refresh(): void {
    if (!this.ctx || !this.field) return;
    const next = this.ctx.state.get(this.field.pointer);
    if (next) this.field = next;
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.register();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unregister();
  }

  private register(): void {
    if (!this.ctx || !this.field) return;
    if (this.registered === this.field.pointer) return;
    this.unregister();
    const pointer = this.field.pointer;
    let set = this.ctx.mounted.get(pointer);
    if (!set) this.ctx.mounted.set(pointer, (set = new Set()));
    set.add(this);
    this.registered = pointer;
  }

  private unregister(): void {
    if (this.registered === undefined || !this.ctx) return;
    this.ctx.mounted.get(this.registered)?.delete(this);
    this.registered = undefined;
  }

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (changed.has('ctx')) return true;
    const field = this.field;
    if (!field) return false;
    // Same node and same revision: nothing on screen would change.
    return field !== this.renderedField || field.revision !== this.renderedRevision || changed.size === 0;
  }

  protected override willUpdate(): void {
    this.register();
  }

  protected override render() {
    const { field, ctx } = this;
    if (!field || !ctx) return nothing;
    this.renderedField = field;
    this.renderedRevision = field.revision;
    this.hidden = !field.visible;
    if (!field.visible) return nothing;
    const entry = ctx.registry.pick(field);
    const id = fieldId(field.pointer);
    const invalid = field.errors.length > 0 && (field.touched || ctx.state.submitted);
    const describedBy = [field.help ? `${id}-help` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
    const state = ctx.state;
    const props: WidgetProps = {
      field,
      id,
      invalid,
      describedBy,
      locked: field.readOnly || !field.enabled,
      lang: ctx.lang,
      services: ctx.services,
      set: (value) => state.setValue(field.pointer, value),
      touch: () => state.touch(field.pointer),
    };
    const control = entry ? entry.render(props) : html`<output id=${id}>${JSON.stringify(field.value ?? null)}</output>`;
    const star = field.required ? html`<span class="required" aria-hidden="true">*</span>` : nothing;
    const help = field.help ? html`<div class="help" id=${`${id}-help`} part="help">${field.help}</div>` : nothing;
    const error = html`<div class="error" id=${`${id}-error`} part="error">${invalid ? field.errors[0]?.message : ''}</div>`;
    const frame = entry?.frame ?? 'label';
    if (frame === 'legend') {
      return html`<fieldset class="field" part="field group" data-pointer=${field.pointer}>
        <legend id=${`${id}-legend`} part="legend">${field.label}${star}</legend>
        ${help}${control}${error}
      </fieldset>`;
    }
    return html`<div class="field" part="field" data-pointer=${field.pointer}>
      ${frame === 'label' ? html`<label class="label" id=${`${id}-label`} for=${id} part="label">${field.label}${star}</label>` : nothing}
      ${control}${help}${error}
    </div>`;
  }
}

