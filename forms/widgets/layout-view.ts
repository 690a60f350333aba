import { html, nothing, type TemplateResult } from 'lit';
import { t } from './messages.js';
import type { Lang, LayoutView, Pointer } from '../model/types.js';

type Node = Exclude<LayoutView, { kind: 'field' }>;

/** What the layout renderer needs from the form: fields, and where each tab set / wizard stands. */
export interface LayoutHost {
  lang: Lang;
  renderField(pointer: Pointer): TemplateResult;
  /** Selected tab or current step of the node with this key. */
  position(key: string): number;
  /** Select a tab (no validation). */
  select(key: string, index: number): void;
  /** Errors to flag on a tab or step holding these fields (0 until the user has tried to submit). */
  errorCount(pointers: readonly Pointer[]): number;
  /** Move a wizard; the form validates the current step before going forward. */
  step(key: string, node: Node, to: number): void;
}

/**
 * Render a resolved layout: groups, columns, tabs and steps (wizard). `key` names each node by
 * its position so the form can remember which tab or step is open.
 */
export function renderLayout(view: LayoutView, host: LayoutHost, key = 'root'): TemplateResult {
  if (view.kind === 'field') return host.renderField(view.pointer);
  switch (view.kind) {
    case 'columns':
      return html`<div class="columns" part="columns" style=${`--cols:${view.columns ?? view.items.length}`}>
        ${view.items.map((item, i) => renderLayout(item, host, `${key}.${i}`))}
      </div>`;
    case 'tabs':
      return renderTabs(view, host, key);
    case 'steps':
      return renderSteps(view, host, key);
    default:
      return renderGroup(view, host, key);
  }
}

function renderGroup(view: Node, host: LayoutHost, key: string): TemplateResult {
  const items = view.items.map((item, i) => renderLayout(item, host, `${key}.${i}`));
  if (!view.title) return html`<div class="form" part="group">${items}</div>`;
  return html`<section class="form" part="group" aria-labelledby=${`${key}-title`}>
    <h3 class="group-title" id=${`${key}-title`} part="group-title">${view.title}</h3>
    ${view.description ? html`<p class="help">${view.description}</p>` : nothing} ${items}
  </section>`;
}

function titleOf(item: LayoutView, index: number, lang: Lang): string {
  return (item.kind !== 'field' && item.title) || t(lang, 'item', { n: index + 1 });
}

/** «（2 处错误）» after a tab or step title once errors are showing. */
function badge(item: LayoutView, host: LayoutHost) {
  const n = host.errorCount(item.kind === 'field' ? [item.pointer] : item.pointers);
  return n ? html`<span class="badge" part="error-badge">${t(host.lang, 'errorBadge', { n })}</span>` : nothing;
}

function renderTabs(view: Node, host: LayoutHost, key: string): TemplateResult {
  const active = Math.min(host.position(key), view.items.length - 1);
  const id = (i: number) => `${key}-tab-${i}`;
  const onKey = (e: KeyboardEvent, i: number) => {
    const n = view.items.length;
    const to = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    host.select(key, to);
    const list = (e.currentTarget as HTMLElement).parentElement;
    requestAnimationFrame(() => list?.querySelector<HTMLElement>(`#${CSS.escape(id(to))}`)?.focus());
  };
  return html`<div class="tabs" part="tabs">
    <div role="tablist" part="tablist">
      ${view.items.map(
        (item, i) =>
          html`<button
            type="button"
            role="tab"
            part="tab"
            id=${id(i)}
            aria-controls=${`${id(i)}-panel`}
            aria-selected=${i === active ? 'true' : 'false'}
            tabindex=${i === active ? 0 : -1}
            @click=${() => host.select(key, i)}
            @keydown=${(e: KeyboardEvent) => onKey(e, i)}
          >
            ${titleOf(item, i, host.lang)}${badge(item, host)}
          </button>`,
      )}
    </div>
    ${view.items.map(
      (item, i) =>
        html`<div
          role="tabpanel"
          part="tabpanel"
          data-layout=${key}
          data-index=${i}
          id=${`${id(i)}-panel`}
          aria-labelledby=${id(i)}
          tabindex="0"
          ?hidden=${i !== active}
        >
          ${renderInner(item, host, `${key}.${i}`)}
        </div>`,
    )}
  </div>`;
}

/** A tab's or step's own group title is already shown on the tab: render its items only. */
function renderInner(item: LayoutView, host: LayoutHost, key: string): TemplateResult {
  if (item.kind === 'group') return html`<div class="form">${item.items.map((x, i) => renderLayout(x, host, `${key}.${i}`))}</div>`;
  return renderLayout(item, host, key);
}

function renderSteps(view: Node, host: LayoutHost, key: string): TemplateResult {
  const n = view.items.length;
  const current = Math.min(host.position(key), n - 1);
  const lang = host.lang;
  return html`<div class="wizard" part="wizard">
    <ol class="steps" part="steps">
      ${view.items.map((item, i) => html`<li aria-current=${i === current ? 'step' : 'false'}>${i + 1}. ${titleOf(item, i, lang)}${badge(item, host)}</li>`)}
    </ol>
    <p class="help" id=${`${key}-progress`}>${t(lang, 'stepOf', { n: current + 1, total: n })}</p>
    ${view.items.map(
      (item, i) =>
        html`<section class="step" part="step" data-layout=${key} data-index=${i} ?hidden=${i !== current} aria-labelledby=${`${key}-step-${i}`}>
          <h3 class="group-title" id=${`${key}-step-${i}`} tabindex="-1">${titleOf(item, i, lang)}</h3>
          ${renderInner(item, host, `${key}.${i}`)}
        </section>`,
    )}
    <div class="actions" part="step-actions">
      ${current > 0 ? html`<button type="button" part="previous" @click=${() => host.step(key, view, current - 1)}>${t(lang, 'previous')}</button>` : nothing}
      ${current < n - 1 ? html`<button type="button" class="primary" part="next" @click=${() => host.step(key, view, current + 1)}>${t(lang, 'next')}</button>` : nothing}
    </div>
  </div>`;
}
