import { html, noChange, nothing, type TemplateResult } from 'lit';
import { AsyncDirective, directive, type PartInfo } from 'lit/async-directive.js';
import type { ChildPart } from 'lit';
import { fieldId, type FormContext } from './form-context.js';
import type { FieldModel, Pointer } from '../model/types.js';
import type { WidgetProps } from './types.js';

/** One field's label, widget, help and error, wired for assistive technology. */
export function renderFieldFrame(field: FieldModel, ctx: FormContext): TemplateResult | typeof nothing {
  if (!field.visible) return nothing;
  const entry = ctx.registry.pick(field);
  const id = fieldId(field.pointer);
  const state = ctx.state;
  const invalid = field.errors.length > 0 && (field.touched || state.submitted);
  const describedBy = [field.help ? `${id}-help` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
  const props: WidgetProps = {
    field,
    id,
    invalid,
    describedBy,
    locked: field.readOnly || !field.enabled,
    lang: ctx.lang,
    services: ctx.services,
    set: (value) => state.setValue(field.pointer, value),
    touch: () => (ctx.touch ? ctx.touch(field.pointer) : state.touch(field.pointer)),
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
  if (frame === 'none') {
    return html`<div class="field" part="field" data-pointer=${field.pointer}>${control}${help}${error}</div>`;
  }
  // The common case in one template (no nested label template): most of a big form's fields.
  return html`<div class="field" part="field" data-pointer=${field.pointer}>
    <label class="label" id=${`${id}-label`} for=${id} part="label">${field.label}${star}</label>
    ${control}${help}${error}
  </div>`;
}

/**
 * A field as its own Lit part: the form renders `fieldPart(ctx, pointer)` and, when the model
 * says a pointer changed, only that part re-renders (no per-field element, no form re-render).
 */
class FieldPartDirective extends AsyncDirective {
  private ctx: FormContext | undefined;
  private pointer: Pointer | undefined;
  private node: FieldModel | undefined;
  private revision = -1;

  constructor(partInfo: PartInfo) {
    super(partInfo);
  }

  render(ctx: FormContext, pointer: Pointer): TemplateResult | typeof nothing {
    this.bind(ctx, pointer);
    return this.draw();
  }

  override update(_part: ChildPart, [ctx, pointer]: [FormContext, Pointer]) {
    const same = ctx === this.ctx && pointer === this.pointer;
    this.bind(ctx, pointer);
    const node = ctx.state.get(pointer);
    if (same && node === this.node && node?.revision === this.revision) return noChange;
    return this.draw();
  }

  /** Re-read the model node and re-render this part only. */
  refresh(): void {
    if (this.isConnected) this.setValue(this.draw());
  }

  private draw(): TemplateResult | typeof nothing {
    const node = this.ctx && this.pointer !== undefined ? this.ctx.state.get(this.pointer) : undefined;
    this.node = node;
    this.revision = node?.revision ?? -1;
    return node && this.ctx ? renderFieldFrame(node, this.ctx) : nothing;
  }

  private bind(ctx: FormContext, pointer: Pointer): void {
    if (ctx === this.ctx && pointer === this.pointer) return;
    this.unregister();
    this.ctx = ctx;
    this.pointer = pointer;
    this.register();
  }

  private register(): void {
    if (!this.ctx || this.pointer === undefined) return;
    let set = this.ctx.mounted.get(this.pointer);
    if (!set) this.ctx.mounted.set(this.pointer, (set = new Set()));
    set.add(this);
  }

  private unregister(): void {
    if (this.ctx && this.pointer !== undefined) this.ctx.mounted.get(this.pointer)?.delete(this);
  }

  protected override disconnected(): void {
    this.unregister();
  }

  protected override reconnected(): void {
    this.register();
  }
}

/** Render the field at `pointer` as an independently updating part. */
export const fieldPart = directive(FieldPartDirective);
