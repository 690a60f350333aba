/**
 * `<chancery-case instance-id="…">`: a case as anyone allowed to see it reads it: status and
 * current steps, the workflow diagram with the current and passed steps highlighted, and the
 * timeline from the audit chain (who, acting for whom, what, when, opinion, what data changed),
 * and the pending timers (deadlines, reminders, schedules with their next occurrences).
 * Initiators may withdraw; anyone involved may urge or CC. With `print`, a compact record for
 * A4 paper. Fires `chancery-case-loaded` and `chancery-case-changed`.
 */
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { formatDateTime, shortValue } from '../shared/format.js';
import { textOf } from '../shared/i18n.js';
import { eventLabel, outcomeLabel, statusLabel, t } from '../shared/messages.js';
import { baseStyles } from '../shared/styles.js';
import type { CaseView, DefinitionRecord, DirectoryPerson, HistoryEntry, Me, StateLike } from '../shared/types.js';
import type { TimerItem } from './timer-list.js';
import type { FileRef } from '../../forms/widgets/types.js';

type Panel = 'cc' | null;

/** The PNG file refs (handwritten signatures) in a value a step wrote, to show as images. */
function imageRefs(value: unknown, depth = 0): FileRef[] {
  if (value === null || typeof value !== 'object' || depth > 4) return [];
  if (Array.isArray(value)) return value.flatMap((v) => imageRefs(v, depth + 1));
  const o = value as Record<string, unknown>;
  if (typeof o.id === 'string' && typeof o.sha256 === 'string' && o.mime === 'image/png') return [o as unknown as FileRef];
  return Object.values(o).flatMap((v) => imageRefs(v, depth + 1));
}

function stateTitles(states: Record<string, StateLike> | undefined, lang: 'zh-CN' | 'en', prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [name, s] of Object.entries(states ?? {})) {
    const id = prefix ? `${prefix}.${name}` : name;
    out.set(id, textOf(s.title, lang) || name);
    for (const [region, r] of Object.entries(s.parallel ?? {})) stateTitles(r.states, lang, `${id}.${region}`, out);
  }
  return out;
}

