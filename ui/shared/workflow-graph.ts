/**
 * A workflow definition as a graph to draw: one node per step (parallel steps hold their regions,
 * regions hold their steps), one edge per transition, labelled with its event. Pure: the diagram
 * element lays it out with elkjs; the admin designer can reuse it.
 */
import { textOf, type Lang } from './i18n.js';
import { outcomeLabel, t } from './messages.js';
import { untitledStep } from './state-titles.js';
import type { StateLike, WorkflowLike } from './types.js';

export type NodeKind = 'task' | 'approval' | 'foreach' | 'parallel' | 'region' | 'final' | 'auto';

export interface GraphNode {
  /** The state id as the engine names it: `review`, `branches.legal.check`. */
  id: string;
  label: string;
  kind: NodeKind;
  initial: boolean;
  children: GraphNode[];
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  label: string;
  /** A guarded candidate (drawn dashed). */
  guarded: boolean;
}

export interface WorkflowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function kindOf(s: StateLike): NodeKind {
  if (s.final) return 'final';
  if (s.parallel) return 'parallel';
  if (s.approval) return 'approval';
  if (s.foreach) return 'foreach';
  if (s.task) return 'task';
  return 'auto';
}

function targetsOf(value: unknown): Array<{ to: string; guarded: boolean }> {
  if (typeof value === 'string') return [{ to: value, guarded: false }];
  if (Array.isArray(value))
    return value.flatMap((v) =>
      v && typeof v === 'object' && typeof (v as { to?: unknown }).to === 'string' ? [{ to: (v as { to: string }).to, guarded: 'if' in v }] : [],
    );
  if (value && typeof value === 'object' && typeof (value as { to?: unknown }).to === 'string')
    return [{ to: (value as { to: string }).to, guarded: 'if' in value }];
  return [];
}

/**
 * @example
 * const { nodes, edges } = workflowGraph(definition, 'zh-CN');
 */
export function workflowGraph(def: WorkflowLike, lang: Lang): WorkflowGraph {
  const edges: GraphEdge[] = [];
  function scope(states: Record<string, StateLike>, initial: string, prefix: string): GraphNode[] {
    const id = (name: string) => (prefix ? `${prefix}.${name}` : name);
    const nodes: GraphNode[] = [];
    for (const [name, s] of Object.entries(states ?? {})) {
      if (!s || typeof s !== 'object') continue;
      const children: GraphNode[] = [];
      for (const [region, r] of Object.entries(s.parallel ?? {})) {
        const rid = `${id(name)}.${region}`;
        children.push({
          id: rid,
          label: textOf(r.title, lang) || t(lang, 'branch'),
          kind: 'region',
          initial: false,
          children: scope(r.states, r.initial, rid),
        });
      }
      nodes.push({ id: id(name), label: textOf(s.title, lang) || untitledStep(s, lang), kind: kindOf(s), initial: name === initial, children });
      const add = (event: string | undefined, value: unknown) => {
        for (const target of targetsOf(value)) {
          if (!(target.to in states)) continue;
          edges.push({
            id: `e${edges.length}`,
            from: id(name),
            to: id(target.to),
            label: event ? outcomeLabel(lang, event, def) : '',
            guarded: target.guarded,
          });
        }
      };
      for (const [event, value] of Object.entries(s.on ?? {})) add(event, value);
      if (s.always !== undefined) add(undefined, s.always);
      if (s.onDone !== undefined) add(undefined, s.onDone);
    }
    return nodes;
  }
  return { nodes: scope(def.states, def.initial, ''), edges };
}
