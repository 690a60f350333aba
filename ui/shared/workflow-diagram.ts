/**
 * `<chancery-workflow-diagram>`: a workflow drawn as boxes and arrows, laid out automatically by
 * elkjs (loaded on first use, so pages without a diagram never download it). The current steps
 * are red, the steps passed green; `problems` pins messages on steps (the designer's validation);
 * with `selectable`, steps are buttons that fire `chancery-select-state` with `{ id }`.
 */
import { css, html, nothing, svg, type PropertyValues, type SVGTemplateResult } from 'lit';
import { ChanceryElement } from './chancery-element.js';
import { t } from './messages.js';
import { baseStyles } from './styles.js';
import type { WorkflowLike } from './types.js';
import { textOf } from './i18n.js';
import { workflowGraph, type GraphEdge, type GraphNode } from './workflow-graph.js';

interface Box { x: number; y: number; width: number; height: number }
interface LaidNode extends Box { id: string; node: GraphNode; depth: number }
interface LaidEdge { edge: GraphEdge; points: Array<{ x: number; y: number }>; label?: Box }
interface Layout { width: number; height: number; nodes: LaidNode[]; edges: LaidEdge[] }

type ElkNode = { id: string; width?: number; height?: number; x?: number; y?: number; children?: ElkNode[]; labels?: Array<{ text: string; width: number; height: number; x?: number; y?: number }>; layoutOptions?: Record<string, string>; edges?: ElkEdge[] };
type ElkEdge = { id: string; sources: string[]; targets: string[]; labels?: ElkNode['labels']; container?: string; sections?: Array<{ startPoint: { x: number; y: number }; endPoint: { x: number; y: number }; bendPoints?: Array<{ x: number; y: number }> }> };
interface Elk { layout(graph: ElkNode): Promise<ElkNode> }

let elk: Promise<Elk> | undefined;
function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    const Ctor = ((m as { default?: unknown }).default ?? m) as new () => Elk;
    return new Ctor();
  });
  return elk;
}

