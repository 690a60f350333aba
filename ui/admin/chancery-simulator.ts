/**
 * `<chancery-simulator>`: walks the draft in the browser with the engine's pure core (see
 * `core/machine/simulation.ts`). The admin picks the initiator, who does each step (defaulting to the directory's
 * holders of the step's role) and a clock; then decides each open task and moves the clock to
 * fire deadlines. Nothing is written to the server.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import type { Assignment, WorkflowDefinition } from '../../core/definition/types.js';
import { ChanceryElement } from '../shared/chancery-element.js';
import { colon, textOf } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { kindOf } from './draft-model.js';
import { at, type AdminKey } from './messages.js';
import { advanceClock, completeSlot, errorText, startSimulation, type Simulation } from '../../core/machine/simulation.js';

/** `2026-03-02T09:00` in Beijing time for a `datetime-local` input, and back. */
const toLocal = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
const fromLocal = (s: string) => new Date(`${s}:00+08:00`);

export class ChancerySimulator extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
        gap: 12px;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 6px 8px;
        border-bottom: 1px solid var(--_hairline);
        vertical-align: top;
      }
      ol.log {
        margin: 0;
        padding-inline-start: 22px;
      }
      ol.log li.error {
        color: var(--_danger);
        font-weight: 600;
      }
      textarea {
        font-family: ui-monospace, monospace;
        font-size: 0.85rem;
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    definition: { attribute: false },
    errors: { type: Number },
    initiator: { state: true },
    unit: { state: true },
    people: { state: true },
    clock: { state: true },
    dataText: { state: true },
    formData: { state: true },
    sim: { state: true },
    failure: { state: true },
  };
  declare definition: WorkflowDefinition | undefined;
  declare errors: number;
  declare initiator: string;
  declare unit: string;
  declare people: Record<string, string>;
  declare clock: string;
  declare dataText: string;
  /** What the admin filled into the real start form. */
  declare formData: Record<string, unknown>;
  declare sim: Simulation | undefined;
  declare failure: string;
  private lookedUp = '';

  constructor() {
    super();
    this.definition = undefined;
    this.errors = 0;
    this.initiator = 'zongheke1';
    this.unit = 'secretariat';
    this.people = {};
    this.clock = toLocal(new Date());
    this.dataText = '{}';
    this.formData = {};
    this.sim = undefined;
    this.failure = '';
  }

  private L(k: AdminKey, p: Record<string, unknown> = {}) {
    return at(this.lang, k, p);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('definition')) void this.suggestPeople();
  }

  /** Fills each step's people with the directory's holders of its role (only where still empty). */
  private async suggestPeople(): Promise<void> {
    const def = this.definition;
    if (!def) return;
    const sig = JSON.stringify(Object.entries(def.states).map(([n, s]) => [n, (s.task ?? s.approval)?.assign]));
    if (sig === this.lookedUp) return;
    this.lookedUp = sig;
    const next = { ...this.people };
    for (const [name, s] of Object.entries(def.states)) {
      const a = (s.task ?? s.approval)?.assign as (Assignment & Record<string, unknown>) | undefined;
      if (!a || next[name]) continue;
      try {
        if (typeof a.role === 'string') {
          const unit = typeof a.unit === 'string' ? a.unit : this.unit;
          const r = await this.http.client.get<{ items: Array<{ username: string }> }>('/api/directory/users', { role: a.role, unit, pageSize: 20 });
          next[name] = r.items.map((u) => u.username).join(', ');
        } else if (typeof a.head === 'string') {
          const r = await this.http.client.get<{ items: Array<{ username: string }> }>('/api/directory/users', { role: 'head', unit: a.head, pageSize: 5 });
          next[name] = r.items.map((u) => u.username).join(', ');
        } else if (Array.isArray(a.users)) next[name] = a.users.join(', ');
        else if (a.initiator === true) next[name] = this.initiator;
      } catch {
        /* the admin fills it in by hand */
      }
    }
    this.people = next;
  }

  private start(): void {
    const def = this.definition;
    if (!def) return;
    this.failure = '';
    let data: Record<string, unknown>;
    const form = this.startForm();
    if (form) data = { [def.startForm!]: this.formData };
    else {
      try {
        data = JSON.parse(this.dataText || '{}') as Record<string, unknown>;
      } catch (e) {
        this.failure = `JSON: ${(e as Error).message}`;
        return;
      }
    }
    const people = Object.fromEntries(Object.entries(this.people).map(([k, v]) => [k, v.split(/[,，\s]+/).filter(Boolean)]));
    const standIn = (state: string) => this.L('simStandIn', { step: this.stepTitle(state) });
    try {
      this.sim = startSimulation(def, { initiator: { id: this.initiator, unitId: this.unit }, people, now: fromLocal(this.clock), data, standIn });
    } catch (e) {
      this.failure = errorText(e)[this.lang];
      this.sim = undefined;
    }
  }

  private stepTitle(state: string): string {
    // A step in a parallel lane is `parallel.lane.step`.
    const parts = state.split('.');
    const top = this.definition?.states[parts[0]!];
    const inner = parts.length === 3 ? top?.parallel?.[parts[1]!]?.states[parts[2]!] : undefined;
    return textOf((inner ?? top)?.title, this.lang) || state;
  }

  /** The workflow's start form, when it has one written inline. */
  private startForm(): { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> } | undefined {
    const def = this.definition;
    const ref = def?.startForm ? def.forms?.[def.startForm] : undefined;
    if (!ref || typeof ref !== 'object' || typeof ref.schema !== 'object') return undefined;
    return { schema: ref.schema, ...(typeof ref.uiSchema === 'object' ? { uiSchema: ref.uiSchema } : {}) };
  }

  /** approve → 同意: outcomes in words where the engine has words for them. */
  private outcomeLabel(o: string): string {
    return o === 'approve' || o === 'reject' || o === 'submit' ? this.L(`outcome:${o}` as AdminKey) : o;
  }

  private time(d: Date): string {
    return d.toLocaleString(this.lang, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
  }

  private renderSetup() {
    const def = this.definition!;
    const work = Object.entries(def.states).filter(([, s]) => kindOf(s) === 'task' || kindOf(s) === 'approval');
    return html`<div class="card stack">
      <div class="grid">
        <label class="field"
          >${this.L('simInitiator')}<input
            name="initiator"
            .value=${this.initiator}
            @input=${(e: Event) => (this.initiator = (e.target as HTMLInputElement).value)}
        /></label>
        <label class="field"
          >${this.L('simUnit')}<input name="unit" .value=${this.unit} @input=${(e: Event) => (this.unit = (e.target as HTMLInputElement).value)}
        /></label>
        <label class="field"
          >${this.L('simClock')}<input
            name="clock"
            type="datetime-local"
            .value=${this.clock}
            @input=${(e: Event) => (this.clock = (e.target as HTMLInputElement).value)}
        /></label>
      </div>
      <fieldset class="stack">
        <legend>${this.L('simPeople')}</legend>
        <p class="hint">${this.L('simPeopleHelp')}</p>
        <div class="grid">
          ${work.map(
            ([name, s]) =>
              html`<label class="field"
                >${textOf(s.title, this.lang) || name}
                <input
                  name="people-${name}"
                  .value=${this.people[name] ?? ''}
                  @input=${(e: Event) => (this.people = { ...this.people, [name]: (e.target as HTMLInputElement).value })}
              /></label>`,
          )}
        </div>
      </fieldset>
      ${
        this.startForm()
          ? html`<section class="stack" aria-labelledby="sim-form">
              <h3 id="sim-form">${this.L('simForm')}</h3>
              <chancery-form
                hide-submit
                .lang=${this.lang}
                .schema=${this.startForm()!.schema}
                .uiSchema=${this.startForm()!.uiSchema}
                .data=${this.formData}
                @chancery-change=${(e: CustomEvent<{ data: Record<string, unknown> }>) => {
                  e.stopPropagation();
                  this.formData = e.detail.data;
                }}
              ></chancery-form>
            </section>`
          : html`<details>
              <summary>${this.L('simData')}</summary>
              <textarea name="data" .value=${this.dataText} @input=${(e: Event) => (this.dataText = (e.target as HTMLTextAreaElement).value)}></textarea>
            </details>`
      }
      <div class="row">
        <button class="btn primary" type="button" data-action="sim-start" ?disabled=${this.errors > 0} @click=${() => this.start()}>
          ${this.sim ? this.L('simReset') : this.L('simStart')}
        </button>
        ${this.errors > 0 ? html`<span class="field-error">${this.L('simInvalid')}</span>` : nothing}
      </div>
      ${this.failure ? html`<div class="alert" role="alert">${this.failure}</div>` : nothing}
    </div>`;
  }

  private renderRun(sim: Simulation) {
    let moveTo = toLocal(sim.timers[0]?.at ?? sim.now);
    return html`<div class="grid">
        <section class="card stack" aria-labelledby="sim-open">
          <h3 id="sim-open">${this.L('simOpen')}</h3>
          ${sim.result ? html`<p class="notice" role="status" data-result=${sim.result}>${this.L('simEnded', { result: this.L(`result:${sim.result}` as AdminKey) })}</p>` : nothing}
          ${
            sim.open.length === 0
              ? html`<p class="hint">${this.L('simNoOpen')}</p>`
              : html`<table>
                  <thead>
                    <tr>
                      <th>${this.L('steps')}</th>
                      <th>${this.L('simBy')}</th>
                      <th>${this.L('outcome')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${sim.open.map(
                      (t) =>
                        html`<tr data-slot=${t.slot} data-state=${t.state}>
                          <td>${this.stepTitle(t.state)}</td>
                          <td>${t.people.join('、')}</td>
                          <td class="row">
                            ${t.outcomes.map((o) => html`<button class="btn small" type="button" data-outcome=${o} @click=${() => (this.sim = completeSlot(sim, t.slot, o))}>${this.outcomeLabel(o)}</button>`)}
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
        </section>
        <section class="card stack" aria-labelledby="sim-timers">
          <h3 id="sim-timers">${this.L('simTimers')}</h3>
          <p>${this.L('simClock')}${colon(this.lang)}<strong data-clock>${this.time(sim.now)}</strong></p>
          ${
            sim.timers.length
              ? html`<ul>
                  ${sim.timers.map((t) => html`<li>${this.stepTitle(t.state)} · ${t.kind}${t.event ? ` → ${t.event}` : ''} · ${this.time(t.at)}</li>`)}
                </ul>`
              : nothing
          }
          <div class="row">
            <label class="field"
              >${this.L('simAdvance')}<input
                type="datetime-local"
                name="advance"
                .value=${moveTo}
                @input=${(e: Event) => (moveTo = (e.target as HTMLInputElement).value)}
            /></label>
            <button class="btn small" type="button" data-action="advance" @click=${() => (this.sim = advanceClock(sim, fromLocal(moveTo)))}>
              ${this.L('apply')}
            </button>
          </div>
        </section>
      </div>
      <chancery-workflow-diagram
        .lang=${this.lang}
        .definition=${this.definition}
        .current=${sim.result ? [] : sim.open.map((t) => t.state)}
        .visited=${sim.visited}
      ></chancery-workflow-diagram>
      <section class="card" aria-labelledby="sim-log">
        <h3 id="sim-log">${this.L('simLog')}</h3>
        <ol class="log">
          ${sim.log.map((l) => html`<li class=${l.error ? 'error' : ''}>${this.time(l.at)} · ${l.text[this.lang]}${l.states.length ? html` <span class="muted">[${l.states.map((s) => this.stepTitle(s)).join('、')}]</span>` : nothing}</li>`)}
        </ol>
      </section>`;
  }

  protected override render() {
    if (!this.definition) return nothing;
    return html`<div class="stack">${this.renderSetup()}${this.sim ? this.renderRun(this.sim) : nothing}</div>`;
  }
}
