/**
 * `<chancery-case instance-id="…">`: a case as anyone allowed to see it reads it: status and
 * current steps, the workflow diagram with the current and passed steps highlighted, and the
 * timeline from the audit chain (who, acting for whom, what, when, opinion, what data changed),
 * the 意见栏 (every opinion with its step, signer, time and handwritten signature), and the
 * pending timers (deadlines, reminders, schedules with their next occurrences).
 * Initiators may withdraw, and edit and resend a withdrawn case (撤回后修改再提交, at `resend-href`,
 * or `chancery-resend-case` `{ instanceId }`); urge and CC are offered as the definition's policies allow, with the
 * standing actions (常设操作) the reader may take and the cases linked to this one. With `print`, a compact record for
 * A4 paper. Fires `chancery-case-loaded` and `chancery-case-changed`.
 */
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { formatDateTime } from '../shared/format.js';
import { textOf } from '../shared/i18n.js';
import { eventLabel, linkKindLabel, outcomeLabel, statusLabel, t } from '../shared/messages.js';
import { baseStyles } from '../shared/styles.js';
import type { CaseView, DefinitionRecord, DirectoryPerson, HistoryEntry, Me } from '../shared/types.js';
import { fileLoader, loadFormShapes, type FormShape } from './form-shapes.js';
import { formsWritten, opinionSheetStyles, renderOpinionSheet } from './opinion-sheet.js';
import { stateTitles } from '../shared/state-titles.js';
import type { TimerItem } from './timer-list.js';
import type { ChanceryForm } from '../../forms/chancery-form.js';
import type { FileRef } from '../../forms/widgets/types.js';
import type { FileLoader } from '../../forms/widgets/file-image.js';

/** The CC panel, or the name of the standing action whose form is open. */
type Panel = 'cc' | `action:${string}` | null;

/** The PNG file refs (handwritten signatures) in a value a step wrote, to show as images. */
function imageRefs(value: unknown, depth = 0): FileRef[] {
  if (value === null || typeof value !== 'object' || depth > 4) return [];
  if (Array.isArray(value)) return value.flatMap((v) => imageRefs(v, depth + 1));
  const o = value as Record<string, unknown>;
  if (typeof o.id === 'string' && typeof o.sha256 === 'string' && o.mime === 'image/png') return [o as unknown as FileRef];
  return Object.values(o).flatMap((v) => imageRefs(v, depth + 1));
}

