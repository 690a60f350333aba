/**
 * `<chancery-condition-builder>`: guards without typing JSON. Rows of «field · operator · value»
 * joined by «all» (and) or «any» (or) are written as JSON Logic, the same rules the engine and the
 * forms evaluate. A rule the builder cannot show as rows is kept as it is and shown read-only.
 * Fires `chancery-change` with `{ value }` (undefined = no condition).
 */
import { html, nothing, css, LitElement } from 'lit';
import { baseStyles } from '../shared/styles.js';
import type { Lang } from '../shared/i18n.js';
import { at } from './messages.js';

export type Op = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'truthy' | 'falsy';
export interface Row {
  path: string;
  op: Op;
  value: string;
}
export interface Condition {
  join: 'and' | 'or';
  rows: Row[];
}

const OPS: Op[] = ['==', '!=', '>', '>=', '<', '<=', 'truthy', 'falsy'];

/** A typed value from what was typed: numbers and true/false become themselves. */
function typed(v: string): unknown {
  const t = v.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  return v;
}

export function toLogic(c: Condition): unknown {
  const parts = c.rows
    .filter((r) => r.path.trim())
    .map((r) => {
      const v = { var: r.path.trim() };
      if (r.op === 'truthy') return { '!!': [v] };
      if (r.op === 'falsy') return { '!': [v] };
      return { [r.op]: [v, typed(r.value)] };
    });
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { [c.join]: parts };
}

/** The rows of a rule the builder wrote (or an equivalent one); null if it has another shape. */
export function fromLogic(rule: unknown): Condition | null {
  if (rule === undefined || rule === null) return { join: 'and', rows: [] };
  const one = (r: unknown): Row | null => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) return null;
    const [op, args] = Object.entries(r)[0] ?? [];
    const list = Array.isArray(args) ? args : [args];
    const v = list[0] as { var?: unknown } | undefined;
    if (!v || typeof v !== 'object' || typeof v.var !== 'string') return null;
    if (op === '!!') return { path: v.var, op: 'truthy', value: '' };
    if (op === '!') return { path: v.var, op: 'falsy', value: '' };
    if (OPS.includes(op as Op) && list.length === 2 && (list[1] === null || typeof list[1] !== 'object'))
      return { path: v.var, op: op as Op, value: String(list[1]) };
    if (op === 'var' && typeof args === 'string') return { path: args, op: 'truthy', value: '' };
    return null;
  };
  if (typeof rule === 'object' && !Array.isArray(rule)) {
    const [op, args] = Object.entries(rule as object)[0] ?? [];
    if ((op === 'and' || op === 'or') && Array.isArray(args)) {
      const rows = args.map(one);
      return rows.every((r): r is Row => r !== null) ? { join: op, rows } : null;
    }
  }
  const r = one(rule);
  return r ? { join: 'and', rows: [r] } : null;
}

