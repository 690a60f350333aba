/**
 * The 意见栏 of a case, as on a 发文稿纸: every opinion given so far, in order — the step, who
 * (acting for whom), the decision, the opinion, when, and the handwritten signature the signer
 * gave in a signature field of their form. Built from the case history, so it shows exactly what
 * the audit chain recorded: the signature is the one the signer's command wrote.
 */
import { css, html, nothing } from 'lit';
import type { FileLoader } from '../../forms/widgets/file-image.js';
import type { FileRef } from '../../forms/widgets/types.js';
import { walk } from '../../forms/model/node.js';
import { setIn } from '../../forms/model/pointer.js';
import { buildTree } from '../../forms/model/tree.js';
import type { JsonSchema, UiSchema } from '../../forms/model/types.js';
import { formatDateTime } from '../shared/format.js';
import type { Lang } from '../shared/i18n.js';
import { eventLabel, outcomeLabel, t } from '../shared/messages.js';
import type { HistoryEntry, WorkflowLike } from '../shared/types.js';
import type { FormShape } from './form-shapes.js';

const WITH_OPINION = new Set(['task.completed', 'task.returned', 'task.delegate_returned', 'task.transferred', 'task.delegated']);

const hasOpinion = (e: HistoryEntry) => typeof e.payload?.opinion === 'string' && (e.payload.opinion as string).trim() !== '';

function isSignatureRef(v: unknown): v is FileRef {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  return typeof r.id === 'string' && typeof r.sha256 === 'string' && r.mime === 'image/png';
}

/**
 * The handwritten signatures an entry wrote: the values its data changes (`payload.diff`, by
 * `form.field`) put into fields its form declares as signatures (`x-chancery: "signature"` or the
 * signature widget), never just any PNG the step attached.
 */
export function signaturesOf(entry: HistoryEntry, forms: ReadonlyMap<string, FormShape>, lang: Lang): Array<{ ref: FileRef; label: string }> {
  const diff = entry.payload?.diff;
  if (!diff || typeof diff !== 'object' || Array.isArray(diff)) return [];
  const written = new Map<string, unknown>();
  for (const [path, change] of Object.entries(diff as Record<string, [unknown, unknown]>)) {
    const [form, ...rest] = path.split('.');
    if (!form || !forms.has(form) || !Array.isArray(change)) continue;
    written.set(form, rest.length === 0 ? change[1] : setIn(written.get(form) ?? {}, rest, change[1]));
  }
  const out: Array<{ ref: FileRef; label: string }> = [];
  for (const [form, data] of written) {
    const shape = forms.get(form)!;
    try {
      const tree = buildTree(shape.schema as JsonSchema, (shape.uiSchema ?? undefined) as UiSchema | undefined, data, { lang, readonly: true });
      walk(tree.root, (node) => {
        if ((node.widget === 'signature' || node.widget === 'signature-pad') && isSignatureRef(node.value)) out.push({ ref: node.value, label: node.label });
      });
    } catch {
      // A form the reader's browser cannot build shows the opinion without its signature.
    }
  }
  return out;
}

/** The history entries that carry an opinion (or a signature, with `forms`), oldest first. */
export function opinionsOf(history: readonly HistoryEntry[], forms?: ReadonlyMap<string, FormShape>, lang: Lang = 'zh-CN'): HistoryEntry[] {
  return history.filter((e) => WITH_OPINION.has(e.type) && (hasOpinion(e) || (forms !== undefined && signaturesOf(e, forms, lang).length > 0)));
}

/** The forms whose fields the opinion entries wrote: the shapes the signature column needs. */
export function formsWritten(history: readonly HistoryEntry[]): string[] {
  const keys = history
    .filter((e) => WITH_OPINION.has(e.type) && e.payload?.diff && typeof e.payload.diff === 'object')
    .flatMap((e) => Object.keys(e.payload.diff as object).map((path) => path.split('.')[0]!));
  return [...new Set(keys)];
}

