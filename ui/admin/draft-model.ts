/**
 * Editing a workflow definition as data, for the designer: every function takes a definition and
 * returns a new one (never mutating), so undo is keeping the old value and the diagram redraws
 * from whatever it is given. Only top-level steps are edited here; parallel regions and per-item
 * steps made elsewhere are kept as they are.
 */
import type { StateSpec, TransitionSpec, TransitionTarget, WorkflowDefinition } from '../../core/definition/types.js';
import { outcomeTitle } from '../../core/definition/outcome-titles.js';
import { parsePointer } from '../../core/json-pointer.js';

export type StepKind = 'task' | 'approval' | 'final' | 'auto';

export const STATE_NAME = /^[A-Za-z][A-Za-z0-9_\-]{0,62}$/;

/** A blank draft: one task step ending in a final step, so it validates from the start. */
export function newDefinition(key: string, title: { 'zh-CN': string; en?: string }): WorkflowDefinition {
  return {
    key,
    title,
    initial: 'draft',
    states: {
      draft: { title: { 'zh-CN': '拟稿', en: 'Draft' }, task: { assign: { initiator: true } }, on: { submit: 'done' } },
      done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
    },
  };
}

export function kindOf(s: StateSpec | undefined): StepKind | 'other' {
  if (!s) return 'other';
  if (s.final) return 'final';
  if (s.approval) return 'approval';
  if (s.task) return 'task';
  if (s.parallel || s.foreach) return 'other';
  return 'auto';
}

/** The first free name `step1`, `step2`, … (or `prefixN`). */
export function freeName(def: WorkflowDefinition, prefix = 'step'): string {
  for (let i = 1; ; i++) if (!(`${prefix}${i}` in def.states)) return `${prefix}${i}`;
}

const defaultTitles: Record<StepKind, { 'zh-CN': string; en: string }> = {
  task: { 'zh-CN': '办理', en: 'Handle' },
  approval: { 'zh-CN': '审批', en: 'Approve' },
  final: { 'zh-CN': '结束', en: 'End' },
  auto: { 'zh-CN': '判断', en: 'Decide' },
};

/** A new step of `kind`; when `after` is given, that step's default outcome now leads to it. */
export function addStep(def: WorkflowDefinition, kind: StepKind, after?: string): { def: WorkflowDefinition; name: string } {
  const name = freeName(def, kind === 'final' ? 'end' : kind === 'approval' ? 'approve' : 'step');
  const n = Object.keys(def.states).length + 1;
  const title = { 'zh-CN': `${defaultTitles[kind]['zh-CN']}${n}`, en: `${defaultTitles[kind].en} ${n}` };
  const spec: StateSpec = { title, ...bodyOf(kind, undefined) };
  let next: WorkflowDefinition = { ...def, states: { ...def.states, [name]: spec } };
  if (kind === 'final') return { def: next, name };
  // The new step goes into the line: it leaves to where `after` used to go (or to an end step).
  let onward: string | undefined;
  if (after && after in def.states && kindOf(def.states[after]) !== 'final') {
    const event = defaultEvent(def.states[after]!);
    const old = asList(event ? def.states[after]!.on?.[event] : def.states[after]!.always);
    onward = old.length === 1 && !old[0]!.if ? old[0]!.to : undefined;
    next = redirect(next, after, event, name);
  }
  onward ??= Object.entries(def.states).find(([, s]) => s.final && (s.result ?? 'completed') === 'completed')?.[0];
  if (onward && kind !== 'auto') next = connect(next, name, defaultEvent(spec), onward);
  if (onward && kind === 'auto') next = connect(next, name, '', onward);
  return { def: next, name };
}

/** Points the step's default outcome at `to`, replacing a single unguarded target (the line being cut). */
function redirect(def: WorkflowDefinition, from: string, event: string, to: string): WorkflowDefinition {
  const s = def.states[from]!;
  if (event === '') {
    const list = asList(s.always);
    if (list.length <= 1 && !list[0]?.if) return put(def, from, { ...s, always: to });
    return connect(def, from, '', to);
  }
  const list = asList(s.on?.[event]);
  if (list.length <= 1 && !list[0]?.if) return put(def, from, { ...s, on: { ...(s.on ?? {}), [event]: to } });
  return connect(def, from, event, to);
}

