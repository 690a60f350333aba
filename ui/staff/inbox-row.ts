/**
 * One row of the inbox, as a 待办 list reads: the case title first (with 急件 / 特急), then the
 * step, the workflow and who started it, whose task it was (岗位 pool, 转交自, 委派自, 委托, and
 * 已委托给 for my own task that my delegate holds while I am away), and
 * the deadline with its label. Every list of tasks renders its rows here, so a new mark is added
 * once.
 */
import { css, html, nothing } from 'lit';
import { dueStatus, formatDateTime, type DueStatus } from '../shared/format.js';
import { colon, type Lang } from '../shared/i18n.js';
import { t, type MessageKey } from '../shared/messages.js';
import type { InboxItem } from '../shared/types.js';

const dueKey: Record<DueStatus, MessageKey> = { overdue: 'dueOverdue', soon: 'dueSoon', ok: 'dueOk', none: 'dueNone' };

export const inboxRowStyles = css`
  li.task {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 4px 16px;
    align-items: start;
    padding: 12px 16px;
    border-top: 1px solid var(--_hairline);
  }
  li.task:first-child {
    border-top: 0;
  }
  li.task.overdue {
    box-shadow: inset 4px 0 0 var(--_danger);
  }
  li.task.soon {
    box-shadow: inset 4px 0 0 #d68a00;
  }
  li.task.read-only {
    background: var(--_subtle);
  }
  .title {
    font-weight: 700;
    font-size: 1.05rem;
    overflow-wrap: anywhere;
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 8px;
  }
  .title a,
  .title .link {
    color: var(--_link);
  }
  .urgent {
    background: var(--_danger);
    color: #fff;
    border-radius: 4px;
    padding: 0 6px;
    font-size: 0.8rem;
    font-weight: 700;
    line-height: 1.6;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.9rem;
    display: flex;
    flex-wrap: wrap;
    gap: 2px 12px;
    margin-top: 2px;
  }
  .meta .step {
    color: var(--_ink, inherit);
    font-weight: 600;
  }
  .marks {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 6px;
    margin-top: 4px;
  }
  .when {
    color: var(--_muted);
    font-size: 0.9rem;
    text-align: end;
    display: grid;
    gap: 2px;
    justify-items: end;
  }
  @container (max-width: 720px) {
    li.task {
      grid-template-columns: 1fr;
      padding: 10px 12px;
    }
    .when {
      text-align: start;
      justify-items: start;
      grid-auto-flow: column;
      justify-content: start;
      gap: 8px;
    }
  }
`;

export interface InboxRowOptions {
  lang: Lang;
  href: string | undefined;
  workflowTitle: string;
  open(e: Event): void;
}

/** @example html`<ul>${items.map((i) => renderInboxRow(i, { lang, href, workflowTitle, open }))}</ul>` */
export function renderInboxRow(item: InboxItem, o: InboxRowOptions) {
  const { lang } = o;
  const status = dueStatus(item.dueAt);
  const title = item.caseTitle || item.stepTitle || item.title;
  const step = item.stepTitle || item.title;
  const marks = [
    item.pool ? t(lang, 'poolBadge') : '',
    item.actingForName ? t(lang, 'actingForMark', { name: item.actingForName }) : item.delegated ? t(lang, 'delegatedBadge') : '',
    item.delegatedTo ? t(lang, 'delegatedToMark', { name: item.delegatedTo }) : '',
    item.transferredFrom ? t(lang, 'transferredFrom', { name: item.transferredFrom }) : '',
    item.delegatedBy ? t(lang, 'delegatedBy', { name: item.delegatedBy }) : '',
  ].filter(Boolean);
  return html`<li class="task ${status}${item.readOnly ? ' read-only' : ''}" part="task" data-task=${item.id}>
    <div>
      <div class="title">
        ${item.urgency ? html`<span class="urgent" part="urgency">${t(lang, item.urgency === 'very-urgent' ? 'veryUrgent' : 'urgent')}</span>` : nothing}
        ${o.href ? html`<a href=${o.href} @click=${o.open}>${title}</a>` : html`<button type="button" class="link" @click=${o.open}>${title}</button>`}
      </div>
      <div class="meta">
        <span class="step">${step}</span>
        <span>${o.workflowTitle}</span>
        ${item.initiatorName ? html`<span>${t(lang, 'initiatedBy', { name: item.initiatorName })}</span>` : nothing}
      </div>
      ${
        marks.length || item.returned
          ? html`<div class="marks">
              ${
                item.returned
                  ? html`<span class="badge due-overdue" data-returned title=${item.returned.opinion ?? ''}>${t(lang, 'returnedBadge')}</span>
                      <span class="returned"
                        >${t(lang, 'returnedBy', { name: item.returned.byName ?? t(lang, 'system'), time: formatDateTime(item.returned.at, lang) })}${
                          item.returned.opinion ? html`${colon(lang)}${item.returned.opinion}` : nothing
                        }</span
                      >`
                  : nothing
              }
              ${marks.map((m) => html`<span class="badge due-none">${m}</span>`)}
            </div>`
          : nothing
      }
    </div>
    <div class="when">
      <span
        ><span class="badge due-${status}">${t(lang, dueKey[status])}</span
        >${item.dueAt ? html` <span class="sr-only">${t(lang, 'colDue')}</span>${formatDateTime(item.dueAt, lang)}` : nothing}</span
      >
      <span>${t(lang, 'colReceived')} ${formatDateTime(item.createdAt, lang)}</span>
    </div>
  </li>`;
}
