import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { fieldId, type FormContext } from './form-context.js';
import { localize, t } from './messages.js';
import { rankBy, schemaType } from './widget-registry.js';
import type { WidgetEntry, WidgetProps } from './types.js';

/** A recursive (or very large) object without data: its fields open one level at a time. */
function renderCollapsed(p: WidgetProps) {
  return html`<button type="button" part="add open" ?disabled=${p.locked} @click=${() => p.services.state.setValue(p.field.pointer, {})}>
    ＋ ${localize(p.field.ui.addLabel, p.lang) || t(p.lang, 'add')} ${p.field.label}
  </button>`;
}

/** The key–value editor of an open object's entries (`additionalProperties` / `patternProperties`). */
export function renderEntries(p: WidgetProps) {
  return p.field.open ? html`<chancery-entry-editor .props=${p}></chancery-entry-editor>` : nothing;
}

/** The root object's key–value editor (the root has no field frame of its own). */
export function renderRootEntries(ctx: FormContext) {
  const field = ctx.state.fields;
  return renderEntries({
    field,
    id: fieldId(''),
    invalid: false,
    describedBy: '',
    locked: field.readOnly || !field.enabled,
    lang: ctx.lang,
    services: ctx.services,
    set: (value) => ctx.state.setValue('', value),
    touch: () => ctx.state.touch(''),
  });
}

function renderObject(p: WidgetProps) {
  if (p.field.collapsed) return renderCollapsed(p);
  const layout = p.services.state.layoutOf(p.field.pointer);
  if (layout) return html`<div class="form" part="object">${p.services.renderLayout(layout, p.id)}${renderEntries(p)}</div>`;
  const columns = Number(p.field.ui.props?.columns ?? 1);
  return html`<div class=${columns > 1 ? 'columns' : 'form'} style=${columns > 1 ? `--cols:${columns}` : ''} part="object">
      ${repeat(
        p.field.children.filter((child) => !child.entry),
        (child) => child.pointer,
        (child) => p.services.renderField(child.pointer),
      )}
    </div>
    ${renderEntries(p)}`;
}

/** Nested objects: a fieldset whose properties are fields of their own. */
export const objectWidget: WidgetEntry = {
  name: 'object',
  tester: rankBy(['object', 'group'], 1, (f) => schemaType(f) === 'object' || f.kind === 'object'),
  render: renderObject,
  frame: 'legend',
};

function renderChooser(p: WidgetProps) {
  const options = p.field.alternatives ?? [];
  const choose = (index: number) => {
    p.services.state.chooseAlternative(p.field.pointer, index);
    p.touch();
  };
  const describedBy = p.describedBy || undefined;
  if (options.length > 4) {
    return html`<select
      id=${p.id}
      part="input select alternative"
      ?disabled=${p.locked}
      aria-label=${p.field.label}
      aria-invalid=${p.invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy)}
      @change=${(e: Event) => choose(Number((e.target as HTMLSelectElement).value))}
    >
      ${options.map((o, i) => html`<option value=${i} ?selected=${i === p.field.alternative}>${o.label}</option>`)}
    </select>`;
  }
  return html`<div class="choices" part="alternatives">
    ${options.map(
      (o, i) =>
        html`<label class="choice" part="choice">
          <input
            type="radio"
            id=${i === 0 ? p.id : `${p.id}-${i}`}
            name=${p.id}
            .checked=${i === p.field.alternative}
            ?disabled=${p.locked}
            aria-invalid=${p.invalid ? 'true' : 'false'}
            aria-describedby=${ifDefined(describedBy)}
            @change=${() => choose(i)}
          />${o.label}</label
        >`,
    )}
  </div>`;
}

/**
 * `oneOf` / `anyOf` of objects: choose the alternative (radios, or a select beyond four), then
 * fill in that alternative's fields. Switching keeps the values both alternatives share.
 */
export const alternativesWidget: WidgetEntry = {
  name: 'alternatives',
  tester: rankBy(['alternatives', 'one-of'], 5, (f) => (f.alternatives?.length ?? 0) > 0),
  render: (p) => html`${p.field.alternatives?.length ? renderChooser(p) : html`<p class="help">${t(p.lang, 'select')}</p>`}${renderObject(p)}`,
  frame: 'legend',
};
