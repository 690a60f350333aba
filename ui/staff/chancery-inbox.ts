/**
 * `<chancery-inbox>`: the tasks waiting for me (mine, my role's pool, delegated to me), overdue
 * first, coloured by deadline, with scope tabs, a workflow filter, search and paging; kept fresh
 * by the server's event stream or polling. Opening a task fires `chancery-open-task`
 * (`{ taskId, instanceId }`, cancelable); with `task-href="…{id}…"` each task is also a link.
 */
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { textOf } from '../shared/i18n.js';
import { LiveController } from '../shared/live-controller.js';
import { t, type MessageKey } from '../shared/messages.js';
import { baseStyles } from '../shared/styles.js';
import type { DefinitionSummary, InboxItem, Page } from '../shared/types.js';
import { inboxRowStyles, renderInboxRow } from './inbox-row.js';

type Scope = 'all' | 'mine' | 'pool' | 'delegated' | 'done';
const scopes: Array<[Scope, MessageKey]> = [
  ['all', 'scopeAll'],
  ['mine', 'scopeMine'],
  ['pool', 'scopePool'],
  ['delegated', 'scopeDelegated'],
  ['done', 'scopeDone'],
];

export class ChanceryInbox extends ChanceryElement {
  static override styles = [
    baseStyles,
    inboxRowStyles,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 8px 16px;
        margin-bottom: 12px;
      }
      .head h2 {
        font-size: 1.35rem;
      }
      .head .count {
        color: var(--_muted);
      }
      .head .btn {
        margin-inline-start: auto;
      }
      .toolbar {
        display: grid;
        grid-template-columns: auto minmax(160px, 1fr) minmax(140px, 220px) auto;
        gap: 10px 12px;
        align-items: end;
        margin-bottom: 12px;
      }
      .seg {
        display: inline-flex;
        border: 1px solid var(--_line);
        border-radius: var(--_radius);
        overflow: hidden;
      }
      .seg button {
        min-height: var(--_target);
        padding: 6px 14px;
        border: 0;
        background: var(--_surface);
        cursor: pointer;
        font-weight: 600;
      }
      .seg button + button {
        border-inline-start: 1px solid var(--_line);
      }
      .seg button[aria-pressed='true'] {
        background: var(--_primary);
        color: var(--_primary-ink);
      }
      .check {
        display: inline-flex;
        gap: 8px;
        align-items: center;
        min-height: var(--_target);
        font-weight: 400;
      }
      .filters {
        display: contents;
      }
      .filter-toggle {
        display: none;
      }
      ul.tasks {
        list-style: none;
        margin: 0;
        padding: 0;
        border: 1px solid var(--_hairline);
        border-radius: calc(var(--_radius) + 2px);
        background: var(--_surface);
      }
      .pager {
        display: flex;
        gap: 12px;
        align-items: center;
        justify-content: center;
        margin-top: 12px;
      }
      @container (max-width: 720px) {
        /* A phone: the scopes and a 筛选 button; search and filters open below it on demand. */
        .head {
          margin-bottom: 8px;
        }
        .head h2 {
          font-size: 1.15rem;
        }
        .toolbar {
          grid-template-columns: 1fr auto;
          gap: 8px;
          margin-bottom: 8px;
        }
        .filter-toggle {
          display: inline-flex;
        }
        .filters {
          display: none;
        }
        .toolbar.open .filters {
          display: grid;
          grid-column: 1 / -1;
          grid-template-columns: 1fr;
          gap: 8px;
        }
        /* Five scopes stay one row: they scroll sideways rather than wrap into a taller block. */
        .seg {
          display: flex;
          min-width: 0;
          overflow-x: auto;
          scrollbar-width: none;
        }
        .seg button {
          flex: 1 0 auto;
          padding: 6px 10px;
          white-space: nowrap;
        }
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    scope: { reflect: true },
    pageSize: { attribute: 'page-size', type: Number },
    taskHref: { attribute: 'task-href' },
    definition: {},
    pollSeconds: { attribute: 'poll-seconds', type: Number },
    items: { state: true },
    total: { state: true },
    page: { state: true },
    q: { state: true },
    overdue: { state: true },
    definitions: { state: true },
    loaded: { state: true },
    filtersOpen: { state: true },
  };
  declare scope: Scope;
  declare pageSize: number;
  declare taskHref: string | null;
  declare definition: string;
  declare pollSeconds: number;
  declare items: InboxItem[];
  declare total: number;
  declare page: number;
  declare q: string;
  declare overdue: boolean;
  declare definitions: DefinitionSummary[];
  declare loaded: boolean;
  /** On a phone the search and filters fold away behind 筛选. */
  declare filtersOpen: boolean;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private live: LiveController;

