import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { t } from './messages.js';
import { rankBy, schemaType } from './widget-registry.js';
import type { FieldModel, FieldOption } from '../model/types.js';
import type { WidgetEntry, WidgetProps } from './types.js';

function optionsOf(field: FieldModel): readonly FieldOption[] {
  return field.options ?? [];
}

const hasEnum = (f: FieldModel) => optionsOf(f).length > 0 && schemaType(f) !== 'array';
const isBoolean = (f: FieldModel) => schemaType(f) === 'boolean';
const isEnumArray = (f: FieldModel) => schemaType(f) === 'array' && optionsOf(f).length > 0;

function same(a: unknown, b: unknown): boolean {
  return a === b || (a !== null && typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

function aria(p: WidgetProps) {
  return { invalid: p.invalid ? 'true' : 'false', describedBy: p.describedBy || undefined };
}

function renderSelect(p: WidgetProps) {
  const options = optionsOf(p.field);
  const selected = options.findIndex((o) => same(o.value, p.field.value));
  const a = aria(p);
  // Option values are indexes so numbers, booleans and null survive the round trip through the DOM.
  return html`<select
    id=${p.id}
    part="input select"
    ?required=${p.field.required}
    ?disabled=${p.locked}
    aria-invalid=${a.invalid}
    aria-describedby=${ifDefined(a.describedBy)}
    @change=${(e: Event) => {
      const index = Number((e.target as HTMLSelectElement).value);
      p.set(index < 0 ? undefined : options[index]?.value);
      p.touch();
    }}
  >
    <option value="-1" ?selected=${selected < 0}>${p.field.placeholder || t(p.lang, 'select')}</option>
    ${options.map((o, i) => html`<option value=${i} ?selected=${i === selected}>${o.label}</option>`)}
  </select>`;
}

function renderRadio(p: WidgetProps) {
  const a = aria(p);
  return html`<div class="choices">
    ${optionsOf(p.field).map(
      (o, i) =>
        html`<label class="choice" part="choice">
          <input
            type="radio"
            id=${i === 0 ? p.id : `${p.id}-${i}`}
            name=${p.id}
            .checked=${same(o.value, p.field.value)}
            ?disabled=${p.locked}
            ?required=${p.field.required}
            aria-invalid=${a.invalid}
            aria-describedby=${ifDefined(a.describedBy)}
            @change=${() => {
              p.set(o.value);
              p.touch();
            }}
          />${o.label}</label
        >`,
    )}
  </div>`;
}

function renderMulti(p: WidgetProps) {
  const current = Array.isArray(p.field.value) ? (p.field.value as unknown[]) : [];
  const a = aria(p);
  const options = optionsOf(p.field);
  return html`<div class="choices">
    ${options.map(
      (o, i) =>
        html`<label class="choice" part="choice">
          <input
            type="checkbox"
            id=${i === 0 ? p.id : `${p.id}-${i}`}
            .checked=${current.some((v) => same(v, o.value))}
            ?disabled=${p.locked}
            aria-invalid=${a.invalid}
            aria-describedby=${ifDefined(a.describedBy)}
            @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              // Keep the options' order so the stored array does not depend on click order.
              const next = options.filter((x) => (same(x.value, o.value) ? on : current.some((v) => same(v, x.value)))).map((x) => x.value);
              p.set(next.length ? next : undefined);
              p.touch();
            }}
          />${o.label}</label
        >`,
    )}
  </div>`;
}

function renderCheckbox(p: WidgetProps) {
  const a = aria(p);
  return html`<label class="choice" part="choice">
    <input
      type="checkbox"
      id=${p.id}
      .checked=${p.field.value === true}
      ?disabled=${p.locked}
      ?required=${p.field.required}
      aria-invalid=${a.invalid}
      aria-describedby=${ifDefined(a.describedBy)}
      @change=${(e: Event) => {
        p.set((e.target as HTMLInputElement).checked);
        p.touch();
      }}
    />${p.field.label}${p.field.required ? html`<span class="required" aria-hidden="true">*</span>` : ''}</label
  >`;
}

function renderSwitch(p: WidgetProps) {
  const on = p.field.value === true;
  const a = aria(p);
  return html`<span class="switch">
    <button
      type="button"
      role="switch"
      id=${p.id}
      part="switch"
      aria-checked=${on ? 'true' : 'false'}
      aria-labelledby=${`${p.id}-label`}
      aria-describedby=${ifDefined(a.describedBy)}
      ?disabled=${p.locked}
      @click=${() => {
        p.set(!on);
        p.touch();
      }}
    ></button>
    <span aria-hidden="true">${on ? t(p.lang, 'yes') : t(p.lang, 'no')}</span>
  </span>`;
}

/** Select, radio, checkbox, multi-select and switch. */
export const choiceWidgets: WidgetEntry[] = [
  { name: 'select', tester: rankBy('select', 3, hasEnum), render: renderSelect },
  { name: 'radio', tester: rankBy(['radio', 'radios'], -1), render: renderRadio, frame: 'legend' },
  { name: 'multi-select', tester: rankBy(['multi-select', 'checkboxes', 'multiselect'], 4, isEnumArray), render: renderMulti, frame: 'legend' },
  { name: 'checkbox', tester: rankBy('checkbox', 3, isBoolean), render: renderCheckbox, frame: 'none' },
  { name: 'switch', tester: rankBy('switch', -1), render: renderSwitch },
];
