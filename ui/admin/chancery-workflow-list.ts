/**
 * `<chancery-workflow-list>`: every workflow with its latest version, whether a draft is pending
 * and how many cases run on it; a new workflow is named here and opened in the designer. Fires
 * `chancery-open-designer` with `{ key }` (cancelable), then `chancery-navigate` to `/admin/workflows/<key>`.
 */
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { textOf } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { newDefinition } from './draft-model.js';
import { emptyFlow, toDefinition } from './simple-flow.js';
import { at, type AdminKey } from './messages.js';

interface Row {
  key: string;
  title: unknown;
  latest: number | null;
  hasDraft?: boolean;
  running: number;
  publishedAt: string | null;
}

export class ChanceryWorkflowList extends ChanceryElement {
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
        padding: 8px;
        border-bottom: 1px solid var(--_hairline);
      }
      @container (max-width: 560px) {
        .hide-narrow {
          display: none;
        }
      }
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
        gap: 8px;
        align-items: end;
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    rows: { state: true },
    creating: { state: true },
    key: { state: true },
    titleZh: { state: true },
    titleEn: { state: true },
    graph: { state: true },
  };
  declare rows: Row[] | undefined;
  declare creating: boolean;
  declare key: string;
  declare titleZh: string;
  declare titleEn: string;
  /** Start in the graph designer instead of the simple (vertical) one. */
  declare graph: boolean;

  constructor() {
    super();
    this.rows = undefined;
    this.creating = false;
    this.key = '';
    this.titleZh = '';
    this.titleEn = '';
    this.graph = false;
  }

  private L(k: AdminKey) {
    return at(this.lang, k);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const r = await this.http.run((api) => api.get<{ items: Row[] }>('/api/definitions'));
    this.rows = r?.items ?? [];
  }

  /** Saves the new workflow as a draft at once (so it is listed), then opens it in the designer. */
  private async create(e: Event): Promise<void> {
    e.preventDefault();
    // The key is generated unless the admin wants a readable one: names are Chinese.
    const key = this.key.trim() || `wf-${Date.now().toString(36)}`;
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(key) || !this.titleZh.trim()) return;
    const title = { 'zh-CN': this.titleZh.trim(), ...(this.titleEn.trim() ? { en: this.titleEn.trim() } : {}) };
    const definition = this.graph ? newDefinition(key, title) : toDefinition(emptyFlow(key, title));
    if (!(await this.http.run((api) => api.command('PUT', `/api/definitions/${key}/draft`, definition)))) return;
    this.open(key);
  }

  private open(key: string): void {
    if (this.emit('chancery-open-designer', { key }, true)) this.emit('chancery-navigate', { path: `/admin/workflows/${key}` });
  }

  protected override render() {
    return html`<div class="stack">
      <div class="spread">
        <h1>${this.L('workflows')}</h1>
        <button
          class="btn primary"
          type="button"
          data-action="new-workflow"
          aria-expanded=${this.creating ? 'true' : 'false'}
          @click=${() => (this.creating = !this.creating)}
        >
          ${this.L('newWorkflow')}
        </button>
      </div>
      ${
        this.creating
          ? html`<form class="card" @submit=${(e: Event) => void this.create(e)}>
              <label class="field"
                >${this.L('titleZh')}<input
                  name="titleZh"
                  required
                  .value=${this.titleZh}
                  @input=${(e: Event) => (this.titleZh = (e.target as HTMLInputElement).value)}
              /></label>
              <label class="field"
                >${this.L('titleEn')}<input
                  name="titleEn"
                  lang="en"
                  .value=${this.titleEn}
                  @input=${(e: Event) => (this.titleEn = (e.target as HTMLInputElement).value)}
              /></label>
              <fieldset class="stack">
                <legend>${this.L('designMode')}</legend>
                <label class="row"
                  ><input type="radio" name="mode" .checked=${!this.graph} @change=${() => (this.graph = false)} /> ${this.L('designSimple')}</label
                >
                <label class="row"
                  ><input type="radio" name="mode" .checked=${this.graph} @change=${() => (this.graph = true)} /> ${this.L('designGraph')}</label
                >
              </fieldset>
              <label class="field"
                >${this.L('key')}<input
                  name="key"
                  pattern="[a-z][a-z0-9\\-]{0,62}"
                  .value=${this.key}
                  @input=${(e: Event) => (this.key = (e.target as HTMLInputElement).value)}
                  aria-describedby="key-help"
                /><span class="hint" id="key-help">${this.L('keyHelp')}</span></label
              >
              <div class="row"><button class="btn primary" type="submit">${this.L('create')}</button></div>
            </form>`
          : nothing
      }
      ${this.http.alert()}
      ${
        !this.rows
          ? html`<p class="muted">${this.L('loading')}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>${this.L('title')}</th>
                  <th class="hide-narrow">${this.L('key')}</th>
                  <th>${this.L('latest')}</th>
                  <th>${this.L('draft')}</th>
                  <th>${this.L('running')}</th>
                  <th><span class="sr-only">${this.L('design')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${this.rows.map(
                  (r) =>
                    html`<tr data-workflow=${r.key}>
                      <td>${textOf(r.title, this.lang) || r.key}</td>
                      <td class="hide-narrow"><code>${r.key}</code></td>
                      <td>${r.latest === null ? html`<span class="muted">${this.L('never')}</span>` : `v${r.latest}`}</td>
                      <td>${r.hasDraft ? html`<span class="badge due-soon">${this.L('hasDraft')}</span>` : this.L('noDraft')}</td>
                      <td>${r.running}</td>
                      <td>
                        <button
                          class="btn small"
                          type="button"
                          aria-label="${this.L('design')} ${textOf(r.title, this.lang) || r.key}"
                          @click=${() => this.open(r.key)}
                        >
                          ${this.L('design')}
                        </button>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </div>`;
  }
}
