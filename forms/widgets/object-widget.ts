import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { nestedLayout } from './nested-layout.js';
import { rankBy, schemaType } from './widget-registry.js';
import type { WidgetEntry, WidgetProps } from './types.js';

function renderObject(p: WidgetProps) {
  const layout = nestedLayout(p.field, p.field, p.lang);
  if (layout) return html`<div class="form" part="object">${p.services.renderLayout(layout, p.id)}</div>`;
  const columns = Number(p.field.ui.props?.columns ?? 1);
  return html`<div class=${columns > 1 ? 'columns' : 'form'} style=${columns > 1 ? `--cols:${columns}` : ''} part="object">
    ${repeat(
      p.field.children,
      (child) => child.pointer,
      (child) => p.services.renderField(child.pointer),
    )}
  </div>`;
}

/** Nested objects: a fieldset whose properties are fields of their own. */
export const objectWidget: WidgetEntry = {
  name: 'object',
  tester: rankBy(['object', 'group'], 1, (f) => schemaType(f) === 'object' || f.kind === 'object'),
  render: renderObject,
  frame: 'legend',
};
