/**
 * The simple (vertical) designer's model — 发起人 → 审批人 → 抄送人 → … as DingTalk, 宜搭 and
 * FlowLong draw it — and its conversion to and from the workflow definition the engine runs.
 * Keys, events and data paths are generated here and never shown: approvals leave by `approve`
 * (to the next node) or `reject` (to 「未通过」) and may send it back (退回: `return` to the previous
 * step or any step passed), a CC node is an automatic step with `cc`, a
 * condition group an automatic step whose guarded `always` candidates lead into each branch (the
 * last, unguarded one is 「其他情况」), a parallel group a `parallel` step whose branches rejoin
 * on `onDone`; who may start (发起人范围) is `starters`: `{ members }` per department, `{ role }`
 * per role, or one `{ users }`. `fromDefinition` reads back exactly these shapes (and returns null for anything
 * else, which the graph designer keeps editing).
 *
 * @example
 * const flow = emptyFlow('car-request', { 'zh-CN': '用车申请' });
 * const def = toDefinition(insertNode(flow, [], 0, newNode(flow, 'approver')));
 */
import type { Assignment, StateSpec, TransitionSpec, WorkflowDefinition } from '../../core/definition/types.js';
import { fromLogic, toLogic, type Condition } from './condition-builder.js';

export type Text = { 'zh-CN': string; en?: string };

/** Who a node goes to, in office words. */
export type Who =
  | { kind: 'users'; users: string[] } // 指定成员
  | { kind: 'manager'; level: number } // 发起人的主管（第 level 级）
  | { kind: 'role'; role: string; unit?: string } // 角色（默认发起人所在单位）
  | { kind: 'head' } // 本单位负责人
  | { kind: 'initiator' }; // 发起人自己

export type Mode = 'sequential' | 'all' | 'any';
export type WhenEmpty = 'skip' | 'admin' | 'fail';

/**
 * Where an approver may send the case back to (退回): the previous step, the initiator (who revises
 * the start form and resubmits: the flow then has a 发起人 step done by starting the case), or any
 * step already passed.
 */
export type ReturnTo = 'previous' | 'initiator' | 'visited';

export interface ApproverNode {
  type: 'approver';
  id: string;
  title: Text;
  who: Who;
  mode: Mode;
  empty: WhenEmpty;
  dueDays?: number;
  opinionRequired?: boolean;
  returnTo?: ReturnTo;
}
export interface CcNode {
  type: 'cc';
  id: string;
  title: Text;
  who: Who;
}
/** One branch of a condition group: rows of «field · operator · value» on the start form. */
export interface Branch {
  when: Condition;
  nodes: FlowNode[];
}
/** Branches are tried in order; 「其他情况」 (`otherwise`) is taken when none holds. */
export interface BranchGroup {
  type: 'branch';
  id: string;
  title: Text;
  branches: Branch[];
  otherwise: { nodes: FlowNode[] };
}
export interface Lane {
  id: string;
  title: Text;
  nodes: FlowNode[];
}
export interface ParallelGroup {
  type: 'parallel';
  id: string;
  title: Text;
  lanes: Lane[];
}
export type FlowNode = ApproverNode | CcNode | BranchGroup | ParallelGroup;
export type NodeType = FlowNode['type'];

/**
 * Who may start the workflow (发起人范围): everyone, everyone in chosen departments (with the units
 * under them), holders of chosen roles, or chosen people; the definition's `starters`.
 */
export type Starters = { kind: 'all' } | { kind: 'units'; units: string[] } | { kind: 'roles'; roles: string[] } | { kind: 'users'; users: string[] };

/** A text template: literal pieces and start-form fields, e.g. ['用车申请：', { field: 'reason' }]. */
export type TitlePart = string | { field: string };