/** Width of a label in px at 14px: CJK characters are square, Latin about half. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFFF]/.test(ch) ? 14 : 7.6;
  return Math.ceil(w);
}

export class ChanceryWorkflowDiagram extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      figure { margin: 0; }
      .canvas { overflow: auto; border: 1px solid var(--_hairline); border-radius: var(--_radius); background: var(--_subtle); padding: 8px; }
      svg { display: block; margin: 0 auto; max-width: 100%; height: auto; font-family: var(--_font); }
      .node rect { fill: var(--_surface); stroke: var(--_line); stroke-width: 1.5; }
      .node.region > rect, .node.parallel > rect { fill: none; stroke-dasharray: 5 4; }
      .node.final rect { rx: 22; }
      .node.visited rect { fill: var(--_ok-soft); stroke: var(--_ok); stroke-width: 2; }
      .node.current rect { fill: var(--_primary-soft); stroke: var(--_primary); stroke-width: 3; }
      .node.problem rect { stroke: var(--_danger); stroke-width: 3; }
      .node text { font-size: 14px; fill: var(--_ink); }
      .node.current text { font-weight: 700; }
      .node[tabindex] { cursor: pointer; }
      .node[tabindex]:focus-visible rect { stroke: var(--_focus); stroke-width: 4; }
      .node.selected rect { stroke: var(--_focus); stroke-width: 3; }
      .edge path { fill: none; stroke: #6b7280; stroke-width: 1.5; }
      .edge.guarded path { stroke-dasharray: 6 4; }
      .edge text { font-size: 12px; fill: var(--_muted); }
      .edge rect { fill: var(--_subtle); }
      .pin circle { fill: var(--_danger); }
      .pin text { fill: #fff; font-size: 12px; font-weight: 700; }
      figcaption { margin-top: 6px; color: var(--_muted); font-size: 0.9rem; }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    definition: { attribute: false },
    current: { attribute: false },
    visited: { attribute: false },
    problems: { attribute: false },
    selected: {},
    selectable: { type: Boolean },
    direction: {},
    layout: { state: true },
  };
  declare definition: WorkflowLike | undefined;
  declare current: string[];
  declare visited: string[];
  /** Messages pinned on steps, by state id. */
  declare problems: Record<string, string[]>;
  declare selected: string;
  declare selectable: boolean;
  /** `RIGHT`, `DOWN`, or empty for automatic (down on narrow screens). */
  declare direction: string;
  declare layout: Layout | undefined;
  private seq = 0;

  constructor() {
    super();
    this.definition = undefined;
    this.current = [];
    this.visited = [];
    this.problems = {};
    this.selected = '';
    this.selectable = false;
    this.direction = '';
    this.layout = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('definition') || changed.has('lang') || changed.has('direction')) void this.relayout();
  }

  /** Resolves when the current definition has been laid out and drawn. */
  async laidOut(): Promise<void> {
    while (this.pending) await this.pending;
    await this.updateComplete;
  }
  private pending: Promise<void> | undefined;

  private async relayout(): Promise<void> {
    const def = this.definition;
    if (!def) return;
    const seq = ++this.seq;
    const run = (async () => {
      const graph = workflowGraph(def, this.lang);
      const dir = this.direction || ((this.getBoundingClientRect().width || 1024) < 700 ? 'DOWN' : 'RIGHT');
      const toElk = (n: GraphNode): ElkNode =>
        n.children.length
          ? { id: n.id, labels: [{ text: n.label, width: textWidth(n.label), height: 18 }], layoutOptions: { 'elk.padding': '[top=34,left=12,bottom=12,right=12]', 'elk.nodeLabels.placement': 'INSIDE V_TOP H_LEFT' }, children: n.children.map(toElk) }
          : { id: n.id, width: Math.max(96, textWidth(n.label) + 28), height: 44 };
      const root: ElkNode = {
        id: '__root',
        layoutOptions: {
          'elk.algorithm': 'layered',
          'elk.direction': dir,
          'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
          'elk.layered.spacing.nodeNodeBetweenLayers': '56',
          'elk.spacing.nodeNode': '28',
          'elk.spacing.edgeLabel': '4',
          'elk.edgeLabels.inline': 'false',
        },
        children: graph.nodes.map(toElk),
        edges: graph.edges.map((e) => ({
          id: e.id, sources: [e.from], targets: [e.to],
          ...(e.label ? { labels: [{ text: e.label, width: textWidth(e.label) * (12 / 14) + 8, height: 16 }] } : {}),
        })),
      };
      const out = await (await loadElk()).layout(root);
      if (seq !== this.seq) return;
      const byId = new Map<string, GraphNode>();
      const walk = (ns: GraphNode[]) => ns.forEach((n) => (byId.set(n.id, n), walk(n.children)));
      walk(graph.nodes);
      const offsets = new Map<string, { x: number; y: number }>([['__root', { x: 0, y: 0 }]]);
      const nodes: LaidNode[] = [];
      const place = (n: ElkNode, ox: number, oy: number, depth: number) => {
        const x = ox + (n.x ?? 0);
        const y = oy + (n.y ?? 0);
        offsets.set(n.id, { x, y });
        const g = byId.get(n.id);
        if (g) nodes.push({ id: n.id, node: g, x, y, width: n.width ?? 0, height: n.height ?? 0, depth });
        for (const c of n.children ?? []) place(c, x, y, depth + 1);
      };
      for (const c of out.children ?? []) place(c, 0, 0, 0);
      const edges: LaidEdge[] = [];
      const collect = (n: ElkNode) => {
        for (const e of n.edges ?? []) {
          const g = graph.edges.find((x) => x.id === e.id);
          const s = e.sections?.[0];
          if (!g || !s) continue;
          const o = offsets.get(e.container ?? n.id) ?? { x: 0, y: 0 };
          const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: p.x + o.x, y: p.y + o.y }));
          const l = e.labels?.[0];
          edges.push({ edge: g, points, ...(l && l.x !== undefined ? { label: { x: l.x + o.x, y: (l.y ?? 0) + o.y, width: l.width, height: l.height } } : {}) });
        }
        for (const c of n.children ?? []) collect(c);
      };
      collect(out);
      nodes.sort((a, b) => a.depth - b.depth);
      this.layout = { width: (out.width ?? 0) + 8, height: (out.height ?? 0) + 8, nodes, edges };
    })();
    this.pending = run;
    try {
      await run;
    } finally {
      if (this.pending === run) this.pending = undefined;
    }
  }

  private select(id: string): void {
    this.selected = id;
    this.emit('chancery-select-state', { id });
  }

  private renderNode(n: LaidNode): SVGTemplateResult {
    const isCurrent = this.current.includes(n.id);
    const isVisited = !isCurrent && this.visited.includes(n.id);
    const pins = this.problems[n.id] ?? [];
    const compound = n.node.children.length > 0;
    const cls = ['node', n.node.kind, isCurrent ? 'current' : '', isVisited ? 'visited' : '', pins.length ? 'problem' : '', this.selected === n.id ? 'selected' : ''].join(' ');
    const interactive = this.selectable;
    return svg`<g class=${cls} data-state=${n.id} transform="translate(${n.x},${n.y})"
        role=${interactive ? 'button' : 'presentation'} tabindex=${interactive ? '0' : nothing as never}
        aria-label=${interactive ? n.node.label : nothing as never}
        @click=${interactive ? () => this.select(n.id) : nothing}
        @keydown=${interactive ? (e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), this.select(n.id)) : nothing}>
      <rect width=${n.width} height=${n.height} rx="6"></rect>
      <text x=${compound ? 12 : n.width / 2} y=${compound ? 22 : n.height / 2 + 5} text-anchor=${compound ? 'start' : 'middle'}>${n.node.label}</text>
      ${pins.length ? svg`<g class="pin" transform="translate(${n.width - 4},4)"><title>${pins.join('\n')}</title><circle r="10"></circle><text text-anchor="middle" y="4">${pins.length}</text></g>` : nothing}
    </g>`;
  }

  private renderEdge(e: LaidEdge): SVGTemplateResult {
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    return svg`<g class="edge ${e.edge.guarded ? 'guarded' : ''}" data-edge="${e.edge.from}->${e.edge.to}">
      <path d=${d} marker-end="url(#arrow)"></path>
      ${e.label ? svg`<rect x=${e.label.x - 2} y=${e.label.y} width=${e.label.width} height=${e.label.height} rx="3"></rect><text x=${e.label.x + 2} y=${e.label.y + 12}>${e.edge.label}</text>` : nothing}
    </g>`;
  }

  protected override render() {
    const l = this.layout;
    const title = textOf(this.definition?.title, this.lang);
    const currentNames = (l?.nodes ?? []).filter((n) => this.current.includes(n.id) && n.node.children.length === 0).map((n) => n.node.label).join('、');
    if (!l) return html`<p class="muted" aria-busy="true">${t(this.lang, 'loading')}</p>`;
    return html`<figure part="diagram">
      <div class="canvas">
        <svg viewBox="0 0 ${l.width} ${l.height}" width=${l.width} role=${this.selectable ? 'group' : 'img'} aria-label=${t(this.lang, 'diagramLabel', { title, current: currentNames || '—' })}>
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7280"></path></marker></defs>
          ${l.nodes.filter((n) => n.node.children.length > 0).map((n) => this.renderNode(n))}
          ${l.edges.map((e) => this.renderEdge(e))}
          ${l.nodes.filter((n) => n.node.children.length === 0).map((n) => this.renderNode(n))}
        </svg>
      </div>
      ${this.current.length || this.visited.length ? html`<figcaption>${t(this.lang, 'diagramLegend')}</figcaption>` : nothing}
    </figure>`;
  }
}
