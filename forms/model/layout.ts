/**
 * The UI schema layout resolved for rendering: titles in the form's language, and every
 * top-level field placed somewhere (fields the layout does not mention follow at the end).
 */
import { childPointer } from './pointer.js';
import type { FieldModel, Lang, LayoutItem, LayoutNode, LayoutView, Pointer, UiSchema } from './types.js';
import { text } from './ui.js';

function resolveItem(item: LayoutItem, lang: Lang, used: Set<Pointer>): LayoutView {
  if (typeof item === 'string') {
    used.add(item);
    return { kind: 'field', pointer: item };
  }
  return resolveNode(item, lang, used);
}

function resolveNode(node: LayoutNode, lang: Lang, used: Set<Pointer>): LayoutView {
  const items = node.items.map((item) => resolveItem(item, lang, used));
  const pointers = items.flatMap((i) => (i.kind === 'field' ? [i.pointer] : i.pointers));
  return {
    kind: node.type,
    title: text(node.title, lang),
    description: text(node.description, lang),
    columns: node.columns,
    items,
    pointers,
  };
}

/**
 * Resolves a layout over `base` (the object node it lays out). Pointers in a nested object's
 * `layout` are relative to that object, so they are prefixed with its pointer.
 */
export function resolveLayout(layout: LayoutNode | undefined, base: Pick<FieldModel, 'pointer' | 'children'>, lang: Lang): LayoutView {
  const prefixed = layout ? prefix(layout, base.pointer) : undefined;
  const used = new Set<Pointer>();
  const view = prefixed ? resolveNode(prefixed, lang, used) : undefined;
  // Entries of an open object are laid out by its key–value editor, not by the layout.
  const rest: LayoutView[] = base.children
    .filter((child) => !child.entry)
    .filter((child) => ![...used].some((p) => p === child.pointer || p.startsWith(child.pointer + '/')))
    .map((child) => ({ kind: 'field', pointer: child.pointer }));
  if (!view) return { kind: 'group', title: undefined, description: undefined, columns: undefined, items: rest, pointers: rest.map(pointerOf) };
  if (rest.length === 0) return view;
  if (view.kind === 'field') return view;
  return { ...view, items: [...view.items, ...rest], pointers: [...view.pointers, ...rest.map(pointerOf)] };
}

function pointerOf(view: LayoutView): Pointer {
  return view.kind === 'field' ? view.pointer : '';
}

function prefix(node: LayoutNode, base: Pointer): LayoutNode {
  if (base === '') return node;
  return {
    ...node,
    items: node.items.map((item) => (typeof item === 'string' ? base + item : prefix(item, base))),
  };
}

/** The form's root layout. */
export function rootLayout(uiSchema: UiSchema | undefined, root: FieldModel, lang: Lang): LayoutView {
  // A root that is not an object (a string, a number, an array) is itself the one field.
  if (root.kind !== 'object') {
    const only: LayoutView = { kind: 'field', pointer: '' };
    return { kind: 'group', title: undefined, description: undefined, columns: undefined, items: [only], pointers: [''] };
  }
  return resolveLayout(uiSchema?.layout, root, lang);
}
