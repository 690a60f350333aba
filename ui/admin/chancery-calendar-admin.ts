/**
 * `<chancery-calendar-admin>`: the business calendar of a year — the State Council's holidays and
 * make-up working days (调休) shipped with Chancery beside the days admins set — with forms to set
 * or remove a day. New deadlines use a change at once; the screen then says how many running
 * cases have deadlines the change would move, and offers to recompute them (an explicit request).
 */
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { textOf } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { at, type AdminKey } from './messages.js';

interface Affected {
  cases: number;
  timers: number;
}
interface Day {
  date: string;
  kind: 'holiday' | 'workday';
  name?: unknown;
  source: 'builtin' | 'admin';
  overrides?: { kind: string };
}

export class ChanceryCalendarAdmin extends ChanceryElement {
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
      }
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
        gap: 8px;
        align-items: end;
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    calendar: {},
    year: { state: true },
    days: { state: true },
    covered: { state: true },
    affected: { state: true },
    recomputed: { state: true },
    notice: { state: true },
  };
  declare calendar: string;
  declare year: number;
  declare days: Day[];
  declare covered: boolean;
  /** After a change: running cases whose deadlines it would move. */
  declare affected: Affected | undefined;
  declare recomputed: Affected | undefined;
  /** What the server says is missing (next year's holidays from October on), shown above the table. */
  declare notice: { 'zh-CN': string; en: string } | null;

  constructor() {
    super();
    this.calendar = 'cn';
    this.year = new Date().getFullYear();
    this.days = [];
    this.covered = true;
    this.affected = undefined;
    this.recomputed = undefined;
    this.notice = null;
  }

  private L(k: AdminKey) {
    return at(this.lang, k);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const r = await this.http.run((api) =>
      api.get<{ items: Day[]; covered: boolean; notice: { 'zh-CN': string; en: string } | null }>(`/api/calendar/${this.calendar}/days`, { year: this.year }),
    );
    if (r) {
      this.days = r.items;
      this.covered = r.covered;
      this.notice = r.notice ?? null;
    }
  }

  private async set(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const ok = await this.http.run((api) =>
      api.command<{ affected?: Affected }>('PUT', `/api/calendar/${this.calendar}/days/${v.date}`, {
        kind: v.kind,
        name: { 'zh-CN': v.name, ...(v.nameEn ? { en: v.nameEn } : {}) },
      }),
    );
    if (ok) {
      form.reset();
      this.changed(ok.affected);
      await this.load();
    }
  }

  private changed(affected: Affected | undefined): void {
    this.affected = affected && affected.timers > 0 ? affected : undefined;
    this.recomputed = undefined;
  }

  private async recompute(): Promise<void> {
    const r = await this.http.run((api) => api.command<Affected>('POST', `/api/calendar/${this.calendar}/recompute`, {}));
    if (r) {
      this.recomputed = r;
      this.affected = undefined;
    }
  }

  private renderAffected() {
    if (this.recomputed)
      return html`<p class="notice" role="status" data-recomputed>
        ${at(this.lang, 'recomputed', { cases: this.recomputed.cases, timers: this.recomputed.timers })}
      </p>`;
    if (!this.affected) return nothing;
    return html`<div class="notice row" role="status" data-affected>
      <span>${at(this.lang, 'timersAffected', { cases: this.affected.cases, timers: this.affected.timers })}</span>
      <button class="btn primary" type="button" data-action="recompute" ?disabled=${this.http.busy} @click=${() => void this.recompute()}>
        ${this.L('recompute')}
      </button>
    </div>`;
  }

  protected override render() {
    return html`<div class="stack">
      <h1>${this.L('calendar')}</h1>
      ${this.notice ? html`<p class="alert" role="status" part="notice">${this.notice[this.lang] ?? this.notice['zh-CN']}</p>` : nothing}
      <div class="row">
        <label class="field"
          >${this.L('year')}<input
            type="number"
            name="year"
            min="2000"
            max="2100"
            .value=${String(this.year)}
            @change=${(e: Event) => {
              this.year = Number((e.target as HTMLInputElement).value);
              void this.load();
            }}
        /></label>
      </div>
      ${this.http.alert(['/date'])} ${this.renderAffected()}
      <form class="card" aria-label=${this.L('setDay')} @submit=${(e: Event) => void this.set(e)}>
        <label class="field">${this.L('date')}<input type="date" name="date" required aria-invalid=${this.http.issue('/date') ? 'true' : 'false'} /></label>
        <label class="field"
          >${this.L('kindDay')}<select name="kind">
            <option value="holiday">${this.L('holiday')}</option>
            <option value="workday">${this.L('workday')}</option>
          </select></label
        >
        <label class="field">${this.L('dayName')}<input name="name" required placeholder=${this.L('dayNameExample')} /></label>
        <label class="field">${this.L('nameEn')}<input name="nameEn" lang="en" /></label>
        <div><button class="btn primary" type="submit">${this.L('setDay')}</button></div>
      </form>
      <table>
        <caption class="sr-only">
          ${this.L('calendar')} ${this.year}
        </caption>
        <thead>
          <tr>
            <th>${this.L('date')}</th>
            <th>${this.L('kindDay')}</th>
            <th>${this.L('dayName')}</th>
            <th>${this.L('builtin')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${this.days.map(
            (d) =>
              html`<tr data-date=${d.date}>
                <td>${d.date}</td>
                <td><span class="badge ${d.kind === 'holiday' ? 'due-overdue' : 'due-ok'}">${this.L(d.kind)}</span></td>
                <td>${textOf(d.name, this.lang)}</td>
                <td>${d.source === 'builtin' ? this.L('builtin') : this.L('adminSet')}</td>
                <td>
                  ${
                    d.source === 'admin'
                      ? html`<button
                          class="link"
                          type="button"
                          aria-label="${this.L('removeDay')} ${d.date}"
                          @click=${async () => {
                            const r = await this.http.run((api) =>
                              api.command<{ affected?: Affected }>('DELETE', `/api/calendar/${this.calendar}/days/${d.date}`),
                            );
                            if (r) {
                              this.changed(r.affected);
                              await this.load();
                            }
                          }}
                        >
                          ${this.L('removeDay')}
                        </button>`
                      : nothing
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
