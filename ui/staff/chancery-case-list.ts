/**
 * `<chancery-case-list>`: the cases I started or worked on, newest first, each opening the case
 * view (`chancery-open-case`, or a link with `case-href="…{id}…"`).
 */
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { formatDateTime } from '../shared/format.js';
import { statusLabel, t } from '../shared/messages.js';
import { baseStyles } from '../shared/styles.js';
import type { Page } from '../shared/types.js';

interface CaseRow {
  id: string;
  definition: string;
  title: string;
  status: string;
  createdAt: string;
  completedAt: string | null;
}

export class ChanceryCaseList extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        border: 1px solid var(--_hairline);
        border-radius: calc(var(--_radius) + 2px);
        background: var(--_surface);
      }
      li {
        padding: 12px 16px;
        border-top: 1px solid var(--_hairline);
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
        justify-content: space-between;
      }
      li:first-child {
        border-top: 0;
      }
      .seg {
        display: inline-flex;
        gap: 6px;
      }
      .seg .btn[aria-pressed='true'] {
        background: var(--_primary);
        color: var(--_primary-ink);
        border-color: var(--_primary);
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    caseHref: { attribute: 'case-href' },
    scope: { state: true },
    rows: { state: true },
    total: { state: true },
    page: { state: true },
  };
  declare caseHref: string | null;
  declare scope: 'involved' | 'started' | 'cc';
  declare rows: CaseRow[] | undefined;
  declare total: number;
  declare page: number;

  constructor() {
    super();
    this.caseHref = null;
    this.scope = 'involved';
    this.rows = undefined;
    this.total = 0;
    this.page = 1;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const res = await this.http.run((api) => api.get<Page<CaseRow>>('/api/instances', { scope: this.scope, page: this.page, pageSize: 20 }));
    if (res) {
      this.rows = res.items;
      this.total = res.total;
    }
  }

  private open(e: Event, id: string): void {
    if (!this.emit('chancery-open-case', { instanceId: id }, true) || !this.caseHref) e.preventDefault();
  }

  protected override render() {
    const pages = Math.max(1, Math.ceil(this.total / 20));
    return html`<section class="stack" aria-labelledby="c-h">
      <div class="spread">
        <h2 id="c-h" tabindex="-1">${t(this.lang, 'casesTitle')}</h2>
        <div class="seg" role="group">
          ${(['involved', 'started', 'cc'] as const).map(
            (s) =>
              html`<button
                type="button"
                class="btn small"
                aria-pressed=${this.scope === s ? 'true' : 'false'}
                @click=${() => ((this.scope = s), (this.page = 1), this.load())}
              >
                ${t(this.lang, s === 'started' ? 'casesStarted' : s === 'cc' ? 'casesCc' : 'casesInvolved')}
              </button>`,
          )}
        </div>
      </div>
      ${this.http.alert()}
      ${
        !this.rows
          ? html`<p class="muted" aria-busy="true">${t(this.lang, 'loading')}</p>`
          : this.rows.length === 0
            ? html`<p class="empty card">${t(this.lang, 'casesEmpty')}</p>`
            : html`<ul>
                ${this.rows.map((r) => {
                  const href = this.caseHref?.replace('{id}', r.id);
                  return html`<li>
                    <span
                      >${href ? html`<a href=${href} @click=${(e: Event) => this.open(e, r.id)}>${r.title}</a>` : html`<button type="button" class="link" @click=${(e: Event) => this.open(e, r.id)}>${r.title}</button>`}</span
                    >
                    <span class="muted">${statusLabel(this.lang, r.status)} · ${formatDateTime(r.createdAt, this.lang)}</span>
                  </li>`;
                })}
              </ul>`
      }
      ${
        pages > 1
          ? html`<nav class="row" aria-label=${t(this.lang, 'pageOf', { page: this.page, pages })}>
              <button type="button" class="btn small" ?disabled=${this.page <= 1} @click=${() => ((this.page -= 1), this.load())}>
                ${t(this.lang, 'prev')}
              </button>
              <span>${t(this.lang, 'pageOf', { page: this.page, pages })}</span>
              <button type="button" class="btn small" ?disabled=${this.page >= pages} @click=${() => ((this.page += 1), this.load())}>
                ${t(this.lang, 'next')}
              </button>
            </nav>`
          : nothing
      }
    </section>`;
  }
}
