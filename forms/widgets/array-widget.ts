import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
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

// One drag at a time per page: where it started.
let dragging: { pointer: string; from: number } | undefined;

/** Item operations that read the current model at call time, so guarded (older) item templates stay correct. */
function operations(p: WidgetProps) {
  const { field, services, lang } = p;
  const state = services.state;
  const current = () => state.get(field.pointer)?.children ?? [];
  const title = (index: number) => {
    const item = current()[index];
    return item ? titleOf(p, item, index) : '';
  };
  return {
    move(from: number, to: number, role: string, origin: HTMLElement) {
      if (to < 0 || to >= current().length || from === to || p.locked) return;
      const moved = title(from);
      state.moveItem(field.pointer, from, to);
      services.announce(t(lang, 'moved', { title: moved, n: to + 1 }));
      refocus(origin, to, role);
    },
    remove(index: number, origin: HTMLElement) {
      const removed = title(index);
      const host = origin.closest('.array');
      state.removeItem(field.pointer, index);
      state.touch(field.pointer);
      services.announce(t(lang, 'removed', { title: removed }));
      // The removed item's button is gone: keep focus in the list (the next item, else the add button).
      requestAnimationFrame(() => {
        const items = host?.querySelectorAll<HTMLElement>('li.item');
        const next = items?.[Math.min(index, items.length - 1)];
        (next ?? host?.querySelector<HTMLElement>('[part~="add"]'))?.focus();
      });
    },
    add(e: Event) {
      state.addItem(field.pointer);
      services.announce(t(lang, 'added', { title: title(current().length - 1) }));
      const host = (e.target as HTMLElement).closest('.array');
      requestAnimationFrame(() => host?.querySelector<HTMLElement>('li:last-child :is(input, select, textarea, button[role=switch])')?.focus());
    },
  };
}

type Ops = ReturnType<typeof operations>;

function renderItem(p: WidgetProps, ops: Ops, item: FieldModel, i: number, count: number, min: number) {
  const { field, services, lang } = p;
  const title = titleOf(p, item, i);
  const onKey = (e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const origin = e.target as HTMLElement;
    ops.move(i, e.key === 'ArrowUp' ? i - 1 : i + 1, origin.dataset.role ?? 'handle', origin);
  };
  let body;
  if (item.kind !== 'object' && schemaType(item) !== 'object') body = services.renderField(item.pointer);
  else {
    const layout = nestedLayout(item, field, lang);
    body = layout
      ? services.renderLayout(layout, `${p.id}-${item.path.at(-1) ?? ''}`)
      : repeat(item.children, (c) => c.pointer, (c) => services.renderField(c.pointer));
  }
  return html`<li
    class="item"
    part="item"
    data-index=${i}
    tabindex="-1"
    aria-label=${title}
    @keydown=${onKey}
    @dragover=${(e: DragEvent) => e.preventDefault()}
    @drop=${(e: DragEvent) => {
      e.preventDefault();
      if (dragging?.pointer === field.pointer) ops.move(dragging.from, i, 'handle', e.currentTarget as HTMLElement);
      dragging = undefined;
    }}
  >
    <div class="item-head">
      <span class="item-title" part="item-title">${title}</span>
      ${p.locked
        ? nothing
        : html`<span class="item-tools">
            <button type="button" class="drag-handle" data-role="handle" draggable="true" title=${t(lang, 'dragHint')}
              aria-label=${`${title}：${t(lang, 'dragHint')}`}
              @dragstart=${(e: DragEvent) => {
                dragging = { pointer: field.pointer, from: i };
                e.dataTransfer?.setData('text/plain', String(i));
              }}>⠿</button>
            <button type="button" data-role="up" ?disabled=${i === 0} @click=${(e: Event) => ops.move(i, i - 1, 'up', e.target as HTMLElement)}>${t(lang, 'moveUp')}</button>
            <button type="button" data-role="down" ?disabled=${i === count - 1} @click=${(e: Event) => ops.move(i, i + 1, 'down', e.target as HTMLElement)}>${t(lang, 'moveDown')}</button>
            <button type="button" data-role="remove" ?disabled=${count <= min} aria-label=${t(lang, 'removeItem', { title })} @click=${(e: Event) => ops.remove(i, e.target as HTMLElement)}>${t(lang, 'remove')}</button>
          </span>`}
    </div>
    ${field.ui.props?.collapsed
      ? html`<details class="item-detail" part="item-detail"><summary>${t(lang, 'details')}</summary><div class="form">${body}</div></details>`
      : html`<div class="form">${body}</div>`}
  </li>`;
}

function renderArray(p: WidgetProps) {
  const { field, lang } = p;
  const items = field.children;
  const min = typeof field.schema.minItems === 'number' ? field.schema.minItems : 0;
  const max = typeof field.schema.maxItems === 'number' ? field.schema.maxItems : Infinity;
  const ops = operations(p);
  const limits = [min > 0 ? t(lang, 'minItems', { n: min }) : '', Number.isFinite(max) ? t(lang, 'maxItems', { n: max }) : ''].filter(Boolean).join('；');
  const count = items.length;
  return html`<div class="array" part="array">
    ${limits ? html`<div class="help" id=${`${p.id}-limits`}>${limits}</div>` : nothing}
    <ol class="items" id=${p.id} tabindex="-1" aria-describedby=${p.describedBy || nothing}>
      ${repeat(
        items,
        (item) => item.pointer,
        // Only items whose node changed (or whose position/neighbours did) rebuild their template.
        (item, i) => guard([item, item.revision, i, count, p.locked, lang, p.services], () => renderItem(p, ops, item, i, count, min)),
      )}
    </ol>
    ${p.locked
      ? nothing
      : html`<div class="actions" style="justify-content:flex-start">
          <button type="button" part="add" ?disabled=${count >= max} @click=${ops.add}>
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