/**
 * Why a new connection would change what an existing one means, or null: the same outcome already
 * goes to a step unconditionally (`taken`: add a condition to the first, or remove it), or to this
 * very step (`same`).
 */
export function connectProblem(def: WorkflowDefinition, from: string, event: string, to: string): { code: 'taken' | 'same'; to: string } | null {
  const s = def.states[from];
  if (!s) return null;
  const list = asList(event === '' || kindOf(s) === 'auto' ? s.always : s.on?.[event]);
  const same = list.find((t) => t.to === to);
  if (same) return { code: 'same', to };
  const open = list.find((t) => t.if === undefined);
  return open ? { code: 'taken', to: open.to ?? from } : null;
}

function bodyOf(kind: StepKind, old: StateSpec | undefined): Partial<StateSpec> {
  const work = old?.task ?? old?.approval;
  const assign = work?.assign ?? { initiator: true as const };
  const common = work ? { ...work } : { assign };
  delete (common as { mode?: unknown }).mode;
  delete (common as { quorum?: unknown }).quorum;
  delete (common as { outcomes?: unknown }).outcomes;
  switch (kind) {
    case 'task':
      return { task: { ...common, assign } };
    case 'approval':
      return { approval: { ...common, assign, mode: old?.approval?.mode ?? 'any' } };
    case 'final':
      return { final: true };
    case 'auto':
      return {};
  }
}

/** Changes what kind of step `name` is, keeping its title, assignment and deadlines where they fit. */
export function setKind(def: WorkflowDefinition, name: string, kind: StepKind): WorkflowDefinition {
  const old = def.states[name];
  if (!old || kindOf(old) === kind) return def;
  const { task: _t, approval: _a, final: _f, result: _r, ...rest } = old;
  const spec: StateSpec = { ...rest, ...bodyOf(kind, old) };
  if (kind === 'final') {
    delete spec.on;
    delete spec.always;
    delete spec.return;
  }
  return { ...def, states: { ...def.states, [name]: spec } };
}

/** The outcome a step is usually left by: `approve` for approvals, the first outcome for tasks. */
export function defaultEvent(s: StateSpec): string {
  if (s.approval) return 'approve';
  if (s.task) return s.task.outcomes?.[0] ?? 'submit';
  return '';
}

/** The events a step may be left by (those the designer offers when connecting). */
export function eventsOf(s: StateSpec): string[] {
  if (s.approval) return ['approve', 'reject'];
  if (s.task) return s.task.outcomes?.length ? s.task.outcomes : ['submit'];
  return [];
}

/**
 * Connects `from` to `to` on `event` (for an automatic step: an `always` candidate), appended
 * after the targets the outcome already has (see `connectProblem` for when that changes nothing).
 */
export function connect(def: WorkflowDefinition, from: string, event: string, to: string): WorkflowDefinition {
  const s = def.states[from];
  if (!s || !(to in def.states)) return def;
  if (kindOf(s) === 'auto' || event === '') {
    const list = asList(s.always).filter((t) => t.to !== to);
    return put(def, from, { ...s, always: [...list, { to }] });
  }
  // Never replace what the outcome already does: a further target is one more candidate.
  const current = asList(s.on?.[event]).filter((t) => t.to !== to);
  const next: TransitionTarget = current.length ? [...current, { to }] : to;
  return put(def, from, { ...s, on: { ...(s.on ?? {}), [event]: next } });
}