export interface SimpleFlow {
  key: string;
  title: Text;
  /** The start form (its key in the definition is generated: `apply`). */
  form: { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> };
  caseTitle: TitlePart[];
  /** Null: a `starters` list the simple view cannot show, kept as it is in `rest`. */
  starters: Starters | null;
  nodes: FlowNode[];
  /** Top-level definition fields the simple view does not edit (withdraw, defaults, ...), kept as they are. */
  rest: Partial<WorkflowDefinition>;
}

/** Where a node list lives: [] is the main line; [groupId, index] a branch (index = branches.length is 「其他情况」) or a lane. */
export type ListPath = Array<string | number>;

const FORM_KEY = 'apply';
/** The initiator's own step, written only when an approver may send the case back to them. */
const START = 'start';
const DONE = 'done';
const REJECTED = 'rejected';
const TITLES = {
  initiator: { 'zh-CN': '发起人', en: 'Initiator' },
  done: { 'zh-CN': '办结', en: 'Completed' },
  rejected: { 'zh-CN': '未通过', en: 'Not approved' },
  approver: { 'zh-CN': '审批人', en: 'Approver' },
  cc: { 'zh-CN': '抄送人', en: 'CC' },
  branch: { 'zh-CN': '条件分支', en: 'Condition' },
  parallel: { 'zh-CN': '并行办理', en: 'In parallel' },
  lane: { 'zh-CN': '分支', en: 'Branch' },
} as const;

/** A new flow: an empty start form, no nodes (发起人 → 办结). */
export function emptyFlow(key: string, title: Text): SimpleFlow {
  return { key, title, form: { schema: { type: 'object', properties: {} } }, caseTitle: [], starters: { kind: 'all' }, nodes: [], rest: {} };
}

// ---------------------------------------------------------------------------------------------
// simple flow → definition

function assignmentOf(w: Who): Assignment {
  switch (w.kind) {
    case 'users':
      return { users: w.users };
    case 'manager':
      return { manager: { level: w.level } };
    case 'role':
      return { role: w.role, unit: w.unit ?? { initiator: true } };
    case 'head':
      return { head: { initiator: true } };
    case 'initiator':
      return { initiator: true };
  }
}

/** The definition's `starters` (undefined: everyone); an empty choice stays empty, which publishing refuses. */
function startersList(s: Starters): Assignment[] | undefined {
  switch (s.kind) {
    case 'all':
      return undefined;
    case 'units':
      return s.units.map((u) => ({ members: u }));
    case 'roles':
      return s.roles.map((r) => ({ role: r }));
    case 'users':
      return s.users.length ? [{ users: s.users }] : [];
  }
}

const pathOf = (field: string) => `data.${FORM_KEY}.${field}`;

function caseTitleLogic(parts: TitlePart[]): unknown {
  const cat = parts.filter((p) => p !== '').map((p) => (typeof p === 'string' ? p : { var: [pathOf(p.field), ''] }));
  return cat.length ? { cat } : undefined;
}

function conditionLogic(c: Condition): unknown {
  return toLogic({ ...c, rows: c.rows.map((r) => ({ ...r, path: r.path ? pathOf(r.path) : '' })) });
}

/** Whether an approver on the main line or in a condition's way may send the case back to the initiator. */
function returnsToInitiator(nodes: FlowNode[]): boolean {
  return nodes.some(
    (n) =>
      (n.type === 'approver' && n.returnTo === 'initiator') ||
      (n.type === 'branch' && (n.branches.some((b) => returnsToInitiator(b.nodes)) || returnsToInitiator(n.otherwise.nodes))),
  );
}

function hasApprover(nodes: FlowNode[]): boolean {
  return nodes.some(
    (n) =>
      n.type === 'approver' ||
      (n.type === 'branch' && (n.branches.some((b) => hasApprover(b.nodes)) || hasApprover(n.otherwise.nodes))) ||
      (n.type === 'parallel' && n.lanes.some((l) => hasApprover(l.nodes))),
  );
}

