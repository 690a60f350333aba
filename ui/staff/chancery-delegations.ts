/**
 * `<chancery-delegations>`: out-of-office settings. Lets someone act on my tasks between two
 * times (optionally for one workflow) and lists the delegations I gave and received; the
 * server's problems (`/to`, `/endsAt`, …) appear under their fields.
 */
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { formatDateTime } from '../shared/format.js';
import { textOf } from '../shared/i18n.js';
import { t, type MessageKey } from '../shared/messages.js';
import { baseStyles } from '../shared/styles.js';
import type { Delegation, DefinitionSummary, DirectoryPerson } from '../shared/types.js';

/** `YYYY-MM-DDTHH:mm` in local time, for `<input type="datetime-local">`. */
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export class ChanceryDelegations extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 12px 16px;
      }
      .grid .wide {
        grid-column: 1 / -1;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 8px;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 8px;
        align-items: center;
        padding: 10px 12px;
        border: 1px solid var(--_hairline);
        border-radius: var(--_radius);
      }
      @container (max-width: 560px) {
        .grid {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    given: { state: true },
    received: { state: true },
    definitions: { state: true },
    to: { state: true },
    startsAt: { state: true },
    endsAt: { state: true },
    definitionKey: { state: true },
    saved: { state: true },
  };
  declare given: Delegation[];
  declare received: Delegation[];
  declare definitions: DefinitionSummary[];
  declare to: DirectoryPerson[];
  declare startsAt: string;
  declare endsAt: string;
  declare definitionKey: string;
  declare saved: boolean;

  constructor() {
    super();
    this.given = [];
    this.received = [];
    this.definitions = [];
    this.to = [];
    const now = new Date();
    now.setMinutes(0, 0, 0);
    this.startsAt = localInput(now);
    this.endsAt = localInput(new Date(now.getTime() + 7 * 86400_000));
    this.definitionKey = '';
    this.saved = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const api = this.http.client;
    const [mine, defs] = await Promise.all([
      this.http.run((a) => a.get<{ items: Array<Delegation & { direction: 'given' | 'received' }> }>('/api/me/delegations')),
      api.get<{ items: DefinitionSummary[] }>('/api/definitions').catch(() => ({ items: [] })),
    ]);
    if (mine) {
      this.given = mine.items.filter((d) => d.direction === 'given');
      this.received = mine.items.filter((d) => d.direction === 'received');
    }
    this.definitions = defs.items.filter((d) => d.latest !== null);
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    this.saved = false;
    const toDate = (s: string) => (s ? new Date(s).toISOString() : '');
    const body = {
      to: this.to[0]?.id ?? '',
      startsAt: toDate(this.startsAt),
      endsAt: toDate(this.endsAt),
      ...(this.definitionKey ? { definitionKey: this.definitionKey } : {}),
    };
    const ok = await this.http.run((api) => api.command('POST', '/api/me/delegations', body));
    if (ok === undefined) {
      await this.updateComplete;
      const p = this.http.error?.pointer;
      (p === '/to'
        ? this.renderRoot.querySelector<HTMLElement>('chancery-person-picker')
        : p
          ? this.renderRoot.querySelector<HTMLElement>(`[data-pointer="${p}"]`)
          : this.renderRoot.querySelector<HTMLElement>('.alert')
      )?.focus();
      return;
    }
    this.to = [];
    await this.load();
    this.saved = true;
  }

  private async cancel(d: Delegation): Promise<void> {
    const ok = await this.http.run((api) => api.command('DELETE', `/api/me/delegations/${d.id}`));
    if (ok !== undefined) await this.load();
  }

  private input(id: string, pointer: string, label: MessageKey, value: string, set: (v: string) => void) {
    const err = this.http.issue(pointer);
    return html`<div class="field">
      <label for=${id}>${t(this.lang, label)}</label>
      <input
        id=${id}
        type="datetime-local"
        data-pointer=${pointer}
        .value=${value}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${err ? `${id}-err` : nothing}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
      />
      ${this.http.fieldError(pointer, `${id}-err`)}
    </div>`;
  }

  private list(items: Delegation[], mine: boolean) {
    if (!items.length) return html`<p class="muted">${t(this.lang, 'noDelegations')}</p>`;
    return html`<ul>
      ${items.map(
        (d) =>
          html`<li>
            <span
              ><strong>${mine ? d.toDisplayName : d.fromDisplayName}</strong>
              <span class="muted"
                >${t(this.lang, 'period', { from: formatDateTime(d.startsAt, this.lang), to: formatDateTime(d.endsAt, this.lang) })}${d.definitionKey ? ` · ${textOf(this.definitions.find((x) => x.key === d.definitionKey)?.title, this.lang) || d.definitionKey}` : ''}</span
              ></span
            >
            ${mine ? html`<button type="button" class="btn small danger" @click=${() => this.cancel(d)}>${t(this.lang, 'cancelDelegation')}</button>` : nothing}
          </li>`,
      )}
    </ul>`;
  }

  protected override render() {
    return html`<div class="stack">
      <section class="card stack" aria-labelledby="d-h">
        <h2 id="d-h" tabindex="-1">${t(this.lang, 'delegationsTitle')}</h2>
        <p class="hint">${t(this.lang, 'delegationsIntro')}</p>
        ${this.http.alert(['/to', '/startsAt', '/endsAt', '/definitionKey'])}
        ${this.saved ? html`<p class="notice" role="status">${t(this.lang, 'delegationSaved')}</p>` : nothing}
        <form class="grid" novalidate @submit=${this.save}>
          <div class="wide">
            <chancery-person-picker
              .client=${this.http.client}
              lang=${this.lang}
              label=${t(this.lang, 'delegateToLabel')}
              .value=${this.to}
              .error=${this.http.issue('/to') ?? ''}
              @chancery-people-change=${(e: CustomEvent<{ value: DirectoryPerson[] }>) => (this.to = e.detail.value)}
            ></chancery-person-picker>
          </div>
          ${this.input('starts', '/startsAt', 'startsAt', this.startsAt, (v) => (this.startsAt = v))}
          ${this.input('ends', '/endsAt', 'endsAt', this.endsAt, (v) => (this.endsAt = v))}
          <div class="field wide">
            <label for="wf">${t(this.lang, 'onlyWorkflow')}</label>
            <select id="wf" data-pointer="/definitionKey" @change=${(e: Event) => (this.definitionKey = (e.target as HTMLSelectElement).value)}>
              <option value="">${t(this.lang, 'allWorkflows')}</option>
              ${this.definitions.map((d) => html`<option value=${d.key} ?selected=${d.key === this.definitionKey}>${textOf(d.title, this.lang)}</option>`)}</select
            >${this.http.fieldError('/definitionKey', 'wf-err')}
          </div>
          <div class="wide"><button type="submit" class="btn primary" ?disabled=${this.http.busy}>${t(this.lang, 'saveDelegation')}</button></div>
        </form>
      </section>
      <section class="card stack" aria-labelledby="given-h">
        <h3 id="given-h">${t(this.lang, 'given')}</h3>
        ${this.list(this.given, true)}
      </section>
      <section class="card stack" aria-labelledby="recv-h">
        <h3 id="recv-h">${t(this.lang, 'received')}</h3>
        ${this.list(this.received, false)}
      </section>
    </div>`;
  }
}
