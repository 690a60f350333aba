/**
 * `<chancery-try-time>`: the designer's "try time" panel (试运行). It runs the draft on the server
 * (`POST /api/simulations`, `/advance`, `/act`) with the engine's own step and timer maths on the
 * installation's business calendar: upcoming timers (deadlines, reminders, escalations, quarterly
 * and half-year schedules) are listed with the day they fire, and the admin jumps to the next one or
 * to any of them, and decides open tasks as their holders. Nothing real is made; the simulation
 * travels with each request.
 */
import { css, html, nothing } from 'lit';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { ChanceryElement } from '../shared/chancery-element.js';
import { textOf } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { at, type AdminKey } from './messages.js';

interface Timer {
  key: string;
  state: string;
  kind: 'due' | 'remind' | 'escalate' | 'schedule';
  at: string;
  event?: string;
}
interface View {
  simulation: unknown;
  now: string;
  open: Array<{ state: string; slot: string; people: string[]; outcomes: string[] }>;
  timers: Timer[];
  log: Array<{ at: string; text: { 'zh-CN': string; en: string }; error?: boolean }>;
  result: string | null;
}

/** Beijing wall-clock time for `datetime-local` inputs and for showing instants. */
const toLocal = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
const fromLocal = (s: string) => new Date(`${s}:00+08:00`).toISOString();
const shown = (iso: string) => toLocal(new Date(iso)).replace('T', ' ');

export class ChanceryTryTime extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
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
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    definition: { attribute: false },
    startAt: { state: true },
    view: { state: true },
  };
  declare definition: WorkflowDefinition | undefined;
  declare startAt: string;
  declare view: View | undefined;

  constructor() {
    super();
    this.definition = undefined;
    this.startAt = toLocal(new Date());
    this.view = undefined;
  }

  private L(k: AdminKey, p: Record<string, unknown> = {}) {
    return at(this.lang, k, p);
  }

  private async start(): Promise<void> {
    const r = await this.http.run((api) => api.command<View>('POST', '/api/simulations', { definition: this.definition, at: fromLocal(this.startAt) }));
    if (r) this.view = r;
  }

  private async advance(to: string): Promise<void> {
    const v = this.view;
    if (!v) return;
    const r = await this.http.run((api) => api.command<View>('POST', '/api/simulations/advance', { simulation: v.simulation, to }));
    if (r) this.view = r;
  }

  private async act(slot: string, outcome: string, as: string | undefined): Promise<void> {
    const v = this.view;
    if (!v) return;
    const r = await this.http.run((api) =>
      api.command<View>('POST', '/api/simulations/act', { simulation: v.simulation, slot, outcome, ...(as ? { as } : {}) }),
    );
    if (r) this.view = r;
  }

  protected override render() {
    const v = this.view;
    const step = (id: string) => textOf(this.definition?.states[id]?.title, this.lang) || id;
    return html`<section class="card stack" aria-labelledby="try-time">
      <h2 id="try-time">${this.L('tabTime')}</h2>
      <p class="muted">${this.L('tryTimeIntro')}</p>
      <div class="row">
        <div class="field">
          <label for="tt-start">${this.L('startAt')}</label
          ><input id="tt-start" type="datetime-local" .value=${this.startAt} @change=${(e: Event) => (this.startAt = (e.target as HTMLInputElement).value)} />
        </div>
        <button class="btn" type="button" @click=${() => void this.start()}>${this.L('tryStart')}</button>
      </div>
      ${this.http.alert()}
      ${
        !v
          ? nothing
          : html` <p data-sim-now>${this.L('simNow', { now: shown(v.now) })}</p>
              ${v.result ? html`<p role="status">${this.L('caseEnded', { result: v.result })}</p>` : nothing}
              <div class="spread">
                <h3 id="tt-timers">${this.L('upcoming')}</h3>
                <button class="btn" type="button" ?disabled=${v.timers.length === 0} @click=${() => void this.advance('next-timer')}>
                  ${this.L('nextTimer')}
                </button>
              </div>
              <table aria-labelledby="tt-timers" data-table="timers">
                <thead>
                  <tr>
                    <th>${this.L('timerAt')}</th>
                    <th>${this.L('timerKind')}</th>
                    <th>${this.L('timerStep')}</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  ${v.timers.map(
                    (t) =>
                      html`<tr data-kind=${t.kind}>
                        <td>${shown(t.at)}</td>
                        <td>${this.L(`kind_${t.kind}` as AdminKey)}</td>
                        <td>${step(t.state)}</td>
                        <td>
                          <button class="btn small" type="button" aria-label="${this.L('jumpTo')} ${shown(t.at)}" @click=${() => void this.advance(t.at)}>
                            ${this.L('jumpTo')}
                          </button>
                        </td>
                      </tr>`,
                  )}
                  ${
                    v.timers.length === 0
                      ? html`<tr>
                          <td colspan="4" class="empty">${this.L('noTimers')}</td>
                        </tr>`
                      : nothing
                  }
                </tbody>
              </table>
              <h3 id="tt-open">${this.L('simOpenTasks')}</h3>
              <table aria-labelledby="tt-open">
                <tbody>
                  ${v.open.map(
                    (t) =>
                      html`<tr>
                        <td>${step(t.state)}</td>
                        <td>${this.L('holders')}：${t.people.join('、')}</td>
                        <td class="row">
                          ${t.outcomes.map((o) => html`<button class="btn small" type="button" data-outcome=${o} @click=${() => void this.act(t.slot, o, t.people[0])}>${o}</button>`)}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              <ol class="log" aria-label="log">
                ${v.log.map((l) => html`<li class=${l.error ? 'error' : ''}>${shown(l.at)} ${l.text[this.lang === 'en' ? 'en' : 'zh-CN']}</li>`)}
              </ol>`
      }
    </section>`;
  }
}
