/**
 * The simple designer's drawer contents, in office words: who approves (指定成员 / 发起人的主管 /
 * 角色 / 本单位负责人 / 发起人自己), how several approvers decide, what happens when nobody is
 * found, the deadline in working days; a branch's condition picked by form-field label, operator
 * and value; the case-title template. Each editor is a template function that calls `set` with
 * the changed node; `<chancery-simple-designer>` owns the state.
 */
import { html, nothing } from 'lit';
import type { Lang } from '../shared/i18n.js';
import { textOf } from '../shared/i18n.js';
import type { DirectoryPerson } from '../shared/types.js';
import type { Op, Row } from './condition-builder.js';
import type { ApproverNode, Branch, CcNode, Lane, Mode, ReturnTo, SimpleFlow, Starters, Text, TitlePart, WhenEmpty, Who } from './simple-flow.js';
import { formFields, inLane } from './simple-flow.js';
import { st, type SimpleKey } from './simple-messages.js';

export interface DrawerContext {
  lang: Lang;
  flow: SimpleFlow;
  roles: Array<{ key: string; name: string; nameEn?: string }>;
  units: Array<{ id: string; code: string; name: string; nameEn?: string }>;
  /** People already picked (usernames → directory entries) so chips show names. */
  people: Map<string, DirectoryPerson>;
  remember(p: DirectoryPerson[]): void;
}

const WHO_KINDS: Who['kind'][] = ['users', 'manager', 'role', 'head', 'initiator'];
const MODES: Mode[] = ['sequential', 'all', 'any'];
const EMPTIES: WhenEmpty[] = ['skip', 'admin', 'fail'];
const RETURNS: Array<ReturnTo | 'none'> = ['none', 'previous', 'initiator', 'visited'];
const STARTERS: Starters['kind'][] = ['all', 'units', 'roles', 'users'];
const NUMBER_OPS: Op[] = ['==', '!=', '>', '>=', '<', '<='];
const TEXT_OPS: Op[] = ['==', '!=', 'truthy', 'falsy'];

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

/** Radio buttons in a fieldset; `name` keeps each group apart. */
function radios<T extends string>(ctx: DrawerContext, legend: string, name: string, options: T[], current: T, label: (o: T) => string, set: (o: T) => void) {
  void ctx;
  return html`<fieldset class="stack radios">
    <legend>${legend}</legend>
    ${options.map((o) => html`<label class="choice"><input type="radio" name=${name} .checked=${o === current} @change=${() => set(o)} /> ${label(o)}</label>`)}
  </fieldset>`;
}

function names(ctx: DrawerContext, title: Text, set: (t: Text) => void) {
  const L = (k: SimpleKey) => st(ctx.lang, k);
  return html`<label class="field"
      >${L('nodeName')}<input name="node-name" .value=${title['zh-CN']} @input=${(e: Event) => set({ ...title, 'zh-CN': value(e) })}
    /></label>
    <label class="field"
      >${L('nodeNameEn')}<input
        name="node-name-en"
        lang="en"
        .value=${title.en ?? ''}
        @input=${(e: Event) => {
          const en = value(e).trim();
          const { en: _o, ...rest } = title;
          set(en ? { ...rest, en } : rest);
        }}
    /></label>`;
}

