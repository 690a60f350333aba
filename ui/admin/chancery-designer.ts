/**
 * `<chancery-designer workflow="key">`: the no-code workflow designer. The draft is drawn by
 * `<chancery-workflow-diagram>` (elkjs layout); steps are added, removed, renamed and connected
 * by clicking, and edited in `<chancery-step-panel>`. Every change is validated by the server
 * (`POST /api/definitions/validate`) and each problem pinned on its step from its JSON pointer.
 * Tabs hold the form designer, the simulator, the version comparison and the migration of
 * running cases. Fires `chancery-published` with `{ key, version }`.
 */
import { css, html, nothing } from 'lit';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { ApiError } from '../shared/api-client.js';
import { ChanceryElement } from '../shared/chancery-element.js';
import { colon, textOf } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { addStep, newDefinition, stateOfPointer, type StepKind } from './draft-model.js';
import { fromDefinition } from './simple-flow.js';
import { at, type AdminKey } from './messages.js';
import type { PluginAction } from './step-panel.js';

export interface Problem {
  code: string;
  pointer: string;
  message: string;
  severity: 'error' | 'warning';
}
type Tab = 'simple' | 'design' | 'forms' | 'simulate' | 'time' | 'compare' | 'migrate' | 'json';
const TABS: Tab[] = ['simple', 'design', 'forms', 'simulate', 'time', 'compare', 'migrate', 'json'];
const tabKey: Record<Tab, AdminKey> = {
  simple: 'tabSimple',
  design: 'tabDesign',
  forms: 'tabForms',
  simulate: 'tabSimulate',
  time: 'tabTime',
  compare: 'tabCompare',
  migrate: 'tabMigrate',
  json: 'tabJson',
};

/** One empty list, so the schedule preview is not handed a new array (and does not reload) on every render. */
const NO_SCHEDULES: never[] = [];

