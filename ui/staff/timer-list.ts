/**
 * `<chancery-timer-list>`: a case's pending timers — deadline, reminder, escalation, recurring
 * schedule — with the step and when each fires next; a schedule lists its next occurrences.
 * The times come from the server (`GET /api/instances/:id/timers`), computed with the engine's
 * own rule on the business calendar.
 */
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { formatDateTime } from '../shared/format.js';
import { colon, paren, type Lang } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';

/** One pending timer as the API returns it. */
export interface TimerItem {
  key: string;
  kind: 'due' | 'remind' | 'escalate' | 'schedule';
  state: string;
  nextAt: string;
  occurrences?: string[];
  remaining?: number | null;
}

const text = {
  'zh-CN': { title: '待触发的期限与提醒', due: '办理期限', remind: '到期提醒', escalate: '超期升级', schedule: '周期任务', next: '之后', left: '还剩 {n} 次' },
  en: {
    title: 'Pending deadlines and reminders',
    due: 'Deadline',
    remind: 'Reminder',
    escalate: 'Escalation',
    schedule: 'Schedule',
    next: 'then',
    left: '{n} left',
  },
} as const;

export class ChanceryTimerList extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 6px;
      }
      .later {
        color: var(--_muted);
        font-size: 0.9rem;
      }
    `,
  ];
  static override properties = { ...ChanceryElement.properties, items: { attribute: false }, titles: { attribute: false } };
  declare items: TimerItem[];
  /** Step id → step title in the case's language. */
  declare titles: Map<string, string>;

  constructor() {
    super();
    this.items = [];
    this.titles = new Map();
  }

  protected override render() {
    if (this.items.length === 0) return nothing;
    const m = text[this.lang as Lang] ?? text['zh-CN'];
    return html`<section class="card stack" aria-labelledby="timers-h" part="timers">
      <h2 id="timers-h">${m.title}</h2>
      <ul>
        ${this.items.map(
          (t) =>
            html`<li data-kind=${t.kind}>
              <span class="badge">${m[t.kind]}</span> ${this.titles.get(t.state) ?? t.state}${colon(this.lang)}<time datetime=${t.nextAt}
                >${formatDateTime(t.nextAt, this.lang)}</time
              >
              ${
                t.occurrences && t.occurrences.length > 1
                  ? html`<div class="later">
                      ${m.next}
                      ${t.occurrences
                        .slice(1)
                        .map((o) => formatDateTime(o, this.lang))
                        .join('、')}${typeof t.remaining === 'number' ? paren(this.lang, m.left.replace('{n}', String(t.remaining))) : ''}
                    </div>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
    </section>`;
  }
}