/** Who: the kind as radios, then what that kind needs. */
function whoEditor(ctx: DrawerContext, legend: string, who: Who, set: (w: Who) => void) {
  const L = (k: SimpleKey, p: Record<string, unknown> = {}) => st(ctx.lang, k, p);
  const change = (kind: Who['kind']) => {
    if (kind === who.kind) return;
    if (kind === 'users') set({ kind, users: [] });
    else if (kind === 'manager') set({ kind, level: 1 });
    else if (kind === 'role') set({ kind, role: ctx.roles[0]?.key ?? 'staff' });
    else set({ kind });
  };
  const nameOf = (r: { name: string; nameEn?: string }) => (ctx.lang === 'en' ? r.nameEn || r.name : r.name);
  return html`${radios(ctx, legend, 'who', WHO_KINDS, who.kind, (k) => L(`who:${k}` as SimpleKey), change)}
  ${
    who.kind === 'users'
      ? html`<chancery-person-picker
          multiple
          .lang=${ctx.lang}
          .label=${L('people')}
          .value=${who.users.map((u) => ctx.people.get(u) ?? { id: u, username: u, displayName: u })}
          @chancery-people-change=${(e: CustomEvent<{ value: DirectoryPerson[] }>) => {
            ctx.remember(e.detail.value);
            set({ kind: 'users', users: e.detail.value.map((p) => p.username) });
          }}
        ></chancery-person-picker>`
      : nothing
  }
  ${
    who.kind === 'manager'
      ? html`<label class="field"
          >${L('managerLevel')}<select name="manager-level" @change=${(e: Event) => set({ kind: 'manager', level: Number(value(e)) })}>
            ${[1, 2, 3, 4].map((n) => html`<option value=${n} ?selected=${who.level === n}>${n === 1 ? L('levelDirect') : L('levelN', { n })}</option>`)}
          </select></label
        >`
      : nothing
  }
  ${
    who.kind === 'role'
      ? html`<label class="field"
            >${L('role')}<select name="role" @change=${(e: Event) => set({ ...who, role: value(e) })}>
              ${ctx.roles.map((r) => html`<option value=${r.key} ?selected=${who.role === r.key}>${nameOf(r)}</option>`)}
            </select></label
          >
          <label class="field"
            >${L('unit')}<select
              name="unit"
              @change=${(e: Event) => {
                const u = value(e);
                set(u ? { kind: 'role', role: who.role, unit: u } : { kind: 'role', role: who.role });
              }}
            >
              <option value="" ?selected=${!who.unit}>${L('unitInitiator')}</option>
              ${ctx.units.map((u) => html`<option value=${u.code} ?selected=${who.unit === u.code}>${nameOf(u)}</option>`)}
            </select></label
          >`
      : nothing
  }`;
}

/** A short description of who, for the node card. */
export function whoSummary(ctx: DrawerContext, who: Who): string {
  const L = (k: SimpleKey, p: Record<string, unknown> = {}) => st(ctx.lang, k, p);
  switch (who.kind) {
    case 'users':
      return who.users.length
        ? who.users.map((u) => (ctx.lang === 'en' ? ctx.people.get(u)?.displayNameEn : undefined) ?? ctx.people.get(u)?.displayName ?? u).join('、')
        : L('notSet');
    case 'manager':
      return who.level === 1 ? L('who:manager') : `${L('who:manager')}（${L('levelN', { n: who.level })}）`;
    case 'role': {
      const r = ctx.roles.find((x) => x.key === who.role);
      const u = ctx.units.find((x) => x.code === who.unit);
      const name = (o: { name: string; nameEn?: string } | undefined, fallback: string) => (o ? (ctx.lang === 'en' ? o.nameEn || o.name : o.name) : fallback);
      return `${name(u, L('unitInitiator'))} · ${name(r, who.role)}`;
    }
    default:
      return L(`who:${who.kind}` as SimpleKey);
  }
}

export function approverEditor(ctx: DrawerContext, n: ApproverNode, set: (n: ApproverNode) => void) {
  const L = (k: SimpleKey) => st(ctx.lang, k);
  return html`${names(ctx, n.title, (title) => set({ ...n, title }))} ${whoEditor(ctx, L('who'), n.who, (who) => set({ ...n, who }))}
    ${radios(
      ctx,
      L('mode'),
      'mode',
      MODES,
      n.mode,
      (m) => L(`mode:${m}` as SimpleKey),
      (mode) => set({ ...n, mode }),
    )}
    ${radios(
      ctx,
      L('empty'),
      'empty',
      EMPTIES,
      n.empty,
      (m) => L(`empty:${m}` as SimpleKey),
      (empty) => set({ ...n, empty }),
    )}
    ${radios(
      ctx,
      L('returnTo'),
      'return',
      inLane(ctx.flow, n.id) ? RETURNS.filter((r) => r !== 'initiator') : RETURNS,
      n.returnTo ?? 'none',
      (r) => L(`return:${r}` as SimpleKey),
      (r) => {
        const { returnTo: _r, ...rest } = n;
        set(r === 'none' ? rest : { ...rest, returnTo: r });
      },
    )}
    <label class="field"
      >${L('dueDays')}<input
        name="due-days"
        type="number"
        min="0"
        max="365"
        inputmode="numeric"
        .value=${String(n.dueDays ?? 0)}
        aria-describedby="due-help"
        @change=${(e: Event) => {
          const d = Math.max(0, Math.min(365, Math.floor(Number(value(e)) || 0)));
          const { dueDays: _d, ...rest } = n;
          set(d ? { ...rest, dueDays: d } : rest);
        }}
      />
      <span class="hint" id="due-help">${L('dueHelp')}</span></label
    >
    <label class="choice"
      ><input
        type="checkbox"
        name="opinion"
        .checked=${Boolean(n.opinionRequired)}
        @change=${(e: Event) => {
          const { opinionRequired: _o, ...rest } = n;
          set((e.target as HTMLInputElement).checked ? { ...rest, opinionRequired: true } : rest);
        }}
      />
      ${L('opinion')}</label
    >`;
}

