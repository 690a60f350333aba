/**
 * The structural edits of a live form: items of an array added, removed and moved, and entries of
 * an open object (keys allowed by `additionalProperties`/`patternProperties`) added, renamed and
 * removed. Each works through the model's `FormEditor`, which keeps the dependency index, rules,
 * validation and listeners in step (`create-form-state.ts`).
 */
import { buildNode, EMPTY_FIELD_BUDGET, newItem, objectSchema, walk, type FieldNode } from './node.js';
import { applyDefaults } from './defaults.js';
import { entrySchema, keyIssue, keyProblem } from './open-object.js';
import { removeIn, setIn } from './pointer.js';
import { emptyValue, itemSchema, resolveSchema } from './schema.js';
import type { FormTree } from './tree.js';
import type { FormState, Issue, JsonSchema, Lang, Pointer } from './types.js';

/** What the edits need of the live model. */
export interface FormEditor {
  readonly tree: FormTree;
  readonly schema: JsonSchema;
  data: unknown;
  readonly lang: Lang;
  writable(node: FieldNode | undefined): node is FieldNode;
  bump(node: FieldNode): void;
  /** Rebuilds `node`'s children; `remap` carries touched flags from old item indexes to new ones. */
  replaceChildren(node: FieldNode, remap?: (index: number) => number | undefined): void;
  /** Sets up a freshly built subtree (dependencies, computed values, rules, flags). */
  adopt(node: FieldNode): void;
  propagate(pointers: Pointer[], deep: boolean): void;
  notify(structural: boolean): void;
}

type ArrayEdits = Pick<FormState, 'addItem' | 'removeItem' | 'moveItem'>;
type EntryEdits = Pick<FormState, 'checkKey' | 'addEntry' | 'renameEntry' | 'removeEntry'>;

export function arrayEdits(form: FormEditor): ArrayEdits {
  function setArray(pointer: Pointer, update: (items: unknown[], node: FieldNode) => unknown[] | undefined, remap?: (i: number) => number | undefined): void {
    const { tree } = form;
    const node = tree.index.get(pointer);
    if (!form.writable(node) || node.kind !== 'array') return;
    const items = Array.isArray(node.value) ? node.value : [];
    const next = update(items, node);
    if (!next) return;
    form.data = setIn(form.data, node.path, next);
    node.value = next;
    form.bump(node);
    if (node.widget !== 'multi-select') {
      if (remap) form.replaceChildren(node, remap);
      else {
        tree.ctx.emptyBudget = EMPTY_FIELD_BUDGET;
        const child = buildNode(
          tree.ctx,
          itemSchema(node.schema, next.length - 1),
          [...node.path, next.length - 1],
          node.uiPointer + '/*',
          node,
          next[next.length - 1],
          false,
        );
        node.children = [...node.children, child];
        walk(child, (n) => tree.index.set(n.pointer, n));
        form.adopt(child);
      }
    }
    form.propagate([pointer], true);
    form.notify(true);
  }

  return {
    addItem(pointer, item) {
      setArray(pointer, (items, node) => [...items, item === undefined ? newItem(node, form.schema) : item]);
    },
    removeItem(pointer, index) {
      setArray(
        pointer,
        (items) => (index >= 0 && index < items.length ? items.filter((_, i) => i !== index) : undefined),
        (i) => (i < index ? i : i > index ? i - 1 : undefined),
      );
    },
    moveItem(pointer, from, to) {
      setArray(
        pointer,
        (items) => {
          if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return undefined;
          const next = items.slice();
          const [moved] = next.splice(from, 1);
          next.splice(to, 0, moved);
          return next;
        },
        (i) => (i === from ? to : from < to && i > from && i <= to ? i - 1 : to < from && i >= to && i < from ? i + 1 : i),
      );
    },
  };
}

export function entryEdits(form: FormEditor): EntryEdits {
  /** The open object at `pointer` when it may change, else undefined. */
  function openObject(pointer: Pointer): FieldNode | undefined {
    const node = form.tree.index.get(pointer);
    return form.writable(node) && node.kind === 'object' && node.open && !node.collapsed ? node : undefined;
  }

  function checkKey(node: FieldNode, key: string, renaming?: string): Issue | undefined {
    const problem =
      keyProblem(objectSchema(node), node.value, key, renaming, form.tree.ctx.regExp) ??
      (key !== renaming && node.pendingEntries.includes(key) ? 'taken' : undefined);
    return problem ? keyIssue(node.pointer, node.label, key, problem, form.lang) : undefined;
  }

  /** The object's entries changed: rebuild its fields and tell everyone. */
  function entriesChanged(node: FieldNode, next: unknown): void {
    if (next !== node.value) {
      form.data = next === undefined ? removeIn(form.data, node.path) : setIn(form.data, node.path, next);
      node.value = next;
    }
    form.bump(node);
    form.replaceChildren(node);
    form.propagate([node.pointer], true);
    form.notify(true);
  }

  return {
    checkKey(pointer, key, renaming) {
      const node = openObject(pointer);
      return node ? checkKey(node, key, renaming) : undefined;
    },
    addEntry(pointer, key, value) {
      const node = openObject(pointer);
      if (!node) return undefined;
      const refused = checkKey(node, key);
      if (refused) return refused;
      const sub = entrySchema(objectSchema(node), key, form.tree.ctx.regExp);
      const initial = value !== undefined ? value : applyDefaults(sub, emptyValue(resolveSchema(sub, form.schema)), form.schema);
      if (initial === undefined) node.pendingEntries = [...node.pendingEntries, key];
      entriesChanged(node, initial === undefined ? node.value : { ...(isRecord(node.value) ? node.value : {}), [key]: initial });
      return undefined;
    },
    renameEntry(pointer, from, to) {
      const node = openObject(pointer);
      if (!node || from === to || !node.children.some((c) => c.entry && c.name === from)) return undefined;
      const refused = checkKey(node, to, from);
      if (refused) return refused;
      node.pendingEntries = node.pendingEntries.map((k) => (k === from ? to : k));
      const record = isRecord(node.value) ? node.value : {};
      // The key changes in place: the entry keeps its position.
      const next = Object.hasOwn(record, from) ? Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v])) : node.value;
      entriesChanged(node, next);
      return undefined;
    },
    removeEntry(pointer, key) {
      const node = openObject(pointer);
      if (!node || !node.children.some((c) => c.entry && c.name === key)) return;
      node.pendingEntries = node.pendingEntries.filter((k) => k !== key);
      const record = isRecord(node.value) ? node.value : {};
      entriesChanged(node, Object.hasOwn(record, key) ? Object.fromEntries(Object.entries(record).filter(([k]) => k !== key)) : node.value);
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
