/**
 * `<chancery-form-designer>`: build a form from a palette of fields (drag them onto the form, or
 * focus one and press Enter), set each field's labels in zh-CN and English, validation, options,
 * a show-when condition and its width; the JSON Schema and UI schema it writes are shown side by
 * side with a live preview in the real `<chancery-form>`. Fires `chancery-form-change` with
 * `{ schema, uiSchema }`. `<chancery-definition-forms>` manages the forms of a workflow with it.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { ChanceryElement } from '../shared/chancery-element.js';
import { baseStyles } from '../shared/styles.js';
import { FIELD_NAME, FIELD_TYPES, fromSchemas, newChoice, newField, toSchemas, type Choice, type FieldDef, type FieldType } from './form-model.js';
import { at, type AdminKey } from './messages.js';

export class ChanceryFormDesigner extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: 180px minmax(0, 1fr) 320px;
        gap: 12px;
        align-items: start;
      }
      @container (max-width: 980px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      .palette {
        display: grid;
        gap: 6px;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .palette button {
        width: 100%;
      }
      .palette button {
        justify-content: flex-start;
        cursor: grab;
      }
      .canvas {
        min-height: 160px;
        border: 2px dashed var(--_hairline);
        border-radius: var(--_radius);
        padding: 8px;
        display: grid;
        gap: 6px;
        align-content: start;
      }
      .canvas.over {
        border-color: var(--_primary);
        background: var(--_primary-soft);
      }
      .item {
        display: flex;
        gap: 6px;
        align-items: center;
        justify-content: space-between;
        border: 1px solid var(--_hairline);
        border-radius: var(--_radius);
        padding: 6px 8px;
        background: var(--_surface);
      }
      .item[aria-current='true'] {
        border-color: var(--_focus);
        box-shadow: 0 0 0 2px var(--_focus);
      }
      .item .pick {
        flex: 1;
        text-align: start;
        background: none;
        border: 0;
        min-height: 40px;
        cursor: pointer;
        font: inherit;
      }
      .json {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 12px;
      }
      @container (max-width: 700px) {
        .json {
          grid-template-columns: 1fr;
        }
      }
      pre {
        background: var(--_subtle);
        padding: 10px;
        border-radius: var(--_radius);
        overflow: auto;
        max-height: 360px;
        font-size: 0.8rem;
        margin: 0;
      }
      .grid2 {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8px;
      }
      .choice-row {
        display: grid;
        grid-template-columns: 1fr 1fr auto;
        gap: 6px;
        align-items: end;
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    schema: { attribute: false },
    uiSchema: { attribute: false },
    fields: { state: true },
    current: { state: true },
    over: { state: true },
    simple: { type: Boolean },
  };
  /** Office view: field names (keys) and the JSON panes stay out of sight. */
  declare simple: boolean;
  declare schema: Record<string, unknown> | undefined;
  declare uiSchema: Record<string, unknown> | undefined;
  declare fields: FieldDef[];
  declare current: number;
  declare over: boolean;
  private written: unknown;

  constructor() {
    super();
    this.schema = undefined;
    this.uiSchema = undefined;
    this.fields = [];
    this.current = -1;
    this.over = false;
    this.simple = false;
  }

  private L(k: AdminKey, p: Record<string, unknown> = {}) {
    return at(this.lang, k, p);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('schema') || changed.has('uiSchema')) && this.schema !== this.written) {
      this.fields = fromSchemas(this.schema, this.uiSchema);
      this.current = this.fields.length ? 0 : -1;
    }
  }

  private commit(fields: FieldDef[], current = this.current): void {
    this.fields = fields;
    this.current = Math.min(current, fields.length - 1);
    const { schema, uiSchema } = toSchemas(fields);
    this.written = schema;
    this.schema = schema;
    this.uiSchema = uiSchema;
    this.emit('chancery-form-change', { schema, uiSchema });
  }

  private add(type: FieldType, at = this.fields.length): void {
    const f = newField(
      type,
      this.fields.map((x) => x.name),
    );
    f.labelZh = this.L(`type:${type}` as AdminKey);
    const next = [...this.fields];
    next.splice(at, 0, f);
    this.commit(next, at);
  }

  private move(i: number, by: number): void {
    const j = i + by;
    if (j < 0 || j >= this.fields.length) return;
    const next = [...this.fields];
    [next[i], next[j]] = [next[j]!, next[i]!];
    this.commit(next, j);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-field-index='${j}'] .pick`)?.focus());
  }

  private patch(p: Partial<FieldDef>): void {
    const i = this.current;
    const f = this.fields[i];
    if (!f) return;
    if (p.name !== undefined && (!FIELD_NAME.test(p.name) || this.fields.some((x, j) => j !== i && x.name === p.name))) return;
    const next = { ...f, ...p };
    for (const [k, v] of Object.entries(p))
      if (v === '' || v === undefined || (typeof v === 'number' && Number.isNaN(v))) delete (next as Record<string, unknown>)[k];
    this.commit(this.fields.map((x, j) => (j === i ? next : x)));
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.over = false;
    const type = e.dataTransfer?.getData('application/x-chancery-field') as FieldType | undefined;
    const from = e.dataTransfer?.getData('application/x-chancery-move');
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-field-index]');
    const at = target ? Number(target.dataset.fieldIndex) : this.fields.length;
    if (type && (FIELD_TYPES as readonly string[]).includes(type)) this.add(type, at);
    else if (from) {
      const i = Number(from);
      const next = [...this.fields];
      const [f] = next.splice(i, 1);
      if (f) next.splice(Math.min(at, next.length), 0, f);
      this.commit(next, Math.min(at, next.length - 1));
    }
  }

  private num(label: AdminKey, key: 'minLength' | 'maxLength' | 'minimum' | 'maximum', f: FieldDef) {
    return html`<label class="field"
      >${this.L(label)}<input
        type="number"
        name=${key}
        .value=${f[key] === undefined ? '' : String(f[key])}
        @change=${(e: Event) => {
          const v = (e.target as HTMLInputElement).value;
          this.patch({ [key]: v === '' ? undefined : Number(v) });
        }}
    /></label>`;
  }

  /** The choices as rows of labels (the stored values are generated and not shown). */
  private renderChoices(list: Choice[]) {
    const set = (options: Choice[]) => this.patch({ options });
    const at = (i: number, p: Partial<Choice>) => set(list.map((c, j) => (j === i ? { ...c, ...p } : c)));
    return html`<fieldset class="stack" data-choices>
      <legend>${this.L('options')}</legend>
      ${list.map(
        (c, i) =>
          html`<div class="choice-row">
            <label class="field"
              >${this.L('choiceZh', { n: i + 1 })}<input
                name="choice-zh"
                .value=${c.zh}
                @input=${(e: Event) => at(i, { zh: (e.target as HTMLInputElement).value })}
            /></label>
            <label class="field"
              >${this.L('choiceEn', { n: i + 1 })}<input
                name="choice-en"
                lang="en"
                .value=${c.en ?? ''}
                @input=${(e: Event) => at(i, { en: (e.target as HTMLInputElement).value })}
            /></label>
            <button
              class="btn small danger"
              type="button"
              aria-label=${this.L('choiceRemove', { n: i + 1 })}
              ?disabled=${list.length <= 1}
              @click=${() => set(list.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>`,
      )}
      <div class="row">
        <button
          class="btn small"
          type="button"
          data-action="add-choice"
          @click=${() => set([...list, newChoice(list, this.L('choiceDefault', { n: list.length + 1 }))])}
        >
          ${this.L('choiceAdd')}
        </button>
      </div>
    </fieldset>`;
  }

  private renderProps() {
    const f = this.fields[this.current];
    if (!f) return html`<p class="hint">${this.L('noFields')}</p>`;
    const text = f.type === 'text' || f.type === 'textarea' || f.type === 'opinion';
    const numeric = f.type === 'number' || f.type === 'integer';
    const choice = f.type === 'select' || f.type === 'radio' || f.type === 'multi';
    const vars = this.fields.filter((x) => x !== f).map((x) => ({ path: `data.${x.name}`, label: x.labelZh || x.name }));
    return html`<div class="stack" data-props>
      ${this.simple ? nothing : html`<label class="field">${this.L('fieldName')}<input name="name" .value=${f.name} pattern=${FIELD_NAME.source} @change=${(e: Event) => this.patch({ name: (e.target as HTMLInputElement).value })} /></label>`}
      <label class="field"
        >${this.L('labelZh')}<input name="labelZh" .value=${f.labelZh} @input=${(e: Event) => this.patch({ labelZh: (e.target as HTMLInputElement).value })}
      /></label>
      <label class="field"
        >${this.L('labelEn')}<input
          name="labelEn"
          lang="en"
          .value=${f.labelEn ?? ''}
          @input=${(e: Event) => this.patch({ labelEn: (e.target as HTMLInputElement).value })}
      /></label>
      <label class="row"
        ><input
          type="checkbox"
          name="required"
          .checked=${Boolean(f.required)}
          @change=${(e: Event) => this.patch({ required: (e.target as HTMLInputElement).checked || undefined })}
        />
        ${this.L('required')}</label
      >
      ${
        text
          ? html`<div class="grid2">${this.num('minLength', 'minLength', f)}${this.num('maxLength', 'maxLength', f)}</div>
              <label class="field"
                >${this.L('pattern')}<input
                  name="pattern"
                  .value=${f.pattern ?? ''}
                  @change=${(e: Event) => this.patch({ pattern: (e.target as HTMLInputElement).value })}
              /></label>`
          : nothing
      }
      ${numeric ? html`<div class="grid2">${this.num('minimum', 'minimum', f)}${this.num('maximum', 'maximum', f)}</div>` : nothing}
      ${choice ? this.renderChoices(f.options ?? []) : nothing}
      <label class="field"
        >${this.L('width')}<select name="width" @change=${(e: Event) => this.patch({ width: (e.target as HTMLSelectElement).value as 'full' | 'half' })}>
          <option value="full" ?selected=${f.width !== 'half'}>${this.L('width:full')}</option>
          <option value="half" ?selected=${f.width === 'half'}>${this.L('width:half')}</option>
        </select></label
      >
      <chancery-condition-builder
        .lang=${this.lang}
        .label=${this.L('showWhen')}
        .fields=${vars}
        .value=${f.showWhen}
        @chancery-change=${(e: CustomEvent<{ value: unknown }>) => {
          e.stopPropagation();
          this.patch({ showWhen: e.detail.value });
        }}
      ></chancery-condition-builder>
    </div>`;
  }

  protected override render() {
    const { schema, uiSchema } = toSchemas(this.fields);
    return html`<div class="stack">
      <div class="layout">
        <section aria-labelledby="palette-h">
          <h3 id="palette-h">${this.L('palette')}</h3>
          <p class="hint">${this.L('paletteHelp')}</p>
          <ul class="palette">
            ${FIELD_TYPES.map(
              (t) =>
                html`<li>
                  <button
                    class="btn small"
                    type="button"
                    draggable="true"
                    data-palette=${t}
                    @dragstart=${(e: DragEvent) => e.dataTransfer?.setData('application/x-chancery-field', t)}
                    @click=${() => this.add(t)}
                  >
                    ${this.L(`type:${t}` as AdminKey)}
                  </button>
                </li>`,
            )}
          </ul>
        </section>
        <section aria-labelledby="fields-h">
          <h3 id="fields-h">${this.L('fieldsOf')}</h3>
          <div
            class="canvas ${this.over ? 'over' : ''}"
            data-canvas
            role="list"
            @dragover=${(e: DragEvent) => {
              e.preventDefault();
              this.over = true;
            }}
            @dragleave=${() => (this.over = false)}
            @drop=${(e: DragEvent) => this.onDrop(e)}
          >
            ${this.fields.length === 0 ? html`<p class="hint">${this.L('noFields')}</p>` : nothing}
            ${this.fields.map(
              (f, i) =>
                html`<div
                  class="item"
                  role="listitem"
                  data-field-index=${i}
                  data-field=${f.name}
                  aria-current=${i === this.current ? 'true' : 'false'}
                  draggable="true"
                  @dragstart=${(e: DragEvent) => e.dataTransfer?.setData('application/x-chancery-move', String(i))}
                >
                  <button
                    class="pick"
                    type="button"
                    @click=${() => (this.current = i)}
                    @keydown=${(e: KeyboardEvent) => {
                      if (e.altKey && e.key === 'ArrowUp') {
                        e.preventDefault();
                        this.move(i, -1);
                      } else if (e.altKey && e.key === 'ArrowDown') {
                        e.preventDefault();
                        this.move(i, 1);
                      }
                    }}
                  >
                    <strong>${f.labelZh || f.name}</strong>${f.required ? html` <span aria-hidden="true" style="color:var(--_danger)">*</span>` : nothing}
                    <span class="muted">${this.L(`type:${f.type}` as AdminKey)}${this.simple ? '' : ` · ${f.name}`}</span>
                  </button>
                  <button
                    class="btn small"
                    type="button"
                    aria-label="${this.L('moveUp')} ${f.labelZh || f.name}"
                    ?disabled=${i === 0}
                    @click=${() => this.move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    class="btn small"
                    type="button"
                    aria-label="${this.L('moveDown')} ${f.labelZh || f.name}"
                    ?disabled=${i === this.fields.length - 1}
                    @click=${() => this.move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    class="btn small danger"
                    type="button"
                    aria-label="${this.L('remove')} ${f.labelZh || f.name}"
                    @click=${() =>
                      this.commit(
                        this.fields.filter((_, j) => j !== i),
                        Math.max(0, i - 1),
                      )}
                  >
                    ✕
                  </button>
                </div>`,
            )}
          </div>
        </section>
        <section aria-labelledby="props-h">
          <h3 id="props-h">${this.fields[this.current]?.labelZh || this.L('fieldsOf')}</h3>
          ${this.renderProps()}
        </section>
      </div>
      <section class="card stack" aria-labelledby="preview-h">
        <h3 id="preview-h">${this.L('preview')}</h3>
        <chancery-form .lang=${this.lang} .schema=${schema} .uiSchema=${uiSchema} hide-submit data-preview></chancery-form>
      </section>
      ${
        this.simple
          ? nothing
          : html`<div class="json">
              <section>
                <h3>${this.L('schemaJson')}</h3>
                <pre tabindex="0" data-json="schema">${JSON.stringify(schema, null, 2)}</pre>
              </section>
              <section>
                <h3>${this.L('uiJson')}</h3>
                <pre tabindex="0" data-json="ui">${JSON.stringify(uiSchema, null, 2)}</pre>
              </section>
            </div>`
      }
    </div>`;
  }
}

/** The forms of a workflow: pick or add one, choose the start form, design it. */
export class ChanceryDefinitionForms extends ChanceryElement {
  static override styles = [baseStyles];
  static override properties = { ...ChanceryElement.properties, definition: { attribute: false }, current: { state: true }, newKey: { state: true } };
  declare definition: WorkflowDefinition | undefined;
  declare current: string;
  declare newKey: string;

  constructor() {
    super();
    this.definition = undefined;
    this.current = '';
    this.newKey = '';
  }

  private L(k: AdminKey) {
    return at(this.lang, k);
  }

  private change(def: WorkflowDefinition): void {
    this.emit('chancery-definition-change', { definition: def });
  }

  protected override render() {
    const def = this.definition;
    if (!def) return nothing;
    const keys = Object.keys(def.forms ?? {});
    const current = this.current && keys.includes(this.current) ? this.current : (keys[0] ?? '');
    const ref = def.forms?.[current];
    return html`<div class="stack">
      <div class="row">
        <label class="field"
          >${this.L('formKey')}<select name="form" @change=${(e: Event) => (this.current = (e.target as HTMLSelectElement).value)}>
            ${keys.map((k) => html`<option value=${k} ?selected=${k === current}>${k}</option>`)}
          </select></label
        >
        <label class="field"
          >${this.L('formKey')}<input
            name="new-form"
            .value=${this.newKey}
            pattern="^[a-z][a-zA-Z0-9_\\-]*$"
            @input=${(e: Event) => (this.newKey = (e.target as HTMLInputElement).value)}
        /></label>
        <button
          class="btn small"
          type="button"
          data-action="add-form"
          ?disabled=${!/^[a-z][a-zA-Z0-9_-]*$/.test(this.newKey) || keys.includes(this.newKey)}
          @click=${() => {
            const k = this.newKey;
            this.change({ ...def, forms: { ...(def.forms ?? {}), [k]: { schema: { type: 'object', properties: {} } } } });
            this.current = k;
            this.newKey = '';
          }}
        >
          ${this.L('addForm')}
        </button>
        <label class="field"
          >${this.L('startForm')}<select
            name="start-form"
            @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              const { startForm: _s, ...rest } = def;
              this.change(v ? { ...rest, startForm: v } : rest);
            }}
          >
            <option value="">${at(this.lang, 'noForm')}</option>
            ${keys.map((k) => html`<option value=${k} ?selected=${def.startForm === k}>${k}</option>`)}
          </select></label
        >
      </div>
      ${
        ref && typeof ref === 'object' && typeof ref.schema === 'object'
          ? html`<chancery-form-designer
              .lang=${this.lang}
              .schema=${ref.schema}
              .uiSchema=${typeof ref.uiSchema === 'object' ? ref.uiSchema : undefined}
              @chancery-form-change=${(e: CustomEvent<{ schema: Record<string, unknown>; uiSchema: Record<string, unknown> }>) => this.change({ ...def, forms: { ...(def.forms ?? {}), [current]: { schema: e.detail.schema, uiSchema: e.detail.uiSchema } } })}
            ></chancery-form-designer>`
          : nothing
      }
    </div>`;
  }
}
