/**
 * The side panel of the designer is itself a generated form: this module turns a step into the
 * JSON Schema, UI schema and data `<chancery-form>` renders, and the form's data back into the
 * step. Fields the panel does not know (entry actions, schedules, ...) are kept untouched.
 */
import type { ApprovalMode, Assignment, StateSpec, WorkflowDefinition } from '../../core/definition/types.js';
import type { Lang } from '../shared/i18n.js';
import { kindOf, type StepKind } from './draft-model.js';
import { at } from './messages.js';

export interface PanelContext {
  roles: Array<{ key: string; name: string; nameEn?: string }>;
  units: Array<{ id: string; code: string; name: string; nameEn?: string }>;
  lang: Lang;
}

export type AssignType = 'role' | 'users' | 'head' | 'initiator' | 'manager' | 'previous' | 'other';

export interface StepData {
  titleZh: string;
  titleEn?: string;
  kind: StepKind;
  assignType?: AssignType;
  role?: string;
  unit?: string;
  users?: string;
  mode?: ApprovalMode;
  quorum?: number;
  dueDays?: number;
  remindDays?: number;
  opinion?: 'required' | 'optional' | 'none';
  form?: string;
  returnTo?: 'none' | 'previous' | 'visited';
  result?: 'completed' | 'rejected' | 'cancelled';
  outcomes?: string;
}

const WD = /^P(\d+)WD$/;

function assignTypeOf(a: Assignment | undefined): AssignType {
  if (!a) return 'initiator';
  if ('role' in a) return 'role';
  if ('users' in a) return 'users';
  if ('head' in a) return 'head';
  if ('initiator' in a) return 'initiator';
  if ('manager' in a) return 'manager';
  if ('previous' in a) return 'previous';
  return 'other';
}

export function stepData(s: StateSpec): StepData {
  const kind = kindOf(s);
  const work = s.task ?? s.approval;
  const title = typeof s.title === 'string' ? { 'zh-CN': s.title } : s.title;
  const a = work?.assign as Record<string, unknown> | undefined;
  const dueText = typeof work?.due === 'string' ? work.due : typeof work?.due?.after === 'string' ? work.due.after : null;
  const due = dueText ? WD.exec(dueText) : null;
  const firstRemind = work?.remind?.[0];
  const remind = typeof firstRemind === 'string' ? /^P-(\d+)WD$/.exec(firstRemind) : null;
  const unit = a && typeof a.unit === 'string' ? a.unit : a && typeof a.head === 'string' ? a.head : undefined;
  return {
    titleZh: title?.['zh-CN'] ?? '',
    ...(title?.en ? { titleEn: title.en } : {}),
    kind: kind === 'other' ? 'auto' : kind,
    ...(work ? { assignType: assignTypeOf(work.assign) } : {}),
    ...(a && typeof a.role === 'string' ? { role: a.role } : {}),
    ...(unit ? { unit } : {}),
    ...(a && Array.isArray(a.users) ? { users: a.users.join(', ') } : {}),
    ...(s.approval ? { mode: s.approval.mode } : {}),
    ...(s.approval?.quorum !== undefined ? { quorum: s.approval.quorum } : {}),
    ...(due ? { dueDays: Number(due[1]) } : {}),
    ...(remind ? { remindDays: Number(remind[1]) } : {}),
    // A per-outcome opinion policy is edited as JSON; the panel shows and sets a single policy only.
    ...(typeof work?.opinion === 'string' ? { opinion: work.opinion } : {}),
    ...(work?.form ? { form: work.form } : {}),
    returnTo: s.return ? (Array.isArray(s.return.to) ? 'visited' : s.return.to) : 'none',
    ...(s.final ? { result: s.result ?? 'completed' } : {}),
    ...(s.task?.outcomes ? { outcomes: s.task.outcomes.join(', ') } : {}),
  };
}

function assignmentOf(d: StepData, old: Assignment | undefined): Assignment {
  const unit = d.unit?.trim() || undefined;
  switch (d.assignType) {
    case 'role':
      return { role: d.role ?? 'staff', ...(unit ? { unit } : {}) };
    case 'users':
      return { users: (d.users ?? '').split(/[,，\s]+/).filter(Boolean) };
    case 'head':
      return { head: unit ?? { initiator: true } };
    case 'manager':
      return { manager: { level: 1 } };
    case 'previous':
      return { previous: true };
    case 'other':
      return old ?? { initiator: true };
    default:
      return { initiator: true };
  }
}

/** The step after the panel's data is applied to it (its kind is changed by `setKind` first). */
export function applyStepData(s: StateSpec, d: StepData): StateSpec {
  const title = d.titleEn?.trim() ? { 'zh-CN': d.titleZh, en: d.titleEn.trim() } : d.titleZh;
  const out: StateSpec = { ...s, title };
  const work = s.task ?? s.approval;
  if (work) {
    const next = { ...work, assign: assignmentOf(d, work.assign) } as Record<string, unknown>;
    const set = (k: string, v: unknown) => (v === undefined || v === '' ? delete next[k] : (next[k] = v));
    set('due', d.dueDays ? `P${d.dueDays}WD` : undefined);
    set('remind', d.dueDays && d.remindDays ? [`P-${d.remindDays}WD`] : undefined);
    if (typeof work.opinion !== 'object' || d.opinion !== undefined) set('opinion', d.opinion);
    set('form', d.form);
    if (s.approval) {
      set('mode', d.mode ?? 'any');
      set('quorum', d.mode === 'quorum' ? (d.quorum ?? 1) : undefined);
      out.approval = next as never;
    } else {
      const outcomes = (d.outcomes ?? '').split(/[,，\s]+/).filter(Boolean);
      set('outcomes', outcomes.length ? outcomes : undefined);
      out.task = next as never;
    }
  }
  if (d.returnTo && d.returnTo !== 'none' && !s.final) out.return = { ...(s.return ?? {}), to: d.returnTo };
  else delete out.return;
  if (s.final) {
    if (d.result && d.result !== 'completed') out.result = d.result;
    else delete out.result;
  }
  return out;
}

