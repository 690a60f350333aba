import { LitElement, html, nothing } from 'lit';
import { t } from './messages.js';
import type { DirectoryUnit } from './directory-client.js';
import type { WidgetProps } from './types.js';

/** Units in tree order with their depth, so the select can indent children under parents. */
function treeOrder(units: DirectoryUnit[]): { unit: DirectoryUnit; depth: number }[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string, DirectoryUnit[]>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : '';
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const out: { unit: DirectoryUnit; depth: number }[] = [];
  const walk = (parent: string, depth: number) => {
    for (const unit of byParent.get(parent) ?? []) {
      out.push({ unit, depth });
      walk(unit.id, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

/** Choose an org unit from the directory tree; stores the id (string schema) or `{ id, name }`. */
export class ChanceryUnitPicker extends LitElement {
  static properties = { props: { attribute: false }, units: { state: true } };
  declare props: WidgetProps | undefined;
  declare units: { unit: DirectoryUnit; depth: number }[] | undefined;
  private loading = false;

  constructor() {
    super();
    this.props = undefined;
    this.units = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(): void {
    if (this.units || this.loading || !this.props) return;
    this.loading = true;
    this.props.services.directory
      .listUnits()
      .then((list) => (this.units = treeOrder(list)))
      .catch(() => (this.units = []))
      .finally(() => (this.loading = false));
  }

  protected override render() {
    const p = this.props;
    if (!p) return nothing;
    const v = p.field.value;
    const current = typeof v === 'string' ? v : v && typeof v === 'object' ? String((v as DirectoryUnit).id) : '';
    const asId = p.field.schema.type === 'string';
    return html`<select
      id=${p.id}
      part="input select"
      ?disabled=${p.locked}
      ?required=${p.field.required}
      aria-busy=${this.units ? 'false' : 'true'}
      aria-invalid=${p.invalid ? 'true' : 'false'}
      aria-describedby=${p.describedBy || nothing}
      @change=${(e: Event) => {
        const id = (e.target as HTMLSelectElement).value;
        const unit = this.units?.find((u) => u.unit.id === id)?.unit;
        p.set(unit ? (asId ? unit.id : { id: unit.id, name: unit.name }) : undefined);
        p.touch();
      }}
    >
      <option value="" ?selected=${!current}>${this.units ? p.field.placeholder || t(p.lang, 'select') : t(p.lang, 'loading')}</option>
      ${(this.units ?? []).map(
        ({ unit, depth }) => html`<option value=${unit.id} ?selected=${unit.id === current}>${(p.lang === 'en' ? '\u00a0\u00a0' : '\u3000').repeat(depth)}${p.lang === 'en' && unit.nameEn ? unit.nameEn : unit.name}</option>`,
      )}
    </select>`;
  }
}