/** Writes the states of `nodes` into `out`, each leading to `next`; returns the first state's name. */
function emit(nodes: FlowNode[], next: string, out: Record<string, StateSpec>): string {
  let to = next;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    switch (n.type) {
      case 'approver':
        out[n.id] = {
          title: n.title,
          approval: {
            assign: assignmentOf(n.who),
            mode: n.mode,
            emptyAssignee: n.empty,
            ...(n.dueDays ? { due: `P${n.dueDays}WD` } : {}),
            ...(n.opinionRequired ? { opinion: 'required' as const } : {}),
          },
          on: { approve: to, reject: REJECTED },
          ...(n.returnTo ? { return: { to: n.returnTo === 'initiator' ? [START] : n.returnTo } } : {}),
        };
        break;
      case 'cc':
        out[n.id] = { title: n.title, cc: [assignmentOf(n.who)], always: to };
        break;
      case 'branch': {
        const candidates: TransitionSpec[] = n.branches.map((b) => ({ to: emit(b.nodes, to, out), if: conditionLogic(b.when) ?? true }));
        candidates.push({ to: emit(n.otherwise.nodes, to, out) });
        out[n.id] = { title: n.title, always: candidates };
        break;
      }
      case 'parallel':
        out[n.id] = {
          title: n.title,
          parallel: Object.fromEntries(
            n.lanes.map((l) => {
              const states: Record<string, StateSpec> = {};
              const end = `${l.id}_end`;
              const initial = emit(l.nodes, end, states);
              states[end] = { final: true };
              return [l.id, { title: l.title, initial, states: inOrder(states, l.nodes) }];
            }),
          ),
          onDone: to,
        };
        break;
    }
    to = n.id;
  }
  return to;
}

/** The states in the order the flow shows its nodes (emitting runs from the end). */
function inOrder(states: Record<string, StateSpec>, nodes: FlowNode[]): Record<string, StateSpec> {
  const order = [...ids(nodes)].filter((k) => k in states);
  return Object.fromEntries([...order, ...Object.keys(states).filter((k) => !order.includes(k))].map((k) => [k, states[k]!]));
}

/** The workflow definition the engine runs. */
export function toDefinition(flow: SimpleFlow): WorkflowDefinition {
  const emitted: Record<string, StateSpec> = {};
  const first = emit(flow.nodes, DONE, emitted);
  // Sent back to the initiator, the case needs a step of theirs to come back to: done by starting it.
  const initial = returnsToInitiator(flow.nodes) ? START : first;
  const states: Record<string, StateSpec> =
    initial === START
      ? { [START]: { title: TITLES.initiator, task: { assign: { initiator: true }, form: FORM_KEY, doneAtStart: true }, on: { submit: first } }, ...emitted }
      : emitted;
  states[DONE] = { title: TITLES.done, final: true };
  if (hasApprover(flow.nodes)) states[REJECTED] = { title: TITLES.rejected, final: true, result: 'rejected' };
  const caseTitle = caseTitleLogic(flow.caseTitle);
  const { key: _k, title: _t, startForm: _s, forms: _f, caseTitle: _c, initial: _i, states: _st, ...kept } = flow.rest as WorkflowDefinition;
  const { starters: keptStarters, ...rest } = kept;
  const starters = flow.starters ? startersList(flow.starters) : keptStarters;
  return {
    key: flow.key,
    title: flow.title,
    ...rest,
    ...(starters ? { starters } : {}),
    startForm: FORM_KEY,
    forms: { [FORM_KEY]: flow.form },
    ...(caseTitle ? { caseTitle } : {}),
    initial,
    states: initial === START ? { [START]: states[START]!, ...inOrder(states, flow.nodes) } : inOrder(states, flow.nodes),
  };
}

// ---------------------------------------------------------------------------------------------
// definition → simple flow (null when it has another shape)

const asText = (t: unknown): Text | null =>
  typeof t === 'string' ? { 'zh-CN': t } : t && typeof t === 'object' && typeof (t as Text)['zh-CN'] === 'string' ? (t as Text) : null;
