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

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface LaidNode extends Box {
  id: string;
  node: GraphNode;
  depth: number;
}
interface LaidEdge {
  edge: GraphEdge;
  points: Array<{ x: number; y: number }>;
  label?: Box;
}
interface Layout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
}

type ElkNode = {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  children?: ElkNode[];
  labels?: Array<{ text: string; width: number; height: number; x?: number; y?: number }>;
  layoutOptions?: Record<string, string>;
  edges?: ElkEdge[];
};
type ElkEdge = {
  id: string;
  sources: string[];
  targets: string[];
  labels?: ElkNode['labels'];
  container?: string;
  sections?: Array<{ startPoint: { x: number; y: number }; endPoint: { x: number; y: number }; bendPoints?: Array<{ x: number; y: number }> }>;
};
interface Elk {
  layout(graph: ElkNode): Promise<ElkNode>;
}

let elk: Promise<Elk> | undefined;
function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    const Ctor = ((m as { default?: unknown }).default ?? m) as new () => Elk;
    return new Ctor();
  });
  return elk;
}

/** Width of a label in px at 15px: CJK characters are square, Latin about half. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFFF]/.test(ch) ? 15 : 8.2;
  return Math.ceil(w);
}

/** Fitting to the width never shrinks the smallest text (13 px edge labels) below 12 px; wider diagrams pan. */
const MIN_FIT = 12 / 13;
/** Fitting never enlarges a small diagram beyond this. */
export const MAX_FIT = 1.25;
const ZOOMS = [0.5, 0.67, 0.8, 0.93, 1, 1.25, 1.5, 2];

