/**
 * Two designer tabs over published versions: `<chancery-version-compare>` (a structural diff of
 * any two versions or the draft) and `<chancery-migrate-panel>` (move running cases to another
 * version: the dry run is shown as a table before anything changes; moves past a level wait there
 * for a second admin, `<chancery-pending-moves>`).
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { ChanceryElement } from '../shared/chancery-element.js';
import { baseStyles } from '../shared/styles.js';
import { paren } from '../shared/i18n.js';
import { at, type AdminKey } from './messages.js';
import type { ChanceryPendingMoves } from './pending-moves.js';
import { diffVersions, isEmptyDiff, type VersionDiff } from './version-diff.js';

export interface VersionRow {
  version: number | null;
  status: string;
  published_at: string | null;
  running: number;
}

const tableStyles = css`
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
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
    gap: 12px;
  }
  .added {
    color: var(--_ok);
  }
  .removed {
    color: var(--_danger);
  }
`;

abstract class VersionsElement extends ChanceryElement {
  declare versions: VersionRow[];
  protected L(k: AdminKey, p: Record<string, unknown> = {}) {
    return at(this.lang, k, p);
  }
  protected abstract get key(): string;
  protected async loadVersions(): Promise<void> {
    if (!this.key) return;
    const r = await this.http.run((api) => api.get<{ items: VersionRow[] }>(`/api/definitions/${encodeURIComponent(this.key)}/versions`));
    this.versions = r?.items ?? [];
  }
  protected published(): number[] {
    return this.versions.filter((v) => v.version !== null).map((v) => v.version!);
  }
}

export class ChanceryVersionCompare extends VersionsElement {
  static override styles = [baseStyles, tableStyles];
  static override properties = {
    ...ChanceryElement.properties,
    definition: { attribute: false },
    versions: { state: true },
    a: { state: true },
    b: { state: true },
    diff: { state: true },
  };
  declare definition: WorkflowDefinition | undefined;
  declare a: string;
  declare b: string;
  declare diff: VersionDiff | undefined;

  constructor() {
    super();
    this.definition = undefined;
    this.versions = [];
    this.a = '';
    this.b = 'draft';
    this.diff = undefined;
  }
  protected get key() {
    return this.definition?.key ?? '';
  }
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('definition') && this.versions.length === 0)
      void this.loadVersions().then(() => {
        this.a ||= String(this.published()[0] ?? '');
        void this.compare();
      });
  }
  private async fetch(which: string): Promise<WorkflowDefinition | undefined> {
    if (which === 'draft') return this.definition;
    if (!which) return undefined;
    const r = await this.http.run((api) => api.get<{ definition: WorkflowDefinition }>(`/api/definitions/${encodeURIComponent(this.key)}`, { version: which }));
    return r?.definition;
  }
  private async compare(): Promise<void> {
    const [x, y] = await Promise.all([this.fetch(this.a), this.fetch(this.b)]);
    this.diff = x && y ? diffVersions(x, y) : undefined;
  }
  private pick(name: 'a' | 'b', value: string) {
    const opts = [...this.published().map(String), 'draft'];
    return html`<label class="field"
      >${this.L(name === 'a' ? 'compareFrom' : 'compareTo')}
      <select
        name=${name}
        @change=${(e: Event) => {
          this[name] = (e.target as HTMLSelectElement).value;
          void this.compare();
        }}
      >
        ${opts.map((o) => html`<option value=${o} ?selected=${o === value}>${o === 'draft' ? this.L('compareDraft') : `v${o}`}</option>`)}
      </select></label
    >`;
  }
  private list(title: AdminKey, items: string[], cls = '') {
    return items.length
      ? html`<section>
          <h3>${this.L(title)}</h3>
          <ul class=${cls}>
            ${items.map((i) => html`<li>${i}</li>`)}
          </ul>
        </section>`
      : nothing;
  }
  protected override render() {
    const d = this.diff;
    return html`<div class="stack">
      <div class="grid">${this.pick('a', this.a)}${this.pick('b', this.b)}</div>
      ${this.http.alert()}
      ${
        d
          ? isEmptyDiff(d)
            ? html`<p class="notice" role="status">${this.L('noDiff')}</p>`
            : html`<div class="grid card" data-diff>
                ${this.list('addedStates', d.addedStates, 'added')}${this.list('removedStates', d.removedStates, 'removed')}
                ${this.list(
                  'changedStates',
                  d.changedStates.map((c) => `${c.state}: ${c.fields.join(', ')}`),
                )}
                ${this.list('addedTransitions', d.addedTransitions, 'added')}${this.list('removedTransitions', d.removedTransitions, 'removed')}
                ${this.list('changedFields', d.changedFields)}
              </div>`
          : nothing
      }
    </div>`;
  }
}

interface TaskPreview {
  id: string;
  state: string;
  assigneeId: string | null;
  pool: { role: string } | null;
}
interface RowProblem {
  code: string;
  pointer: string;
  message: { 'zh-CN': string; en: string };
}
interface MigrationRow {
  instanceId: string;
  title: string;
  from: string;
  to: string | null;
  keep: boolean;
  cancel: TaskPreview[];
  open: TaskPreview[];
  problems: RowProblem[];
  applied: boolean;
}
interface MigrationReport {
  rows: MigrationRow[];
  unmapped: Array<{ state: string }>;
  mappingProblems: RowProblem[];
  applied: number;
  pendingMove?: { id: string };
}

/** `<chancery-migrate-panel>`: the migration's pre-flight report (one row per case with its problems), then apply — all rows, or only the clean ones. */
export class ChanceryMigratePanel extends VersionsElement {
  static override styles = [baseStyles, tableStyles];
  static override properties = {
    ...ChanceryElement.properties,
    workflow: {},
    versions: { state: true },
    from: { state: true },
    to: { state: true },
    mapping: { state: true },
    report: { state: true },
    applied: { state: true },
    states: { state: true },
    reason: { state: true },
  };
  declare workflow: string;
  declare from: number;
  declare to: number;
  declare mapping: Record<string, string>;
  declare report: MigrationReport | undefined;
  declare applied: boolean;
  /** Steps of the target version, for the mapping selects. */
  declare states: string[];
  declare reason: string;