const cond = (field: string, values: string[]) => ({ in: [{ var: `data.${field}` }, values] });
/** One `show` rule for all conditions (several rules on a field would combine differently). */
const show = (...conds: Array<[string, string[]]>) => ({
  effect: 'show',
  when: conds.length === 1 ? cond(...conds[0]!) : { and: conds.map((c) => cond(...c)) },
});

/** Schema and UI schema of the panel for one step of `def`. */
export function stepPanel(def: WorkflowDefinition, ctx: PanelContext) {
  const L = (k: Parameters<typeof at>[1]) => at(ctx.lang, k);
  const both = (k: Parameters<typeof at>[1]) => ({ 'zh-CN': at('zh-CN', k), en: at('en', k) });
  const forms = Object.keys(def.forms ?? {});
  const schema = {
    type: 'object',
    required: ['titleZh', 'kind'],
    properties: {
      titleZh: { type: 'string', minLength: 1, maxLength: 60 },
      titleEn: { type: 'string', maxLength: 80 },
      kind: { enum: ['task', 'approval', 'auto', 'final'] },
      assignType: { enum: ['role', 'users', 'head', 'initiator', 'manager', 'previous', 'other'] },
      role: { enum: ctx.roles.map((r) => r.key) },
      unit: { enum: ['', ...ctx.units.map((u) => u.code)] },
      users: { type: 'string', maxLength: 500 },
      mode: { enum: ['any', 'all', 'sequential', 'quorum'] },
      quorum: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
      outcomes: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9_.,，\\s-]*$' },
      dueDays: { type: 'integer', minimum: 0, maximum: 365 },
      remindDays: { type: 'integer', minimum: 0, maximum: 60 },
      opinion: { enum: ['optional', 'required', 'none'] },
      ...(forms.length ? { form: { enum: ['', ...forms] } } : {}),
      returnTo: { enum: ['none', 'previous', 'visited'] },
      result: { enum: ['completed', 'rejected', 'cancelled'] },
    },
  };
  const opt = (keys: string[], prefix: string) => Object.fromEntries(keys.map((k) => [k, both(`${prefix}${k}` as never)]));
  const work = ['task', 'approval'];
  const uiSchema = {
    layout: {
      type: 'group',
      items: [
        { type: 'columns', columns: 2, items: ['/titleZh', '/titleEn'] },
        '/kind',
        '/assignType',
        '/role',
        '/unit',
        '/users',
        '/mode',
        '/quorum',
        '/outcomes',
        { type: 'columns', columns: 2, items: ['/dueDays', '/remindDays'] },
        '/opinion',
        ...(forms.length ? ['/form'] : []),
        '/returnTo',
        '/result',
      ],
    },
    fields: {
      '/titleZh': { label: both('titleZh') },
      '/titleEn': { label: both('titleEn') },
      '/kind': { label: both('kind'), widget: 'radio', options: opt(['task', 'approval', 'auto', 'final'], 'kind:') },
      '/assignType': {
        label: both('assignType'),
        options: opt(['role', 'users', 'head', 'initiator', 'manager', 'previous', 'other'], 'assign:'),
        rules: [show(['kind', work])],
      },
      '/role': {
        label: both('role'),
        options: Object.fromEntries(ctx.roles.map((r) => [r.key, { 'zh-CN': `${r.name}（${r.key}）`, en: `${r.nameEn || r.name} (${r.key})` }])),
        rules: [show(['kind', work], ['assignType', ['role']])],
      },
      '/unit': {
        label: both('unit'),
        help: both('unitHelp'),
        options: { '': both('unitInitiator'), ...Object.fromEntries(ctx.units.map((u) => [u.code, { 'zh-CN': u.name, en: u.nameEn || u.name }])) },
        rules: [show(['kind', work], ['assignType', ['role', 'head']])],
      },
      '/users': { label: both('users'), help: both('usersHelp'), rules: [show(['kind', work], ['assignType', ['users']])] },
      '/mode': { label: both('mode'), widget: 'radio', options: opt(['any', 'all', 'sequential', 'quorum'], 'mode:'), rules: [show(['kind', ['approval']])] },
      '/quorum': { label: both('quorum'), help: both('quorumHelp'), rules: [show(['kind', ['approval']], ['mode', ['quorum']])] },
      '/outcomes': { label: both('outcomes'), help: both('outcomesHelp'), rules: [show(['kind', ['task']])] },
      '/dueDays': { label: both('dueDays'), help: both('dueHelp'), rules: [show(['kind', work])] },
      '/remindDays': { label: both('remindDays'), rules: [show(['kind', work])] },
      '/opinion': { label: both('opinion'), options: opt(['optional', 'required', 'none'], 'opinion:'), rules: [show(['kind', work])] },
      ...(forms.length ? { '/form': { label: both('form'), options: { '': both('noForm') }, rules: [show(['kind', work])] } } : {}),
      '/returnTo': { label: both('returnTo'), options: opt(['none', 'previous', 'visited'], 'return:'), rules: [show(['kind', work])] },
      '/result': { label: both('result'), options: opt(['completed', 'rejected', 'cancelled'], 'result:'), rules: [show(['kind', ['final']])] },
    },
  };
  void L;
  return { schema, uiSchema };
}