export class ChanceryCase extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      .head { display: grid; gap: 8px; }
      .head h2 { font-size: 1.35rem; overflow-wrap: anywhere; }
      .status { font-size: 0.9rem; }
      .st-running { color: var(--_link); background: #e8f0fb; }
      .st-completed { color: var(--_ok); background: var(--_ok-soft); }
      .st-rejected, .st-withdrawn, .st-cancelled { color: var(--_danger); background: var(--_danger-soft); }
      ol.timeline { list-style: none; margin: 0; padding: 0; position: relative; }
      ol.timeline > li { position: relative; padding: 0 0 18px 28px; }
      ol.timeline > li::before { content: ''; position: absolute; left: 7px; top: 6px; bottom: -6px; width: 2px; background: var(--_hairline); }
      ol.timeline > li:last-child::before { display: none; }
      ol.timeline > li::after { content: ''; position: absolute; left: 1px; top: 6px; width: 14px; height: 14px; border-radius: 50%; background: var(--_surface); border: 3px solid var(--_primary); }
      .when { color: var(--_muted); font-size: 0.9rem; }
      .what { font-weight: 700; }
      blockquote { margin: 6px 0 0; padding: 8px 12px; background: var(--_subtle); border-inline-start: 4px solid var(--_line); border-radius: 4px; white-space: pre-wrap; }
      table.diff { border-collapse: collapse; margin-top: 6px; font-size: 0.9rem; width: 100%; }
      table.diff th, table.diff td { border: 1px solid var(--_hairline); padding: 4px 8px; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
      table.diff th { background: var(--_subtle); }
      del { color: var(--_danger); }
      ins { color: var(--_ok); text-decoration: none; font-weight: 600; }
      .print-only { display: none; }
      :host([print]) .card { border: 0; padding: 0; }
      :host([print]) .print-title { text-align: center; font-size: 1.6rem; letter-spacing: 0.2em; margin-bottom: 12px; }
      @media print {
        .no-print { display: none !important; }
        .print-only { display: block; }
        :host { font-size: 12pt; color: #000; }
        ol.timeline > li { break-inside: avoid; }
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    instanceId: { attribute: 'instance-id' },
    print: { type: Boolean, reflect: true },
    printHref: { attribute: 'print-href' },
    kase: { state: true },
    history: { state: true },
    timers: { state: true },
    definition: { state: true },
    me: { state: true },
    panel: { state: true },
    people: { state: true },
    message: { state: true },
  };
  declare instanceId: string;
  declare print: boolean;
  declare printHref: string | null;
  declare kase: CaseView | undefined;
  declare history: HistoryEntry[];
  declare timers: TimerItem[];
  declare definition: DefinitionRecord | undefined;
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
    this.kase = undefined;
    this.history = [];
    this.timers = [];
    this.definition = undefined;
    this.me = undefined;
    this.panel = null;
    this.people = [];
    this.message = '';
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
    this.emit('chancery-case-loaded', { instanceId: got.kase.id, status: got.kase.status });
  }

  private async act(path: string, body: unknown, done: string): Promise<void> {
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
    return String(label ?? '').split('|').filter(Boolean).map((s) => titles.get(s) ?? s).join('、');
  }

  private renderEntry(e: HistoryEntry, titles: Map<string, string>) {
    const p = e.payload ?? {};
    const who = !e.actorName ? t(this.lang, 'system') : e.actingForName ? t(this.lang, 'byFor', { name: e.actorName, for: e.actingForName }) : e.actorName;
    const diff = (p.diff && typeof p.diff === 'object' ? Object.entries(p.diff as Record<string, [unknown, unknown]>) : []).filter(([k]) => !k.startsWith('_'));
    return html`<li data-event=${e.type}>
      <div class="when"><time datetime=${new Date(e.at).toISOString()}>${formatDateTime(e.at, this.lang)}</time>${e.state ? html` · ${titles.get(e.state) ?? e.state}` : nothing}</div>
      <div><span class="what">${who}</span> ${eventLabel(this.lang, e.type)}${typeof p.outcome === 'string' && e.type === 'task.completed' ? html` — ${t(this.lang, 'outcomeLabel', { outcome: outcomeLabel(this.lang, p.outcome) })}` : nothing}</div>
      ${typeof p.to === 'string' && p.to ? html`<div class="muted">${t(this.lang, 'movedTo', { to: this.stepNames(p.to, titles) })}</div>` : nothing}
      ${typeof p.opinion === 'string' && p.opinion ? html`<blockquote>${p.opinion}</blockquote>` : nothing}
      ${typeof p.message === 'string' && p.message ? html`<blockquote>${p.message}</blockquote>` : nothing}
      ${diff.flatMap(([, [, b]]) => imageRefs(b)).map((ref) => html`<chancery-file-image class="signature" .ref=${ref} .load=${this.loadFile} alt=${t(this.lang, 'signatureImage', { name: ref.name })}></chancery-file-image>`)}
      ${diff.length
        ? html`<table class="diff"><thead><tr><th scope="col">${t(this.lang, 'diffField')}</th><th scope="col">${t(this.lang, 'diffBefore')}</th><th scope="col">${t(this.lang, 'diffAfter')}</th></tr></thead>
            <tbody>${diff.map(([k, [a, b]]) => html`<tr><td>${k}</td><td><del>${shortValue(a)}</del></td><td><ins>${shortValue(b)}</ins></td></tr>`)}</tbody></table>`
        : nothing}
    </li>`;
  }

  /** Signature images in the timeline are read with the app's credentials. */
  private readonly loadFile = async (ref: { id: string }): Promise<Blob> => {
    const api = this.http.client;
    const res = await api.authedFetch(api.url(`/api/files/${encodeURIComponent(ref.id)}`));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.blob();
  };

  private renderActions(k: CaseView) {
    if (this.print || k.status !== 'running') {
      return html`<div class="row no-print">${this.printButton(k)}</div>`;
    }
    const isInitiator = this.me?.id === k.initiatorId;
    return html`<div class="stack no-print">
      <div class="row">
        <button type="button" class="btn small" ?disabled=${this.http.busy} @click=${() => this.act('urge', {}, t(this.lang, 'urged'))}>${t(this.lang, 'urge')}</button>
        <button type="button" class="btn small" aria-expanded=${this.panel === 'cc' ? 'true' : 'false'} aria-controls="cc-panel"
          @click=${() => ((this.panel = this.panel === 'cc' ? null : 'cc'), this.http.clear())}>${t(this.lang, 'cc')}</button>
        ${isInitiator
          ? html`<button type="button" class="btn small danger" ?disabled=${this.http.busy} @click=${() => {
              if (confirm(t(this.lang, 'withdrawConfirm'))) void this.act('withdraw', {}, t(this.lang, 'withdrawn'));
            }}>${t(this.lang, 'withdraw')}</button>`
          : nothing}
        ${this.printButton(k)}
      </div>
      ${this.panel === 'cc'
        ? html`<div class="stack" id="cc-panel">
            <chancery-person-picker multiple .client=${this.http.client} lang=${this.lang} label=${t(this.lang, 'ccTo')} .error=${this.http.issue('/users') ?? ''}
              @chancery-people-change=${(e: CustomEvent<{ value: DirectoryPerson[] }>) => (this.people = e.detail.value)}></chancery-person-picker>
            <div class="row"><button type="button" class="btn primary small" ?disabled=${!this.people.length || this.http.busy}
              @click=${() => this.act('cc', { users: this.people.map((p) => p.id) }, t(this.lang, 'ccDone'))}>${t(this.lang, 'confirm')}</button></div>
          </div>`
        : nothing}
    </div>`;
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
      (f) => html`<chancery-form readonly src=${api.url(`/api/forms/${encodeURIComponent(k.definition.key)}/${encodeURIComponent(f)}`, { version: k.definition.version })}
        api=${api.base} .fetch=${api.authedFetch} lang=${this.lang} .data=${k.data[f]}></chancery-form>`,
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
          <dt>${t(this.lang, 'status')}</dt><dd><span class="badge status st-${k.status}">${statusLabel(this.lang, k.status)}</span></dd>
          ${k.steps.length ? html`<dt>${t(this.lang, 'stepLabel')}</dt><dd>${k.steps.filter((s) => !k.steps.some((o) => o.id.startsWith(`${s.id}.`))).map((s) => s.title).join('、')}</dd>` : nothing}
          <dt>${t(this.lang, 'started')}</dt><dd>${formatDateTime(k.createdAt, this.lang)}</dd>
          ${k.dueAt ? html`<dt>${t(this.lang, 'dueLabel')}</dt><dd>${formatDateTime(k.dueAt, this.lang)}</dd>` : nothing}
        </dl>
        ${this.http.alert()}
        ${this.message ? html`<p class="notice" role="status">${this.message}</p>` : nothing}
        ${this.renderActions(k)}
      </section>
      ${this.print ? html`<section class="stack">${this.renderForms(k)}</section>` : nothing}
      ${this.definition && !this.print
        ? html`<section class="card stack" aria-labelledby="diagram-h">
            <h2 id="diagram-h">${t(this.lang, 'diagram')}</h2>
            <chancery-workflow-diagram lang=${this.lang} .definition=${this.definition.definition} .current=${current} .visited=${k.visited}></chancery-workflow-diagram>
          </section>`
        : nothing}
      ${this.print ? nothing : html`<chancery-timer-list lang=${this.lang} .items=${this.timers} .titles=${titles}></chancery-timer-list>`}
      <section class="card stack" aria-labelledby="timeline-h">
        <h2 id="timeline-h">${t(this.lang, 'timeline')}</h2>
        <ol class="timeline" part="timeline">${this.history.map((e) => this.renderEntry(e, titles))}</ol>
      </section>
    </div>`;
  }
}
