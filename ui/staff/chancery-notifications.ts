/**
 * `<chancery-notifications>`: my notifications (CC, urges, reminders), unread first, each
 * opening its case or task; marking one read updates the count. Fires `chancery-open-case`,
 * `chancery-open-task` and `chancery-unread` `{ count }`.
 */
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { formatDateTime } from '../shared/format.js';
import { LiveController } from '../shared/live-controller.js';
import { t } from '../shared/messages.js';
import { baseStyles } from '../shared/styles.js';
import type { NotificationItem } from '../shared/types.js';

export class ChanceryNotifications extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        border: 1px solid var(--_hairline);
        border-radius: calc(var(--_radius) + 2px);
        background: var(--_surface);
      }
      li {
        padding: 12px 16px;
        border-top: 1px solid var(--_hairline);
        display: grid;
        gap: 4px;
      }
      li:first-child {
        border-top: 0;
      }
      li.unread {
        box-shadow: inset 4px 0 0 var(--_primary);
      }
      .title {
        font-weight: 700;
      }
    `,
  ];
  static override properties = { ...ChanceryElement.properties, items: { state: true }, unread: { state: true }, loaded: { state: true } };
  declare items: NotificationItem[];
  declare unread: number;
  declare loaded: boolean;

  constructor() {
    super();
    this.items = [];
    this.unread = 0;
    this.loaded = false;
    new LiveController(this, { client: () => this.http.client, onChange: () => void this.load() });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const res = await this.http.run((api) => api.get<{ items: NotificationItem[]; unread: number }>('/api/notifications'));
    if (!res) return;
    this.items = res.items;
    this.unread = res.unread;
    this.loaded = true;
    this.emit('chancery-unread', { count: res.unread });
  }

  private async read(n: NotificationItem): Promise<void> {
    const ok = await this.http.run((api) => api.command('POST', `/api/notifications/${n.id}/read`));
    if (ok !== undefined) await this.load();
  }

  private open(n: NotificationItem): void {
    if (!n.readAt) void this.read(n);
    if (n.taskId) this.emit('chancery-open-task', { taskId: n.taskId, instanceId: n.instanceId });
    else if (n.instanceId) this.emit('chancery-open-case', { instanceId: n.instanceId });
  }

  protected override render() {
    return html`<section class="stack" aria-labelledby="n-h">
      <div class="spread">
        <h2 id="n-h" tabindex="-1">${t(this.lang, 'notificationsTitle')}</h2>
        ${this.unread ? html`<span class="badge due-overdue">${t(this.lang, 'unreadCount', { n: this.unread })}</span>` : nothing}
      </div>
      ${this.http.alert()}
      ${
        !this.loaded
          ? html`<p class="muted" aria-busy="true">${t(this.lang, 'loading')}</p>`
          : this.items.length === 0
            ? html`<p class="empty card">${t(this.lang, 'notificationsEmpty')}</p>`
            : html`<ul>
                ${this.items.map(
                  (n) =>
                    html`<li class=${n.readAt ? '' : 'unread'}>
                      <div class="spread">
                        <span class="title"
                          >${n.instanceId || n.taskId ? html`<button type="button" class="link" @click=${() => this.open(n)}>${n.title}</button>` : n.title}</span
                        >
                        <span class="muted">${formatDateTime(n.createdAt, this.lang)}</span>
                      </div>
                      ${n.body ? html`<p>${n.body}</p>` : nothing}
                      ${n.readAt ? nothing : html`<div><span class="sr-only">${t(this.lang, 'unread')}</span><button type="button" class="btn small" @click=${() => this.read(n)}>${t(this.lang, 'markRead')}</button></div>`}
                    </li>`,
                )}
              </ul>`
      }
    </section>`;
  }
}