export class ChanceryConditionBuilder extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .rows {
        display: grid;
        gap: 8px;
      }
      .cond {
        display: grid;
        grid-template-columns: 2fr 1.3fr 1.5fr auto;
        gap: 6px;
        align-items: end;
      }
      @container (max-width: 520px) {
        .cond {
          grid-template-columns: 1fr;
        }
      }
      code {
        display: block;
        white-space: pre-wrap;
        background: var(--_subtle);
        padding: 8px;
        border-radius: var(--_radius);
        font-size: 0.85rem;
      }
    `,
  ];
  static override properties = {
    value: { attribute: false },
    fields: { attribute: false },
    lang: {},
    label: {},
    cond: { state: true },
  };
  declare value: unknown;
  /** Suggested variables, e.g. `data.draft.amount`. */
  declare fields: Array<{ path: string; label: string }>;
  declare lang: Lang;
  declare label: string;
  declare cond: Condition | null;
  private seen: unknown = Symbol('none');
  private static seq = 0;
  private readonly uid = `cb${++ChanceryConditionBuilder.seq}`;

  constructor() {
    super();
    this.value = undefined;
    this.fields = [];
    this.lang = 'zh-CN';
    this.label = '';
    this.cond = { join: 'and', rows: [] };
  }

  protected override willUpdate(): void {
    if (this.value !== this.seen) {
      this.seen = this.value;
      this.cond = fromLogic(this.value);
    }
  }

  private change(c: Condition): void {
    this.cond = c;
    this.value = toLogic(c);
    this.seen = this.value;
    this.dispatchEvent(new CustomEvent('chancery-change', { detail: { value: this.value }, bubbles: true, composed: true }));
  }

  private setRow(i: number, patch: Partial<Row>): void {
    const c = this.cond!;
    this.change({ ...c, rows: c.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  }

  protected override render() {
    const L = (k: Parameters<typeof at>[1]) => at(this.lang, k);
    const c = this.cond;
    if (!c) {
      return html`<div class="stack">
        <p class="hint">${L('condAdvanced')}</p>
        <code>${JSON.stringify(this.value, null, 2)}</code>
        <button class="btn small" type="button" @click=${() => this.change({ join: 'and', rows: [] })}>${L('condReset')}</button>
      </div>`;
    }
    const listId = `${this.uid}-vars`;
    return html`<fieldset class="stack" part="condition">
      <legend>${this.label || L('condition')}</legend>
      ${
        c.rows.length > 1
          ? html`<label class="row"
              >${L('condJoin')}
              <select style="width:auto" @change=${(e: Event) => this.change({ ...c, join: (e.target as HTMLSelectElement).value as 'and' | 'or' })}>
                <option value="and" ?selected=${c.join === 'and'}>${L('condAll')}</option>
                <option value="or" ?selected=${c.join === 'or'}>${L('condAny')}</option>
              </select></label
            >`
          : nothing
      }
      <datalist id=${listId}>${this.fields.map((f) => html`<option value=${f.path}>${f.label}</option>`)}</datalist>
      <div class="rows">
        ${c.rows.map(
          (r, i) =>
            html`<div class="cond" data-row=${i}>
              <label class="field"
                >${L('condField')}<input
                  list=${listId}
                  .value=${r.path}
                  @change=${(e: Event) => this.setRow(i, { path: (e.target as HTMLInputElement).value })}
              /></label>
              <label class="field"
                >${L('condOp')}<select @change=${(e: Event) => this.setRow(i, { op: (e.target as HTMLSelectElement).value as Op })}>
                  ${OPS.map((op) => html`<option value=${op} ?selected=${r.op === op}>${at(this.lang, `op:${op}` as never)}</option>`)}
                </select></label
              >
              <label class="field"
                >${L('condValue')}<input
                  .value=${r.value}
                  ?disabled=${r.op === 'truthy' || r.op === 'falsy'}
                  @change=${(e: Event) => this.setRow(i, { value: (e.target as HTMLInputElement).value })}
              /></label>
              <button
                class="btn small danger"
                type="button"
                aria-label=${`${L('remove')} ${i + 1}`}
                @click=${() => this.change({ ...c, rows: c.rows.filter((_, j) => j !== i) })}
              >
                ${L('remove')}
              </button>
            </div>`,
        )}
      </div>
      ${c.rows.length === 0 ? html`<p class="hint">${L('condNone')}</p>` : nothing}
      <div class="row">
        <button
          class="btn small"
          type="button"
          @click=${() => this.change({ ...c, rows: [...c.rows, { path: this.fields[0]?.path ?? 'data.', op: '==', value: '' }] })}
        >
          ${L('condAdd')}
        </button>
      </div>
      ${
        this.value !== undefined
          ? html`<details>
              <summary>JSON Logic</summary>
              <code>${JSON.stringify(this.value)}</code>
            </details>`
          : nothing
      }
    </fieldset>`;
  }
}