export class ChanceryDesigner extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        --_panel: 420px;
      }
      header {
        display: grid;
        gap: 8px;
        margin-bottom: 12px;
      }
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        border-bottom: 2px solid var(--_hairline);
      }
      [role='tab'] {
        border: 0;
        background: none;
        padding: 10px 14px;
        min-height: var(--_target);
        font-weight: 600;
        cursor: pointer;
        border-bottom: 3px solid transparent;
        margin-bottom: -2px;
      }
      [role='tab'][aria-selected='true'] {
        border-bottom-color: var(--_primary);
        color: var(--_primary);
      }
      .work {
        display: grid;
        grid-template-columns: minmax(0, 1fr) var(--_panel);
        gap: 16px;
        align-items: start;
        margin-top: 12px;
      }
      @container (max-width: 900px) {
        .work {
          grid-template-columns: 1fr;
        }
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-bottom: 8px;
      }
      .problems {
        margin: 0;
        padding-inline-start: 20px;
      }
      .problems li {
        margin: 2px 0;
      }
      .status {
        font-weight: 600;
      }
      .ok {
        color: var(--_ok);
      }
      .bad {
        color: var(--_danger);
      }
      pre {
        background: var(--_subtle);
        padding: 12px;
        border-radius: var(--_radius);
        overflow: auto;
        max-height: 70vh;
        font-size: 0.85rem;
      }
      .tabpanel {
        margin-top: 12px;
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    workflow: {},
    definition: { attribute: false },
    selected: { state: true },
    tab: { state: true },
    problems: { state: true },
    validating: { state: true },
    message: { state: true },
    roles: { state: true },
    units: { state: true },
    actions: { state: true },
    loaded: { state: true },
    narrow: { state: true },
  };
  declare workflow: string;
  declare definition: WorkflowDefinition | undefined;
  declare selected: string;
  declare tab: Tab;
  declare problems: Problem[];
  declare validating: boolean;
  declare message: string;
  declare roles: Array<{ key: string; name: string; nameEn?: string }>;
  declare units: Array<{ id: string; code: string; name: string; nameEn?: string }>;
  declare actions: PluginAction[];
  declare loaded: boolean;
  /** Below 700 px the diagram runs top to bottom. */
  declare narrow: boolean;
  private resizer: ResizeObserver | undefined;
  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  private validateSeq = 0;
  /** Resolves once the last requested validation has answered (tests and the publish button wait on it). */
  validated: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.workflow = '';
    this.definition = undefined;
    this.selected = '';
    this.tab = 'simple';
    this.problems = [];
    this.validating = false;
    this.message = '';
    this.roles = [];
    this.units = [];
    this.actions = [];
    this.loaded = false;
    this.narrow = false;
  }

  private L(k: AdminKey, p: Record<string, unknown> = {}) {
    return at(this.lang, k, p);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.resizer = new ResizeObserver(([entry]) => {
      const narrow = (entry?.contentRect.width ?? 1024) < 700;
      if (narrow !== this.narrow) this.narrow = narrow;
    });
    this.resizer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer?.disconnect();
  }

  private async load(): Promise<void> {
    const api = this.http.client;
    const [roles, units] = await Promise.all([
      api.get<{ items: ChanceryDesigner['roles'] }>('/api/directory/roles').catch(() => ({ items: [] })),
      api.get<{ items: ChanceryDesigner['units'] }>('/api/directory/units').catch(() => ({ items: [] })),
    ]);
    this.roles = roles.items;
    this.units = units.items;
    try {
      const p = await api.get<{ items: Array<{ name: string; actions: PluginAction[] }> }>('/api/plugins');
      this.actions = p.items.flatMap((pl) => pl.actions.map((a) => ({ ...a, name: a.name.includes('.') ? a.name : `${pl.name}.${a.name}` })));
    } catch {
      this.actions = [];
    }
    if (!this.definition && this.workflow) {
      this.definition = (await this.fetchDefinition(true)) ?? (await this.fetchDefinition(false)) ?? newDefinition(this.workflow, { 'zh-CN': this.workflow });
    }
    // The simple view for what it can show; the graph for the rest.
    if (this.definition && this.tab === 'simple' && !fromDefinition(this.definition)) this.tab = 'design';
    this.loaded = true;
    if (this.definition) {
      this.selected ||= this.definition.initial;
      this.scheduleValidate(0);
    }
  }

  private async fetchDefinition(draft: boolean): Promise<WorkflowDefinition | undefined> {
    try {
      const r = await this.http.client.get<{ definition: WorkflowDefinition }>(
        `/api/definitions/${encodeURIComponent(this.workflow)}`,
        draft ? { draft: true } : {},
      );
      const { version: _v, ...def } = r.definition;
      return def as WorkflowDefinition;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** Applies a new definition (from the panel, the toolbar or the form designer) and revalidates. */
  setDefinition(def: WorkflowDefinition, selected?: string): void {
    this.definition = def;
    if (selected !== undefined) this.selected = selected || def.initial;
    if (!(this.selected in def.states)) this.selected = def.initial;
    this.message = '';
    this.scheduleValidate();
  }

  private scheduleValidate(delay = 350): void {
    clearTimeout(this.validateTimer);
    let done!: () => void;
    this.validated = new Promise((r) => (done = r));
    this.validating = true;
    this.validateTimer = setTimeout(() => void this.validate().finally(done), delay);
  }

  private async validate(): Promise<void> {
    const def = this.definition;
    if (!def) return;
    const seq = ++this.validateSeq;
    try {
      const r = await this.http.client.command<{ ok: boolean; problems: Problem[] }>('POST', '/api/definitions/validate', def);
      if (seq === this.validateSeq) this.problems = r.problems;
    } catch (e) {
      if (seq === this.validateSeq)
        this.problems = [
          { code: e instanceof ApiError ? e.code : 'error', pointer: '', message: e instanceof Error ? e.message : String(e), severity: 'error' },
        ];
    } finally {
      if (seq === this.validateSeq) this.validating = false;
    }
  }

  get errors(): Problem[] {
    return this.problems.filter((p) => p.severity === 'error');
  }

  private add(kind: StepKind): void {
    if (!this.definition) return;
    const { def, name } = addStep(this.definition, kind, this.selected || undefined);
    this.setDefinition(def, name);
  }

  private async save(): Promise<boolean> {
    const def = this.definition;
    if (!def) return false;
    const r = await this.http.run((api) => api.command<{ ok: boolean }>('PUT', `/api/definitions/${encodeURIComponent(def.key)}/draft`, def));
    if (r) this.message = this.L('saved');
    return Boolean(r);
  }

  private async publish(): Promise<void> {
    const def = this.definition;
    if (!def || !(await this.save())) return;
    const r = await this.http.run((api) => api.command<{ version: number }>('POST', `/api/definitions/${encodeURIComponent(def.key)}/publish`, {}));
    if (r) {
      this.message = this.L('published', { version: r.version });
      this.emit('chancery-published', { key: def.key, version: r.version });
    }
  }

  private pins(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const p of this.problems) {
      const s = stateOfPointer(p.pointer);
      if (s) (out[s] ??= []).push(p.message);
    }
    return out;
  }

  private renderProblems() {
    if (this.validating) return html`<p class="status muted" role="status">${this.L('validating')}</p>`;
    if (this.problems.length === 0) return html`<p class="status ok" role="status">✓ ${this.L('valid')}</p>`;
    return html`<details open class="card" part="problems">
      <summary class="status bad" role="status">${this.L('problems', { n: this.problems.length })}</summary>
      <ul class="problems">
        ${this.problems.map((p) => {
          const s = stateOfPointer(p.pointer);
          return html`<li data-pointer=${p.pointer}>
            ${s ? html`<button class="link" type="button" @click=${() => ((this.selected = s), (this.tab = 'design'))}>${s}</button>` : html`<span>${this.L('whole')}</span>`}${colon(this.lang)}${p.message}
            <code class="muted">${p.pointer}</code>
          </li>`;
        })}
      </ul>
    </details>`;
  }

  private renderDesign() {
    const def = this.definition!;
    return html`<div class="work">
      <div>
        <div class="toolbar" role="toolbar" aria-label=${this.L('steps')}>
          ${(['task', 'approval', 'auto', 'final'] as StepKind[]).map((k) => html`<button class="btn small" type="button" data-add=${k} @click=${() => this.add(k)}>${this.L(k === 'task' ? 'addTask' : k === 'approval' ? 'addApproval' : k === 'auto' ? 'addAuto' : 'addFinal')}</button>`)}
        </div>
        <chancery-workflow-diagram
          selectable
          .direction=${this.narrow ? 'DOWN' : 'RIGHT'}
          .lang=${this.lang}
          .definition=${def}
          .problems=${this.pins()}
          .selected=${this.selected}
          @chancery-select-state=${(e: CustomEvent<{ id: string }>) => (this.selected = e.detail.id)}
        ></chancery-workflow-diagram>
        ${this.renderProblems()}
        <chancery-levels-field
          .client=${this.client}
          .lang=${this.lang}
          .definition=${def}
          .problems=${this.problems}
          @chancery-definition-change=${(e: CustomEvent<{ definition: WorkflowDefinition }>) => {
            e.stopPropagation();
            this.setDefinition(e.detail.definition);
          }}
        ></chancery-levels-field>
        <chancery-schedule-preview
          .client=${this.client}
          .api=${this.api}
          .token=${this.token}
          .lang=${this.lang}
          .calendar=${def.calendar ?? 'cn'}
          .schedules=${def.states[this.selected]?.schedule ?? NO_SCHEDULES}
        ></chancery-schedule-preview>
      </div>
      <chancery-step-panel
        .client=${this.client}
        .api=${this.api}
        .token=${this.token}
        .lang=${this.lang}
        .definition=${def}
        .name=${this.selected}
        .roles=${this.roles}
        .units=${this.units}
        .actions=${this.actions}
        @chancery-definition-change=${(e: CustomEvent<{ definition: WorkflowDefinition; selected?: string }>) => this.setDefinition(e.detail.definition, e.detail.selected)}
      ></chancery-step-panel>
    </div>`;
  }

  private renderTab() {
    const def = this.definition!;
    const pass = { client: this.client, api: this.api, token: this.token, lang: this.lang };
    switch (this.tab) {
      case 'simple':
        return html`<chancery-simple-designer
            .client=${pass.client}
            .api=${pass.api}
            .token=${pass.token}
            .lang=${this.lang}
            .definition=${def}
            .roles=${this.roles}
            .units=${this.units}
            @chancery-open-graph=${() => (this.tab = 'design')}
            @chancery-definition-change=${(e: CustomEvent<{ definition: WorkflowDefinition }>) => {
              e.stopPropagation();
              this.setDefinition(e.detail.definition);
            }}
          ></chancery-simple-designer>
          ${this.renderProblems()}`;
      case 'design':
        return this.renderDesign();
      case 'forms':
        return html`<chancery-definition-forms
          .lang=${this.lang}
          .definition=${def}
          .client=${pass.client}
          .api=${pass.api}
          .token=${pass.token}
          @chancery-definition-change=${(e: CustomEvent<{ definition: WorkflowDefinition }>) => this.setDefinition(e.detail.definition)}
        ></chancery-definition-forms>`;
      case 'simulate':
        return html`<chancery-simulator
          .lang=${this.lang}
          .definition=${def}
          .errors=${this.errors.length}
          .client=${pass.client}
          .api=${pass.api}
          .token=${pass.token}
        ></chancery-simulator>`;
      case 'time':
        return html`<chancery-try-time .lang=${this.lang} .definition=${def} .client=${pass.client} .api=${pass.api} .token=${pass.token}></chancery-try-time>`;
      case 'compare':
        return html`<chancery-version-compare
          .lang=${this.lang}
          .definition=${def}
          .client=${pass.client}
          .api=${pass.api}
          .token=${pass.token}
        ></chancery-version-compare>`;
      case 'migrate':
        return html`<chancery-migrate-panel
          .lang=${this.lang}
          .workflow=${def.key}
          .client=${pass.client}
          .api=${pass.api}
          .token=${pass.token}
        ></chancery-migrate-panel>`;
      case 'json':
        return html`<pre tabindex="0" aria-label="JSON">${JSON.stringify(def, null, 2)}</pre>`;
    }
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = TABS.indexOf(this.tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : undefined;
    if (!next) return;
    e.preventDefault();
    this.tab = next;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[role='tab'][aria-selected='true']`)?.focus());
  }

  protected override render() {
    const def = this.definition;
    if (!this.loaded || !def) return html`<p class="muted" aria-busy="true">${this.L('loading')}</p>`;
    return html`<header>
        <div class="spread">
          <h1>${this.L('designer')}${colon(this.lang)}${textOf(def.title, this.lang) || def.key} <span class="muted">(${def.key})</span></h1>
          <div class="row">
            <button class="btn" type="button" data-action="save" ?disabled=${this.http.busy} @click=${() => void this.save()}>${this.L('save')}</button>
            <button
              class="btn primary"
              type="button"
              data-action="publish"
              ?disabled=${this.http.busy || this.validating || this.errors.length > 0}
              @click=${() => void this.publish()}
            >
              ${this.L('publish')}
            </button>
          </div>
        </div>
        ${this.message ? html`<p class="notice" role="status">${this.message}</p>` : nothing} ${this.http.alert()}
      </header>
      <div role="tablist" aria-label=${this.L('designer')} @keydown=${(e: KeyboardEvent) => this.onTabKey(e)}>
        ${TABS.map((t) => html`<button role="tab" id="tab-${t}" aria-controls="panel" aria-selected=${this.tab === t ? 'true' : 'false'} tabindex=${this.tab === t ? 0 : -1} @click=${() => (this.tab = t)}>${this.L(tabKey[t])}</button>`)}
      </div>
      <div class="tabpanel" role="tabpanel" id="panel" aria-labelledby="tab-${this.tab}">${this.renderTab()}</div>`;
  }
}
