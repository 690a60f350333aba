/**
 * `<chancery-start>`: start a case. Lists the published workflows (or goes straight to one with
 * `definition="petition-case"`), shows its start form with `<chancery-form>` (validated in the
 * page by the server's precompiled validator, then by the server), and posts the case. With
 * `resend-of="<case id>"`, edits a withdrawn case and sends it again (撤回后修改再提交): the start
 * form opens with what the case was started with, and the server starts a new case linked to
 * the withdrawn one. Fires `chancery-case-started` `{ instanceId, definition, title, resendOf? }`.
 */
import { css, html, nothing } from 'lit';
import type { ChanceryForm } from '../../forms/chancery-form.js';
import { ChanceryElement } from '../shared/chancery-element.js';
import { textOf } from '../shared/i18n.js';
import { t } from '../shared/messages.js';
import { baseStyles } from '../shared/styles.js';
import type { CaseView, DefinitionRecord, DefinitionSummary } from '../shared/types.js';

export class ChanceryStart extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      ul.workflows {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
        gap: 12px;
      }
      ul.workflows button {
        width: 100%;
        height: 100%;
        text-align: start;
        display: grid;
        gap: 4px;
        align-content: start;
        padding: 16px;
        border: 1px solid var(--_hairline);
        border-radius: calc(var(--_radius) + 2px);
        background: var(--_surface);
        cursor: pointer;
        font: inherit;
        color: inherit;
      }
      ul.workflows button:hover {
        border-color: var(--_primary);
        box-shadow: 0 2px 10px rgb(0 0 0 / 0.06);
      }
      ul.workflows strong {
        font-size: 1.1rem;
      }
      .desc {
        color: var(--_muted);
        font-size: 0.92rem;
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    definition: {},
    caseHref: { attribute: 'case-href' },
    resendOf: { attribute: 'resend-of' },
    resending: { state: true },
    list: { state: true },
    chosen: { state: true },
    started: { state: true },
  };
  declare definition: string;
  declare caseHref: string | null;
  /** The withdrawn case to edit and resend. */
  declare resendOf: string;
  /** That case and its start data, once loaded. */
  declare resending: { kase: CaseView; data: Record<string, unknown> } | undefined;
  declare list: DefinitionSummary[] | undefined;
  declare chosen: DefinitionRecord | undefined;
  declare started: { id: string; title: string } | undefined;
  private loadedFor = '';

  constructor() {
    super();
    this.definition = '';
    this.caseHref = null;
    this.resendOf = '';
    this.resending = undefined;
    this.list = undefined;
    this.chosen = undefined;
    this.started = undefined;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    const key = `${this.definition}|${this.resendOf}|${this.api ?? ''}`;
    if (key !== this.loadedFor && (changed.has('definition') || changed.has('resendOf') || changed.has('client') || changed.has('api') || !this.loadedFor)) {
      this.loadedFor = key;
      if (this.resendOf) void this.loadResend(this.resendOf);
      else if (this.definition) void this.choose(this.definition);
      else void this.loadList();
    }
  }

  /** The withdrawn case, and its workflow as it is now (a resend starts the current version). */
  private async loadResend(id: string): Promise<void> {
    const kase = await this.http.run((api) => api.get<CaseView>(`/api/instances/${encodeURIComponent(id)}`));
    if (!kase) return;
    await this.choose(kase.definition.key);
    const startForm = this.chosen?.definition.startForm;
    const data = startForm ? kase.data[startForm] : kase.data;
    this.resending = { kase, data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {} };
    // Set once, not bound: a re-render must not put back what the user has since changed.
    await this.updateComplete;
    if (this.form) this.form.data = structuredClone(this.resending.data);
  }

  private async loadList(): Promise<void> {
    // Only the workflows this user may start (the server applies the start command's own check).
    const res = await this.http.run((api) => api.get<{ items: DefinitionSummary[] }>('/api/definitions', { startable: true, pageSize: 200 }));
    if (res) this.list = res.items.filter((d) => d.latest !== null && d.mayStart !== false);
  }

  async choose(key: string): Promise<void> {
    this.started = undefined;
    const rec = await this.http.run((api) => api.get<DefinitionRecord>(`/api/definitions/${encodeURIComponent(key)}`));
    if (!rec) return;
    this.chosen = rec;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#start-h')?.focus();
  }

  private async submit(data: unknown): Promise<void> {
    const def = this.chosen;
    if (!def) return;
    const resend = this.resending?.kase.id;
    const res = await this.http.run((api) =>
      resend
        ? api.command<{ id: string }>('POST', `/api/instances/${encodeURIComponent(resend)}/resend`, data === undefined ? {} : { data })
        : api.command<{ id: string }>('POST', '/api/instances', { definition: def.key, ...(data === undefined ? {} : { data }) }),
    );
    if (!res) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
      return;
    }
    const kase = await this.http.client.get<{ title: string }>(`/api/instances/${res.id}`).catch(() => ({ title: '' }));
    this.started = { id: res.id, title: kase.title };
    this.emit('chancery-case-started', { instanceId: res.id, definition: def.key, title: kase.title, ...(resend ? { resendOf: resend } : {}) });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.notice')?.focus();
  }

  private renderChosen(def: DefinitionRecord) {
    const api = this.http.client;
    const form = def.definition.startForm;
    const title = textOf(def.definition.title, this.lang);
    if (this.started) {
      const href = this.caseHref?.replace('{id}', encodeURIComponent(this.started.id));
      return html`<div class="notice stack" role="status" tabindex="-1">
        <p>${t(this.lang, this.resending ? 'resendDone' : 'startDone', { title: this.started.title || title })}</p>
        <div class="row">
          ${href ? html`<a class="btn small" href=${href}>${t(this.lang, 'startOpen')}</a>` : nothing}
          ${this.definition || this.resendOf ? nothing : html`<button type="button" class="btn small" @click=${() => ((this.chosen = undefined), (this.started = undefined), this.loadList())}>${t(this.lang, 'chooseOther')}</button>`}
        </div>
      </div>`;
    }
    // A resend waits for the withdrawn case, so the form opens with its data.
    if (this.resendOf && !this.resending)
      return html`${this.http.alert()}
        <p class="muted" aria-busy="true">${t(this.lang, 'loading')}</p>`;
    const resending = this.resending;
    return html`<section class="stack" aria-labelledby="start-h">
      <div class="spread">
        <h2 id="start-h" tabindex="-1">${resending ? t(this.lang, 'resendTitle', { title: resending.kase.title }) : title}</h2>
        ${this.definition || resending ? nothing : html`<button type="button" class="btn small" @click=${() => ((this.chosen = undefined), this.loadList())}>${t(this.lang, 'chooseOther')}</button>`}
      </div>
      ${resending ? html`<p class="hint" data-resend>${t(this.lang, 'resendHint')}</p>` : def.definition.description ? html`<p class="desc">${textOf(def.definition.description, this.lang)}</p>` : nothing}
      ${this.http.alert()}
      ${
        def.mayStart === false
          ? html`<p class="alert" role="alert" data-not-startable>${t(this.lang, 'startNotAllowed')}</p>`
          : html`<div class="card">
              ${
                form
                  ? html`<chancery-form
                      part="form"
                      src=${api.url(`/api/forms/${encodeURIComponent(def.key)}/${encodeURIComponent(form)}`, { version: def.version ?? undefined })}
                      api=${api.base}
                      .fetch=${api.authedFetch}
                      lang=${this.lang}
                      draft-key=${resending ? `resend-${resending.kase.id}` : `start-${def.key}`}
                      @chancery-submit=${(e: CustomEvent<{ data: unknown }>) => {
                        e.stopPropagation();
                        void this.submit(e.detail.data);
                      }}
                    ></chancery-form>`
                  : html`<div class="stack">
                      <p>${t(this.lang, 'startNoForm')}</p>
                      <div>
                        <button type="button" class="btn primary" @click=${() => this.submit(undefined)}>
                          ${t(this.lang, resending ? 'resend' : 'startBtn')}
                        </button>
                      </div>
                    </div>`
              }
            </div>`
      }
    </section>`;
  }

  /** The form element of the chosen workflow (tests and hosts may drive it). */
  get form(): ChanceryForm | null {
    return this.renderRoot.querySelector<ChanceryForm>('chancery-form');
  }

  protected override render() {
    if (this.chosen) return this.renderChosen(this.chosen);
    return html`<section class="stack" aria-labelledby="pick-h">
      <h2 id="pick-h" tabindex="-1">${t(this.lang, 'startPick')}</h2>
      ${this.http.alert()}
      ${
        !this.list
          ? html`<p class="muted" aria-busy="true">${t(this.lang, 'loading')}</p>`
          : this.list.length === 0
            ? html`<p class="empty card">${t(this.lang, 'noWorkflows')}</p>`
            : html`<ul class="workflows">
                ${this.list.map(
                  (d) =>
                    html`<li>
                      <button type="button" @click=${() => this.choose(d.key)}>
                        <strong>${textOf(d.title, this.lang)}</strong
                        >${textOf(d.description, this.lang) ? html`<span class="desc">${textOf(d.description, this.lang)}</span>` : nothing}
                      </button>
                    </li>`,
                )}
              </ul>`
      }
    </section>`;
  }
}