/** Removes one transition: the `index`-th candidate of `event` (or all of it). */
export function disconnect(def: WorkflowDefinition, from: string, event: string, index?: number): WorkflowDefinition {
  const s = def.states[from];
  if (!s) return def;
  if (event === '') {
    const list = asList(s.always).filter((_, i) => index !== undefined && i !== index);
    const { always: _a, ...rest } = s;
    return put(def, from, list.length ? { ...rest, always: list } : rest);
  }
  const on = { ...(s.on ?? {}) };
  const list = asList(on[event]);
  if (index !== undefined && list.length > 1) on[event] = list.filter((_, i) => i !== index);
  else delete on[event];
  return put(def, from, { ...s, on });
}

/** Deletes a step and every transition into it; the initial step moves to another one. */
export function removeStep(def: WorkflowDefinition, name: string): WorkflowDefinition {
  if (!(name in def.states) || Object.keys(def.states).length <= 1) return def;
  const states: Record<string, StateSpec> = {};
  for (const [k, s] of Object.entries(def.states)) if (k !== name) states[k] = retarget(s, (to) => (to === name ? null : to));
  return { ...def, initial: def.initial === name ? Object.keys(states)[0]! : def.initial, states };
}

/** Renames a step's key, following every reference to it (targets, initial, return rules, withdraw, standing actions). */
export function renameStep(def: WorkflowDefinition, from: string, to: string): WorkflowDefinition {
  if (from === to || !(from in def.states) || to in def.states || !STATE_NAME.test(to)) return def;
  const states: Record<string, StateSpec> = {};
  for (const [k, s] of Object.entries(def.states)) {
    let next = retarget(s, (t) => (t === from ? to : t));
    if (Array.isArray(next.return?.to)) next = { ...next, return: { ...next.return, to: next.return.to.map((x) => (x === from ? to : x)) } };
    states[k === from ? to : k] = next;
  }
  const withdraw = def.withdraw
    ? {
        ...def.withdraw,
        ...(def.withdraw.to === from ? { to } : {}),
        ...(def.withdraw.from ? { from: def.withdraw.from.map((x) => (x === from ? to : x)) } : {}),
      }
    : undefined;
  // Standing actions name the steps they are offered in and the step they move the case to.
  const actions = def.actions
    ? Object.fromEntries(
        Object.entries(def.actions).map(([n, a]) => [
          n,
          { ...a, ...(a.to === from ? { to } : {}), ...(a.in ? { in: a.in.map((x) => (x === from ? to : x)) } : {}) },
        ]),
      )
    : undefined;
  return { ...def, initial: def.initial === from ? to : def.initial, states, ...(withdraw ? { withdraw } : {}), ...(actions ? { actions } : {}) };
}

/**
 * Sets what an outcome is called in one language (`outcomeTitles`, shared by every step offering
 * it). An outcome left with neither name is dropped from `outcomeTitles`, so publishing says it
 * has none.
 *
 * @example
 * setOutcomeTitle(def, 'assign', 'zh-CN', '交办').outcomeTitles // { assign: { 'zh-CN': '交办' } }
 */
export function setOutcomeTitle(def: WorkflowDefinition, outcome: string, lang: 'zh-CN' | 'en', text: string): WorkflowDefinition {
  const titles = { ...def.outcomeTitles };
  const old = Object.hasOwn(titles, outcome) ? titles[outcome] : undefined;
  const next: { 'zh-CN': string; en?: string } =
    typeof old === 'string' ? { 'zh-CN': old } : { 'zh-CN': old?.['zh-CN'] ?? '', ...(old?.en ? { en: old.en } : {}) };
  if (lang === 'en') {
    if (text.trim()) next.en = text;
    else delete next.en;
  } else next['zh-CN'] = text;
  if (next['zh-CN'].trim() || next.en) titles[outcome] = next;
  else delete titles[outcome];
  const { outcomeTitles: _old, ...rest } = def;
  return Object.keys(titles).length ? { ...rest, outcomeTitles: titles } : rest;
}

/** The outcomes of a task step that have no built-in name (`submit`, `approve`, …): each needs a title. */
export function customOutcomes(s: StateSpec): string[] {
  return (s.task?.outcomes ?? []).filter((o) => outcomeTitle(undefined, o, 'zh-CN') === null);
}

