import { html, nothing } from 'lit';
import { ComboboxElement, type Choice } from './combobox.js';
import { t } from './messages.js';
import type { DirectoryUnit } from './directory-client.js';

/** Units in tree order with their depth, so the list can indent children under parents. */
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

/**
 * Choose an org unit: an ARIA combobox over the directory's unit tree (a county has about a
 * hundred). Typing filters by name or code; ↓/↑ and Enter pick. Stores the id (string schema) or
 * `{ id, name }`.
 */
export class ChanceryUnitPicker extends ComboboxElement {
  static override properties = { ...ComboboxElement.properties, units: { state: true } };
  declare units: { unit: DirectoryUnit; depth: number }[] | undefined;
  private loading = false;

  constructor() {
    super();
    this.units = undefined;
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

  protected override get busy(): boolean {
    return this.units === undefined;
  }

  protected override get choices(): readonly Choice[] {
    const q = this.query.trim().toLowerCase();
    const all = this.units ?? [];
    // Unfiltered: the tree, indented. Filtered: the matches, flat, each with its code.
    const matches = q ? all.filter(({ unit }) => unit.name.toLowerCase().includes(q) || (unit.code ?? '').toLowerCase().includes(q)) : all;
    return matches.map(({ unit, depth }) => ({
      id: unit.id,
      label: this.props?.lang === 'en' && unit.nameEn ? unit.nameEn : unit.name,
      ...(unit.code ? { hint: unit.code } : {}),
      ...(q ? {} : { depth }),
    }));
  }

  protected override queryChanged(): void {
    // Filtering is local: `choices` follows `query`.
  }

  private get current(): DirectoryUnit | undefined {
    const v = this.props?.field.value;
    const id = typeof v === 'string' ? v : v && typeof v === 'object' ? String((v as DirectoryUnit).id) : '';
    if (!id) return undefined;
    const known = this.units?.find((u) => u.unit.id === id || u.unit.code === id)?.unit;
    return known ?? { id, name: typeof v === 'object' && v && typeof (v as DirectoryUnit).name === 'string' ? (v as DirectoryUnit).name : id };
  }

  protected override pick(choice: Choice): void {
    const p = this.props;
    if (!p) return;
    const asId = p.field.schema.type === 'string';
    p.set(asId ? choice.id : { id: choice.id, name: choice.label });
    p.touch();
    p.services.announce(choice.label);
  }

  protected override render() {
    const p = this.props;
    if (!p) return nothing;
    const current = this.current;
    const clear = () => {
      p.set(undefined);
      p.touch();
    };
    return html`${
      current
        ? html`<ul class="chips" part="picked">
            <li class="chip">
              <span>${p.lang === 'en' && current.nameEn ? current.nameEn : current.name}</span>
              ${p.locked || p.field.required ? nothing : html`<button type="button" aria-label=${`${t(p.lang, 'clear')} ${current.name}`} @click=${clear}>×</button>`}
            </li>
          </ul>`
        : nothing
    }
    ${p.locked ? nothing : this.renderCombobox(p, p.field.placeholder || (current ? t(p.lang, 'change') : t(p.lang, 'searchUnit')))}`;
  }
}