const only = (o: object, keys: string[]) => Object.keys(o).every((k) => keys.includes(k));

function whoOf(a: unknown): Who | null {
  if (!a || typeof a !== 'object') return null;
  const x = a as Record<string, unknown>;
  if (Array.isArray(x.users) && only(x, ['users'])) return { kind: 'users', users: x.users.map(String) };
  if (x.manager && typeof x.manager === 'object' && only(x, ['manager'])) {
    const m = x.manager as { level?: number; of?: string };
    if (m.of !== undefined && m.of !== 'initiator') return null;
    return { kind: 'manager', level: m.level ?? 1 };
  }
  if (typeof x.role === 'string' && only(x, ['role', 'unit'])) {
    if (x.unit === undefined || (typeof x.unit === 'object' && JSON.stringify(x.unit) === '{"initiator":true}')) return { kind: 'role', role: x.role };
    return typeof x.unit === 'string' ? { kind: 'role', role: x.role, unit: x.unit } : null;
  }
  if (JSON.stringify(x) === '{"head":{"initiator":true}}') return { kind: 'head' };
  if (JSON.stringify(x) === '{"initiator":true}') return { kind: 'initiator' };
  return null;
}

/** The simple view's choice for a `starters` list, or null when it is another shape. */
function startersOf(list: Assignment[] | undefined): Starters | null {
  if (list === undefined) return { kind: 'all' };
  const each = <T>(pick: (a: Record<string, unknown>) => T | null): T[] | null => {
    const out = list.map((a) => pick(a as Record<string, unknown>));
    return out.every((x) => x !== null) ? (out as T[]) : null;
  };
  const units = each((a) => (only(a, ['members']) && typeof a.members === 'string' ? a.members : null));
  if (units) return { kind: 'units', units };
  const roles = each((a) => (only(a, ['role']) && typeof a.role === 'string' ? a.role : null));
  if (roles) return { kind: 'roles', roles };
  const users = list.length === 1 ? whoOf(list[0]) : null;
  return users?.kind === 'users' ? { kind: 'users', users: users.users } : null;
}

function titlePartsOf(rule: unknown): TitlePart[] | null {
  if (rule === undefined) return [];
  const cat = (rule as { cat?: unknown })?.cat;
  if (!rule || typeof rule !== 'object' || Object.keys(rule).length !== 1 || !Array.isArray(cat)) return null;
  const parts: TitlePart[] = [];
  for (const p of cat) {
    if (typeof p === 'string') parts.push(p);
    else {
      const v = (p as { var?: unknown })?.var;
      const path = Array.isArray(v) ? v[0] : v;
      if (typeof path !== 'string' || !path.startsWith(`data.${FORM_KEY}.`)) return null;
      parts.push({ field: path.slice(FORM_KEY.length + 6) });
    }
  }
  return parts;
}

function conditionOf(rule: unknown): Condition | null {
  if (rule === true) return { join: 'and', rows: [] };
  const c = fromLogic(rule);
  if (!c || c.rows.some((r) => !r.path.startsWith(`data.${FORM_KEY}.`))) return null;
  return { ...c, rows: c.rows.map((r) => ({ ...r, path: r.path.slice(FORM_KEY.length + 6) })) };
}

class Unrepresentable extends Error {}
const need = <T>(v: T | null | undefined | false): T => {
  if (v === null || v === undefined || v === false) throw new Unrepresentable();
  return v;
};

/** Reads node lists back from the states of one scope (the top level or a parallel lane). */
class Reader {
  /** States of this scope read so far (each exactly once). */
  readonly used = new Set<string>();
  /** States of parallel lanes inside it (their keys must stay unique across the flow). */
  readonly nested = new Set<string>();
  constructor(private readonly states: Record<string, StateSpec>) {}

  private spec(name: string): StateSpec {
    return need(Object.hasOwn(this.states, name) && this.states[name]);
  }