export function put(def: WorkflowDefinition, name: string, spec: StateSpec): WorkflowDefinition {
  return { ...def, states: { ...def.states, [name]: spec } };
}

/** Every transition target of a step as a list of specs (strings become `{ to }`). */
export function asList(t: TransitionTarget | undefined): TransitionSpec[] {
  if (t === undefined) return [];
  if (typeof t === 'string') return [{ to: t }];
  return Array.isArray(t) ? t : [t];
}

/** One outgoing transition as the designer lists it. */
export interface Transition {
  event: string;
  index: number;
  spec: TransitionSpec;
}

export function transitionsOf(s: StateSpec): Transition[] {
  const out: Transition[] = [];
  for (const [event, t] of Object.entries(s.on ?? {})) asList(t).forEach((spec, index) => out.push({ event, index, spec }));
  asList(s.always).forEach((spec, index) => out.push({ event: '', index, spec }));
  return out;
}

/** Replaces one transition (found by event and index) with `spec`, possibly under a new event. */
export function setTransition(
  def: WorkflowDefinition,
  from: string,
  at: { event: string; index: number },
  spec: TransitionSpec,
  event = at.event,
): WorkflowDefinition {
  const s = def.states[from];
  if (!s) return def;
  const clean: TransitionSpec = Object.fromEntries(
    Object.entries(spec).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as TransitionSpec;
  const single = (list: TransitionSpec[]): TransitionTarget =>
    list.length === 1 && Object.keys(list[0]!).length === 1 && list[0]!.to ? list[0]!.to : list.length === 1 ? list[0]! : list;
  if (at.event === '' || event === '') {
    const list = asList(s.always);
    list[at.index] = clean;
    return put(def, from, { ...s, always: list });
  }
  const on = { ...(s.on ?? {}) };
  const old = asList(on[at.event]);
  if (event === at.event) {
    old[at.index] = clean;
    on[event] = single(old);
  } else {
    const rest = old.filter((_, i) => i !== at.index);
    if (rest.length) on[at.event] = single(rest);
    else delete on[at.event];
    on[event] = single([...asList(on[event]), clean]);
  }
  return put(def, from, { ...s, on });
}

function retarget(s: StateSpec, map: (to: string) => string | null): StateSpec {
  const fix = (t: TransitionTarget | undefined): TransitionTarget | undefined => {
    if (t === undefined) return undefined;
    if (typeof t === 'string') return map(t) ?? undefined;
    const list = (Array.isArray(t) ? t : [t]).flatMap((x) => {
      if (x.to === undefined) return [x];
      const to = map(x.to);
      return to === null ? [] : [{ ...x, to }];
    });
    if (list.length === 0) return undefined;
    return Array.isArray(t) ? list : list[0];
  };
  const out: StateSpec = { ...s };
  if (s.on) {
    const on: Record<string, TransitionTarget> = {};
    for (const [e, t] of Object.entries(s.on)) {
      const f = fix(t);
      if (f !== undefined) on[e] = f;
    }
    out.on = on;
  }
  if (s.always !== undefined) {
    const a = fix(s.always);
    if (a === undefined) delete out.always;
    else out.always = a;
  }
  if (s.onDone !== undefined) {
    const d = fix(s.onDone);
    if (d === undefined) delete out.onDone;
    else out.onDone = d;
  }
  return out;
}

/**
 * The step a JSON pointer from the validator is about (`/states/review/on/approve/0/to` → `review`),
 * or `''` for problems of the whole definition.
 */
export function stateOfPointer(pointer: string): string {
  const parts = parsePointer(pointer);
  if (parts[0] !== 'states' || parts[1] === undefined) return parts[0] === 'initial' ? '' : '';
  const ids = [parts[1]];
  // Nested: /states/p/parallel/region/states/x → p.region.x
  for (let i = 2; i + 3 < parts.length + 1 && parts[i] === 'parallel' && parts[i + 2] === 'states' && parts[i + 3] !== undefined; i += 4)
    ids.push(parts[i + 1]!, parts[i + 3]!);
  return ids.join('.');
}
