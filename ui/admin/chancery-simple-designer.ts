/**
 * `<chancery-simple-designer>`: the designer as Chinese office admins know it from DingTalk, 宜搭
 * and FlowLong. ① the start form (the form designer), ② a vertical flow 发起人 → 审批人 → 抄送人
 * → … → 流程结束 with a "+" on every line to insert an approver, a CC, a condition branch group
 * or parallel branches; a click on a node opens its drawer in office words. It edits a
 * `SimpleFlow` (`simple-flow.ts`) and fires `chancery-definition-change` with the definition
 * the engine runs; a definition the simple view cannot show is left to the graph designer
 * (`chancery-open-graph`).
 */
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { ChanceryElement } from '../shared/chancery-element.js';
import { colon, textOf } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import type { DirectoryPerson } from '../shared/types.js';
import {
  approverEditor,
  caseTitleEditor,
  ccEditor,
  conditionEditor,
  conditionSummary,
  laneEditor,
  startersEditor,
  startersSummary,
  titlePreview,
  whoSummary,
  type DrawerContext,
} from './simple-drawer.js';
import {
  addBranch,
  findNode,
  fromDefinition,
  insertNode,
  newNode,
  removeBranch,
  removeNode,
  toDefinition,
  updateNode,
  type BranchGroup,
  type FlowNode,
  type ListPath,
  type NodeType,
  type ParallelGroup,
  type SimpleFlow,
} from './simple-flow.js';
import { st, type SimpleKey } from './simple-messages.js';

/** What the drawer shows: a node, a condition or lane of a group, or the initiator (case title). */
type Open =
  | { kind: 'node'; id: string }
  | { kind: 'branch'; group: string; index: number }
  | { kind: 'lane'; group: string; index: number }
  | { kind: 'initiator' }
  | null;

const ADD: Array<[NodeType, SimpleKey]> = [
  ['approver', 'addApprover'],
  ['cc', 'addCc'],
  ['branch', 'addBranch'],
  ['parallel', 'addParallel'],
];

