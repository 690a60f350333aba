/**
 * A whole form tree and the passes over it that both the pure submission path and the live
 * model use: build, index, computed values to a fixed point, all rules, pruning.
 */
import { buildChildren, buildNode, EMPTY_FIELD_BUDGET, walk, type BuildContext, type FieldNode } from './node.js';
import { normalizeUiSchema } from './jsonforms-ui.js';
import type { RegExpFactory } from './open-object.js';
import { childPointer, equalJson, getIn, removeIn, setIn } from './pointer.js';
import { constProperties } from './schema.js';
import { computeValue, deriveFlags, evaluateRules } from './rules.js';
import type { JsonSchema, Lang, Permissions, Pointer, UiSchema } from './types.js';

export interface FormTree {
  ctx: BuildContext;
  root: FieldNode;
  index: Map<Pointer, FieldNode>;
}

export interface TreeOptions {
  lang?: Lang;
  permissions?: Permissions;
  readonly?: boolean;
  regExp?: RegExpFactory;
}

export function buildTree(schema: JsonSchema, uiSchema: UiSchema | undefined, data: unknown, options: TreeOptions): FormTree {
  const ctx: BuildContext = {
    root: schema,
    uiSchema: normalizeUiSchema(uiSchema),
    lang: options.lang ?? 'zh-CN',
    permissions: options.permissions,
    readonly: options.readonly ?? false,
    emptyBudget: EMPTY_FIELD_BUDGET,
    regExp: options.regExp,
  };
  const root = buildNode(ctx, schema, [], '', undefined, data, false);
  const index = new Map<Pointer, FieldNode>();
  walk(root, (n) => index.set(n.pointer, n));
  return { ctx, root, index };
}

/** Replaces a container node's children after its value changed shape; returns the new children. */
export function rebuildChildren(tree: FormTree, node: FieldNode): FieldNode[] {
  for (const child of node.children) walk(child, (n) => tree.index.delete(n.pointer));
  tree.ctx.emptyBudget = EMPTY_FIELD_BUDGET;
  // A value given to a collapsed object opens it (one level: its own recursive fields stay collapsed).
  if (node.value !== undefined) node.collapsed = false;
  node.children = buildChildren(tree.ctx, node);
  for (const child of node.children) walk(child, (n) => tree.index.set(n.pointer, n));
  return node.children;
}

function isContainer(node: FieldNode): boolean {
  return node.kind === 'object' || node.kind === 'array';
}

/**
 * Recomputes the given computed nodes (in order) until nothing changes, writing into `data`.
 * Returns the new data and the nodes whose value changed.
 */
export function applyComputed(
  tree: FormTree,
  nodes: readonly FieldNode[],
  data: unknown,
  context: Record<string, unknown> | undefined,
): { data: unknown; changed: Set<FieldNode> } {
  const changed = new Set<FieldNode>();
  for (let pass = 0; pass <= nodes.length; pass += 1) {
    let any = false;
    for (const node of nodes) {
      const value = computeValue(node, data, context);
      if (equalJson(value, node.value)) continue;
      data = setIn(data, node.path, value);
      node.value = value;
      if (isContainer(node)) rebuildChildren(tree, node);
      changed.add(node);
      any = true;
    }
    if (!any) break;
  }
  return { data, changed };
}

/** Runs every rule and derives every node's flags, parents first. */
export function applyAllRules(tree: FormTree, data: unknown, context: Record<string, unknown> | undefined): void {
  walk(tree.root, (node) => {
    evaluateRules(node, data, context);
    deriveFlags(node, tree.ctx);
  });
}

/** `data` without the values of fields hidden by rules (permissions never prune). */
export function pruneData(root: FieldNode, data: unknown): unknown {
  const top: FieldNode[] = [];
  const visit = (node: FieldNode): void => {
    if (node.pruned && (node.parent === undefined || !node.parent.pruned)) {
      if (node.value !== undefined) top.push(node);
      return;
    }
    for (const child of node.children) visit(child);
  };
  visit(root);
  // Later array items first, so removing one does not shift the indexes of the others.
  for (let i = top.length - 1; i >= 0; i -= 1) {
    const node = top[i];
    if (node) data = node.parent ? removeIn(data, node.path) : undefined;
  }
  return data;
}

/** Nodes with a computed rule, in document order. */
export function computedNodes(root: FieldNode): FieldNode[] {
  const out: FieldNode[] = [];
  walk(root, (n) => {
    if (n.computedRule !== undefined) out.push(n);
  });
  return out;
}

/** Nodes with rules, in document order. */
export function ruledNodes(root: FieldNode): FieldNode[] {
  const out: FieldNode[] = [];
  walk(root, (n) => {
    if (n.rules.length > 0) out.push(n);
  });
  return out;
}

/** The field at `pointer`, or its nearest ancestor that has one (an entry not rendered yet). */
export function nearestNode(tree: FormTree, pointer: Pointer): FieldNode | undefined {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const node = tree.index.get(p);
    if (node || p === '') return node;
  }
}

/** `data` with the discriminators (`const` properties) of every object alternative chosen above `node`. */
export function withDiscriminators(data: unknown, node: FieldNode): unknown {
  let out = data;
  for (let a = node.parent; a; a = a.parent) {
    const option = a.alternative === undefined ? undefined : a.alternativeSchemas?.[a.alternative];
    if (!option) continue;
    for (const [name, value] of Object.entries(constProperties(option))) {
      if (!equalJson(getIn(out, [...a.path, name]), value)) out = setIn(out, [...a.path, name], value);
    }
  }
  return out;
}

/** Pointers of the touched fields under `node`'s items, moved to where `remap` puts each item. */
export function touchedUnder(node: FieldNode, remap: (index: number) => number | undefined): Pointer[] {
  const out: Pointer[] = [];
  node.children.forEach((child, i) => {
    const to = remap(i);
    if (to === undefined) return;
    walk(child, (n) => {
      if (n.touched) out.push(childPointer(node.pointer, to) + n.pointer.slice(child.pointer.length));
    });
  });
  return out;
}
