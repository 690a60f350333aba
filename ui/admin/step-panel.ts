/**
 * `<chancery-step-panel>`: the designer's side panel for one step. The step's settings are a
 * generated `<chancery-form>` (see `step-form.ts`); below it, the step's outgoing transitions,
 * each with its target, a condition built row by row (JSON Logic) and plugin actions whose
 * parameters are again a generated form from the plugin's own schema. Every edit fires
 * `chancery-definition-change` with `{ definition, selected? }`.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import type { ActionCall, TransitionSpec, WorkflowDefinition } from '../../core/definition/types.js';
import { ChanceryElement } from '../shared/chancery-element.js';
import { textOf } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import {
  connect,
  connectProblem,
  customOutcomes,
  disconnect,
  eventsOf,
  kindOf,
  put,
  removeStep,
  renameStep,
  setKind,
  setOutcomeTitle,
  setTransition,
  STATE_NAME,
  transitionsOf,
  type StepKind,
} from './draft-model.js';
import { at, type AdminKey } from './messages.js';
import { applyStepData, stepData, stepPanel, type PanelContext, type StepData } from './step-form.js';

export interface PluginAction {
  name: string;
  title?: unknown;
  params?: Record<string, unknown>;
}

export class ChanceryStepPanel extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      section {
        display: grid;
        gap: 12px;
      }
      .tr {
        border: 1px solid var(--_hairline);
        border-radius: var(--_radius);
        padding: 10px;
        display: grid;
        gap: 8px;
        background: var(--_surface);
      }
      .grid2 {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8px;
      }
      @container (max-width: 420px) {
        .grid2 {
          grid-template-columns: 1fr;
        }
      }
      .preview {
        color: var(--_ok);
        font-weight: 600;
      }
      h3 {
        margin-top: 8px;
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    definition: { attribute: false },
    name: {},
    roles: { attribute: false },
    units: { attribute: false },
    actions: { attribute: false },
    deadline: { state: true },
    renaming: { state: true },
    refusal: { state: true },
  };
  declare definition: WorkflowDefinition | undefined;
  declare name: string;
  declare roles: PanelContext['roles'];
  declare units: PanelContext['units'];
  declare actions: PluginAction[];
  declare deadline: string;
  declare renaming: string;
  /** Why the last «add connection» was refused (the outcome already leads somewhere). */
  declare refusal: string;
  /** The generated form's inputs, rebuilt only when another step is chosen or its kind changes. */
  private panel: { key: string; schema: unknown; uiSchema: unknown; data: StepData } | undefined;
  private dueAsked = '';

  constructor() {
    super();
    this.definition = undefined;
    this.name = '';
    this.roles = [];
    this.units = [];
    this.actions = [];
    this.deadline = '';
    this.renaming = '';
    this.refusal = '';
  }

  private L(k: AdminKey, p: Record<string, unknown> = {}) {
    return at(this.lang, k, p);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const s = this.definition?.states[this.name];
    if (!this.definition || !s) {
      this.panel = undefined;
      return;
    }
    const key = `${this.name}|${kindOf(s)}|${this.roles.length}|${this.units.length}|${Object.keys(this.definition.forms ?? {}).join()}|${this.lang}`;
    if (this.panel?.key !== key) {
      const { schema, uiSchema } = stepPanel(this.definition, { roles: this.roles, units: this.units, lang: this.lang });
      this.panel = { key, schema, uiSchema, data: stepData(s) };
      if (changed.has('name')) this.renaming = '';
    }
    void this.previewDeadline(stepData(s).dueDays);
  }

  private async previewDeadline(days: number | undefined): Promise<void> {
    const want = days ? `P${days}WD` : '';
    if (want === this.dueAsked) return;
    this.dueAsked = want;
    if (!want) {
      this.deadline = '';
      return;
    }
    try {
      const r = await this.http.client.get<{ deadline: string }>('/api/calendar/cn/deadline', { duration: want });
      if (this.dueAsked === want)
        this.deadline = new Date(r.deadline).toLocaleString(this.lang, { timeZone: 'Asia/Shanghai', dateStyle: 'full', timeStyle: 'short' });
    } catch {
      this.deadline = '';
    }
  }

  private changed(definition: WorkflowDefinition, selected?: string): void {
    this.emit('chancery-definition-change', { definition, ...(selected !== undefined ? { selected } : {}) });
  }

  private onForm(e: CustomEvent<{ data: StepData }>): void {
    e.stopPropagation();
    const def = this.definition;
    const d = e.detail.data;
    if (!def || !d) return;
    let next = def;
    const kind = d.kind as StepKind;
    if (kind && kind !== kindOf(def.states[this.name])) next = setKind(next, this.name, kind);
    next = put(next, this.name, applyStepData(next.states[this.name]!, d));
    this.changed(next);
  }

  private updateTransition(event: string, index: number, spec: TransitionSpec, newEvent?: string): void {
    if (!this.definition) return;
    this.changed(setTransition(this.definition, this.name, { event, index }, spec, newEvent));
  }

  private renderTransition(t: ReturnType<typeof transitionsOf>[number]) {
    const def = this.definition!;
    const s = def.states[this.name]!;
    const targets = Object.keys(def.states);
    const events = [...new Set([...eventsOf(s), t.event].filter((x) => x !== ''))];
    const vars = this.fieldVars();
    const label = `${t.event || this.L('always')} → ${textOf(def.states[t.spec.to ?? '']?.title, this.lang) || t.spec.to}`;
    return html`<div class="tr" data-transition="${t.event}:${t.index}" role="group" aria-label=${label}>
      <div class="grid2">
        ${
          t.event !== ''
            ? html`<label class="field"
                >${this.L('event')}
                <select @change=${(e: Event) => this.updateTransition(t.event, t.index, t.spec, (e.target as HTMLSelectElement).value)}>
                  ${events.map((ev) => html`<option value=${ev} ?selected=${ev === t.event}>${ev}</option>`)}
                </select></label
              >`
            : html`<p>${this.L('always')}</p>`
        }
        <label class="field"
          >${this.L('target')}
          <select name="target" @change=${(e: Event) => this.updateTransition(t.event, t.index, { ...t.spec, to: (e.target as HTMLSelectElement).value })}>
            ${targets.map((n) => html`<option value=${n} ?selected=${n === t.spec.to}>${textOf(def.states[n]?.title, this.lang) || n} (${n})</option>`)}
          </select></label
        >
      </div>
      <chancery-condition-builder
        .lang=${this.lang}
        .fields=${vars}
        .value=${t.spec.if}
        .label=${this.L('guard')}
        @chancery-change=${(e: CustomEvent<{ value: unknown }>) => {
          e.stopPropagation();
          const { if: _old, ...rest } = t.spec;
          this.updateTransition(t.event, t.index, e.detail.value === undefined ? rest : { ...rest, if: e.detail.value });
        }}
      ></chancery-condition-builder>
      ${this.renderActions(t)}
      <div class="row">
        <button class="btn small danger" type="button" @click=${() => this.changed(disconnect(def, this.name, t.event, t.index))}>${this.L('remove')}</button>
      </div>
    </div>`;
  }

  private renderActions(t: ReturnType<typeof transitionsOf>[number]) {
    const list = t.spec.actions ?? [];
    const setList = (actions: ActionCall[]) => this.updateTransition(t.event, t.index, { ...t.spec, actions });
    if (this.actions.length === 0 && list.length === 0) return html`<p class="hint">${this.L('actions')}: ${this.L('noPlugins')}</p>`;
    return html`<fieldset class="stack">
      <legend>${this.L('actions')}</legend>
      ${list.map((a, i) => {
        const spec = this.actions.find((x) => x.name === a.action);
        return html`<div class="stack" data-action=${i}>
          <label class="field"
            >${this.L('action')}
            <select @change=${(e: Event) => setList(list.map((x, j) => (j === i ? { action: (e.target as HTMLSelectElement).value } : x)))}>
              ${this.actions.map((x) => html`<option value=${x.name} ?selected=${x.name === a.action}>${textOf(x.title, this.lang) || x.name} (${x.name})</option>`)}
            </select></label
          >
          ${
            spec?.params
              ? html`<chancery-form
                  hide-submit
                  .lang=${this.lang}
                  .schema=${spec.params}
                  .data=${a.with ?? {}}
                  @chancery-change=${(e: CustomEvent<{ data: Record<string, unknown> }>) => {
                    e.stopPropagation();
                    setList(list.map((x, j) => (j === i ? { ...x, with: e.detail.data } : x)));
                  }}
                ></chancery-form>`
              : nothing
          }
          <button class="btn small danger" type="button" @click=${() => setList(list.filter((_, j) => j !== i))}>${this.L('remove')}</button>
        </div>`;
      })}
      ${this.actions.length ? html`<div class="row"><button class="btn small" type="button" @click=${() => setList([...list, { action: this.actions[0]!.name }])}>${this.L('addAction')}</button></div>` : nothing}
    </fieldset>`;
  }

  /** Variables a guard may test: the fields of the workflow's forms, as `data.<form>.<field>`. */
  private fieldVars(): Array<{ path: string; label: string }> {
    const out: Array<{ path: string; label: string }> = [];
    for (const [form, ref] of Object.entries(this.definition?.forms ?? {})) {
      const props =
        typeof ref === 'object' && typeof ref.schema === 'object' ? ((ref.schema as { properties?: Record<string, { title?: string }> }).properties ?? {}) : {};
      // The field's label in the admin's language (the UI schema's), else the schema's title.
      const labels =
        typeof ref === 'object' && ref.uiSchema && typeof ref.uiSchema === 'object'
          ? ((ref.uiSchema as { fields?: Record<string, { label?: unknown }> }).fields ?? {})
          : {};
      for (const [field, p] of Object.entries(props))
        out.push({ path: `data.${form}.${field}`, label: textOf(labels[`/${field}`]?.label, this.lang) || p.title || field });
    }
    return out;
  }

  /**
   * A Chinese and an English title for each outcome of a task that has no built-in name: buttons
   * and the history show the title, and publishing refuses an outcome without one.
   */
  private renderOutcomeTitles() {
    const def = this.definition!;
    const outcomes = customOutcomes(def.states[this.name]!);
    if (outcomes.length === 0) return nothing;
    const titles = def.outcomeTitles ?? {};
    return html`<fieldset class="stack" data-outcome-titles>
      <legend>${this.L('outcomeTitles')}</legend>
      <p class="hint">${this.L('outcomeTitlesHelp')}</p>
      ${outcomes.map((o) => {
        const t = Object.hasOwn(titles, o) ? titles[o] : undefined;
        const zh = typeof t === 'string' ? t : (t?.['zh-CN'] ?? '');
        const en = typeof t === 'string' ? '' : (t?.en ?? '');
        const set = (lang: 'zh-CN' | 'en') => (e: Event) => this.changed(setOutcomeTitle(this.definition!, o, lang, (e.target as HTMLInputElement).value));
        return html`<div class="grid2" data-outcome=${o}>
          <label class="field"
            >${this.L('outcomeTitleZh', { outcome: o })}<input name="outcome-title-zh" maxlength="40" .value=${zh} @input=${set('zh-CN')}
          /></label>
          <label class="field"
            >${this.L('outcomeTitleEn', { outcome: o })}<input name="outcome-title-en" lang="en" maxlength="60" .value=${en} @input=${set('en')}
          /></label>
        </div>`;
      })}
    </fieldset>`;
  }

  private renderConnect() {
    const def = this.definition!;
    const s = def.states[this.name]!;
    const events = eventsOf(s);
    const auto = kindOf(s) === 'auto';
    const others = Object.keys(def.states).filter((n) => n !== this.name);
    let ev = events[0] ?? '';
    let to = others[0] ?? '';
    return html`<fieldset class="stack" data-connect>
      <legend>${this.L('connectFrom', { from: textOf(s.title, this.lang) || this.name })}</legend>
      <div class="grid2">
        ${
          auto
            ? nothing
            : html`<label class="field"
                >${this.L('connectEvent')}<select name="connect-event" @change=${(e: Event) => (ev = (e.target as HTMLSelectElement).value)}>
                  ${events.map((x) => html`<option value=${x}>${x}</option>`)}
                </select></label
              >`
        }
        <label class="field"
          >${this.L('connectTarget')}<select name="connect-target" @change=${(e: Event) => (to = (e.target as HTMLSelectElement).value)}>
            ${others.map((n) => html`<option value=${n}>${textOf(def.states[n]?.title, this.lang) || n} (${n})</option>`)}
          </select></label
        >
      </div>
      <div class="row">
        <button class="btn small" type="button" data-action="connect" @click=${() => this.addConnection(auto ? '' : ev, to)}>${this.L('connectAdd')}</button>
      </div>
      ${this.refusal ? html`<p class="field-error" role="alert">${this.refusal}</p>` : nothing}
    </fieldset>`;
  }

  /** Adds a connection unless the outcome already leads somewhere unconditionally (then says how to branch). */
  private addConnection(event: string, to: string): void {
    const def = this.definition;
    if (!def || !to) return;
    const problem = connectProblem(def, this.name, event, to);
    const title = (n: string) => textOf(def.states[n]?.title, this.lang) || n;
    if (problem) {
      this.refusal = this.L(problem.code === 'same' ? 'connectSame' : 'connectTaken', { event: event || this.L('always'), to: title(problem.to) });
      return;
    }
    this.refusal = '';
    this.changed(connect(def, this.name, event, to));
  }

  protected override render() {
    const def = this.definition;
    const s = def?.states[this.name];
    if (!def || !s || !this.panel) return html`<p class="empty">${this.L('selectStep')}</p>`;
    const final = kindOf(s) === 'final';
    return html`<section part="panel" aria-label=${textOf(s.title, this.lang) || this.name}>
      <div class="spread">
        <h2>${textOf(s.title, this.lang) || this.name} <span class="muted">(${this.name})</span></h2>
        ${def.initial === this.name ? html`<span class="badge due-ok">${this.L('initial')}</span>` : html`<button class="btn small" type="button" @click=${() => this.changed({ ...def, initial: this.name })}>${this.L('setInitial')}</button>`}
      </div>
      <div class="row">
        <label class="field" style="flex:1"
          >${this.L('renameTo')}<input
            name="rename"
            .value=${this.renaming || this.name}
            pattern=${STATE_NAME.source}
            @input=${(e: Event) => (this.renaming = (e.target as HTMLInputElement).value)}
        /></label>
        <button
          class="btn small"
          type="button"
          ?disabled=${!STATE_NAME.test(this.renaming) || this.renaming === this.name || this.renaming in def.states}
          @click=${() => this.changed(renameStep(def, this.name, this.renaming), this.renaming)}
        >
          ${this.L('rename')}
        </button>
        <button class="btn small danger" type="button" data-action="remove-step" @click=${() => this.changed(removeStep(def, this.name), '')}>
          ${this.L('removeStep')}
        </button>
      </div>
      <chancery-form
        hide-submit
        .lang=${this.lang}
        .schema=${this.panel.schema}
        .uiSchema=${this.panel.uiSchema}
        .data=${this.panel.data}
        @chancery-change=${(e: CustomEvent<{ data: StepData }>) => this.onForm(e)}
      ></chancery-form>
      ${kindOf(s) === 'task' ? this.renderOutcomeTitles() : nothing}
      ${!final ? html`<p class="preview" role="status">${this.deadline ? this.L('deadlinePreview', { date: this.deadline }) : this.L('deadlineNone')}</p>` : nothing}
      ${
        !final
          ? html`<h3>${this.L('transitions')}</h3>
              ${transitionsOf(s).length ? transitionsOf(s).map((t) => this.renderTransition(t)) : html`<p class="hint">${this.L('noTransitions')}</p>`}
              ${this.renderConnect()}`
          : nothing
      }
    </section>`;
  }
}
