/**
 * `<chancery-pending-moves>`: the moves past a level (不得越级) of one workflow that wait for a
 * second administrator — a migration or an admin event, with the cases, the levels it skips and
 * the reason — and the buttons to approve (carries it out) or reject it. The server refuses the
 * admin who asked (`move.same_admin`) and a move the case has outgrown (`move.changed`); the
 * refusal is shown as it comes.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { formatDateTime } from '../shared/format.js';
import { baseStyles } from '../shared/styles.js';
import { at, type AdminKey } from './messages.js';

interface PendingMove {
  id: string;
  kind: 'migration' | 'event';
  instanceId: string | null;
  request: { instances?: string[]; type?: string };
  reason: string;
  levels: string[];
  requestedAt: string;
}

export class ChanceryPendingMoves extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 6px 8px;
        border-bottom: 1px solid var(--_hairline);
        vertical-align: top;
      }
    `,
  ];
  static override properties = { ...ChanceryElement.properties, workflow: {}, moves: { state: true }, decided: { state: true } };
  declare workflow: string;
  declare moves: PendingMove[];
  declare decided: AdminKey | '';

  constructor() {
    super();
    this.workflow = '';
    this.moves = [];
    this.decided = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('workflow') && this.workflow) void this.load();
  }

  /** Reads the pending moves again (after a migration was asked for, or a decision). */
  async load(): Promise<void> {
    const r = await this.http.run((api) =>
      api.get<{ items: PendingMove[] }>('/api/admin-moves', { status: 'pending', definition: this.workflow, pageSize: 200 }),
    );
    this.moves = r?.items ?? [];
  }

  private async decide(move: PendingMove, verb: 'approve' | 'reject'): Promise<void> {
    const r = await this.http.run((api) => api.command<{ status: string }>('POST', `/api/admin-moves/${move.id}/${verb}`, {}));
    if (!r) return;
    this.decided = verb === 'approve' ? 'moveApproved' : 'moveRejected';
    this.emit('chancery-move-decided', { id: move.id, status: r.status });
    await this.load();
  }

  protected override render() {
    const L = (k: AdminKey, p: Record<string, unknown> = {}) => at(this.lang, k, p);
    if (this.moves.length === 0 && !this.decided && !this.http.error) return nothing;
    return html`<section class="card stack" aria-labelledby="moves-h" part="pending-moves">
      <h3 id="moves-h">${L('movesPending')}</h3>
      ${this.http.alert()} ${this.decided ? html`<p class="notice" role="status">${L(this.decided)}</p>` : nothing}
      ${
        this.moves.length
          ? html`<table data-pending-moves>
              <thead>
                <tr>
                  <th>${L('moveKind')}</th>
                  <th>${L('moveLevels')}</th>
                  <th>${L('moveReasonCol')}</th>
                  <th>${L('moveRequested')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${this.moves.map(
                  (m) =>
                    html`<tr data-move=${m.id}>
                      <td>
                        ${L(m.kind === 'migration' ? 'moveKind:migration' : 'moveKind:event')}${m.kind === 'migration' ? ` · ${L('moveCases', { n: m.request.instances?.length ?? '—' })}` : m.request.type ? ` · ${m.request.type}` : ''}
                      </td>
                      <td>${m.levels.join(' → ')}</td>
                      <td>${m.reason}</td>
                      <td><time datetime=${m.requestedAt}>${formatDateTime(m.requestedAt, this.lang)}</time></td>
                      <td>
                        <button class="btn primary" type="button" ?disabled=${this.http.busy} @click=${() => void this.decide(m, 'approve')}>
                          ${L('approveMove')}
                        </button>
                        <button class="btn" type="button" ?disabled=${this.http.busy} @click=${() => void this.decide(m, 'reject')}>${L('rejectMove')}</button>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }
    </section>`;
  }
}
