/**
 * Two small designer parts for admin safety:
 * `<chancery-levels-field>` edits the levels a case may not skip (不得越级) and shows the
 * validator's path report for them (the sequence of steps that skips a level or returns forward);
 * `<chancery-schedule-preview>` shows when a step's recurring schedules fire, computed by the
 * server with the engine's own rule and calendar (`POST /api/schedules/preview`).
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import type { ScheduleSpec, WorkflowDefinition } from '../../core/definition/types.js';
import { ChanceryElement } from '../shared/chancery-element.js';
import { formatDateTime } from '../shared/format.js';
import { baseStyles } from '../shared/styles.js';
import { at, type AdminKey } from './messages.js';

interface PathProblem {
  code: string;
  pointer: string;
  message: string;
  details?: { steps?: string[] };
}

const LEVEL_CODES = new Set(['definition.level_skipped', 'definition.level_missing', 'definition.return_forward', 'definition.level_not_a_step']);

export class ChanceryLevelsField extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      .path {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        align-items: center;
        margin: 4px 0 0;
        padding: 0;
        list-style: none;
      }
      .path li:last-child .badge {
        background: var(--_danger-soft);
        color: var(--_danger);
      }
    `,
  ];
  static override properties = { ...ChanceryElement.properties, definition: { attribute: false }, problems: { attribute: false } };
  declare definition: WorkflowDefinition | undefined;
  declare problems: PathProblem[];

  constructor() {
    super();
    this.definition = undefined;
    this.problems = [];
  }

  private L(k: AdminKey) {
    return at(this.lang, k);
  }

  private order(): string[] {
    const l = this.definition?.levels;
    return Array.isArray(l) ? l : (l?.order ?? []);
  }

  private change(text: string): void {
    const def = this.definition;
    if (!def) return;
    const order = text
      .split(/[,，、\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const { levels: old, ...rest } = def;
    // Keep the object form (and its adminSkip) when the definition uses it.
    const levels = order.length === 0 ? undefined : old && !Array.isArray(old) ? { ...old, order } : order;
    this.emit('chancery-definition-change', { definition: levels ? { ...rest, levels } : rest });
  }

  protected override render() {
    const report = this.problems.filter((p) => LEVEL_CODES.has(p.code));
    return html`<div class="card stack" part="levels">
      <label class="field"
        >${this.L('levels')}
        <input
          name="levels"
          .value=${this.order().join(', ')}
          placeholder="proofread, director, deputy, head"
          @change=${(e: Event) => this.change((e.target as HTMLInputElement).value)}
        />
      </label>
      <p class="hint">${this.L('levelsHelp')}</p>
      ${report.map(
        (p) =>
          html`<div data-level-problem=${p.code} role="alert">
            <p>${p.message} <code class="muted">${p.pointer}</code></p>
            ${
              p.details?.steps
                ? html`<ol class="path" aria-label=${this.L('levelPath')}>
                    ${p.details.steps.map((s, i) => html`<li>${i > 0 ? '→ ' : ''}<span class="badge">${s}</span></li>`)}
                  </ol>`
                : nothing
            }
          </div>`,
      )}
    </div>`;
  }
}

export class ChancerySchedulePreview extends ChanceryElement {
  static override styles = [baseStyles];
  static override properties = { ...ChanceryElement.properties, schedules: { attribute: false }, calendar: {}, occurrences: { state: true } };
  declare schedules: ScheduleSpec[];
  declare calendar: string;
  declare occurrences: string[][];
  private seq = 0;

  constructor() {
    super();
    this.schedules = [];
    this.calendar = 'cn';
    this.occurrences = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('schedules') || changed.has('calendar')) void this.load();
  }

  private async load(): Promise<void> {
    const seq = ++this.seq;
    if (this.schedules.length === 0) {
      if (this.occurrences.length) this.occurrences = [];
      return;
    }
    const all: string[][] = [];
    for (const s of this.schedules) {
      const schedule = { ...(s.cron ? { cron: s.cron } : {}), ...(s.every ? { every: s.every } : {}), ...(s.count !== undefined ? { count: s.count } : {}) };
      const r = await this.http.run((api) => api.command<{ occurrences: string[] }>('POST', '/api/schedules/preview', { schedule, calendar: this.calendar }));
      all.push(r?.occurrences ?? []);
    }
    if (seq === this.seq) this.occurrences = all;
  }

  protected override render() {
    if (this.schedules.length === 0) return nothing;
    return html`<div class="card stack" part="schedule-preview">
      <h3>${at(this.lang, 'schedulePreview')}</h3>
      ${this.http.alert()}
      ${this.schedules.map(
        (s, i) =>
          html`<div data-schedule=${i}>
            <code>${s.cron ?? s.every}</code>
            <ol>
              ${(this.occurrences[i] ?? []).map((o) => html`<li><time datetime=${o}>${formatDateTime(o, this.lang)}</time></li>`)}
            </ol>
          </div>`,
      )}
    </div>`;
  }
}