  /** The state after a node (for a condition group: where its branches rejoin). */
  nextOf(name: string, stop: string, depth = 0): string {
    need(depth < 200);
    const s = this.spec(name);
    if (s.approval) return need(typeof s.on?.approve === 'string' && s.on.approve);
    if (s.cc) return need(typeof s.always === 'string' && s.always);
    if (s.parallel) return need(typeof s.onDone === 'string' && s.onDone);
    if (Array.isArray(s.always))
      return this.joinOf(
        s.always.map((t) => need(t.to)),
        stop,
        depth + 1,
      );
    throw new Unrepresentable();
  }

  /** The first state every branch reaches (each branch's line, followed to `stop`). */
  joinOf(entries: string[], stop: string, depth: number): string {
    const lines = entries.map((e) => {
      const line: string[] = [];
      for (let at = e; ; at = this.nextOf(at, stop, depth + 1)) {
        line.push(at);
        if (at === stop) return line;
        need(line.length < 200);
      }
    });
    return need(lines[0]!.find((s) => lines.every((l) => l.includes(s))));
  }

  /** The nodes from `from` up to (not including) `stop`. */
  read(from: string, stop: string): FlowNode[] {
    const nodes: FlowNode[] = [];
    for (let at = from; at !== stop;) {
      need(!this.used.has(at));
      this.used.add(at);
      const s = this.spec(at);
      const title = need(asText(s.title ?? ''));
      if (s.approval) {
        const a = s.approval;
        need(only(s, ['title', 'approval', 'on', 'return']) && only(a, ['assign', 'mode', 'emptyAssignee', 'due', 'opinion']));
        const back = s.return === undefined ? undefined : JSON.stringify(s.return) === JSON.stringify({ to: [START] }) ? 'initiator' : s.return.to;
        need(s.return === undefined || (only(s.return, ['to']) && (back === 'previous' || back === 'visited' || back === 'initiator')));
        need(only(s.on ?? {}, ['approve', 'reject']) && s.on?.reject === REJECTED && a.mode !== 'quorum');
        need(a.emptyAssignee === undefined || typeof a.emptyAssignee === 'string');
        need(a.opinion === undefined || a.opinion === 'required');
        const due = a.due === undefined ? null : /^P(\d+)WD$/.exec(need(typeof a.due === 'string' && a.due));
        need(a.due === undefined || due);
        nodes.push({
          type: 'approver',
          id: at,
          title,
          who: need(whoOf(a.assign)),
          mode: a.mode as Mode,
          empty: (a.emptyAssignee as WhenEmpty | undefined) ?? 'fail',
          ...(due ? { dueDays: Number(due[1]) } : {}),
          ...(a.opinion === 'required' ? { opinionRequired: true } : {}),
          ...(back ? { returnTo: back as ReturnTo } : {}),
        });
      } else if (s.cc) {
        need(only(s, ['title', 'cc', 'always']) && s.cc.length === 1);
        nodes.push({ type: 'cc', id: at, title, who: need(whoOf(s.cc[0])) });
      } else if (s.parallel) {
        need(only(s, ['title', 'parallel', 'onDone']));
        const lanes = Object.entries(s.parallel).map(([id, r]): Lane => {
          const finals = Object.entries(r.states).filter(([, x]) => x.final);
          need(finals.length === 1 && only(finals[0]![1], ['final']));
          const inner = new Reader(r.states);
          const laneNodes = inner.read(r.initial, finals[0]![0]);
          need(inner.used.size === Object.keys(r.states).length - 1);
          for (const k of [...inner.used, ...inner.nested]) need(!this.nested.has(k) && !this.used.has(k));
          for (const k of [...inner.used, ...inner.nested]) this.nested.add(k);
          return { id, title: need(asText(r.title ?? '')), nodes: laneNodes };
        });
        nodes.push({ type: 'parallel', id: at, title, lanes });
      } else if (Array.isArray(s.always)) {
        need(only(s, ['title', 'always']) && s.always.length >= 2);
        const list = s.always;
        need(list.slice(0, -1).every((t) => t.if !== undefined && only(t, ['to', 'if'])) && only(list[list.length - 1]!, ['to']));
        const join = this.nextOf(at, stop);
        const branches = list.slice(0, -1).map((t): Branch => ({ when: need(conditionOf(t.if)), nodes: this.read(need(t.to), join) }));
        nodes.push({ type: 'branch', id: at, title, branches, otherwise: { nodes: this.read(need(list[list.length - 1]!.to), join) } });
      } else throw new Unrepresentable();
      at = this.nextOf(at, stop);
    }
    return nodes;
  }
}