export const opinionSheetStyles = css`
  table.opinions {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.95rem;
  }
  table.opinions th,
  table.opinions td {
    border: 1px solid var(--_line);
    padding: 8px 10px;
    text-align: start;
    vertical-align: top;
  }
  table.opinions thead th {
    background: var(--_subtle);
    font-weight: 600;
    white-space: nowrap;
  }
  table.opinions td.text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  table.opinions .decision {
    display: block;
    color: var(--_muted);
    font-size: 0.85rem;
  }
  table.opinions td.sign chancery-file-image {
    display: block;
  }
  table.opinions td.sign img {
    display: block;
    max-width: 160px;
    max-height: 64px;
  }
  @container (max-width: 560px) {
    table.opinions thead {
      display: none;
    }
    table.opinions tr {
      display: grid;
      grid-template-columns: 1fr auto;
      border: 1px solid var(--_line);
      margin-bottom: 8px;
    }
    table.opinions th,
    table.opinions td {
      border: 0;
    }
    table.opinions td.text {
      grid-column: 1 / -1;
    }
  }
`;

export interface OpinionSheetOptions {
  /** The shapes of the forms the entries wrote (`formsWritten`): with them, the signature column. */
  forms?: ReadonlyMap<string, FormShape>;
  /** Reads a signature image with the page's credentials. */
  loadFile?: FileLoader;
}

/**
 * @example html`${renderOpinionSheet(history, titles, definition, lang, { forms, loadFile })}`
 */
export function renderOpinionSheet(
  history: readonly HistoryEntry[],
  titles: Map<string, string>,
  def: WorkflowLike | undefined,
  lang: Lang,
  options: OpinionSheetOptions = {},
) {
  const forms = options.forms;
  const rows = opinionsOf(history, forms, lang).map((e) => ({ e, signatures: forms ? signaturesOf(e, forms, lang) : [] }));
  // The signature column, once any signer signed (most workflows have no signature field).
  const signed = rows.some((r) => r.signatures.length > 0);
  return html`<section class="card stack" aria-labelledby="opinions-h" part="opinions">
    <h3 id="opinions-h">${t(lang, 'opinionSheet')}</h3>
    ${
      rows.length === 0
        ? html`<p class="muted">${t(lang, 'noOpinions')}</p>`
        : html`<table class="opinions">
            <thead>
              <tr>
                <th scope="col">${t(lang, 'colStep')}</th>
                <th scope="col">${t(lang, 'colPerson')}</th>
                <th scope="col">${t(lang, 'opinion')}</th>
                <th scope="col">${t(lang, 'colTime')}</th>
                ${signed ? html`<th scope="col">${t(lang, 'colSignature')}</th>` : nothing}
              </tr>
            </thead>
            <tbody>
              ${rows.map(({ e, signatures }) => {
                const p = e.payload;
                const who = !e.actorName ? t(lang, 'system') : e.actingForName ? t(lang, 'byFor', { name: e.actorName, for: e.actingForName }) : e.actorName;
                const decision =
                  e.type === 'task.completed' && typeof p.outcome === 'string'
                    ? outcomeLabel(lang, p.outcome, def)
                    : e.type === 'task.completed'
                      ? ''
                      : eventLabel(lang, e.type);
                return html`<tr data-seq=${e.seq}>
                  <th scope="row">${e.state ? (titles.get(e.state) ?? t(lang, 'step')) : '—'}</th>
                  <td>${who}${decision ? html`<span class="decision">${decision}</span>` : nothing}</td>
                  <td class="text">${hasOpinion(e) ? (p.opinion as string) : nothing}</td>
                  <td><time datetime=${new Date(e.at).toISOString()}>${formatDateTime(e.at, lang)}</time></td>
                  ${
                    signed
                      ? html`<td class="sign">
                          ${signatures.map(
                            (s) =>
                              html`<chancery-file-image
                                .ref=${s.ref}
                                .load=${options.loadFile}
                                alt=${t(lang, 'signatureOf', { name: e.actorName ?? t(lang, 'system') })}
                              ></chancery-file-image>`,
                          )}
                        </td>`
                      : nothing
                  }
                </tr>`;
              })}
            </tbody>
          </table>`
    }
  </section>`;
}