export class ChancerySimpleDesigner extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .parts {
        display: flex;
        gap: 4px;
        margin-bottom: 12px;
        flex-wrap: wrap;
      }
      .parts button[aria-pressed='true'] {
        background: var(--_primary);
        border-color: var(--_primary);
        color: var(--_primary-ink);
      }
      .work {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(300px, 400px);
        gap: 16px;
        align-items: start;
      }
      .work.closed {
        grid-template-columns: minmax(0, 1fr);
      }
      @container (max-width: 820px) {
        .work {
          grid-template-columns: 1fr;
        }
      }
      .canvas {
        background: var(--_subtle);
        border: 1px solid var(--_hairline);
        border-radius: var(--_radius);
        padding: 20px 12px;
        overflow: auto;
      }
      ol.line {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        align-items: center;
      }
      ol.line > li {
        display: flex;
        flex-direction: column;
        align-items: center;
      }
      .node {
        width: 240px;
        min-height: 64px;
        text-align: start;
        border-radius: 8px;
        border: 1px solid var(--_hairline);
        background: var(--_surface);
        box-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
        padding: 0;
        cursor: pointer;
        font: inherit;
        color: var(--_ink);
        display: flex;
        flex-direction: column;
        overflow: hidden;
      }
      .node .head {
        padding: 6px 12px;
        font-weight: 600;
        color: #fff;
        font-size: 0.95rem;
      }
      .node .body {
        padding: 8px 12px;
        font-size: 0.95rem;
      }
      .node.initiator .head {
        background: #4b5563;
      }
      .node.approver .head {
        background: #b45309;
      }
      .node.cc .head {
        background: #1d4ed8;
      }
      .node.cond .head {
        background: #047857;
      }
      .node.lane .head {
        background: #6d28d9;
      }
      .node.selected {
        outline: 3px solid var(--_focus);
        outline-offset: 2px;
      }
      .node.unset .body {
        color: var(--_danger);
      }
      .card-wrap {
        position: relative;
      }
      .card-wrap .x {
        position: absolute;
        top: 2px;
        inset-inline-end: 2px;
        min-height: 32px;
        min-width: 32px;
        padding: 0;
        border: 0;
        background: transparent;
        color: #fff;
        font-size: 1rem;
        cursor: pointer;
        border-radius: 4px;
      }
      .card-wrap .x:focus-visible {
        outline-color: #fff;
      }
      .link-line {
        width: 2px;
        height: 18px;
        background: var(--_line);
      }
      .plus {
        position: relative;
        display: flex;
        flex-direction: column;
        align-items: center;
      }
      .plus > button.add {
        width: 32px;
        height: 32px;
        min-height: 32px;
        border-radius: 50%;
        border: 0;
        background: var(--_link);
        color: #fff;
        font-size: 1.2rem;
        line-height: 1;
        cursor: pointer;
        padding: 0;
      }
      [role='menu'] {
        position: absolute;
        top: 54px;
        z-index: 30;
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 6px;
        padding: 8px;
        width: 240px;
        background: var(--_surface);
        border: 1px solid var(--_line);
        border-radius: var(--_radius);
        box-shadow: 0 6px 18px rgb(0 0 0 / 0.15);
      }
      .group {
        border: 2px dashed var(--_hairline);
        border-radius: 10px;
        padding: 8px;
        display: flex;
        flex-direction: column;
        align-items: center;
        background: var(--_surface);
      }
      .group-head {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        justify-content: center;
        margin-bottom: 4px;
      }
      .cols {
        display: flex;
        gap: 12px;
        align-items: stretch;
      }
      .col {
        display: flex;
        flex-direction: column;
        align-items: center;
        padding: 0 4px;
        border-top: 2px solid var(--_line);
      }
      .end {
        padding: 8px 20px;
        border-radius: 999px;
        background: #e5e7eb;
        color: var(--_ink);
        font-weight: 600;
      }
      aside.drawer {
        border: 1px solid var(--_hairline);
        border-radius: var(--_radius);
        background: var(--_surface);
        padding: 14px;
        display: grid;
        gap: 12px;
        position: sticky;
        top: 8px;
        max-height: calc(100vh - 24px);
        overflow: auto;
      }
      .choice {
        display: flex;
        gap: 8px;
        align-items: center;
        min-height: 36px;
      }
      fieldset.radios {
        border: 1px solid var(--_hairline);
        border-radius: var(--_radius);
        padding: 8px 12px;
      }
      .row-box {
        border: 1px solid var(--_hairline);
        border-radius: var(--_radius);
        padding: 8px 12px;
      }
      .grow {
        flex: 1;
      }
      .chips {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin: 0;
        padding: 0;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        padding: 2px 4px 2px 10px;
        border-radius: 999px;
        background: var(--_subtle);
        border: 1px solid var(--_hairline);
      }
      .chip button {
        border: 0;
        background: none;
        cursor: pointer;
        min-width: 32px;
        min-height: 32px;
        border-radius: 999px;
        color: var(--_ink);
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    definition: { attribute: false },
    roles: { attribute: false },
    units: { attribute: false },
    section: { state: true },
    open: { state: true },
    menu: { state: true },
  };
  declare definition: WorkflowDefinition | undefined;
  declare roles: DrawerContext['roles'];
  declare units: DrawerContext['units'];
  declare section: 'form' | 'flow';
  declare open: Open;
  declare menu: string;
  private flow: SimpleFlow | null = null;
  private seen: WorkflowDefinition | undefined;
  private readonly people = new Map<string, DirectoryPerson>();

  constructor() {
    super();
    this.definition = undefined;
    this.roles = [];
    this.units = [];
    this.section = 'flow';
    this.open = null;
    this.menu = '';
  }

  private L(k: SimpleKey, p: Record<string, unknown> = {}) {
    return st(this.lang, k, p);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('definition') && this.definition !== this.seen) {
      this.seen = this.definition;
      this.flow = this.definition ? fromDefinition(this.definition) : null;
    }
  }

  private get ctx(): DrawerContext {
    return {
      lang: this.lang,
      flow: this.flow!,
      roles: this.roles,
      units: this.units,
      people: this.people,
      remember: (ps) => ps.forEach((p) => this.people.set(p.username, p)),
    };
  }

  private commit(flow: SimpleFlow): void {
    this.flow = flow;
    const def = toDefinition(flow);
    this.seen = def;
    this.definition = def;
    this.emit('chancery-definition-change', { definition: def });
  }

  private insert(path: ListPath, at: number, type: NodeType): void {
    const flow = this.flow!;
    const node = newNode(flow, type);
    this.menu = '';
    this.commit(insertNode(flow, path, at, node));
    this.open =
      type === 'branch'
        ? { kind: 'branch', group: node.id, index: 0 }
        : type === 'parallel'
          ? { kind: 'lane', group: node.id, index: 0 }
          : { kind: 'node', id: node.id };
  }

  private plus(path: ListPath, at: number, after: string, into: boolean): TemplateResult {
    const key = `${path.join('/')}@${at}`;
    const expanded = this.menu === key;
    const label = into ? this.L('addInto', { name: after }) : this.L('addAfter', { name: after });
    return html`<div class="plus">
      <span class="link-line"></span>
      <button
        class="add"
        type="button"
        aria-label=${label}
        title=${label}
        aria-haspopup="menu"
        aria-expanded=${expanded ? 'true' : 'false'}
        @click=${() => (this.menu = expanded ? '' : key)}
      >
        +
      </button>
      ${
        expanded
          ? html`<div role="menu" aria-label=${label} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.menu = '')}>
              ${ADD.map(([type, k]) => html`<button class="btn small" role="menuitem" type="button" data-add=${type} @click=${() => this.insert(path, at, type)}>${this.L(k)}</button>`)}
            </div>`
          : nothing
      }
      <span class="link-line"></span>
    </div>`;
  }

  private list(nodes: FlowNode[], path: ListPath, first: string, into: boolean): TemplateResult {
    const name = (n: FlowNode) => textOf(n.title, this.lang);
    return html`<ol class="line">
      <li>${this.plus(path, 0, first, into)}</li>
      ${nodes.map(
        (n, i) =>
          html`<li>${this.node(n, path)}</li>
            <li>${this.plus(path, i + 1, name(n), false)}</li>`,
      )}
    </ol>`;
  }

  private isOpen(o: Open): boolean {
    return JSON.stringify(o) === JSON.stringify(this.open);
  }

  private card(kind: string, head: string, body: string, open: Open, remove?: { label: string; run: () => void }, unset = false): TemplateResult {
    return html`<div class="card-wrap">
      <button
        type="button"
        class="node ${kind} ${this.isOpen(open) ? 'selected' : ''} ${unset ? 'unset' : ''}"
        aria-expanded=${this.isOpen(open) ? 'true' : 'false'}
        @click=${() => (this.open = open)}
      >
        <span class="head">${head}</span><span class="body">${body}</span>
      </button>
      ${remove ? html`<button class="x" type="button" aria-label=${remove.label} title=${remove.label} @click=${remove.run}>✕</button>` : nothing}
    </div>`;
  }

  private initiatorCard(flow: SimpleFlow): TemplateResult {
    const who = startersSummary(this.ctx, flow.starters);
    const title = flow.caseTitle.length ? titlePreview(this.ctx, flow.caseTitle) : this.L('caseTitleNone');
    return this.card(
      'initiator',
      this.L('initiator'),
      `${who.text} · ${this.L('caseTitle')}${colon(this.lang)}${title}`,
      { kind: 'initiator' },
      undefined,
      who.unset,
    );
  }

  private node(n: FlowNode, _path: ListPath): TemplateResult {
    const title = textOf(n.title, this.lang);
    const remove = {
      label: this.L('removeNamed', { name: title }),
      run: () => {
        this.commit(removeNode(this.flow!, n.id));
        this.open = null;
      },
    };
    switch (n.type) {
      case 'approver': {
        const body = [whoSummary(this.ctx, n.who), ...(n.dueDays ? [this.L('dueSummary', { n: n.dueDays })] : [])].join(' · ');
        return this.card('approver', title, body, { kind: 'node', id: n.id }, remove, n.who.kind === 'users' && n.who.users.length === 0);
      }
      case 'cc':
        return this.card('cc', title, whoSummary(this.ctx, n.who), { kind: 'node', id: n.id }, remove, n.who.kind === 'users' && n.who.users.length === 0);
      case 'branch':
        return this.branchGroup(n, title);
      case 'parallel':
        return this.parallelGroup(n, title);
    }
  }

  private branchGroup(n: BranchGroup, title: string): TemplateResult {
    return html`<div class="group" role="group" aria-label=${title}>
      <div class="group-head">
        <button
          class="btn small"
          type="button"
          data-action="add-condition"
          @click=${() => {
            this.commit(addBranch(this.flow!, n.id));
            this.open = { kind: 'branch', group: n.id, index: n.branches.length };
          }}
        >
          ${this.L('addCondition')}
        </button>
        <button
          class="btn small danger"
          type="button"
          @click=${() => {
            this.commit(removeNode(this.flow!, n.id));
            this.open = null;
          }}
        >
          ${this.L('removeGroup', { name: title })}
        </button>
      </div>
      <div class="cols">
        ${n.branches.map((b, i) => {
          const name = this.L('conditionN', { n: i + 1 });
          return html`<div class="col">
            ${this.card(
              'cond',
              name,
              conditionSummary(this.ctx, b),
              { kind: 'branch', group: n.id, index: i },
              {
                label: this.L('removeNamed', { name }),
                run: () => {
                  this.commit(removeBranch(this.flow!, n.id, i));
                  this.open = null;
                },
              },
              b.when.rows.length === 0,
            )}
            ${this.list(b.nodes, [n.id, i], name, true)}
          </div>`;
        })}
        <div class="col">
          <div class="card-wrap">
            <div class="node cond"><span class="head">${this.L('otherwise')}</span><span class="body">${this.L('otherwiseHelp')}</span></div>
          </div>
          ${this.list(n.otherwise.nodes, [n.id, n.branches.length], this.L('otherwise'), true)}
        </div>
      </div>
    </div>`;
  }

  private parallelGroup(n: ParallelGroup, title: string): TemplateResult {
    return html`<div class="group" role="group" aria-label=${title}>
      <div class="group-head">
        <button
          class="btn small"
          type="button"
          @click=${() => {
            this.commit(addBranch(this.flow!, n.id));
            this.open = { kind: 'lane', group: n.id, index: n.lanes.length };
          }}
        >
          ${this.L('addLane')}
        </button>
        <button
          class="btn small danger"
          type="button"
          @click=${() => {
            this.commit(removeNode(this.flow!, n.id));
            this.open = null;
          }}
        >
          ${this.L('removeGroup', { name: title })}
        </button>
      </div>
      <div class="cols">
        ${n.lanes.map((l, i) => {
          const name = textOf(l.title, this.lang);
          return html`<div class="col">
            ${this.card(
              'lane',
              name,
              title,
              { kind: 'lane', group: n.id, index: i },
              {
                label: this.L('removeNamed', { name }),
                run: () => {
                  this.commit(removeBranch(this.flow!, n.id, i));
                  this.open = null;
                },
              },
            )}
            ${this.list(l.nodes, [n.id, i], name, true)}
          </div>`;
        })}
      </div>
    </div>`;
  }

  private drawer(): TemplateResult | typeof nothing {
    const o = this.open;
    const flow = this.flow!;
    if (!o) return nothing;
    const ctx = this.ctx;
    let heading = '';
    let body: TemplateResult | typeof nothing = nothing;
    if (o.kind === 'initiator') {
      heading = this.L('initiator');
      body = html`${startersEditor(ctx, flow.starters, (starters) => this.commit({ ...flow, starters }))}
      ${caseTitleEditor(ctx, flow.caseTitle, (caseTitle) => this.commit({ ...flow, caseTitle }))}`;
    } else if (o.kind === 'node') {
      const n = findNode(flow, o.id);
      if (!n) return nothing;
      heading = textOf(n.title, this.lang);
      if (n.type === 'approver') body = approverEditor(ctx, n, (x) => this.commit(updateNode(flow, x)));
      else if (n.type === 'cc') body = ccEditor(ctx, n, (x) => this.commit(updateNode(flow, x)));
    } else {
      const g = findNode(flow, o.group);
      if (g?.type === 'branch' && o.kind === 'branch' && g.branches[o.index]) {
        heading = this.L('conditionN', { n: o.index + 1 });
        body = conditionEditor(ctx, g.branches[o.index]!, (b) =>
          this.commit(updateNode(flow, { ...g, branches: g.branches.map((x, i) => (i === o.index ? b : x)) })),
        );
      } else if (g?.type === 'parallel' && o.kind === 'lane' && g.lanes[o.index]) {
        heading = textOf(g.lanes[o.index]!.title, this.lang);
        body = laneEditor(ctx, g.lanes[o.index]!, (l) => this.commit(updateNode(flow, { ...g, lanes: g.lanes.map((x, i) => (i === o.index ? l : x)) })));
      } else return nothing;
    }
    return html`<aside class="drawer" role="dialog" aria-labelledby="drawer-h" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.open = null)}>
      <div class="spread">
        <h2 id="drawer-h">${heading}</h2>
        <button class="btn small" type="button" @click=${() => (this.open = null)}>${this.L('close')}</button>
      </div>
      ${body}
    </aside>`;
  }

  protected override render() {
    if (!this.definition) return nothing;
    const flow = this.flow;
    if (!flow) {
      return html`<div class="card stack">
        <p>${this.L('cannotShow')}</p>
        <div class="row"><button class="btn" type="button" @click=${() => this.emit('chancery-open-graph', {})}>${this.L('openGraph')}</button></div>
      </div>`;
    }
    return html`<div class="parts" role="group" aria-label=${this.L('simpleTab')}>
        <button class="btn small" type="button" aria-pressed=${this.section === 'form' ? 'true' : 'false'} @click=${() => (this.section = 'form')}>
          ${this.L('formPart')}
        </button>
        <button class="btn small" type="button" aria-pressed=${this.section === 'flow' ? 'true' : 'false'} @click=${() => (this.section = 'flow')}>
          ${this.L('flowPart')}
        </button>
      </div>
      ${
        this.section === 'form'
          ? html`<chancery-form-designer
              simple
              .lang=${this.lang}
              .schema=${flow.form.schema}
              .uiSchema=${flow.form.uiSchema}
              @chancery-form-change=${(e: CustomEvent<{ schema: Record<string, unknown>; uiSchema: Record<string, unknown> }>) => {
                e.stopPropagation();
                this.commit({ ...this.flow!, form: { schema: e.detail.schema, uiSchema: e.detail.uiSchema } });
              }}
            ></chancery-form-designer>`
          : html`<div class="work ${this.open ? '' : 'closed'}">
              <div class="canvas" role="group" aria-label=${this.L('flowPart')}>
                <ol class="line">
                  <li>${this.initiatorCard(flow)}</li>
                  <li>${this.list(flow.nodes, [], this.L('initiator'), false)}</li>
                  <li><div class="end">${this.L('end')}</div></li>
                </ol>
              </div>
              ${this.drawer()}
            </div>`
      }`;
  }
}
