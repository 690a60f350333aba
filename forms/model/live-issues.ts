/**
 * The live model's issue bookkeeping: which node each issue belongs to, which nodes' issues
 * changed since last time, and the issues in document order.
 */
import { nearestNode } from './issues.js';
import type { FieldNode } from './node.js';
import type { Issue, Pointer } from './types.js';

/** Assigns issues to nodes; returns the nodes whose issues changed. */
export function assignIssues(
  index: ReadonlyMap<Pointer, FieldNode>,
  previous: Set<FieldNode>,
  issues: Issue[],
): { nodes: Set<FieldNode>; changed: FieldNode[] } {
  const grouped = new Map<FieldNode, Issue[]>();
  for (const issue of issues) {
    const node = nearestNode(index, issue.pointer);
    if (!node) continue;
    const list = grouped.get(node);
    if (list) list.push(issue);
    else grouped.set(node, [issue]);
  }
  const changed: FieldNode[] = [];
  for (const node of previous) {
    if (!grouped.has(node) && node.errors.length > 0) {
      node.errors = [];
      changed.push(node);
    }
  }
  for (const [node, list] of grouped) {
    if (!sameIssues(node.errors, list)) {
      node.errors = list;
      changed.push(node);
    }
  }
  return { nodes: new Set(grouped.keys()), changed };
}

function sameIssues(a: readonly Issue[], b: readonly Issue[]): boolean {
  return a.length === b.length && a.every((x, i) => x.message === b[i]?.message && x.pointer === b[i]?.pointer);
}

function chain(node: FieldNode): FieldNode[] {
  const out: FieldNode[] = [];
  for (let n: FieldNode | undefined = node; n; n = n.parent) out.unshift(n);
  return out;
}

/** Document order of two nodes of the same tree. */
export function compareNodes(a: FieldNode, b: FieldNode): number {
  if (a === b) return 0;
  const ca = chain(a);
  const cb = chain(b);
  let i = 0;
  while (i < ca.length && i < cb.length && ca[i] === cb[i]) i += 1;
  const x = ca[i];
  const y = cb[i];
  if (!x) return -1;
  if (!y) return 1;
  const siblings = ca[i - 1]?.children ?? [];
  return siblings.indexOf(x) - siblings.indexOf(y);
}

/** Issues of the given nodes, in document order. */
export function orderedIssues(nodes: Iterable<FieldNode>): Issue[] {
  return [...nodes]
    .filter((n) => n.errors.length > 0)
    .sort(compareNodes)
    .flatMap((n) => n.errors);
}
