import { html, nothing, type TemplateResult } from 'lit';
import { formatValue } from './format-value.js';
import type { FieldModel, Lang } from '../model/types.js';

function isContainer(field: FieldModel): boolean {
  return (field.kind === 'object' || field.kind === 'array') && field.widget !== 'multi-select' && field.widget !== 'file' && field.widget !== 'user';
}

function entry(field: FieldModel, lang: Lang): TemplateResult | typeof nothing {
  if (!field.visible) return nothing;
  if (!isContainer(field)) {
    return html`<dt part="review-label">${field.label}</dt><dd part="review-value" data-pointer=${field.pointer}>${formatValue(field, field.value, lang)}</dd>`;
  }
  return html`<dt part="review-label">${field.label}</dt><dd part="review-value">${renderReview(field, lang)}</dd>`;
}

/**
 * The read-only review of a form's data (also what prints on A4): a definition list of labels
 * and values, nested for objects and arrays. Values are text, never HTML.
 */
export function renderReview(root: FieldModel, lang: Lang): TemplateResult {
  if (root.kind === 'array') {
    return html`${root.children.map(
      (item, i) => html`<section class="item" part="review-item">
        <div class="item-title">${item.itemTitle || `${i + 1}.`}</div>
        ${isContainer(item) ? html`<dl>${item.children.map((c) => entry(c, lang))}</dl>` : formatValue(item, item.value, lang)}
      </section>`,
    )}`;
  }
  return html`<dl>${root.children.map((c) => entry(c, lang))}</dl>`;
}
