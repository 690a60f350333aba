import { html, nothing, type TemplateResult } from 'lit';
import { formatValue } from './format-value.js';
import type { FileLoader } from './file-image.js';
import type { FileRef, WidgetServices } from './types.js';

type Files = WidgetServices['files'];

/** Attachments as links that open them with the form's credentials. */
function fileLinks(field: FieldModel, files: NonNullable<Files>): TemplateResult {
  const refs = (Array.isArray(field.value) ? field.value : [field.value]).filter(
    (v): v is FileRef => !!v && typeof v === 'object' && typeof (v as FileRef).id === 'string' && typeof (v as FileRef).name === 'string',
  );
  return html`<ul class="files" part="review-files">
    ${refs.map(
      (ref) =>
        html`<li>
          <a
            part="file-link"
            href=${files.href(ref)}
            data-file=${ref.id}
            @click=${(e: Event) => {
              e.preventDefault();
              void files.open(ref).catch(() => window.open(files.href(ref), '_blank', 'noopener'));
            }}
            >${ref.name}</a
          >
        </li>`,
    )}
  </ul>`;
}
import type { FieldModel, FormState, Lang, LayoutView } from '../model/types.js';

/** Objects and arrays shown as one value, not as nested fields. */
const LEAVES = new Set(['multi-select', 'file', 'user', 'unit', 'richtext', 'signature']);

function isContainer(field: FieldModel): boolean {
  return (field.kind === 'object' || field.kind === 'array') && !LEAVES.has(field.widget);
}

function isFileRef(v: unknown): v is FileRef {
  return typeof v === 'object' && v !== null && typeof (v as FileRef).id === 'string' && typeof (v as FileRef).sha256 === 'string';
}

function entry(field: FieldModel, lang: Lang, load?: FileLoader, files?: Files): TemplateResult | typeof nothing {
  if (!field.visible) return nothing;
  // A handwritten signature shows (and prints) as the image it is.
  if (field.widget === 'signature' && isFileRef(field.value) && load) {
    return html`<dt part="review-label">${field.label}</dt>
      <dd part="review-value signature" data-pointer=${field.pointer}>
        <chancery-file-image .ref=${field.value} .load=${load} alt=${field.label}></chancery-file-image>
      </dd>`;
  }
  if (field.widget === 'file' && files && field.value) {
    return html`<dt part="review-label">${field.label}</dt>
      <dd part="review-value" data-pointer=${field.pointer}>${fileLinks(field, files)}</dd>`;
  }
  if (!isContainer(field)) {
    return html`<dt part="review-label">${field.label}</dt>
      <dd part="review-value" data-pointer=${field.pointer}>${formatValue(field, field.value, lang)}</dd>`;
  }
  return html`<dt part="review-label">${field.label}</dt>
    <dd part="review-value">${renderReview(field, lang, load, files)}</dd>`;
}

/**
 * The read-only review of a form's data (also what prints on A4): a definition list of labels
 * and values, nested for objects and arrays. Values are text, never HTML.
 */
export function renderReview(root: FieldModel, lang: Lang, load?: FileLoader, files?: Files): TemplateResult {
  if (root.kind === 'array') {
    return html`${root.children.map(
      (item, i) =>
        html`<section class="item" part="review-item">
          <div class="item-title">${item.itemTitle || `${i + 1}.`}</div>
          ${isContainer(item) ? html`<dl>${item.children.map((c) => entry(c, lang, load, files))}</dl>` : formatValue(item, item.value, lang)}
        </section>`,
    )}`;
  }
  const chosen = root.alternative === undefined ? undefined : root.alternatives?.[root.alternative];
  return html`${chosen ? html`<p class="alternative" part="review-alternative">${chosen.label}</p>` : nothing}
    <dl>${root.children.map((c) => entry(c, lang, load, files))}</dl>`;
}

/**
 * The review laid out like the form: each titled group, tab or step becomes a titled section
 * (so the printout keeps the form's structure); runs of fields share one definition list.
 */
export function renderReviewLayout(view: LayoutView, state: FormState, lang: Lang, load?: FileLoader, files?: Files): TemplateResult {
  if (view.kind === 'field') {
    const field = state.get(view.pointer);
    return html`<dl>${field ? entry(field, lang, load, files) : nothing}</dl>`;
  }
  const out: TemplateResult[] = [];
  let run: FieldModel[] = [];
  const flush = () => {
    if (run.length) out.push(html`<dl>${run.map((f) => entry(f, lang, load, files))}</dl>`);
    run = [];
  };
  for (const item of view.items) {
    const field = item.kind === 'field' ? state.get(item.pointer) : undefined;
    if (field) run.push(field);
    else if (item.kind !== 'field') {
      flush();
      out.push(renderReviewLayout(item, state, lang, load, files));
    }
  }
  flush();
  if (!view.title) return html`${out}`;
  return html`<section part="review-section">
    <h3>${view.title}</h3>
    ${out}
  </section>`;
}

/** The root object's open entries (keys beyond its properties), which its layout does not place. */
export function renderReviewEntries(root: FieldModel, lang: Lang, load?: FileLoader, files?: Files): TemplateResult | typeof nothing {
  const entries = root.children.filter((c) => c.entry);
  return entries.length ? html`<dl>${entries.map((c) => entry(c, lang, load, files))}</dl>` : nothing;
}