  constructor() {
    super();
    this.workflow = '';
    this.versions = [];
    this.from = 0;
    this.to = 0;
    this.mapping = {};
    this.report = undefined;
    this.applied = false;
    this.states = [];
    this.reason = '';
  }
  protected get key() {
    return this.workflow;
  }
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('workflow'))
      void this.loadVersions().then(() => {
        const p = this.published();
        this.to = p[0] ?? 0;
        this.from = this.versions.find((v) => v.version !== null && v.version !== this.to && v.running > 0)?.version ?? p[1] ?? 0;
        void this.loadTarget();
      });
  }
  private async loadTarget(): Promise<void> {
    if (!this.to) return;
    const r = await this.http.run((api) =>
      api.get<{ definition: WorkflowDefinition }>(`/api/definitions/${encodeURIComponent(this.workflow)}`, { version: this.to }),
    );
    this.states = Object.keys(r?.definition.states ?? {});
  }
  private async run(dryRun: boolean, onlyClean = false): Promise<void> {
    const body = {
      from: this.from,
      to: this.to,
      mapping: this.mapping,
      dryRun,
      ...(onlyClean ? { onlyClean } : {}),
      ...(this.reason.trim() ? { reason: this.reason.trim() } : {}),
    };
    const r = await this.http.run((api) => api.command<MigrationReport>('POST', `/api/definitions/${encodeURIComponent(this.workflow)}/migrate`, body));
    if (r) {
      this.report = r;
      this.applied = !dryRun;
      if (!dryRun) void this.loadVersions();
    }
    if (r?.pendingMove) void this.renderRoot.querySelector<ChanceryPendingMoves>('chancery-pending-moves')?.load();
  }
  private select(name: 'from' | 'to', value: number) {
    return html`<label class="field"
      >${this.L(name === 'from' ? 'migrateFrom' : 'migrateTo')}
      <select
        name=${name}
        @change=${(e: Event) => {
          this[name] = Number((e.target as HTMLSelectElement).value);
          this.report = undefined;
          if (name === 'to') void this.loadTarget();
        }}
      >
        ${this.versions.filter((v) => v.version !== null).map((v) => html`<option value=${v.version!} ?selected=${v.version === value}>v${v.version}${paren(this.lang, `${this.L('running')} ${v.running}`)}</option>`)}
      </select></label
    >`;
  }
  private tasks(r: MigrationRow) {
    if (r.keep) return this.L('keepTasks');
    const who = (t: TaskPreview) => `${t.state}: ${t.assigneeId ?? (t.pool ? t.pool.role : '—')}`;
    return html`${r.cancel.length ? html`<div class="removed">${this.L('cancelTasks')} ${r.cancel.map(who).join('、')}</div>` : nothing}${r.open.length ? html`<div class="added">${this.L('openTasks')} ${r.open.map(who).join('、')}</div>` : nothing}`;
  }
  protected override render() {
    const rows = this.report?.rows;
    const fromStates = [...new Set((rows ?? []).map((r) => r.from))];
    const bad = (rows ?? []).some((r) => r.problems.length > 0);
    const skips = (rows ?? []).some((r) => r.problems.some((p) => p.code === 'migration.level_skipped'));
    return html`<div class="stack">
      <chancery-pending-moves
        .client=${this.client}
        .api=${this.api}
        .token=${this.token}
        .lang=${this.lang}
        workflow=${this.workflow}
        @chancery-move-decided=${() => {
          this.report = undefined;
          this.applied = false;
          void this.loadVersions();
        }}
      ></chancery-pending-moves>
      <div class="grid">${this.select('from', this.from)}${this.select('to', this.to)}</div>
      ${
        fromStates.length
          ? html`<fieldset class="stack">
              <legend>${this.L('mapping')}</legend>
              <p class="hint">${this.L('mappingHelp')}</p>
              <div class="grid">
                ${fromStates.map(
                  (s) =>
                    html`<label class="field"
                      >${s} →
                      <select
                        name="map-${s}"
                        @change=${(e: Event) => {
                          const v = (e.target as HTMLSelectElement).value;
                          const m = { ...this.mapping };
                          if (v) m[s] = v;
                          else delete m[s];
                          this.mapping = m;
                        }}
                      >
                        <option value="">${this.states.includes(s) ? s : '—'}</option>
                        ${this.states.map((t) => html`<option value=${t} ?selected=${this.mapping[s] === t}>${t}</option>`)}
                      </select></label
                    >`,
                )}
              </div>
            </fieldset>`
          : nothing
      }
      ${
        skips
          ? html`<label class="field"
              >${this.L('moveReason')}<textarea
                name="reason"
                .value=${this.reason}
                @input=${(e: Event) => {
                  this.reason = (e.target as HTMLTextAreaElement).value;
                }}
              ></textarea>
            </label>`
          : nothing
      }
      <div class="row">
        <button class="btn" type="button" data-action="dry-run" ?disabled=${!this.from || !this.to || this.http.busy} @click=${() => void this.run(true)}>
          ${this.L('dryRun')}
        </button>
        <button
          class="btn primary"
          type="button"
          data-action="migrate"
          ?disabled=${!rows || rows.length === 0 || (bad && !(skips && this.reason.trim())) || this.applied || this.http.busy}
          @click=${() => confirm(this.L('confirmMigrate')) && void this.run(false)}
        >
          ${this.L('applyMigration')}
        </button>
        ${
          bad && rows?.some((r) => r.problems.length === 0)
            ? html`<button
                class="btn"
                type="button"
                data-action="migrate-clean"
                ?disabled=${this.applied || this.http.busy}
                @click=${() => confirm(this.L('confirmMigrate')) && void this.run(false, true)}
              >
                ${this.L('applyClean')}
              </button>`
            : nothing
        }
      </div>
      ${this.http.alert()}
      ${this.report?.unmapped.length ? html`<p class="notice" data-unmapped>${this.L('unmapped', { list: this.report.unmapped.map((u) => u.state).join('、') })}</p>` : nothing}
      ${this.applied && this.report?.pendingMove ? html`<p class="notice" role="status">${this.L('pendingMove')}</p>` : nothing}
      ${this.applied && this.report && !this.report.pendingMove ? html`<p class="notice" role="status">${this.L('migrated', { n: this.report.applied })}</p>` : nothing}
      ${
        rows
          ? rows.length === 0
            ? html`<p class="hint">${this.L('noRunning')}</p>`
            : html`<table data-migration>
                <caption class="sr-only">
                  ${this.L('dryRun')}
                </caption>
                <thead>
                  <tr>
                    <th>${this.L('instance')}</th>
                    <th>${this.L('fromState')}</th>
                    <th>${this.L('toState')}</th>
                    <th>${this.L('tasksCol')}</th>
                    <th>${this.L('problemsCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (r) =>
                      html`<tr data-instance=${r.instanceId}>
                        <td>${r.title}</td>
                        <td>${r.from}</td>
                        <td>${r.to ?? '—'}</td>
                        <td>${this.tasks(r)}</td>
                        <td class=${r.problems.length ? 'removed' : 'added'}>
                          ${
                            r.problems.length
                              ? html`<ul>
                                  ${r.problems.map((p) => html`<li data-code=${p.code}>${p.message[this.lang] ?? p.message['zh-CN']} <code>${p.pointer}</code></li>`)}
                                </ul>`
                              : this.L('noProblem')
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
          : nothing
      }
    </div>`;
  }
}
