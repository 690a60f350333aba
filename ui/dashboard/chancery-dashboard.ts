/**
 * `<chancery-dashboard>`: the supervision dashboard (督查统计) for leaders and heads of unit, over
 * `GET /api/stats`: cases opened and closed, completion rate (办结率), on-time rate, overdue now and
 * average handling time in working days; per-unit rates and per-workflow funnels as ECharts bar
 * charts (loaded lazily); the ranking tables a bulletin (通报) quotes; filters by period, unit and
 * workflow; CSV export that Excel opens. Every figure is also in a table, for screen readers.
 */
import { dateIn } from '../../core/calendar/zoned-time.js';
import { css, html, nothing, type PropertyValues } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { colon, paren, textOf } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { describeBars, type BarSeries } from './chart-text.js';
import type { ChartHandle } from './charts.js';
import { dt, type DashKey } from './messages.js';

interface Figures {
  opened: number;
  closed: number;
  withdrawn: number;
  running: number;
  onTime: number;
  late: number;
  overdueNow: number;
  completionRate: number | null;
  onTimeRate: number | null;
  avgWorkingDays: number | null;
  custom: Record<string, number>;
}
interface UnitView {
  id: string | null;
  code: string;
  name: string;
  nameEn: string;
}
type Row = Figures & { rank: number | null; unit: UnitView };
interface Measure {
  key: string;
  title: unknown;
  table: 'units' | 'handlers';
}
export interface Stats {
  period: { from: string; to: string };
  asOf: string;
  rankBy: string | null;
  measures: Measure[];
  totals: Figures;
  units: Row[];
  handlers: Row[];
  workflows: Array<{
    key: string;
    title: unknown;
    opened: number;
    closed: number;
    steps: Array<{ state: string; title: unknown; reached: number; now: number }>;
  }>;
}