export class ChanceryWorkflowDiagram extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      figure {
        margin: 0;
      }
      .canvas {
        overflow: auto;
        border: 1px solid var(--_hairline);
        border-radius: var(--_radius);
        background: var(--_subtle);
        padding: 8px;
        cursor: grab;
        max-height: 75vh;
        touch-action: pan-x pan-y;
      }
      .canvas.dragging {
        cursor: grabbing;
        user-select: none;
      }
      svg {
        display: block;
        margin: 0 auto;
        font-family: var(--_font);
      }
      .zoom {
        display: flex;
        gap: 4px;
        justify-content: flex-end;
        align-items: center;
        margin-bottom: 4px;
      }
      .zoom button {
        min-height: 36px;
        min-width: 36px;
        padding: 4px 10px;
      }
      .zoom output {
        min-width: 4em;
        text-align: center;
        color: var(--_muted);
      }
      .node rect {
        fill: var(--_surface);
        stroke: var(--_line);
        stroke-width: 1.5;
      }
      .node.region > rect,
      .node.parallel > rect {
        fill: none;
        stroke-dasharray: 5 4;
      }
      .node.final rect {
        rx: 22;
      }
      .node.visited rect {
        fill: var(--_ok-soft);
        stroke: var(--_ok);
        stroke-width: 2;
      }
      .node.current rect {
        fill: var(--_primary-soft);
        stroke: var(--_primary);
        stroke-width: 3;
      }
      .node.problem rect {
        stroke: var(--_danger);
        stroke-width: 3;
      }
      .node text {
        font-size: 15px;
        fill: var(--_ink);
      }
      .node.current text {
        font-weight: 700;
      }
      .node[tabindex] {
        cursor: pointer;
      }
      .node[tabindex]:focus-visible rect {
        stroke: var(--_focus);
        stroke-width: 4;
      }
      .node.selected rect {
        stroke: var(--_focus);
        stroke-width: 3;
      }
      .edge path {
        fill: none;
        stroke: #6b7280;
        stroke-width: 1.5;
      }
      .edge.guarded path {
        stroke-dasharray: 6 4;
      }
      .edge text {
        font-size: 13px;
        fill: var(--_muted);
      }
      .edge rect {
        fill: var(--_subtle);
      }
      .pin circle {
        fill: var(--_danger);
      }
      .pin text {
        fill: #fff;
        font-size: 12px;
        font-weight: 700;
      }
      figcaption {
        margin-top: 6px;
        color: var(--_muted);
        font-size: 0.9rem;
      }
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
    zoom: { state: true },
    room: { state: true },
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
  /** A scale, or `fit` (the width available, never below MIN_FIT). */
  declare zoom: number | 'fit';
  /** The canvas's inner width, for fitting. */
  declare room: number;
  private seq = 0;
  private resizer: ResizeObserver | undefined;
  private drag: { x: number; y: number; left: number; top: number } | undefined;

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
    this.zoom = 'fit';
    this.room = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizer = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry?.contentRect.width ?? 0);
      if (w && Math.abs(w - this.room) > 2) this.room = w;
    });
    this.resizer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer?.disconnect();
  }

  /** The scale the diagram is drawn at. */
  get scale(): number {
    if (this.zoom !== 'fit') return this.zoom;
    const l = this.layout;
    if (!l || !this.room) return 1;
    return Math.min(MAX_FIT, Math.max(MIN_FIT, (this.room - 20) / l.width));
  }

  private step(dir: 1 | -1): void {
    const now = this.scale;
    const next = dir > 0 ? ZOOMS.find((z) => z > now + 0.001) : [...ZOOMS].reverse().find((z) => z < now - 0.001);
    if (next) this.zoom = next;
  }

  /** Pans by dragging the background (steps stay clickable). */
  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0 || (e.target as Element).closest('.node[tabindex]')) return;
    const c = e.currentTarget as HTMLElement;
    this.drag = { x: e.clientX, y: e.clientY, left: c.scrollLeft, top: c.scrollTop };
    c.setPointerCapture(e.pointerId);
    c.classList.add('dragging');
  }

  private onPointerMove(e: PointerEvent): void {
    if (!this.drag) return;
    const c = e.currentTarget as HTMLElement;
    c.scrollLeft = this.drag.left - (e.clientX - this.drag.x);
    c.scrollTop = this.drag.top - (e.clientY - this.drag.y);
  }

  private onPointerUp(e: PointerEvent): void {
    this.drag = undefined;
    (e.currentTarget as HTMLElement).classList.remove('dragging');
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
          ? {
              id: n.id,
              labels: [{ text: n.label, width: textWidth(n.label), height: 18 }],
              layoutOptions: { 'elk.padding': '[top=34,left=12,bottom=12,right=12]', 'elk.nodeLabels.placement': 'INSIDE V_TOP H_LEFT' },
              children: n.children.map(toElk),
            }
          : { id: n.id, width: Math.max(100, textWidth(n.label) + 28), height: 46 };
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
          id: e.id,
          sources: [e.from],
          targets: [e.to],
          ...(e.label ? { labels: [{ text: e.label, width: textWidth(e.label) * (13 / 15) + 8, height: 18 }] } : {}),
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
          edges.push({
            edge: g,
            points,
            ...(l && l.x !== undefined ? { label: { x: l.x + o.x, y: (l.y ?? 0) + o.y, width: l.width, height: l.height } } : {}),
          });
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
    const cls = [
      'node',
      n.node.kind,
      isCurrent ? 'current' : '',
      isVisited ? 'visited' : '',
      pins.length ? 'problem' : '',
      this.selected === n.id ? 'selected' : '',
    ].join(' ');
    const interactive = this.selectable;
    return svg`<g class=${cls} data-state=${n.id} transform="translate(${n.x},${n.y})"
        role=${interactive ? 'button' : 'presentation'} tabindex=${interactive ? '0' : (nothing as never)}
        aria-label=${interactive ? n.node.label : (nothing as never)}
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
      ${e.label ? svg`<rect x=${e.label.x - 2} y=${e.label.y} width=${e.label.width} height=${e.label.height} rx="3"></rect><text x=${e.label.x + 2} y=${e.label.y + 13}>${e.edge.label}</text>` : nothing}
    </g>`;
  }

  protected override render() {
    const l = this.layout;
    const title = textOf(this.definition?.title, this.lang);
    const currentNames = (l?.nodes ?? [])
      .filter((n) => this.current.includes(n.id) && n.node.children.length === 0)
      .map((n) => n.node.label)
      .join('、');
    if (!l) return html`<p class="muted" aria-busy="true">${t(this.lang, 'loading')}</p>`;
    const scale = this.scale;
    const L = (k: Parameters<typeof t>[1]) => t(this.lang, k);
    return html`<figure part="diagram">
      <div class="zoom" role="toolbar" aria-label=${L('zoom')}>
        <button class="btn small" type="button" aria-label=${L('zoomOut')} title=${L('zoomOut')} @click=${() => this.step(-1)}>−</button>
        <output aria-live="polite">${Math.round(scale * 100)}%</output>
        <button class="btn small" type="button" aria-label=${L('zoomIn')} title=${L('zoomIn')} @click=${() => this.step(1)}>+</button>
        <button class="btn small" type="button" aria-pressed=${this.zoom === 'fit' ? 'true' : 'false'} @click=${() => (this.zoom = 'fit')}>
          ${L('zoomFit')}
        </button>
        <button class="btn small" type="button" aria-pressed=${this.zoom === 1 ? 'true' : 'false'} @click=${() => (this.zoom = 1)}>100%</button>
      </div>
      <div
        class="canvas"
        tabindex="0"
        role="region"
        aria-label=${L('diagramPan')}
        @pointerdown=${(e: PointerEvent) => this.onPointerDown(e)}
        @pointermove=${(e: PointerEvent) => this.onPointerMove(e)}
        @pointerup=${(e: PointerEvent) => this.onPointerUp(e)}
        @pointercancel=${(e: PointerEvent) => this.onPointerUp(e)}
      >
        <svg
          viewBox="0 0 ${l.width} ${l.height}"
          width=${Math.round(l.width * scale)}
          height=${Math.round(l.height * scale)}
          role=${this.selectable ? 'group' : 'img'}
          aria-label=${t(this.lang, 'diagramLabel', { title, current: currentNames || '—' })}
        >
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#6b7280"></path>
            </marker>
          </defs>
          ${l.nodes.filter((n) => n.node.children.length > 0).map((n) => this.renderNode(n))} ${l.edges.map((e) => this.renderEdge(e))}
          ${l.nodes.filter((n) => n.node.children.length === 0).map((n) => this.renderNode(n))}
        </svg>
      </div>
      ${this.current.length || this.visited.length ? html`<figcaption>${t(this.lang, 'diagramLegend')}</figcaption>` : nothing}
    </figure>`;
  }
}