  constructor() {
    super();
    this.scope = 'all';
    this.pageSize = 20;
    this.taskHref = null;
    this.definition = '';
    this.pollSeconds = 30;
    this.items = [];
    this.total = 0;
    this.page = 1;
    this.q = '';
    this.overdue = false;
    this.definitions = [];
    this.loaded = false;
    this.filtersOpen = false;
    this.live = new LiveController(this, {
      client: () => this.http.client,
      onChange: () => void this.refresh(true),
      intervalMs: () => this.pollSeconds * 1000,
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
    void this.loadDefinitions();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if ((changed.has('api') || changed.has('client') || changed.has('token') || changed.has('apiKey')) && this.loaded) void this.refresh();
    if (changed.has('pollSeconds')) this.live.restartPolling();
  }

  private async loadDefinitions(): Promise<void> {
    try {
      const res = await this.http.client.get<{ items: DefinitionSummary[] }>('/api/definitions');
      this.definitions = res.items.filter((d) => d.latest !== null);
    } catch {
      // The filter is a convenience: without it the inbox still works.
    }
  }

  /**
   * Reloads the current page. Pages call `inbox.refresh()` after something they did elsewhere
   * (the element also refreshes itself on stream events and every `poll-seconds`). `quiet`: a
   * live update, announced politely, errors kept off screen.
   */
  async refresh(quiet = false): Promise<void> {
    const seq = ++this.seq;
    const query = {
      scope: this.scope,
      q: this.q.trim(),
      definition: this.definition,
      overdue: this.overdue || undefined,
      page: this.page,
      pageSize: this.pageSize,
    };
    const load = (api: typeof this.http.client) => api.get<Page<InboxItem>>('/api/tasks', query);
    const res = quiet ? await load(this.http.client).catch(() => undefined) : await this.http.run(load);
    if (!res || seq !== this.seq) return;
    const changed = quiet && (res.total !== this.total || res.items.map((i) => i.id).join() !== this.items.map((i) => i.id).join());
    this.items = res.items;
    this.total = res.total;
    this.loaded = true;
    if (changed) this.announce(t(this.lang, 'refreshed'));
    this.emit('chancery-inbox-loaded', { total: res.total, page: res.page });
  }

  private announce(message: string): void {
    const live = this.renderRoot.querySelector('#live');
    if (live) live.textContent = message;
  }

  private setScope(scope: Scope): void {
    this.scope = scope;
    this.page = 1;
    void this.refresh();
  }

  private onSearch(e: Event): void {
    this.q = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.page = 1;
      void this.refresh();
    }, 300);
  }