export class ChanceryCase extends ChanceryElement {
  static override styles = [
    baseStyles,
    opinionSheetStyles,
    css`
      .head {
        display: grid;
        gap: 8px;
      }
      .head h2 {
        font-size: 1.35rem;
        overflow-wrap: anywhere;
      }
      .status {
        font-size: 0.9rem;
      }
      .st-running {
        color: var(--_link);
        background: #e8f0fb;
      }
      .st-completed {
        color: var(--_ok);
        background: var(--_ok-soft);
      }
      .st-rejected,
      .st-withdrawn,
      .st-cancelled {
        color: var(--_danger);
        background: var(--_danger-soft);
      }
      ol.timeline {
        list-style: none;
        margin: 0;
        padding: 0;
        position: relative;
      }
      ol.timeline > li {
        position: relative;
        padding: 0 0 18px 28px;
      }
      ol.timeline > li::before {
        content: '';
        position: absolute;
        left: 7px;
        top: 6px;
        bottom: -6px;
        width: 2px;
        background: var(--_hairline);
      }
      ol.timeline > li:last-child::before {
        display: none;
      }
      ol.timeline > li::after {
        content: '';
        position: absolute;
        left: 1px;
        top: 6px;
        width: 14px;
        height: 14px;
        border-radius: 50%;
        background: var(--_surface);
        border: 3px solid var(--_primary);
      }
      .when {
        color: var(--_muted);
        font-size: 0.9rem;
      }
      .what {
        font-weight: 700;
      }
      blockquote {
        margin: 6px 0 0;
        padding: 8px 12px;
        background: var(--_subtle);
        border-inline-start: 4px solid var(--_line);
        border-radius: 4px;
        white-space: pre-wrap;
      }
      table.diff {
        border-collapse: collapse;
        margin-top: 6px;
        font-size: 0.9rem;
        width: 100%;
      }
      table.diff th,
      table.diff td {
        border: 1px solid var(--_hairline);
        padding: 4px 8px;
        text-align: start;
        vertical-align: top;
        overflow-wrap: anywhere;
      }
      table.diff th {
        background: var(--_subtle);
      }
      details.changes {
        margin-top: 6px;
      }
      details.changes summary {
        cursor: pointer;
        color: var(--_muted);
        min-height: 32px;
      }
      del {
        color: var(--_danger);
      }
      ins {
        color: var(--_ok);
        text-decoration: none;
        font-weight: 600;
      }
      .print-only {
        display: none;
      }
      :host([print]) .card {
        border: 0;
        padding: 0;
      }
      :host([print]) .print-title {
        text-align: center;
        font-size: 1.6rem;
        letter-spacing: 0.2em;
        margin-bottom: 12px;
      }
      @media print {
        .no-print {
          display: none !important;
        }
        .print-only {
          display: block;
        }
        :host {
          font-size: 12pt;
          color: #000;
        }
        ol.timeline > li {
          break-inside: avoid;
        }
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    instanceId: { attribute: 'instance-id' },
    print: { type: Boolean, reflect: true },
    printHref: { attribute: 'print-href' },
    resendHref: { attribute: 'resend-href' },
    kase: { state: true },
    history: { state: true },
    timers: { state: true },
    definition: { state: true },
    forms: { state: true },
    me: { state: true },
    panel: { state: true },
    people: { state: true },
    message: { state: true },
  };
  declare instanceId: string;
  declare print: boolean;
  declare printHref: string | null;
  declare resendHref: string | null;
  declare kase: CaseView | undefined;
  declare history: HistoryEntry[];
  declare timers: TimerItem[];
  declare definition: DefinitionRecord | undefined;
  /** Each form's schema and UI schema, to name the fields the history says changed. */
  declare forms: Map<string, FormShape>;
  declare me: Me | undefined;
  declare panel: Panel;
  declare people: DirectoryPerson[];
  declare message: string;
  private loadedFor = '';

  constructor() {
    super();
    this.instanceId = '';
    this.print = false;
    this.printHref = null;
    this.resendHref = null;
    this.kase = undefined;
    this.history = [];
    this.timers = [];
    this.definition = undefined;
    this.forms = new Map();
    this.me = undefined;
    this.panel = null;
    this.people = [];
    this.message = '';
  }

  private watch: ReturnType<typeof setInterval> | undefined;
  private readonly onLive = () => void this.checkChanged();

  override connectedCallback(): void {
    super.connectedCallback();
    // An open case page follows its case: on news from the app's live stream, and every 20 s for
    // changes made by people whose news does not reach this user.
    window.addEventListener('chancery-live', this.onLive);
    this.watch = setInterval(() => {
      if (document.visibilityState !== 'hidden') void this.checkChanged();
    }, 20_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('chancery-live', this.onLive);
    clearInterval(this.watch);
  }

  /** Reloads when the case's version moved (someone acted on it). */
  async checkChanged(): Promise<void> {
    const k = this.kase;
    if (!k || this.print || this.http.busy) return;
    const now = await this.http.client.get<CaseView>(`/api/instances/${encodeURIComponent(k.id)}`).catch(() => undefined);
    if (now && now.version !== k.version) await this.load();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    const key = `${this.instanceId}|${this.api ?? ''}|${this.lang}`;
    if (this.instanceId && key !== this.loadedFor && (changed.has('instanceId') || changed.has('client') || changed.has('api') || changed.has('lang'))) {
      this.loadedFor = key;
      void this.load();
    }
  }

  async load(): Promise<void> {
    const id = encodeURIComponent(this.instanceId);
    const got = await this.http.run(async (api) => {
      const [kase, history, timers] = await Promise.all([
        api.get<CaseView>(`/api/instances/${id}`),
        api.get<{ items: HistoryEntry[] }>(`/api/instances/${id}/history`),
        api.get<{ items: TimerItem[] }>(`/api/instances/${id}/timers`),
      ]);
      const [definition, me] = await Promise.all([
        api.get<DefinitionRecord>(`/api/definitions/${encodeURIComponent(kase.definition.key)}`, { version: kase.definition.version }),
        this.me ? Promise.resolve(this.me) : api.get<Me>('/api/auth/me').catch(() => undefined),
      ]);
      return { kase, history: history.items, timers: timers.items, definition, me };
    });
    if (!got) return;
    Object.assign(this, { kase: got.kase, history: got.history, timers: got.timers, definition: got.definition, me: got.me });
    void this.loadForms(got.kase, got.definition, got.history);
    this.emit('chancery-case-loaded', { instanceId: got.kase.id, status: got.kase.status });
  }

  /** The forms the case has data for, and those its opinions wrote (the history's changes are named by their fields; the 意见栏 shows signatures). */
  private async loadForms(k: CaseView, def: DefinitionRecord, history: readonly HistoryEntry[]): Promise<void> {
    const keys = Object.keys(def.definition.forms ?? {}).filter((f) => k.data[f] && typeof k.data[f] === 'object');
    this.forms = await loadFormShapes(this.http.client, k.definition, [...keys, ...formsWritten(history)]);
  }

  private async act(path: string, body: unknown, done: string): Promise<void> {
    // A refusal is shown alone, never beside the last success.
    this.message = '';
    const ok = await this.http.run((api) => api.command('POST', `/api/instances/${this.kase!.id}/${path}`, body));
    if (ok === undefined) return;
    this.panel = null;
    this.people = [];
    await this.load();
    this.message = done;
    this.emit('chancery-case-changed', { instanceId: this.kase!.id, action: path });
  }

  private titles(): Map<string, string> {
    return stateTitles(this.definition?.definition.states, this.lang);
  }

  private stepNames(label: unknown, titles: Map<string, string>): string {
    return String(label ?? '')
      .split('|')
      .filter(Boolean)
      .map((s) => (s === '__withdrawn' ? statusLabel(this.lang, 'withdrawn') : (titles.get(s) ?? t(this.lang, 'step'))))
      .join('、');
  }

  /** Where the entry sent the case or the task: steps by title, people by name. */
  private movedTo(e: HistoryEntry, titles: Map<string, string>): string {
    const to = e.payload?.to;
    if (typeof to !== 'string' || !to) return '';
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(to)) return e.people?.[to] ?? t(this.lang, 'someone');
    return this.stepNames(to, titles);
  }

  /** The entry's data changes, one table per form, fields by label; engine bookkeeping outside the forms is left out. */
  private renderChanges(diff: Record<string, [unknown, unknown]>) {
    const byForm = new Map<string, { before: Record<string, unknown> | null; after: Record<string, unknown> | null; whole: boolean }>();
    for (const [path, [a, b]] of Object.entries(diff)) {
      const [form, ...rest] = path.split('.');
      if (!form || !this.forms.has(form)) continue;
      const entry = byForm.get(form) ?? { before: {}, after: {}, whole: false };
      if (rest.length === 0)
        Object.assign(entry, { before: (a as Record<string, unknown> | null) ?? null, after: (b as Record<string, unknown> | null) ?? null, whole: true });
      else {
        entry.before![rest.join('.')] = a ?? undefined;
        entry.after![rest.join('.')] = b ?? undefined;
      }
      byForm.set(form, entry);
    }
    return [...byForm].map(([form, c]) => {
      const shape = this.forms.get(form)!;
      const title = textOf((shape.uiSchema as { title?: unknown } | null)?.title, this.lang) || textOf(shape.schema.title, this.lang);
      const submitted = c.whole && !c.before;
      return html`<details class="changes" open>
        <summary>${t(this.lang, submitted ? 'submittedForm' : 'changedForm', { form: title })}</summary>
        <chancery-form-diff
          lang=${this.lang}
          .schema=${shape.schema}
          .uiSchema=${shape.uiSchema ?? undefined}
          .oldData=${c.before ?? undefined}
          .newData=${c.after ?? undefined}
        ></chancery-form-diff>
      </details>`;
    });
  }

  private renderEntry(e: HistoryEntry, titles: Map<string, string>) {
    const p = e.payload ?? {};
    const def = this.definition?.definition;
    const who = !e.actorName ? t(this.lang, 'system') : e.actingForName ? t(this.lang, 'byFor', { name: e.actorName, for: e.actingForName }) : e.actorName;
    const diff = p.diff && typeof p.diff === 'object' && !Array.isArray(p.diff) ? (p.diff as Record<string, [unknown, unknown]>) : {};
    const moved = this.movedTo(e, titles);
    return html`<li data-event=${e.type}>
      <div class="when">
        <time datetime=${new Date(e.at).toISOString()}>${formatDateTime(e.at, this.lang)}</time
        >${e.state ? html` · ${this.stepNames(e.state, titles)}` : nothing}
      </div>
      <div>
        <span class="what">${who}</span>
        ${eventLabel(this.lang, e.type)}${typeof p.outcome === 'string' && e.type === 'task.completed' ? html` — ${t(this.lang, 'outcomeLabel', { outcome: outcomeLabel(this.lang, p.outcome, def) })}` : nothing}
      </div>
      ${moved ? html`<div class="muted">${t(this.lang, 'movedTo', { to: moved })}</div>` : nothing}
      ${typeof p.opinion === 'string' && p.opinion ? html`<blockquote>${p.opinion}</blockquote>` : nothing}
      ${typeof p.message === 'string' && p.message ? html`<blockquote>${p.message}</blockquote>` : nothing}
      ${Object.values(diff)
        .flatMap(([, b]) => imageRefs(b))
        .map(
          (ref) =>
            html`<chancery-file-image
              class="signature"
              .ref=${ref}
              .load=${this.loadFile}
              alt=${t(this.lang, 'signatureImage', { name: ref.name })}
            ></chancery-file-image>`,
        )}
      ${this.renderChanges(diff)}
    </li>`;
  }

  /** Signature images (the timeline, the 意见栏) are read with the app's credentials. */
  private readonly loadFile: FileLoader = (ref) => fileLoader(this.http.client)(ref);

  private renderActions(k: CaseView) {
    if (this.print || k.status !== 'running') {
      return html`<div class="row no-print">${this.print ? nothing : this.resendButton(k)}${this.printButton(k)}</div>`;
    }
    // Only what the server says this user may do now is offered.
    const allowed = new Set(k.allowedActions ?? []);
    const may = k.actions ?? { urge: false, cc: false, standing: [] };
    const urgeAt = k.urgeAvailableAt ? formatDateTime(k.urgeAvailableAt, this.lang) : '';
    return html`<div class="stack no-print">
      <div class="row">
        ${
          allowed.has('urge')
            ? html`<button type="button" class="btn small" ?disabled=${this.http.busy} @click=${() => this.act('urge', {}, t(this.lang, 'urged'))}>
                ${t(this.lang, 'urge')}
              </button>`
            : urgeAt
              ? html`<span class="muted" data-urge-again>${t(this.lang, 'urgeAgainAt', { time: urgeAt })}</span>`
              : nothing
        }
        ${
          allowed.has('cc')
            ? html`<button
                type="button"
                class="btn small"
                aria-expanded=${this.panel === 'cc' ? 'true' : 'false'}
                aria-controls="cc-panel"
                @click=${() => ((this.panel = this.panel === 'cc' ? null : 'cc'), this.http.clear())}
              >
                ${t(this.lang, 'cc')}
              </button>`
            : nothing
        }
        ${
          allowed.has('withdraw')
            ? html`<button
                type="button"
                class="btn small danger"
                ?disabled=${this.http.busy}
                @click=${() => {
                  if (confirm(t(this.lang, 'withdrawConfirm'))) void this.act('withdraw', {}, t(this.lang, 'withdrawn'));
                }}
              >
                ${t(this.lang, 'withdraw')}
              </button>`
            : nothing
        }
        ${this.printButton(k)}
      </div>
      ${
        this.panel === 'cc'
          ? html`<div class="stack" id="cc-panel">
              <chancery-person-picker
                multiple
                .client=${this.http.client}
                lang=${this.lang}
                label=${t(this.lang, 'ccTo')}
                .error=${this.http.issue('/users') ?? ''}
                @chancery-people-change=${(e: CustomEvent<{ value: DirectoryPerson[] }>) => (this.people = e.detail.value)}
              ></chancery-person-picker>
              <div class="row">
                <button
                  type="button"
                  class="btn primary small"
                  ?disabled=${!this.people.length || this.http.busy}
                  @click=${() => this.act('cc', { users: this.people.map((p) => p.id) }, t(this.lang, 'ccDone'))}
                >
                  ${t(this.lang, 'confirm')}
                </button>
              </div>
            </div>`
          : nothing
      }
      ${may.standing.length ? this.renderStanding(k, may.standing) : nothing}
    </div>`;
  }

  /** The standing actions the reader may take: one button each; an action with a form opens it first. */
  private renderStanding(k: CaseView, actions: NonNullable<CaseView['actions']>['standing']) {
    const api = this.http.client;
    const open = actions.find((a) => this.panel === `action:${a.name}`);
    return html`<div class="stack" part="standing-actions">
      <h3 class="muted">${t(this.lang, 'standingActions')}</h3>
      <div class="row">
        ${actions.map((a) =>
          a.form
            ? html`<button
                type="button"
                class="btn small"
                data-action=${a.name}
                title=${a.description ?? nothing}
                aria-expanded=${open === a ? 'true' : 'false'}
                aria-controls="action-panel"
                @click=${() => ((this.panel = open === a ? null : `action:${a.name}`), this.http.clear())}
              >
                ${a.title}
              </button>`
            : html`<button
                type="button"
                class="btn small"
                data-action=${a.name}
                title=${a.description ?? nothing}
                ?disabled=${this.http.busy}
                @click=${() => this.act(`actions/${encodeURIComponent(a.name)}`, {}, t(this.lang, 'actionDone', { action: a.title }))}
              >
                ${a.title}
              </button>`,
        )}
      </div>
      ${
        open?.form
          ? html`<div class="stack" id="action-panel">
              <chancery-form
                class="action"
                src=${api.url(`/api/forms/${encodeURIComponent(k.definition.key)}/${encodeURIComponent(open.form)}`, { version: k.definition.version })}
                api=${api.base}
                .fetch=${api.authedFetch}
                lang=${this.lang}
                hide-submit
              ></chancery-form>
              <div class="row">
                <button type="button" class="btn primary small" ?disabled=${this.http.busy} @click=${() => this.takeWithForm(open.name, open.title)}>
                  ${t(this.lang, 'confirm')}
                </button>
              </div>
            </div>`
          : nothing
      }
    </div>`;
  }

  private async takeWithForm(name: string, title: string): Promise<void> {
    const form = this.renderRoot.querySelector<ChanceryForm>('chancery-form.action');
    if (!form) return;
    const checked = await form.submit();
    if (!checked.valid) return;
    await this.act(`actions/${encodeURIComponent(name)}`, { data: checked.data }, t(this.lang, 'actionDone', { action: title }));
  }

  private renderLinks(k: CaseView) {
    const links = k.links ?? [];
    if (!links.length || this.print) return nothing;
    return html`<section class="card stack" aria-labelledby="links-h" part="links">
      <h2 id="links-h">${t(this.lang, 'linksTitle')}</h2>
      <ul>
        ${links.map(
          (l) =>
            html`<li data-link=${l.kind}>
              <a href=${`#/cases/${encodeURIComponent(l.instanceId)}`}>${l.title}</a>
              <span class="muted"
                >· ${t(this.lang, l.direction === 'out' ? 'link_out' : 'link_in', { kind: linkKindLabel(this.lang, l.kind) })} ·
                ${statusLabel(this.lang, l.status)}</span
              >
            </li>`,
        )}
      </ul>
    </section>`;
  }

  /** 修改后重新提交: offered on a withdrawn case to its initiator, as the server allows. */
  private resendButton(k: CaseView) {
    if (!(k.allowedActions ?? []).includes('resend')) return nothing;
    const href = this.resendHref?.replace('{id}', encodeURIComponent(k.id));
    const open = (e: Event) => {
      if (!this.emit('chancery-resend-case', { instanceId: k.id }, true)) e.preventDefault();
    };
    return href
      ? html`<a class="btn small primary" part="resend" href=${href} @click=${open}>${t(this.lang, 'resend')}</a>`
      : html`<button type="button" class="btn small primary" part="resend" @click=${open}>${t(this.lang, 'resend')}</button>`;
  }

  private printButton(k: CaseView) {
    if (this.print) return html`<button type="button" class="btn small" @click=${() => window.print()}>${t(this.lang, 'print')}</button>`;
    const href = this.printHref?.replace('{id}', encodeURIComponent(k.id));
    return href ? html`<a class="btn small" href=${href}>${t(this.lang, 'printView')}</a>` : nothing;
  }

  private renderForms(k: CaseView) {
    const api = this.http.client;
    const keys = Object.keys(this.definition?.definition.forms ?? {}).filter((f) => k.data[f] && typeof k.data[f] === 'object');
    return keys.map(
      (f) =>
        html`<chancery-form
          readonly
          src=${api.url(`/api/forms/${encodeURIComponent(k.definition.key)}/${encodeURIComponent(f)}`, { version: k.definition.version })}
          api=${api.base}
          .fetch=${api.authedFetch}
          lang=${this.lang}
          .data=${k.data[f]}
        ></chancery-form>`,
    );
  }

  protected override render() {
    const k = this.kase;
    if (!k) return html`${this.http.alert()}${this.http.error ? nothing : html`<p class="muted" aria-busy="true">${t(this.lang, 'loading')}</p>`}`;
    const titles = this.titles();
    const current = k.steps.map((s) => s.id);
    return html`<div class="stack" part="case">
      ${this.print ? html`<h1 class="print-title">${t(this.lang, 'printTitle')}</h1>` : nothing}
      <section class="head card" aria-labelledby="case-h">
        <p class="muted">${k.definition.title}</p>
        <h2 id="case-h" tabindex="-1">${k.title}</h2>
        <dl class="facts">
          <dt>${t(this.lang, 'status')}</dt>
          <dd><span class="badge status st-${k.status}">${statusLabel(this.lang, k.status)}</span></dd>
          ${
            k.steps.length
              ? html`<dt>${t(this.lang, 'stepLabel')}</dt>
                  <dd>
                    ${k.steps
                      .filter((s) => !k.steps.some((o) => o.id.startsWith(`${s.id}.`)))
                      .map((s) => s.title)
                      .join('、')}
                  </dd>`
              : nothing
          }
          <dt>${t(this.lang, 'started')}</dt>
          <dd>${formatDateTime(k.createdAt, this.lang)}</dd>
          ${
            k.dueAt
              ? html`<dt>${t(this.lang, 'dueLabel')}</dt>
                  <dd>${formatDateTime(k.dueAt, this.lang)}</dd>`
              : nothing
          }
        </dl>
        ${this.http.alert()} ${this.message ? html`<p class="notice" role="status">${this.message}</p>` : nothing} ${this.renderActions(k)}
      </section>
      ${this.renderLinks(k)} ${this.print ? html`<section class="stack">${this.renderForms(k)}</section>` : nothing}
      ${this.definition ? renderOpinionSheet(this.history, titles, this.definition.definition, this.lang, { forms: this.forms, loadFile: this.loadFile }) : nothing}
      ${
        this.definition && !this.print
          ? html`<section class="card stack" aria-labelledby="diagram-h">
              <h2 id="diagram-h">${t(this.lang, 'diagram')}</h2>
              <chancery-workflow-diagram
                lang=${this.lang}
                .definition=${this.definition.definition}
                .current=${current}
                .visited=${k.visited}
              ></chancery-workflow-diagram>
            </section>`
          : nothing
      }
      ${this.print ? nothing : html`<chancery-timer-list lang=${this.lang} .items=${this.timers} .titles=${titles}></chancery-timer-list>`}
      <section class="card stack" aria-labelledby="timeline-h">
        <h2 id="timeline-h">${t(this.lang, 'timeline')}</h2>
        <ol class="timeline" part="timeline">
          ${this.history.map((e) => this.renderEntry(e, titles))}
        </ol>
      </section>
    </div>`;
  }
}
