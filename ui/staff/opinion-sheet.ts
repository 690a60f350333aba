/**
 * The 意见栏 of a case, as on a 发文稿纸: every opinion given so far, in order — the step, who
 * (acting for whom), the decision, the opinion and when. Built from the case history, so it
 * shows exactly what the audit chain recorded.
 */
import { css, html, nothing } from 'lit';
import { formatDateTime } from '../shared/format.js';
import type { Lang } from '../shared/i18n.js';
import { eventLabel, outcomeLabel, t } from '../shared/messages.js';
import type { HistoryEntry, WorkflowLike } from '../shared/types.js';

const WITH_OPINION = new Set(['task.completed', 'task.returned', 'task.delegate_returned', 'task.transferred', 'task.delegated']);

/** The history entries that carry an opinion, oldest first. */
export function opinionsOf(history: readonly HistoryEntry[]): HistoryEntry[] {
  return history.filter((e) => WITH_OPINION.has(e.type) && typeof e.payload?.opinion === 'string' && (e.payload.opinion as string).trim() !== '');
}

export const opinionSheetStyles = css`
  table.opinions { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
  table.opinions th, table.opinions td { border: 1px solid var(--_line); padding: 8px 10px; text-align: start; vertical-align: top; }
  table.opinions thead th { background: var(--_subtle); font-weight: 600; white-space: nowrap; }
  table.opinions td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
  table.opinions .decision { display: block; color: var(--_muted); font-size: 0.85rem; }
  @container (max-width: 560px) {
    table.opinions thead { display: none; }
    table.opinions tr { display: grid; grid-template-columns: 1fr auto; border: 1px solid var(--_line); margin-bottom: 8px; }
    table.opinions th, table.opinions td { border: 0; }
    table.opinions td.text { grid-column: 1 / -1; }
  }
`;

/**
 * @example html`${renderOpinionSheet(history, titles, definition, lang)}`
 */
export function renderOpinionSheet(history: readonly HistoryEntry[], titles: Map<string, string>, def: WorkflowLike | undefined, lang: Lang) {
  const rows = opinionsOf(history);
  return html`<section class="card stack" aria-labelledby="opinions-h" part="opinions">
    <h3 id="opinions-h">${t(lang, 'opinionSheet')}</h3>
    ${rows.length === 0
      ? html`<p class="muted">${t(lang, 'noOpinions')}</p>`
      : html`<table class="opinions">
          <thead><tr><th scope="col">${t(lang, 'colStep')}</th><th scope="col">${t(lang, 'colPerson')}</th><th scope="col">${t(lang, 'opinion')}</th><th scope="col">${t(lang, 'colTime')}</th></tr></thead>
          <tbody>${rows.map((e) => {
            const p = e.payload;
            const who = !e.actorName ? t(lang, 'system') : e.actingForName ? t(lang, 'byFor', { name: e.actorName, for: e.actingForName }) : e.actorName;
            const decision = e.type === 'task.completed' && typeof p.outcome === 'string' ? outcomeLabel(lang, p.outcome, def) : e.type === 'task.completed' ? '' : eventLabel(lang, e.type);
            return html`<tr data-seq=${e.seq}>
              <th scope="row">${e.state ? (titles.get(e.state) ?? t(lang, 'step')) : '—'}</th>
              <td>${who}${decision ? html`<span class="decision">${decision}</span>` : nothing}</td>
              <td class="text">${p.opinion as string}</td>
              <td><time datetime=${new Date(e.at).toISOString()}>${formatDateTime(e.at, lang)}</time></td>
            </tr>`;
          })}</tbody>
        </table>`}
  </section>`;
}
