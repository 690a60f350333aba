import { html, nothing } from 'lit';
import { fieldId } from './form-context.js';
import { t, type Lang } from './messages.js';
import type { DraftController } from './draft-controller.js';
import type { Issue, Pointer } from '../model/types.js';

/** The error summary at the top of the form: one link per issue, each moving focus to its field. */
export function renderErrorSummary(issues: readonly Issue[], lang: Lang, go: (pointer: Pointer) => void) {
  if (!issues.length) return nothing;
  return html`<div class="summary" part="error-summary" role="region" aria-labelledby="summary-title">
    <h2 id="summary-title" tabindex="-1">${t(lang, 'errorSummary', { n: issues.length })}</h2>
    <ul>
      ${issues.map(
        (issue) =>
          html`<li>
            <a
              href=${`#${fieldId(issue.pointer)}`}
              @click=${(e: Event) => {
                e.preventDefault();
                go(issue.pointer);
              }}
              >${issue.message}</a
            >
          </li>`,
      )}
    </ul>
  </div>`;
}

/** The draft notice: restored, saved, offline, or a newer copy on the server. */
export function renderDraftNotice(drafts: DraftController, lang: Lang) {
  const notice = drafts.notice;
  if (!notice) return nothing;
  if (notice.kind === 'newer') {
    const time = new Date(notice.server.savedAt).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
    return html`<div class="notice" part="draft-notice" role="status">
      <span>${t(lang, 'draftNewer', { time })}</span>
      <button type="button" @click=${() => drafts.useServer()}>${t(lang, 'useServerDraft')}</button>
      <button type="button" @click=${() => drafts.dismiss()}>${t(lang, 'keepLocal')}</button>
    </div>`;
  }
  if (notice.kind === 'refused')
    return html`<div class="notice" part="draft-notice" role="status"><span>${t(lang, 'draftRefused', { reason: notice.reason })}</span></div>`;
  const key = ({ restored: 'draftRestored', offline: 'draftOffline', local: 'draftLocal', saved: 'draftSaved' } as const)[notice.kind];
  return html`<div class="notice" part="draft-notice" role="status"><span>${t(lang, key)}</span></div>`;
}