/** The simple flow of a definition, or null when the simple view cannot show it exactly. */
export function fromDefinition(def: WorkflowDefinition): SimpleFlow | null {
  try {
    const { key, title, startForm, forms, caseTitle, initial, states, version: _v, ...others } = def;
    const starters = startersOf(others.starters);
    // Starters the simple view shows are edited there; others stay as they are.
    const { starters: _s, ...shown } = others;
    const rest = starters ? shown : others;
    need(startForm === FORM_KEY && forms && only(forms, [FORM_KEY]));
    const form = forms![FORM_KEY]! as { schema: unknown; uiSchema?: unknown };
    need(typeof form === 'object' && typeof form.schema === 'object' && (form.uiSchema === undefined || typeof form.uiSchema === 'object'));
    need(states[DONE]?.final === true && only(states[DONE], ['title', 'final']));
    const r = new Reader(states);
    // The initiator's step is there exactly when an approver sends the case back to them.
    const start = initial === START ? states[START] : undefined;
    if (start) {
      need(
        only(start, ['title', 'task', 'on']) &&
          JSON.stringify(start.task) === JSON.stringify({ assign: { initiator: true }, form: FORM_KEY, doneAtStart: true }),
      );
      need(only(start.on ?? {}, ['submit']) && typeof start.on?.submit === 'string');
    }
    const nodes = r.read(start ? (start.on!.submit as string) : initial, DONE);
    need(Boolean(start) === returnsToInitiator(nodes));
    const expected = Object.keys(states).filter((k) => k !== DONE && k !== REJECTED && !(start && k === START));
    need(expected.length === r.used.size && expected.every((k) => r.used.has(k)));
    if (REJECTED in states) need(states[REJECTED]!.final === true && states[REJECTED]!.result === 'rejected' && hasApprover(nodes));
    return {
      key,
      title: need(asText(title)),
      caseTitle: need(titlePartsOf(caseTitle)),
      starters,
      nodes,
      rest,
      form: { schema: form.schema as Record<string, unknown>, ...(form.uiSchema ? { uiSchema: form.uiSchema as Record<string, unknown> } : {}) },
    };
  } catch (e) {
    if (e instanceof Unrepresentable) return null;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// editing (pure: every function returns a new flow)

function ids(nodes: FlowNode[], out = new Set<string>()): Set<string> {
  for (const n of nodes) {
    out.add(n.id);
    if (n.type === 'branch') {
      for (const b of n.branches) ids(b.nodes, out);
      ids(n.otherwise.nodes, out);
    }
    if (n.type === 'parallel') {
      for (const l of n.lanes) {
        out.add(l.id);
        out.add(`${l.id}_end`);
        ids(l.nodes, out);
      }
    }
  }
  return out;
}

function freeId(taken: Set<string>, prefix: string): string {
  for (let i = 1; ; i++) if (!taken.has(`${prefix}${i}`) && `${prefix}${i}` !== DONE && `${prefix}${i}` !== REJECTED) return `${prefix}${i}`;
}

/** A new node of `type` with generated key and a default title (the branch groups with one condition and 「其他情况」). */
export function newNode(flow: SimpleFlow, type: NodeType): FlowNode {
  const taken = ids(flow.nodes);
  const take = (prefix: string) => {
    const id = freeId(taken, prefix);
    taken.add(id);
    return id;
  };
  switch (type) {
    case 'approver':
      return { type, id: take('approve'), title: { ...TITLES.approver }, who: { kind: 'manager', level: 1 }, mode: 'any', empty: 'admin' };
    case 'cc':
      return { type, id: take('cc'), title: { ...TITLES.cc }, who: { kind: 'initiator' } };
    case 'branch':
      return { type, id: take('cond'), title: { ...TITLES.branch }, branches: [{ when: { join: 'and', rows: [] }, nodes: [] }], otherwise: { nodes: [] } };
    case 'parallel':
      return {
        type,
        id: take('par'),
        title: { ...TITLES.parallel },
        lanes: [1, 2].map((i) => ({ id: take('lane'), title: { 'zh-CN': `${TITLES.lane['zh-CN']}${i}`, en: `${TITLES.lane.en} ${i}` }, nodes: [] })),
      };
  }
}

/** Applies `fn` to the node list at `path`. */
function mapList(nodes: FlowNode[], path: ListPath, fn: (list: FlowNode[]) => FlowNode[]): FlowNode[] {
  if (path.length === 0) return fn(nodes);
  const [group, index, ...tail] = path;
  return nodes.map((n) => {
    if (n.type === 'branch') {
      if (n.id === group) {
        if (index === n.branches.length) return { ...n, otherwise: { ...n.otherwise, nodes: mapList(n.otherwise.nodes, tail, fn) } };
        return { ...n, branches: n.branches.map((b, i) => (i === index ? { ...b, nodes: mapList(b.nodes, tail, fn) } : b)) };
      }
      return {
        ...n,
        branches: n.branches.map((b) => ({ ...b, nodes: mapList(b.nodes, path, fn) })),
        otherwise: { ...n.otherwise, nodes: mapList(n.otherwise.nodes, path, fn) },
      };
    }
    if (n.type === 'parallel') {
      if (n.id === group) return { ...n, lanes: n.lanes.map((l, i) => (i === index ? { ...l, nodes: mapList(l.nodes, tail, fn) } : l)) };
      return { ...n, lanes: n.lanes.map((l) => ({ ...l, nodes: mapList(l.nodes, path, fn) })) };
    }
    return n;
  });
}

/** Inserts `node` at position `at` of the list at `path` (the "+" on a line). */
export function insertNode(flow: SimpleFlow, path: ListPath, at: number, node: FlowNode): SimpleFlow {
  return { ...flow, nodes: mapList(flow.nodes, path, (l) => [...l.slice(0, at), node, ...l.slice(at)]) };
}

function mapNodes(nodes: FlowNode[], fn: (n: FlowNode) => FlowNode | null): FlowNode[] {
  return nodes.flatMap((n): FlowNode[] => {
    const m = fn(n);
    if (!m) return [];
    if (m.type === 'branch')
      return [
        {
          ...m,
          branches: m.branches.map((b) => ({ ...b, nodes: mapNodes(b.nodes, fn) })),
          otherwise: { ...m.otherwise, nodes: mapNodes(m.otherwise.nodes, fn) },
        },
      ];
    if (m.type === 'parallel') return [{ ...m, lanes: m.lanes.map((l) => ({ ...l, nodes: mapNodes(l.nodes, fn) })) }];
    return [m];
  });
}

/** Replaces the node with `node.id`. */
export function updateNode(flow: SimpleFlow, node: FlowNode): SimpleFlow {
  return { ...flow, nodes: mapNodes(flow.nodes, (n) => (n.id === node.id ? node : n)) };
}

/** Removes a node (a group with everything in it). */
export function removeNode(flow: SimpleFlow, id: string): SimpleFlow {
  return { ...flow, nodes: mapNodes(flow.nodes, (n) => (n.id === id ? null : n)) };
}

/** Whether a node sits in a lane of a parallel group (a return from there stays inside the lane). */
export function inLane(flow: SimpleFlow, id: string): boolean {
  const walk = (nodes: FlowNode[], lane: boolean): boolean =>
    nodes.some(
      (n) =>
        (n.id === id && lane) ||
        (n.type === 'branch' && (n.branches.some((b) => walk(b.nodes, lane)) || walk(n.otherwise.nodes, lane))) ||
        (n.type === 'parallel' && n.lanes.some((l) => walk(l.nodes, true))),
    );
  return walk(flow.nodes, false);
}

/** Finds a node by id. */
export function findNode(flow: SimpleFlow, id: string): FlowNode | undefined {
  let hit: FlowNode | undefined;
  mapNodes(flow.nodes, (n) => ((hit ??= n.id === id ? n : undefined), n));
  return hit;
}

/** Adds a condition (before 「其他情况」) or a parallel lane to a group. */
export function addBranch(flow: SimpleFlow, groupId: string): SimpleFlow {
  const taken = ids(flow.nodes);
  return {
    ...flow,
    nodes: mapNodes(flow.nodes, (n) => {
      if (n.id !== groupId) return n;
      if (n.type === 'branch') return { ...n, branches: [...n.branches, { when: { join: 'and', rows: [] }, nodes: [] }] };
      if (n.type === 'parallel') {
        const i = n.lanes.length + 1;
        return {
          ...n,
          lanes: [...n.lanes, { id: freeId(taken, 'lane'), title: { 'zh-CN': `${TITLES.lane['zh-CN']}${i}`, en: `${TITLES.lane.en} ${i}` }, nodes: [] }],
        };
      }
      return n;
    }),
  };
}

/** Removes one condition or lane; a group left with a single way is removed with its nodes kept inline (the first remaining way's). */
export function removeBranch(flow: SimpleFlow, groupId: string, index: number): SimpleFlow {
  const replace = (list: FlowNode[]): FlowNode[] =>
    list.flatMap((n): FlowNode[] => {
      if (n.id !== groupId) return [n];
      if (n.type === 'branch') {
        const branches = n.branches.filter((_, i) => i !== index);
        return branches.length ? [{ ...n, branches }] : n.otherwise.nodes;
      }
      if (n.type === 'parallel') {
        const lanes = n.lanes.filter((_, i) => i !== index);
        return lanes.length > 1 ? [{ ...n, lanes }] : (lanes[0]?.nodes ?? []);
      }
      return [n];
    });
  const walk = (nodes: FlowNode[]): FlowNode[] =>
    replace(nodes).map((n) =>
      n.type === 'branch'
        ? { ...n, branches: n.branches.map((b) => ({ ...b, nodes: walk(b.nodes) })), otherwise: { ...n.otherwise, nodes: walk(n.otherwise.nodes) } }
        : n.type === 'parallel'
          ? { ...n, lanes: n.lanes.map((l) => ({ ...l, nodes: walk(l.nodes) })) }
          : n,
    );
  return { ...flow, nodes: walk(flow.nodes) };
}

/** The start form's fields as the condition and title pickers list them: name, label and JSON type. */
export function formFields(flow: SimpleFlow): Array<{ name: string; label: Text; type: string; options?: Array<{ value: string; label: Text }> }> {
  const props = (flow.form.schema.properties ?? {}) as Record<string, { title?: string; type?: string; enum?: unknown[]; format?: string }>;
  const ui = (flow.form.uiSchema?.fields ?? {}) as Record<string, { label?: Text; options?: Record<string, Text> }>;
  return Object.entries(props).map(([name, p]) => {
    const u = ui[`/${name}`];
    const label: Text = u?.label ?? { 'zh-CN': p.title ?? name };
    const options = p.enum?.map((v) => ({ value: String(v), label: u?.options?.[String(v)] ?? { 'zh-CN': String(v) } }));
    return { name, label, type: p.type ?? 'string', ...(options ? { options } : {}) };
  });
}