export function ccEditor(ctx: DrawerContext, n: CcNode, set: (n: CcNode) => void) {
  return html`${names(ctx, n.title, (title) => set({ ...n, title }))}${whoEditor(ctx, st(ctx.lang, 'ccWho'), n.who, (who) => set({ ...n, who }))}`;
}

export function laneEditor(ctx: DrawerContext, lane: Lane, set: (l: Lane) => void) {
  return names(ctx, lane.title, (title) => set({ ...lane, title }));
}

/** A branch's condition: rows of form field (by label) · operator · value. */
export function conditionEditor(ctx: DrawerContext, b: Branch, set: (b: Branch) => void) {
  const L = (k: SimpleKey, p: Record<string, unknown> = {}) => st(ctx.lang, k, p);
  const fields = formFields(ctx.flow);
  if (fields.length === 0) return html`<p class="hint">${L('noFields')}</p>`;
  const c = b.when;
  const setRows = (rows: Row[]) => set({ ...b, when: { ...c, rows } });
  const setRow = (i: number, patch: Partial<Row>) => setRows(c.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return html`${
      c.rows.length > 1
        ? html`<label class="field"
            >${L('join')}<select name="join" @change=${(e: Event) => set({ ...b, when: { ...c, join: value(e) as 'and' | 'or' } })}>
              <option value="and" ?selected=${c.join === 'and'}>${L('join:and')}</option>
              <option value="or" ?selected=${c.join === 'or'}>${L('join:or')}</option>
            </select></label
          >`
        : nothing
    }
    ${c.rows.map((r, i) => {
      const f = fields.find((x) => x.name === r.path);
      const numeric = f?.type === 'number' || f?.type === 'integer';
      const ops = numeric ? NUMBER_OPS : TEXT_OPS;
      const noValue = r.op === 'truthy' || r.op === 'falsy';
      return html`<fieldset class="stack row-box" data-row=${i}>
        <legend>${L('conditionN', { n: i + 1 })}</legend>
        <label class="field"
          >${L('field')}<select name="field" @change=${(e: Event) => setRow(i, { path: value(e), value: '', op: '==' })}>
            ${f ? nothing : html`<option value="" selected>${L('pickOne')}</option>`}
            ${fields.map((x) => html`<option value=${x.name} ?selected=${x.name === r.path}>${textOf(x.label, ctx.lang)}</option>`)}
          </select></label
        >
        <label class="field"
          >${L('op')}<select name="op" @change=${(e: Event) => setRow(i, { op: value(e) as Op })}>
            ${ops.map((o) => html`<option value=${o} ?selected=${o === r.op}>${L(`op:${o}` as SimpleKey)}</option>`)}
          </select></label
        >
        ${
          noValue
            ? nothing
            : f?.options
              ? html`<label class="field"
                  >${L('value')}<select name="value" @change=${(e: Event) => setRow(i, { value: value(e) })}>
                    <option value="" ?selected=${r.value === ''}>${L('pickOne')}</option>
                    ${f.options.map((o) => html`<option value=${o.value} ?selected=${o.value === r.value}>${textOf(o.label, ctx.lang)}</option>`)}
                  </select></label
                >`
              : f?.type === 'boolean'
                ? html`<label class="field"
                    >${L('value')}<select name="value" @change=${(e: Event) => setRow(i, { value: value(e) })}>
                      <option value="true" ?selected=${r.value === 'true'}>${L('yes')}</option>
                      <option value="false" ?selected=${r.value === 'false'}>${L('no')}</option>
                    </select></label
                  >`
                : html`<label class="field"
                    >${L('value')}<input
                      name="value"
                      type=${numeric ? 'number' : 'text'}
                      .value=${r.value}
                      @input=${(e: Event) => setRow(i, { value: value(e) })}
                  /></label>`
        }
        <button class="btn small danger" type="button" @click=${() => setRows(c.rows.filter((_, j) => j !== i))}>${L('removeRow', { n: i + 1 })}</button>
      </fieldset>`;
    })}
    <div class="row">
      <button
        class="btn small"
        type="button"
        data-action="add-row"
        @click=${() => setRows([...c.rows, { path: fields[0]!.name, op: fields[0]!.type === 'number' || fields[0]!.type === 'integer' ? '>' : '==', value: '' }])}
      >
        ${L('addRow')}
      </button>
    </div>`;
}

/** A one-line description of a condition for its card: 「费用 大于 1000」. */
export function conditionSummary(ctx: DrawerContext, b: Branch): string {
  if (b.when.rows.length === 0) return st(ctx.lang, 'noCondition');
  const fields = formFields(ctx.flow);
  const parts = b.when.rows.map((r) => {
    const f = fields.find((x) => x.name === r.path);
    const shown = f?.options?.find((o) => o.value === r.value);
    const v = r.op === 'truthy' || r.op === 'falsy' ? '' : ` ${shown ? textOf(shown.label, ctx.lang) : r.value}`;
    return `${f ? textOf(f.label, ctx.lang) : r.path} ${st(ctx.lang, `op:${r.op}` as SimpleKey)}${v}`;
  });
  return parts.join(b.when.join === 'and' ? (ctx.lang === 'en' ? ' and ' : ' 且 ') : ctx.lang === 'en' ? ' or ' : ' 或 ');
}

/** Chosen items as chips with a remove button, and a list to add one more. */
function chips(
  ctx: DrawerContext,
  name: string,
  addLabel: string,
  chosen: string[],
  all: Array<{ key: string; label: string }>,
  set: (list: string[]) => void,
) {
  const labelOf = (k: string) => all.find((x) => x.key === k)?.label ?? k;
  const left = all.filter((x) => !chosen.includes(x.key));
  return html`<div class="stack" data-chosen=${name}>
    ${
      chosen.length
        ? html`<ul class="chips" aria-label=${addLabel}>
            ${chosen.map(
              (k) =>
                html`<li class="chip">
                  ${labelOf(k)}
                  <button type="button" aria-label=${st(ctx.lang, 'removeNamed', { name: labelOf(k) })} @click=${() => set(chosen.filter((x) => x !== k))}>
                    ✕
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }
    <label class="field"
      >${addLabel}<select
        name=${name}
        @change=${(e: Event) => {
          const v = value(e);
          if (v) set([...chosen, v]);
          (e.target as HTMLSelectElement).value = '';
        }}
      >
        <option value="" selected>${st(ctx.lang, 'pickOne')}</option>
        ${left.map((x) => html`<option value=${x.key}>${x.label}</option>`)}
      </select></label
    >
  </div>`;
}

/** Who may start the workflow (发起人范围): everyone, departments, roles or people. */
export function startersEditor(ctx: DrawerContext, s: Starters | null, set: (s: Starters) => void) {
  const L = (k: SimpleKey) => st(ctx.lang, k);
  const nameOf = (r: { name: string; nameEn?: string }) => (ctx.lang === 'en' ? r.nameEn || r.name : r.name);
  const change = (kind: Starters['kind']) => {
    if (kind === s?.kind) return;
    set(kind === 'all' ? { kind } : kind === 'units' ? { kind, units: [] } : kind === 'roles' ? { kind, roles: [] } : { kind, users: [] });
  };
  return html`<fieldset class="stack radios">
      <legend>${L('starters')}</legend>
      ${STARTERS.map((k) => html`<label class="choice"><input type="radio" name="starters" .checked=${s?.kind === k} @change=${() => change(k)} /> ${L(`starters:${k}` as SimpleKey)}</label>`)}
      <span class="hint">${s ? L('startersHelp') : L('startersOther')}</span>
    </fieldset>
    ${
      s?.kind === 'units'
        ? chips(
            ctx,
            'starter-unit',
            L('addUnit'),
            s.units,
            ctx.units.map((u) => ({ key: u.code, label: nameOf(u) })),
            (units) => set({ kind: 'units', units }),
          )
        : nothing
    }
    ${
      s?.kind === 'roles'
        ? chips(
            ctx,
            'starter-role',
            L('addRole'),
            s.roles,
            ctx.roles.map((r) => ({ key: r.key, label: nameOf(r) })),
            (roles) => set({ kind: 'roles', roles }),
          )
        : nothing
    }
    ${
      s?.kind === 'users'
        ? html`<chancery-person-picker
            multiple
            .lang=${ctx.lang}
            .label=${L('people')}
            .value=${s.users.map((u) => ctx.people.get(u) ?? { id: u, username: u, displayName: u })}
            @chancery-people-change=${(e: CustomEvent<{ value: DirectoryPerson[] }>) => {
              ctx.remember(e.detail.value);
              set({ kind: 'users', users: e.detail.value.map((p) => p.username) });
            }}
          ></chancery-person-picker>`
        : nothing
    }`;
}

/** Who may start, for the 发起人 card: 「所有人可发起」, 「综合科可发起」, or 「请设置」 when none is chosen yet. */
export function startersSummary(ctx: DrawerContext, s: Starters | null): { text: string; unset: boolean } {
  const L = (k: SimpleKey, p: Record<string, unknown> = {}) => st(ctx.lang, k, p);
  const nameOf = (r: { name: string; nameEn?: string } | undefined, fallback: string) => (r ? (ctx.lang === 'en' ? r.nameEn || r.name : r.name) : fallback);
  const sep = ctx.lang === 'en' ? ', ' : '、';
  if (!s) return { text: L('startersCustom'), unset: false };
  if (s.kind === 'all') return { text: L('initiatorSummary'), unset: false };
  const names =
    s.kind === 'units'
      ? s.units.map((u) =>
          nameOf(
            ctx.units.find((x) => x.code === u),
            u,
          ),
        )
      : s.kind === 'roles'
        ? s.roles.map((r) =>
            nameOf(
              ctx.roles.find((x) => x.key === r),
              r,
            ),
          )
        : s.users.map((u) => (ctx.lang === 'en' ? ctx.people.get(u)?.displayNameEn : undefined) ?? ctx.people.get(u)?.displayName ?? u);
  return names.length ? { text: L('startersSummary', { who: names.join(sep) }), unset: false } : { text: L('startersUnset'), unset: true };
}

/** The case title: pieces of text and form fields, in order. */
export function caseTitleEditor(ctx: DrawerContext, parts: TitlePart[], set: (p: TitlePart[]) => void) {
  const L = (k: SimpleKey, p: Record<string, unknown> = {}) => st(ctx.lang, k, p);
  const fields = formFields(ctx.flow);
  const setAt = (i: number, p: TitlePart) => set(parts.map((x, j) => (j === i ? p : x)));
  return html`<fieldset class="stack">
    <legend>${L('caseTitle')}</legend>
    <p class="hint">${L('caseTitleHelp')}</p>
    ${parts.map(
      (p, i) =>
        html`<div class="row title-part">
          ${
            typeof p === 'string'
              ? html`<label class="field grow"
                  >${L('titleText')} ${i + 1}<input name="title-text" .value=${p} @input=${(e: Event) => setAt(i, value(e))}
                /></label>`
              : html`<label class="field grow"
                  >${L('titleField')} ${i + 1}<select name="title-field" @change=${(e: Event) => setAt(i, { field: value(e) })}>
                    ${fields.map((f) => html`<option value=${f.name} ?selected=${f.name === p.field}>${textOf(f.label, ctx.lang)}</option>`)}
                  </select></label
                >`
          }
          <button class="btn small danger" type="button" aria-label=${L('removeRow', { n: i + 1 })} @click=${() => set(parts.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>`,
    )}
    <div class="row">
      <button
        class="btn small"
        type="button"
        data-action="title-text"
        @click=${() => set([...parts, textOf(ctx.flow.title, ctx.lang) + (ctx.lang === 'en' ? ': ' : '：')])}
      >
        ${L('addText')}
      </button>
      <button
        class="btn small"
        type="button"
        data-action="title-field"
        ?disabled=${fields.length === 0}
        @click=${() => set([...parts, { field: fields[0]!.name }])}
      >
        ${L('addField')}
      </button>
    </div>
    <p class="hint" role="status">${L('titlePreview', { title: titlePreview(ctx, parts) })}</p>
  </fieldset>`;
}

export function titlePreview(ctx: DrawerContext, parts: TitlePart[]): string {
  if (parts.length === 0) return textOf(ctx.flow.title, ctx.lang);
  const fields = formFields(ctx.flow);
  return parts.map((p) => (typeof p === 'string' ? p : `〔${textOf(fields.find((f) => f.name === p.field)?.label, ctx.lang) || p.field}〕`)).join('');
}
