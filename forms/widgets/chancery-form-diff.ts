import { LitElement, html, nothing } from 'lit';
import { createFormState } from '../model/create-form-state.js';
import { defaultTheme } from '../theme/default-theme.js';
import { formatValue } from './format-value.js';
import { t } from './messages.js';
import type { FieldModel, JsonSchema, Lang, UiSchema } from '../model/types.js';

interface Row {
  pointer: string;
  label: string;
  before: string;
  after: string;
}

function leaves(field: FieldModel, lang: Lang, prefix: string, out: Map<string, { label: string; text: string }>): void {
  const container =
    (field.kind === 'object' || field.kind === 'array') && field.widget !== 'multi-select' && field.widget !== 'file' && field.widget !== 'user';
  const label = field.itemTitle ? `${prefix}${field.itemTitle}` : prefix ? `${prefix}${field.label}` : field.label;
  if (!container) {
    out.set(field.pointer, { label, text: formatValue(field, field.value, lang) });
    return;
  }
  const nextPrefix = field.pointer === '' ? '' : `${label} › `;
  for (const child of field.children) leaves(child, lang, nextPrefix, out);
}

/**
 * What changed between two versions of the same form's data, field by field (labels and values
 * as the form shows them). Set `all` to list unchanged fields too.
 *
 * @example html`<chancery-form-diff .schema=${s} .uiSchema=${ui} .oldData=${v1} .newData=${v2}></chancery-form-diff>`
 */
export class ChanceryFormDiff extends LitElement {
  static override styles = defaultTheme;
  static override properties = {
    schema: { attribute: false },
    uiSchema: { attribute: false },
    oldData: { attribute: false },
    newData: { attribute: false },
    lang: { reflect: true },
    all: { type: Boolean },
  };
  declare schema: JsonSchema | undefined;
  declare uiSchema: UiSchema | undefined;
  declare oldData: unknown;
  declare newData: unknown;
  declare lang: Lang;
  declare all: boolean;

  constructor() {
    super();
    this.schema = undefined;
    this.uiSchema = undefined;
    this.oldData = undefined;
    this.newData = undefined;
    this.lang = 'zh-CN';
    this.all = false;
  }

  /** The rows currently shown (changed fields, or all with `all`). */
  rows(): Row[] {
    if (!this.schema) return [];
    const read = (data: unknown) => {
      const out = new Map<string, { label: string; text: string }>();
      leaves(createFormState(this.schema as JsonSchema, this.uiSchema, data, { lang: this.lang, readonly: true }).fields, this.lang, '', out);
      return out;
    };
    const a = read(this.oldData);
    const b = read(this.newData);
    const rows: Row[] = [];
    for (const pointer of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(pointer);
      const y = b.get(pointer);
      const empty = t(this.lang, 'empty');
      const row = { pointer, label: (y ?? x)?.label ?? pointer, before: x?.text ?? empty, after: y?.text ?? empty };
      if (this.all || row.before !== row.after) rows.push(row);
    }
    return rows;
  }

  protected override render() {
    const rows = this.rows();
    if (!rows.length) return html`<p class="help" part="no-changes">${t(this.lang, 'noChanges')}</p>`;
    return html`<table class="diff" part="diff" lang=${this.lang}>
        <thead>
          <tr>
            <th scope="col">${t(this.lang, 'field')}</th>
            <th scope="col">${t(this.lang, 'before')}</th>
            <th scope="col">${t(this.lang, 'after')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((r) => {
            const changed = r.before !== r.after;
            return html`<tr class=${changed ? 'changed' : ''} data-pointer=${r.pointer}>
              <th scope="row">${r.label}</th>
              <td>${changed ? html`<del>${r.before}</del>` : r.before}</td>
              <td>${changed ? html`<ins>${r.after}</ins>` : r.after}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${nothing}`;
  }
}
