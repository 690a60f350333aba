/**
 * Which nodes' rules and computed values read which data pointers, so an update re-runs only
 * those that depend on what changed.
 */
import { ruleDependencies } from './logic.js';
import type { FieldNode } from './node.js';
import type { Pointer } from './types.js';

export interface DependencyIndex {
  add(node: FieldNode): void;
  remove(node: FieldNode): void;
  /** Nodes depending on `pointer`, its ancestors, and (when `deep`) its descendants. */
  affected(pointer: Pointer, deep: boolean): Set<FieldNode>;
}

export function createDependencyIndex(): DependencyIndex {
  const byPointer = new Map<Pointer, Set<FieldNode>>();
  const ofNode = new WeakMap<FieldNode, Pointer[]>();

  const itemPointer = (node: FieldNode): Pointer | undefined => {
    if (!node.itemPath) return undefined;
    let p: FieldNode | undefined = node;
    while (p && p.path.length > node.itemPath.length) p = p.parent;
    return p?.pointer;
  };

  return {
    add(node) {
      const rules = [...node.rules.map((r) => r.when), ...(node.computedRule === undefined ? [] : [node.computedRule])];
      if (rules.length === 0) return;
      const item = itemPointer(node);
      const pointers = [...new Set(rules.flatMap((rule) => ruleDependencies(rule, item)))];
      ofNode.set(node, pointers);
      for (const p of pointers) {
        let set = byPointer.get(p);
        if (!set) byPointer.set(p, (set = new Set()));
        set.add(node);
      }
    },
    remove(node) {
      for (const p of ofNode.get(node) ?? []) {
        const set = byPointer.get(p);
        set?.delete(node);
        if (set?.size === 0) byPointer.delete(p);
      }
      ofNode.delete(node);
    },
    affected(pointer, deep) {
      const out = new Set<FieldNode>();
      const addAll = (set: Set<FieldNode> | undefined) => set?.forEach((n) => out.add(n));
      let p = pointer;
      for (;;) {
        addAll(byPointer.get(p));
        if (p === '') break;
        p = p.slice(0, p.lastIndexOf('/'));
      }
      if (deep) for (const [key, set] of byPointer) if (key.startsWith(pointer + '/')) addAll(set);
      return out;
    },
  };
}
