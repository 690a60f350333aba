import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { localize, t } from './messages.js';
import { nestedLayout } from './nested-layout.js';
import { rankBy, schemaType } from './widget-registry.js';
import type { FieldModel } from '../model/types.js';
import type { WidgetEntry, WidgetProps } from './types.js';

function titleOf(p: WidgetProps, item: FieldModel, index: number): string {
  return item.itemTitle?.trim() || t(p.lang, 'item', { n: index + 1 });
}

/** After a move, put focus back on the same control of the moved item. */
function refocus(from: HTMLElement, to: number, role: string): void {
  const list = from.closest('ol.items');
  requestAnimationFrame(() => {
    const target = list?.querySelector<HTMLElement>(`li[data-index="${to}"] [data-role="${role}"]`);
    (target && !(target as HTMLButtonElement).disabled ? target : list?.querySelector<HTMLElement>(`li[data-index="${to}"]`))?.focus();
  });
}

function renderArray(p: WidgetProps) {
  const { field, services, lang } = p;
  const state = services.state;
  const items = field.children;
  const min = typeof field.schema.minItems === 'number' ? field.schema.minItems : 0;
  const max = typeof field.schema.maxItems === 'number' ? field.schema.maxItems : Infinity;
  const locked = p.locked;
  const move = (from: number, to: number, role: string, origin: HTMLElement) => {
    if (to < 0 || to >= items.length || from === to) return;
    const title = titleOf(p, items[from] as FieldModel, from);
    state.moveItem(field.pointer, from, to);
    services.announce(t(lang, 'moved', { title, n: to + 1 }));
    refocus(origin, to, role);
  };
  const remove = (index: number) => {
    const title = titleOf(p, items[index] as FieldModel, index);
    state.removeItem(field.pointer, index);
    state.touch(field.pointer);
    services.announce(t(lang, 'removed', { title }));
  };
  const add = (e: Event) => {
    state.addItem(field.pointer);
    const added = state.get(field.pointer)?.children.at(-1);
    services.announce(t(lang, 'added', { title: added ? titleOf(p, added, items.length) : '' }));
    const host = (e.target as HTMLElement).closest('.array');
    requestAnimationFrame(() => host?.querySelector<HTMLElement>('li:last-child :is(input, select, textarea, button[role=switch])')?.focus());
  };
  const onKey = (e: KeyboardEvent, index: number) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || locked) return;
    e.preventDefault();
    move(index, e.key === 'ArrowUp' ? index - 1 : index + 1, (e.target as HTMLElement).dataset.role ?? 'handle', e.target as HTMLElement);
  };
  const drag = { from: -1 };
  const body = (item: FieldModel) => {
    if (item.kind !== 'object' && schemaType(item) !== 'object') return services.renderField(item.pointer);
    const layout = nestedLayout(item, field, lang);
    if (layout) return services.renderLayout(layout, `${p.id}-${item.path.at(-1) ?? ''}`);
    return repeat(item.children, (c) => c.pointer, (c) => services.renderField(c.pointer));
  };
  const limits = [min > 0 ? t(lang, 'minItems', { n: min }) : '', Number.isFinite(max) ? t(lang, 'maxItems', { n: max }) : ''].filter(Boolean).join('；');
  return html`<div class="array" part="array">
    ${limits ? html`<div class="help" id=${`${p.id}-limits`}>${limits}</div>` : nothing}
    <ol class="items" id=${p.id} tabindex="-1" aria-describedby=${p.describedBy || nothing}>
      ${repeat(
        items,
        (item) => item.pointer,
        (item, i) => html`<li
          class="item"
          part="item"
          data-index=${i}
          tabindex="-1"
          aria-label=${titleOf(p, item, i)}
          @keydown=${(e: KeyboardEvent) => onKey(e, i)}
          @dragover=${(e: DragEvent) => e.preventDefault()}
          @drop=${(e: DragEvent) => {
            e.preventDefault();
            if (drag.from >= 0) move(drag.from, i, 'handle', e.currentTarget as HTMLElement);
            drag.from = -1;
          }}
        >
          <div class="item-head">
            <span class="item-title" part="item-title">${titleOf(p, item, i)}</span>
            ${locked
              ? nothing
              : html`<span class="item-tools">
                  <button type="button" class="drag-handle" data-role="handle" draggable="true" title=${t(lang, 'dragHint')}
                    aria-label=${`${titleOf(p, item, i)}：${t(lang, 'dragHint')}`}
                    @dragstart=${(e: DragEvent) => { drag.from = i; e.dataTransfer?.setData('text/plain', String(i)); }}>⠿</button>
                  <button type="button" data-role="up" ?disabled=${i === 0} @click=${(e: Event) => move(i, i - 1, 'up', e.target as HTMLElement)}>${t(lang, 'moveUp')}</button>
                  <button type="button" data-role="down" ?disabled=${i === items.length - 1} @click=${(e: Event) => move(i, i + 1, 'down', e.target as HTMLElement)}>${t(lang, 'moveDown')}</button>
                  <button type="button" data-role="remove" ?disabled=${items.length <= min} aria-label=${t(lang, 'removeItem', { title: titleOf(p, item, i) })} @click=${() => remove(i)}>${t(lang, 'remove')}</button>
                </span>`}
          </div>
          <div class="form">${body(item)}</div>
        </li>`,
      )}
    </ol>
    ${locked
      ? nothing
      : html`<div class="actions" style="justify-content:flex-start">
          <button type="button" part="add" ?disabled=${items.length >= max} @click=${add}>
            ＋ ${localize(field.ui.addLabel, lang) || t(lang, 'add')}
          </button>
        </div>`}
  </div>`;
}

/** Arrays of objects (or of single values): add, remove, reorder by buttons, Alt+↑/↓ and drag. */
export const arrayWidget: WidgetEntry = {
  name: 'array',
  tester: rankBy(['array', 'list'], 1, (f) => schemaType(f) === 'array'),
  render: renderArray,
  frame: 'legend',
};
