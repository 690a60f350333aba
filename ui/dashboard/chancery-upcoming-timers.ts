/**
 * `<chancery-upcoming-timers>`: the supervision office's list of deadlines, reminders,
 * escalations and schedules about to fire across running cases ("reports due next week"), over
 * `GET /api/timers` (admins and the supervision office; the server decides): a period (the next 7
 * days, next week Monday to Sunday, the next 30 days, or any dates), a workflow and a kind, a page
 * at a time. Days are the county's (the business calendar's zone); the end date is included.
 */
import { dateIn } from '../../core/calendar/zoned-time.js';
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { formatDateTime } from '../shared/format.js';
import { textOf } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { dt, type DashKey } from './messages.js';

const ZONE = 'Asia/Shanghai';
const OFFSET = '+08:00';
const KINDS = ['due', 'remind', 'escalate', 'schedule'] as const;
const PAGE_SIZE = 50;

interface UpcomingTimer {
  instanceId: string;
  caseTitle: string;
  definition: string;
  key: string;
  kind: (typeof KINDS)[number];
  state: string;
  fireAt: string;
}

/** `date` (YYYY-MM-DD) moved by `days`. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export class ChanceryUpcomingTimers extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      .filters {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
        gap: 8px;
        align-items: end;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        text-align: start;
        padding: 6px 8px;
        border-bottom: 1px solid var(--_hairline);
      }
      .scroll {
        overflow-x: auto;
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    caseHref: { attribute: 'case-href' },
    from: {},
    to: {},
    workflow: {},
    kind: {},
    items: { state: true },
    total: { state: true },
    page: { state: true },
    workflows: { state: true },
  };
  declare caseHref: string | null;
  /** First and last day of the period (YYYY-MM-DD, the county's days; both included). */
  declare from: string;
  declare to: string;
  declare workflow: string;
  declare kind: string;
  declare items: UpcomingTimer[] | undefined;
  declare total: number;
  declare page: number;
  declare workflows: Array<{ key: string; title: unknown }>;

  constructor() {
    super();
    this.caseHref = null;
    const today = dateIn(new Date(), ZONE);
    this.from = today;
    this.to = addDays(today, 6);
    this.workflow = '';
    this.kind = '';
    this.items = undefined;
    this.total = 0;
    this.page = 1;
    this.workflows = [];
  }

  private L(k: DashKey, p: Record<string, unknown> = {}) {
    return dt(this.lang, k, p);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.http.client.get<{ items: ChanceryUpcomingTimers['workflows'] }>('/api/definitions').then(
      (r) => (this.workflows = r.items),
      () => undefined,
    );
    void this.load();
  }

  /** Reads the page of timers for the current filters. */
  async load(): Promise<void> {
    const query = {
      from: `${this.from}T00:00:00${OFFSET}`,
      to: `${addDays(this.to, 1)}T00:00:00${OFFSET}`,
      definition: this.workflow || undefined,
      kind: this.kind || undefined,
      page: this.page,
      pageSize: PAGE_SIZE,
    };
    const r = await this.http.run((api) => api.get<{ items: UpcomingTimer[]; total: number }>('/api/timers', query));
    this.items = r?.items;
    this.total = r?.total ?? 0;
  }

  private preset(kind: 'next7' | 'nextWeek' | 'next30'): void {
    const today = dateIn(new Date(), ZONE);
    if (kind === 'nextWeek') {
      const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
      this.from = addDays(today, weekday === 0 ? 1 : 8 - weekday);
      this.to = addDays(this.from, 6);
    } else {
      this.from = today;
      this.to = addDays(today, kind === 'next7' ? 6 : 29);
    }
    this.page = 1;
    void this.load();
  }

  private open(e: Event, id: string): void {
    if (!this.emit('chancery-open-case', { instanceId: id }, true) || !this.caseHref) e.preventDefault();
  }

  protected override render() {
    const change = (k: 'from' | 'to' | 'workflow' | 'kind') => (e: Event) => {
      this[k] = (e.target as HTMLInputElement).value;
      this.page = 1;
      void this.load();
    };
    const pages = Math.max(1, Math.ceil(this.total / PAGE_SIZE));
    const title = (key: string) => textOf(this.workflows.find((w) => w.key === key)?.title, this.lang) || key;
    return html`<div class="stack">
      <h1>${this.L('upcoming')}</h1>
      <div class="row">
        ${(['next7', 'nextWeek', 'next30'] as const).map((p) => html`<button class="btn small" type="button" @click=${() => this.preset(p)}>${this.L(p)}</button>`)}
      </div>
      <form
        class="filters card"
        role="search"
        aria-label=${this.L('filters')}
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.load();
        }}
      >
        <div class="field">
          <label for="t-from">${this.L('from')}</label><input id="t-from" type="date" name="from" .value=${this.from} @change=${change('from')} />
        </div>
        <div class="field"><label for="t-to">${this.L('to')}</label><input id="t-to" type="date" name="to" .value=${this.to} @change=${change('to')} /></div>
        <div class="field">
          <label for="t-workflow">${this.L('workflow')}</label
          ><select id="t-workflow" name="workflow" @change=${change('workflow')}>
            <option value="">${this.L('allWorkflows')}</option>
            ${this.workflows.map((w) => html`<option value=${w.key} ?selected=${w.key === this.workflow}>${textOf(w.title, this.lang) || w.key}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="t-kind">${this.L('kind')}</label
          ><select id="t-kind" name="kind" @change=${change('kind')}>
            <option value="">${this.L('allKinds')}</option>
            ${KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${this.L(`kind:${k}`)}</option>`)}
          </select>
        </div>
      </form>
      ${this.http.alert()}
      ${
        this.items === undefined
          ? nothing
          : this.items.length === 0
            ? html`<p class="hint" role="status">${this.L('noTimers')}</p>`
            : html`<div class="scroll">
                  <table data-upcoming>
                    <caption class="sr-only">
                      ${this.L('upcoming')}
                    </caption>
                    <thead>
                      <tr>
                        <th>${this.L('fireAt')}</th>
                        <th>${this.L('kind')}</th>
                        <th>${this.L('case')}</th>
                        <th>${this.L('workflow')}</th>
                        <th>${this.L('step')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${this.items.map(
                        (t) =>
                          html`<tr data-kind=${t.kind}>
                            <td><time datetime=${t.fireAt}>${formatDateTime(t.fireAt, this.lang)}</time></td>
                            <td><span class="badge">${this.L(`kind:${t.kind}`)}</span></td>
                            <td>
                              <a href=${this.caseHref ? this.caseHref.replace('{id}', t.instanceId) : '#'} @click=${(e: Event) => this.open(e, t.instanceId)}
                                >${t.caseTitle}</a
                              >
                            </td>
                            <td>${title(t.definition)}</td>
                            <td>${t.state}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
                <div class="row">
                  <span>${this.L('timersTotal', { n: this.total })}</span> ${
                    pages > 1
                      ? html`<button
                            class="btn small"
                            type="button"
                            ?disabled=${this.page <= 1}
                            @click=${() => {
                              this.page--;
                              void this.load();
                            }}
                          >
                            ${this.L('prevPage')}
                          </button>
                          <button
                            class="btn small"
                            type="button"
                            ?disabled=${this.page >= pages}
                            @click=${() => {
                              this.page++;
                              void this.load();
                            }}
                          >
                            ${this.L('nextPage')}
                          </button>`
                      : nothing
                  }
                </div>`
      }
    </div>`;
  }
}