  private goTo(page: number): void {
    this.page = page;
    void this.refresh().then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  private open(e: Event, item: InboxItem): void {
    const go = this.emit('chancery-open-task', { taskId: item.id, instanceId: item.instanceId }, true);
    if (!go || !this.taskHref) e.preventDefault();
  }

  private workflowTitle(key: string): string {
    const d = this.definitions.find((x) => x.key === key);
    return d ? textOf(d.title, this.lang) : key;
  }

  private renderItem(item: InboxItem) {
    return renderInboxRow(item, {
      lang: this.lang,
      href: this.taskHref ? this.taskHref.replace('{id}', encodeURIComponent(item.id)) : undefined,
      workflowTitle: this.workflowTitle(item.definition),
      open: (e: Event) => this.open(e, item),
    });
  }

  protected override render() {
    const pages = Math.max(1, Math.ceil(this.total / this.pageSize));
    return html`<section part="inbox" aria-labelledby="inbox-h" aria-busy=${this.http.busy ? 'true' : 'false'}>
      <div class="head">
        <h2 id="inbox-h" tabindex="-1">${t(this.lang, 'inboxTitle')}</h2>
        <span class="count">${t(this.lang, 'inboxCount', { total: this.total })}</span>
        <button type="button" class="btn small" @click=${() => this.refresh()}>${t(this.lang, 'refresh')}</button>
      </div>
      <div class="toolbar ${this.filtersOpen ? 'open' : ''}" part="toolbar">
        <div class="seg" role="group" aria-label=${t(this.lang, 'scopeLabel')}>
          ${scopes.map(([s, key]) => html`<button type="button" aria-pressed=${this.scope === s ? 'true' : 'false'} @click=${() => this.setScope(s)}>${t(this.lang, key)}</button>`)}
        </div>
        <button
          type="button"
          class="btn small filter-toggle"
          aria-expanded=${this.filtersOpen ? 'true' : 'false'}
          aria-controls="filters"
          @click=${() => (this.filtersOpen = !this.filtersOpen)}
        >
          ${t(this.lang, 'filters')}
        </button>
        <div class="filters" id="filters">
          <div class="field q">
            <label for="q" class="sr-only">${t(this.lang, 'search')}</label>
            <input id="q" type="search" .value=${this.q} placeholder=${t(this.lang, 'searchPlaceholder')} @input=${this.onSearch} />
          </div>
          <div class="field">
            <label for="wf" class="sr-only">${t(this.lang, 'workflow')}</label>
            <select
              id="wf"
              @change=${(e: Event) => {
                this.definition = (e.target as HTMLSelectElement).value;
                this.page = 1;
                void this.refresh();
              }}
            >
              <option value="" ?selected=${!this.definition}>${t(this.lang, 'allWorkflows')}</option>
              ${this.definitions.map((d) => html`<option value=${d.key} ?selected=${this.definition === d.key}>${textOf(d.title, this.lang)}</option>`)}
            </select>
          </div>
          <label class="check"
            ><input
              type="checkbox"
              .checked=${this.overdue}
              @change=${(e: Event) => {
                this.overdue = (e.target as HTMLInputElement).checked;
                this.page = 1;
                void this.refresh();
              }}
            />${t(this.lang, 'overdueOnly')}</label
          >
        </div>
      </div>
      ${this.http.alert()}
      ${
        !this.loaded
          ? html`<p class="empty" aria-busy="true">${t(this.lang, 'loading')}</p>`
          : this.items.length === 0
            ? html`<p class="empty card" part="empty">${t(this.lang, 'inboxEmpty')}</p>`
            : html`<ul class="tasks" aria-labelledby="inbox-h">
                ${this.items.map((i) => this.renderItem(i))}
              </ul>`
      }
      ${
        pages > 1
          ? html`<nav class="pager" aria-label=${t(this.lang, 'pageOf', { page: this.page, pages })}>
              <button type="button" class="btn small" ?disabled=${this.page <= 1} @click=${() => this.goTo(this.page - 1)}>${t(this.lang, 'prev')}</button>
              <span>${t(this.lang, 'pageOf', { page: this.page, pages })}</span>
              <button type="button" class="btn small" ?disabled=${this.page >= pages} @click=${() => this.goTo(this.page + 1)}>${t(this.lang, 'next')}</button>
            </nav>`
          : nothing
      }
      <div id="live" class="sr-only" role="status" aria-live="polite"></div>
    </section>`;
  }
}
