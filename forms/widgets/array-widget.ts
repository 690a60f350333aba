import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { localize, t } from './messages.js';
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

/** Static strings of one render, computed once rather than per item. */
function labelsFor(lang: WidgetProps['lang']) {
  return { drag: t(lang, 'dragHint'), up: t(lang, 'moveUp'), down: t(lang, 'moveDown'), remove: t(lang, 'remove'), details: t(lang, 'details') };
}

function renderItem(p: WidgetProps, item: FieldModel, i: number, count: number, min: number, labels: ReturnType<typeof labelsFor>) {
  const { field, services, lang } = p;
  const title = titleOf(p, item, i);
  let body;
  if (item.kind !== 'object' && schemaType(item) !== 'object') body = services.renderField(item.pointer);
  else {
    const layout = services.state.layoutOf(item.pointer);
    body = layout
      ? services.renderLayout(layout, `${p.id}-${item.path.at(-1) ?? ''}`)
      : repeat(
          item.children,
          (c) => c.pointer,
          (c) => services.renderField(c.pointer),
        );
  }
  // Listeners live on the list (see renderArray): an item is plain markup plus its fields.
  return html`<li class="item" part="item" data-index=${i} tabindex="-1" aria-label=${title}>
    <div class="item-head">
      <span class="item-title" part="item-title">${title}</span>
      <span class="item-tools" ?hidden=${p.locked}>
        <button
          type="button"
          class="drag-handle"
          data-role="handle"
          draggable="true"
          title=${labels.drag}
          aria-label=${`${title}${p.lang === 'en' ? ': ' : '：'}${labels.drag}`}
        >
          ⠿
        </button>
        <button type="button" data-role="up" ?disabled=${i === 0}>${labels.up}</button>
        <button type="button" data-role="down" ?disabled=${i === count - 1}>${labels.down}</button>
        <button type="button" data-role="remove" ?disabled=${count <= min} aria-label=${t(lang, 'removeItem', { title })}>${labels.remove}</button>
      </span>
    </div>
    ${
      field.ui.props?.collapsed
        ? html`<details class="item-detail" part="item-detail">
            <summary>${labels.details}</summary>
            <div class="form">${body}</div>
          </details>`
        : html`<div class="form">${body}</div>`
    }
  </li>`;
}

/** Where an event on the list happened: the item index and the tool button's role. */
function target(e: Event): { index: number; role: string; el: HTMLElement } | undefined {
  const el = e.target as HTMLElement;
  const li = el.closest<HTMLElement>('li.item');
  if (!li || li.parentElement !== e.currentTarget) return undefined;
  const button = el.closest<HTMLElement>('button[data-role]');
  return { index: Number(li.dataset.index), role: button && li.contains(button) ? (button.dataset.role ?? '') : '', el };
}

function listHandlers(p: WidgetProps, ops: Ops) {
  const pointer = p.field.pointer;
  return {
    click(e: Event) {
      const at = target(e);
      if (!at || p.locked) return;
      if (at.role === 'up') ops.move(at.index, at.index - 1, 'up', at.el);
      else if (at.role === 'down') ops.move(at.index, at.index + 1, 'down', at.el);
      else if (at.role === 'remove') ops.remove(at.index, at.el);
    },
    keydown(e: KeyboardEvent) {
      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
      const at = target(e);
      if (!at || p.locked) return;
      e.preventDefault();
      e.stopPropagation();
      ops.move(at.index, e.key === 'ArrowUp' ? at.index - 1 : at.index + 1, at.role || 'handle', at.el);
    },
    dragstart(e: DragEvent) {
      const at = target(e);
      if (!at || at.role !== 'handle') return;
      dragging = { pointer, from: at.index };
      e.dataTransfer?.setData('text/plain', String(at.index));
    },
    dragover(e: DragEvent) {
      if (dragging?.pointer === pointer) e.preventDefault();
    },
    drop(e: DragEvent) {
      const at = target(e);
      if (!at || dragging?.pointer !== pointer) return;
      e.preventDefault();
      ops.move(dragging.from, at.index, 'handle', at.el);
      dragging = undefined;
    },
  };
}

function renderArray(p: WidgetProps) {
  const { field, lang } = p;
  const items = field.children;
  const min = typeof field.schema.minItems === 'number' ? field.schema.minItems : 0;
  const max = typeof field.schema.maxItems === 'number' ? field.schema.maxItems : Infinity;
  const ops = operations(p);
  const on = listHandlers(p, ops);
  const labels = labelsFor(lang);
  const limits = [min > 0 ? t(lang, 'minItems', { n: min }) : '', Number.isFinite(max) ? t(lang, 'maxItems', { n: max }) : ''].filter(Boolean).join('；');
  const count = items.length;
  return html`<div class="array" part="array">
    ${limits ? html`<div class="help" id=${`${p.id}-limits`}>${limits}</div>` : nothing}
    <ol
      class="items"
      id=${p.id}
      tabindex="-1"
      aria-describedby=${p.describedBy || nothing}
      @click=${on.click}
      @keydown=${on.keydown}
      @dragstart=${on.dragstart}
      @dragover=${on.dragover}
      @drop=${on.drop}
    >
      ${repeat(
        items,
        (item) => item.pointer,
        // Only items whose node changed (or whose position/neighbours did) rebuild their template.
        (item, i) => guard([item, item.revision, i, count, p.locked, lang], () => renderItem(p, item, i, count, min, labels)),
      )}
    </ol>
    ${
      p.locked
        ? nothing
        : html`<div class="actions" style="justify-content:flex-start">
            <button type="button" part="add" ?disabled=${count >= max} @click=${ops.add}>＋ ${localize(field.ui.addLabel, lang) || t(lang, 'add')}</button>
          </div>`
    }
  </div>`;
}

/** Arrays of objects (or of single values): add, remove, reorder by buttons, Alt+↑/↓ and drag. */
export const arrayWidget: WidgetEntry = {
  name: 'array',
  tester: rankBy(['array', 'list'], 1, (f) => schemaType(f) === 'array'),
  render: renderArray,
  frame: 'legend',
};