/** The built-in measures one may rank by (core/measures/figures.ts). */
const RANKABLE = ['completionRate', 'onTimeRate', 'overdueNow', 'avgWorkingDays', 'opened', 'closed'] as const;

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const pctNum = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** Today in the county (the business calendar's zone). */
function today(): string {
  return dateIn(new Date(), 'Asia/Shanghai');
}

export class ChanceryDashboard extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      .filters {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
        gap: 8px;
        align-items: end;
      }
      .kpis {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
        gap: 10px;
      }
      .kpi {
        background: var(--_surface);
        border: 1px solid var(--_hairline);
        border-radius: calc(var(--_radius) + 2px);
        padding: 12px 14px;
      }
      .kpi .v {
        font-size: 1.8rem;
        font-weight: 700;
        line-height: 1.2;
      }
      .kpi .l {
        color: var(--_muted);
        font-size: 0.9rem;
      }
      .kpi.warn .v {
        color: var(--_danger);
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
        gap: 12px;
      }
      .chart {
        height: 300px;
        width: 100%;
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
      td.n,
      th.n {
        text-align: end;
      }
      .scroll {
        overflow-x: auto;
      }
      caption {
        text-align: start;
        font-weight: 700;
        padding: 4px 0;
      }
      .filter-toggle {
        display: none;
        justify-self: start;
      }
      .chart.funnel {
        height: 360px;
      }
      /* A phone: the filters fold away behind one button, the figures come first. */
      @container (max-width: 600px) {
        .filter-toggle {
          display: inline-flex;
        }
        .filters:not(.open) {
          display: none;
        }
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    from: {},
    to: {},
    unit: {},
    workflow: {},
    rankBy: {},
    timersHref: { attribute: 'timers-href' },
    stats: { state: true },
    units: { state: true },
    workflows: { state: true },
    filtersOpen: { state: true },
  };
  declare from: string;
  declare to: string;
  declare unit: string;
  declare workflow: string;
  /** A built-in measure or one of the chosen workflow's custom measures; empty: each table's usual order. */
  declare rankBy: string;
  /** Where the upcoming deadlines across cases are (`#/timers` in the app): shown as a link when set. */
  declare timersHref: string | null;
  declare stats: Stats | undefined;
  declare filtersOpen: boolean;
  declare units: Array<{ code: string; name: string; nameEn: string }>;
  declare workflows: Array<{ key: string; title: unknown }>;
  private charts: ChartHandle[] = [];
  private resizer: ResizeObserver | undefined;

  constructor() {
    super();
    const t = today();
    this.from = `${t.slice(0, 8)}01`;
    this.to = t;
    this.unit = '';
    this.workflow = '';
    this.rankBy = '';
    this.timersHref = null;
    this.stats = undefined;
    this.filtersOpen = false;
    this.units = [];
    this.workflows = [];
  }

  private L(k: DashKey, p: Record<string, unknown> = {}) {
    return dt(this.lang, k, p);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadFilters();
    void this.load();
    this.resizer = new ResizeObserver(() => this.charts.forEach((c) => c.resize()));
    this.resizer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer?.disconnect();
    this.charts.forEach((c) => c.dispose());
    this.charts = [];
  }

  private async loadFilters(): Promise<void> {
    const [u, w] = await Promise.all([
      this.http.client.get<{ items: ChanceryDashboard['units'] }>('/api/directory/units').catch(() => ({ items: [] })),
      this.http.client.get<{ items: ChanceryDashboard['workflows'] }>('/api/definitions').catch(() => ({ items: [] })),
    ]);
    this.units = u.items;
    this.workflows = w.items;
  }

  private query() {
    return { from: this.from, to: this.to, unit: this.unit || undefined, definition: this.workflow || undefined, rankBy: this.rankBy || undefined };
  }

  /** Reloads the figures for the current filters. */
  async load(): Promise<void> {
    const r = await this.http.run((api) => api.get<Stats>('/api/stats', this.query()));
    this.stats = r;
  }

  private preset(kind: 'month' | 'quarter' | 'year'): void {
    const t = today();
    const y = t.slice(0, 4);
    const m = Number(t.slice(5, 7));
    this.from =
      kind === 'year' ? `${y}-01-01` : kind === 'quarter' ? `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01` : `${t.slice(0, 8)}01`;
    this.to = t;
    void this.load();
  }

  private async exportCsv(table: 'units' | 'handlers' | 'workflows'): Promise<void> {
    const res = await this.http.client.authedFetch(this.http.client.url('/api/stats/export', { ...this.query(), table, lang: this.lang }));
    if (!res.ok) return;
    const blob = await res.blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `stats-${table}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    this.emit('chancery-export', { table, size: blob.size });
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('stats') || changed.has('lang')) void this.drawCharts();
  }

  private unitName(u: UnitView): string {
    return this.lang === 'en' && u.nameEn ? u.nameEn : u.name;
  }

  private async drawCharts(): Promise<void> {
    const s = this.stats;
    if (!s) return;
    const { barChart } = await import('./charts.js');
    const els = [...this.renderRoot.querySelectorAll<HTMLElement>('.chart')];
    this.charts.forEach((c) => c.dispose());
    this.charts = els.map((el) => barChart(el));
    const [rates, funnel] = this.charts;
    const draw = (chart: ChartHandle, title: string, categories: string[], series: BarSeries[], percent: boolean) =>
      chart.update(categories, series, true, percent, describeBars(this.lang, title, categories, series, percent));
    // A unit with nothing to rate shows "—" in the table, and so in the chart (not a 0 bar).
    if (rates) {
      draw(
        rates,
        this.L('unitRates'),
        s.units.map((u) => this.unitName(u.unit)),
        [
          { name: this.L('completionRate'), values: s.units.map((u) => pctNum(u.completionRate)), color: '#c8161d' },
          { name: this.L('onTimeRate'), values: s.units.map((u) => pctNum(u.onTimeRate)), color: '#1e6b34' },
        ],
        true,
      );
    }
    const wf = s.workflows[0];
    if (funnel && wf) {
      // Horizontal, in process order top to bottom, so each step's name is read whole.
      draw(
        funnel,
        `${this.L('funnel')}${colon(this.lang)}${textOf(wf.title, this.lang) || wf.key}`,
        [...wf.steps.map((st) => textOf(st.title, this.lang) || st.state), this.L('closed')],
        [
          { name: this.L('reached'), values: [...wf.steps.map((st) => st.reached), wf.closed], color: '#0b5cad' },
          { name: this.L('there'), values: [...wf.steps.map((st) => st.now), 0], color: '#8a5300' },
        ],
        false,
      );
    }
  }

  private renderFilters() {
    const change = (k: 'from' | 'to' | 'unit' | 'workflow' | 'rankBy') => (e: Event) => {
      this[k] = (e.target as HTMLInputElement).value;
      // A custom measure belongs to its workflow: choosing another workflow goes back to the usual order.
      if (k === 'workflow' && !(RANKABLE as readonly string[]).includes(this.rankBy)) this.rankBy = '';
      void this.load();
    };
    const custom = this.stats?.measures ?? [];
    return html`<button
        class="btn small filter-toggle"
        type="button"
        aria-expanded=${this.filtersOpen ? 'true' : 'false'}
        aria-controls="dash-filters"
        @click=${() => (this.filtersOpen = !this.filtersOpen)}
      >
        ${this.L('filters')}
      </button>
      <form
        id="dash-filters"
        class="filters card ${this.filtersOpen ? 'open' : ''}"
        role="search"
        aria-label=${this.L('filters')}
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.load();
        }}
      >
        <div class="field">
          <label for="f-from">${this.L('from')}</label><input id="f-from" type="date" name="from" .value=${this.from} @change=${change('from')} />
        </div>
        <div class="field"><label for="f-to">${this.L('to')}</label><input id="f-to" type="date" name="to" .value=${this.to} @change=${change('to')} /></div>
        <div class="field">
          <label for="f-unit">${this.L('unit')}</label
          ><select id="f-unit" name="unit" @change=${change('unit')}>
            <option value="">${this.L('allUnits')}</option>
            ${this.units.map((u) => html`<option value=${u.code} ?selected=${u.code === this.unit}>${this.lang === 'en' && u.nameEn ? u.nameEn : u.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-workflow">${this.L('workflow')}</label
          ><select id="f-workflow" name="workflow" @change=${change('workflow')}>
            <option value="">${this.L('allWorkflows')}</option>
            ${this.workflows.map((w) => html`<option value=${w.key} ?selected=${w.key === this.workflow}>${textOf(w.title, this.lang) || w.key}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-rank">${this.L('rankBy')}</label
          ><select id="f-rank" name="rankBy" @change=${change('rankBy')}>
            <option value="">${this.L('usualOrder')}</option>
            ${RANKABLE.map((k) => html`<option value=${k} ?selected=${k === this.rankBy}>${this.L(k === 'avgWorkingDays' ? 'avgDays' : k)}</option>`)}
            ${custom.map((m) => html`<option value=${m.key} ?selected=${m.key === this.rankBy}>${textOf(m.title, this.lang) || m.key}</option>`)}
          </select>
        </div>
        <div class="row">
          ${(['month', 'quarter', 'year'] as const).map((p) => html`<button class="btn small" type="button" @click=${() => this.preset(p)}>${this.L(p)}</button>`)}
        </div>
      </form>`;
  }

  private kpi(key: DashKey, value: string, warn = false) {
    return html`<div class="kpi ${warn ? 'warn' : ''}" data-kpi=${key}>
      <div class="v">${value}</div>
      <div class="l">${this.L(key)}</div>
    </div>`;
  }

  protected override render() {
    const s = this.stats;
    return html`<div class="stack">
      <div class="spread">
        <h1>${this.L('title')}</h1>
        ${s ? html`<p class="muted">${this.L('period', { from: s.period.from, to: s.period.to })}</p>` : nothing}
        ${this.timersHref ? html`<a href=${this.timersHref}>${this.L('upcoming')}</a>` : nothing}
      </div>
      ${this.renderFilters()} ${this.http.alert()}
      ${
        !s
          ? html`<p class="muted" aria-busy="true">${this.L('loading')}</p>`
          : html` <section class="kpis" aria-label=${this.L('summary')}>
                ${this.kpi('opened', String(s.totals.opened))}${this.kpi('closed', String(s.totals.closed))}
                ${this.kpi('completionRate', pct(s.totals.completionRate))}${this.kpi('onTimeRate', pct(s.totals.onTimeRate))}
                ${this.kpi('overdueNow', String(s.totals.overdueNow), s.totals.overdueNow > 0)}${this.kpi('avgDays', s.totals.avgWorkingDays === null ? '—' : String(s.totals.avgWorkingDays))}
              </section>
              <div class="charts">
                <section class="card">
                  <h2>${this.L('unitRates')}</h2>
                  <div class="chart" role="img" aria-label=${this.L('unitRates')}></div>
                </section>
                <section class="card">
                  <h2>${this.L('funnel')}${s.workflows[0] ? `${colon(this.lang)}${textOf(s.workflows[0].title, this.lang)}` : ''}</h2>
                  <div class="chart funnel" role="img" aria-label=${this.L('funnel')}></div>
                </section>
              </div>
              ${this.renderUnits(s)}${this.renderHandlers(s)}${this.renderFunnels(s)}`
      }
    </div>`;
  }

  private exportButton(table: 'units' | 'handlers' | 'workflows') {
    return html`<button class="btn small" type="button" data-export=${table} @click=${() => void this.exportCsv(table)}>${this.L('exportCsv')}</button>`;
  }

  private renderUnits(s: Stats) {
    return this.renderTable(s, 'units', s.units, 'rankUnits', 'unit');
  }

  private renderHandlers(s: Stats) {
    return this.renderTable(s, 'handlers', s.handlers, 'rankHandlers', 'handlingUnit');
  }

  /** One ranking table: the built-in measures, then the workflow's custom measures counted for this table. */
  private renderTable(s: Stats, table: 'units' | 'handlers', rows: Row[], heading: DashKey, unitHead: DashKey) {
    const custom = s.measures.filter((m) => m.table === table);
    const id = `rank-${table}`;
    return html`<section class="card stack" aria-labelledby=${id}>
      <div class="spread">
        <h2 id=${id}>${this.L(heading)}</h2>
        ${this.exportButton(table)}
      </div>
      <div class="scroll" tabindex="0" role="region" aria-labelledby=${id}>
        <table data-table=${table}>
          <thead>
            <tr>
              <th>${this.L('rank')}</th>
              <th>${this.L(unitHead)}</th>
              <th class="n">${this.L('opened')}</th>
              <th class="n">${this.L('closed')}</th>
              <th class="n">${this.L('completionRate')}</th>
              <th class="n">${this.L('onTimeRate')}</th>
              <th class="n">${this.L('overdueNow')}</th>
              <th class="n">${this.L('avgDays')}</th>
              ${custom.map((m) => html`<th class="n" data-measure=${m.key}>${textOf(m.title, this.lang) || m.key}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (u) =>
                html`<tr data-unit=${u.unit.code}>
                  <td>${u.rank ?? '—'}</td>
                  <td>${this.unitName(u.unit)}</td>
                  <td class="n">${u.opened}</td>
                  <td class="n">${u.closed}</td>
                  <td class="n">${pct(u.completionRate)}</td>
                  <td class="n">${pct(u.onTimeRate)}</td>
                  <td class="n">${u.overdueNow}</td>
                  <td class="n">${u.avgWorkingDays ?? '—'}</td>
                  ${custom.map((m) => html`<td class="n" data-measure=${m.key}>${u.custom[m.key] ?? 0}</td>`)}
                </tr>`,
            )}
            ${
              rows.length === 0
                ? html`<tr>
                    <td colspan=${8 + custom.length} class="empty">${this.L('none')}</td>
                  </tr>`
                : nothing
            }
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderFunnels(s: Stats) {
    return html`<section class="card stack" aria-labelledby="funnels">
      <div class="spread">
        <h2 id="funnels">${this.L('funnels')}</h2>
        ${this.exportButton('workflows')}
      </div>
      ${s.workflows.map(
        (w) =>
          html`<div class="scroll" tabindex="0" role="region" aria-label=${textOf(w.title, this.lang) || w.key}>
            <table data-table="funnel" data-workflow=${w.key}>
              <caption>
                ${textOf(w.title, this.lang) || w.key}${paren(this.lang, `${this.L('opened')} ${w.opened} · ${this.L('closed')} ${w.closed}`)}
              </caption>
              <thead>
                <tr>
                  <th>${this.L('step')}</th>
                  <th class="n">${this.L('reached')}</th>
                  <th class="n">${this.L('there')}</th>
                </tr>
              </thead>
              <tbody>
                ${w.steps.map(
                  (st) =>
                    html`<tr data-step=${st.state}>
                      <td>${textOf(st.title, this.lang) || st.state}</td>
                      <td class="n">${st.reached}</td>
                      <td class="n">${st.now}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`,
      )}
      ${s.workflows.length === 0 ? html`<p class="empty">${this.L('none')}</p>` : nothing}
    </section>`;
  }
}
