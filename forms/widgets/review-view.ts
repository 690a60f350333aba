import { html, nothing, type TemplateResult } from 'lit';
import { formatValue } from './format-value.js';
import type { FieldModel, FormState, Lang, LayoutView } from '../model/types.js';
import type { FileRef, WidgetServices } from './types.js';

type Files = WidgetServices['files'];

function isFileRef(v: unknown): v is FileRef {
  return !!v && typeof v === 'object' && typeof (v as FileRef).id === 'string' && typeof (v as FileRef).name === 'string';
}

/** Attachments as links that open them (with the form's credentials), the rest as text. */
function value(field: FieldModel, lang: Lang, files: Files): TemplateResult | string {
  const refs = field.widget === 'file' ? (Array.isArray(field.value) ? field.value : [field.value]).filter(isFileRef) : [];
  if (!files || refs.length === 0) return formatValue(field, field.value, lang);
  return html`<ul class="files" part="review-files">${refs.map(
    (ref) => html`<li><a part="file-link" href=${files.href(ref)} data-file=${ref.id} @click=${(e: Event) => {
      e.preventDefault();
      void files.open(ref).catch(() => window.open(files.href(ref), '_blank', 'noopener'));
    }}>${ref.name}</a></li>`,
  )}</ul>`;
}

function isContainer(field: FieldModel): boolean {
  return (field.kind === 'object' || field.kind === 'array') && field.widget !== 'multi-select' && field.widget !== 'file' && field.widget !== 'user' && field.widget !== 'unit';
}

function entry(field: FieldModel, lang: Lang, files?: Files): TemplateResult | typeof nothing {
  if (!field.visible) return nothing;
  if (!isContainer(field)) {
    return html`<dt part="review-label">${field.label}</dt><dd part="review-value" data-pointer=${field.pointer}>${value(field, lang, files)}</dd>`;
  }
  return html`<dt part="review-label">${field.label}</dt><dd part="review-value">${renderReview(field, lang, files)}</dd>`;
}

/**
 * The read-only review of a form's data (also what prints on A4): a definition list of labels
 * and values, nested for objects and arrays. Values are text, never HTML.
 */
export function renderReview(root: FieldModel, lang: Lang, files?: Files): TemplateResult {
  if (root.kind === 'array') {
    return html`${root.children.map(
      (item, i) => html`<section class="item" part="review-item">
        <div class="item-title">${item.itemTitle || `${i + 1}.`}</div>
        ${isContainer(item) ? html`<dl>${item.children.map((c) => entry(c, lang, files))}</dl>` : value(item, lang, files)}
      </section>`,
    )}`;
  }
  const chosen = root.alternative === undefined ? undefined : root.alternatives?.[root.alternative];
  return html`${chosen ? html`<p class="alternative" part="review-alternative">${chosen.label}</p>` : nothing}<dl>${root.children.map((c) => entry(c, lang, files))}</dl>`;
}

/**
 * The review laid out like the form: each titled group, tab or step becomes a titled section
 * (so the printout keeps the form's structure); runs of fields share one definition list.
 */
export function renderReviewLayout(view: LayoutView, state: FormState, lang: Lang, files?: Files): TemplateResult {
  if (view.kind === 'field') {
    const field = state.get(view.pointer);
    return html`<dl>${field ? entry(field, lang, files) : nothing}</dl>`;
  }
  const out: TemplateResult[] = [];
  let run: FieldModel[] = [];
  const flush = () => {
    if (run.length) out.push(html`<dl>${run.map((f) => entry(f, lang, files))}</dl>`);
    run = [];
  };
  for (const item of view.items) {
    const field = item.kind === 'field' ? state.get(item.pointer) : undefined;
    if (field) run.push(field);
    else if (item.kind !== 'field') {
      flush();
      out.push(renderReviewLayout(item, state, lang, files));
    }
  }
  flush();
  if (!view.title) return html`${out}`;
  return html`<section part="review-section"><h3>${view.title}</h3>${out}</section>`;
}
