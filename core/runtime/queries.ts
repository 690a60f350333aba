/**
 * Read models for people: the inbox, a case with its tasks, a task with what its holder may do,
 * and the case's history. Plain SQL on indexed columns; nothing here writes.
 */
import { opinionPolicyOf } from './opinion-policy.js';
import type { StateValue } from 'xstate';
import { ChanceryError, type Lang } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import { listAudit } from '../persistence/audit.js';
import type { Executor } from '../persistence/types.js';
import { permitTask } from './authorize.js';
import { caseAllowed, taskAllowed } from './allowed-actions.js';
import { assertViewCase, caseActions } from './case-permissions.js';
import { linksOf } from './case-links.js';
import { loadCase, loadTask, type InstanceRow, type TaskRow } from './case-store.js';
import { isUuid } from '../uuid.js';
import type { Actor } from './ports.js';
import { activeStateIds } from './state-value.js';
import { textOf } from './text.js';

export interface InboxQuery {
  /**
   * `mine`: assigned to me (incl. acting for someone), and mine that a delegate holds for me while
   * I am away (read only, `readOnly`); `pool`: my role-in-unit pools; `all`: both; `delegated`: the
   * open tasks I hold for someone away (委托); `done`: the tasks I finished (已办), latest first.
   */
  scope?: (typeof INBOX_SCOPES)[number];
  q?: string;
  definition?: string;
  overdue?: boolean;
  /** `due`, `received` (when the task was opened) or `updated` (when its case last changed); `-` first: newest/latest first. Default: overdue first, then by due date. */
  sort?: ListSort;
  page?: number;
  pageSize?: number;
}

/** The lists of `GET /api/tasks`. */
export const INBOX_SCOPES = ['mine', 'pool', 'all', 'delegated', 'done'] as const;

/** The orders a list of tasks or cases can be asked for. */
export const LIST_SORTS = ['due', '-due', 'received', '-received', 'updated', '-updated'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** `ORDER BY` for a sort key, given the columns it means; ties fall back to `tiebreak` so pages are stable. */
export function orderBy(sort: ListSort, columns: Record<'due' | 'received' | 'updated', string>, tiebreak: string): string {
  const desc = sort.startsWith('-');
  const column = columns[sort.replace(/^-/, '') as 'due' | 'received' | 'updated'];
  return `${column} ${desc ? 'DESC' : 'ASC'} NULLS LAST, ${tiebreak}`;
}

export interface InboxItem {
  id: string;
  instanceId: string;
  caseTitle: string;
  definition: string;
  state: string;
  title: string;
  kind: string;
  dueAt: Date | null;
  overdue: boolean;
  createdAt: Date;
  assigneeId: string | null;
  actingForId: string | null;
  pool: { role: string; unitId: string } | null;
  /** Someone else's task that I hold for them while they are away (委托), or did. */
  delegated: boolean;
  /** My task that my delegate holds for me while I am away (已委托给): I may open it, not act on it. */
  readOnly: boolean;
  /** For finished tasks (`scope=done`): when, and with which outcome. */
  completedAt: Date | null;
  outcome: string | null;
  /** Set when the task came back by a return (退回): who returned it, their opinion and when. */
  returned: ReturnedInfo | null;
}

/** Why a task came back: the return (退回) that opened it. */
export interface ReturnedInfo {
  byId: string | null;
  byName: string | null;
  opinion: string | null;
  at: Date;
  /** The step it was returned from. */
  fromState: string | null;
}

/**
 * The return that opened each task, if one did: the `task.returned` audit entries of their cases
 * whose opened slots include the task's slot (slot ids carry the round, so a later pass through
 * the same step is not mistaken for the returned one). Keyed by task id.
 */
export async function returnsOf(
  exec: Executor,
  tasks: ReadonlyArray<{ id: string; instance_id: string; slot: string }>,
  lang: Lang,
): Promise<Map<string, ReturnedInfo>> {
  const out = new Map<string, ReturnedInfo>();
  if (tasks.length === 0) return out;
  const rows = await exec.execute<{
    instance_id: string;
    actor_id: string | null;
    state: string | null;
    payload: { opinion?: string | null; opened?: Array<{ slot?: string }> };
    at: Date;
    display_name: string | null;
    display_name_en: string | null;
  }>(
    `SELECT a.instance_id, a.actor_id, a.state, a.payload, a.at, u.display_name, u.display_name_en FROM audit_event a LEFT JOIN app_user u ON u.id = a.actor_id
     WHERE a.type = 'task.returned' AND a.instance_id = ANY($1::uuid[]) ORDER BY a.seq`,
    [[...new Set(tasks.map((t) => t.instance_id))]],
  );
  for (const t of tasks) {
    const r = rows.filter((x) => x.instance_id === t.instance_id && (x.payload.opened ?? []).some((o) => o.slot === t.slot)).at(-1);
    if (!r) continue;
    out.set(t.id, {
      byId: r.actor_id,
      byName: (lang === 'en' && r.display_name_en ? r.display_name_en : r.display_name) ?? null,
      opinion: r.payload.opinion ?? null,
      at: r.at,
      fromState: r.state,
    });
  }
  return out;
}

export async function inbox(
  exec: Executor,
  actor: Actor,
  query: InboxQuery,
  now: Date,
): Promise<{ items: InboxItem[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 200);
  const page = Math.max(query.page ?? 1, 1);
  const scope = query.scope ?? 'all';
  const where: string[] = [scope === 'done' ? `t.status = 'completed'` : `t.status = 'open'`];
  // Placeholders are numbered as they are used: a bound value the SQL never mentions is an error
  // on PostgreSQL ("bind message supplies 2 parameters, but prepared statement requires 1").
  const params: unknown[] = [];
  const bind = (v: unknown) => `$${params.push(v)}`;
  const me = bind(actor.id);
  let nowRef: string | undefined;
  const at = () => (nowRef ??= bind(now));
  // One id list per access path, so each uses its own index (an OR of the paths scans every open task).
  // Held for someone away: theirs under a delegation to me now (for their workflow, if it names
  // one, as the commands check), or given to me for them when it was opened.
  const delegated = () => `SELECT t.id FROM task t JOIN delegation d ON d.from_user_id = t.assignee_id JOIN instance di ON di.id = t.instance_id
      WHERE t.status = 'open' AND d.to_user_id = ${me} AND d.starts_at <= ${at()} AND d.ends_at > ${at()} AND (d.definition_key IS NULL OR d.definition_key = di.definition_key)
    UNION ALL SELECT t.id FROM task t WHERE t.status = 'open' AND t.assignee_id = ${me} AND t.acting_for_id IS NOT NULL AND t.acting_for_id <> ${me}`;
  // Mine, held by my delegate while I am away: listed so I still know of them, read only.
  const heldForMe = () => `SELECT t.id FROM task t WHERE t.status = 'open' AND t.acting_for_id = ${me} AND t.assignee_id <> ${me}`;
  const mine = () => `SELECT t.id FROM task t WHERE t.status = 'open' AND t.assignee_id = ${me}
    UNION ALL ${delegated()} UNION ALL ${heldForMe()}`;
  const pool = () => `SELECT t.id FROM task t JOIN membership m ON m.role_key = t.candidate_role AND m.unit_id = t.candidate_unit_id
    WHERE t.status = 'open' AND t.assignee_id IS NULL AND m.user_id = ${me}`;
  if (scope === 'done') where.push(`t.completed_by = ${me}`);
  else where.push(`t.id IN (${scope === 'mine' ? mine() : scope === 'pool' ? pool() : scope === 'delegated' ? delegated() : `${mine()} UNION ALL ${pool()}`})`);
  if (query.definition) where.push(`i.definition_key = ${bind(query.definition)}`);
  if (query.q) {
    const like = bind(`%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where.push(`(i.title ILIKE ${like} OR t.title ILIKE ${like})`);
  }
  if (query.overdue) where.push(`t.due_at <= ${at()}`);
  const sql = `FROM task t JOIN instance i ON i.id = t.instance_id WHERE ${where.join(' AND ')}`;
  const [count] = await exec.execute<{ n: number }>(`SELECT count(*)::int AS n ${sql}`, [...params] as never);
  const order = query.sort
    ? orderBy(query.sort, { due: 't.due_at', received: 't.created_at', updated: 'i.updated_at' }, 't.created_at ASC, t.id ASC')
    : scope === 'done'
      ? 't.completed_at DESC, t.id ASC'
      : `(t.due_at <= ${at()}) DESC NULLS LAST, t.due_at ASC NULLS LAST, t.created_at ASC, t.id ASC`;
  const rows = await exec.execute<TaskRow & { case_title: string; definition_key: string } & Record<string, unknown>>(
    `SELECT t.*, i.title AS case_title, i.definition_key ${sql}
     ORDER BY ${order}
     LIMIT ${bind(pageSize)} OFFSET ${bind((page - 1) * pageSize)}`,
    params as never,
  );
  const returned = await returnsOf(exec, rows, actor.lang);
  return {
    total: count?.n ?? 0,
    page,
    pageSize,
    items: rows.map((t) => {
      const readOnly = t.status === 'open' && t.acting_for_id === actor.id && t.assignee_id !== actor.id;
      return {
        id: t.id,
        instanceId: t.instance_id,
        caseTitle: t.case_title,
        definition: t.definition_key,
        state: t.state_key,
        title: t.title,
        kind: t.kind,
        dueAt: t.due_at,
        // At the deadline itself the task is overdue, as the escalation at P0D says (a finished one, if it finished late).
        overdue: t.due_at !== null && t.due_at.getTime() <= (t.completed_at ?? now).getTime(),
        completedAt: t.completed_at,
        outcome: t.outcome,
        createdAt: t.created_at,
        assigneeId: t.assignee_id,
        actingForId: t.acting_for_id,
        pool: t.candidate_role && t.candidate_unit_id && !t.assignee_id ? { role: t.candidate_role, unitId: t.candidate_unit_id } : null,
        delegated: !readOnly && ((t.assignee_id !== null && t.assignee_id !== actor.id) || (t.acting_for_id !== null && t.acting_for_id !== actor.id)),
        readOnly,
        returned: returned.get(t.id) ?? null,
      };
    }),
  };
}

export function taskView(t: TaskRow, wf: CompiledWorkflow | undefined, lang: Lang) {
  const info = wf?.states.get(t.state_key);
  return {
    id: t.id,
    instanceId: t.instance_id,
    state: t.state_key,
    stateTitle: textOf(info?.spec.title ?? info?.work?.spec.title ?? t.title, lang),
    slot: t.slot,
    kind: t.kind,
    status: t.status,
    title: t.title,
    form: t.form_key,
    assigneeId: t.assignee_id,
    pool: t.candidate_role ? { role: t.candidate_role, unitId: t.candidate_unit_id } : null,
    ownerId: t.owner_id,
    actingForId: t.acting_for_id,
    dueAt: t.due_at,
    // A per-item sub-task says which item it is for (the unit, its targets).
    item: t.item_index === null || t.item_index === undefined ? null : { index: t.item_index, value: t.item ?? null },
    outcome: t.outcome,
    opinion: t.opinion,
    completedBy: t.completed_by,
    completedAt: t.completed_at,
    createdAt: t.created_at,
  };
}

export function caseView(i: InstanceRow, wf: CompiledWorkflow, tasks: TaskRow[], lang: Lang) {
  const value = i.snapshot.value as StateValue;
  return {
    id: i.id,
    definition: { key: i.definition_key, version: i.definition_version, title: textOf(wf.definition.title, lang) },
    title: i.title,
    status: i.status,
    state: i.state,
    steps: activeStateIds(value)
      .filter((id) => wf.states.has(id))
      .map((id) => ({ id, title: textOf(wf.states.get(id)!.spec.title ?? wf.states.get(id)!.work?.spec.title ?? wf.states.get(id)!.key, lang) })),
    visited: i.snapshot.context.visited,
    initiatorId: i.initiator_id,
    initiatorUnitId: i.initiator_unit_id,
    data: i.data,
    version: i.version,
    dueAt: i.due_at,
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    completedAt: i.completed_at,
    tasks: tasks.map((t) => taskView(t, wf, lang)),
  };
}

export async function getCase(exec: Executor, actor: Actor, id: string, wfOf: (k: string, v?: number) => Promise<CompiledWorkflow>, now: Date) {
  if (!isUuid(id)) throw new ChanceryError('instance.not_found', { instanceId: id });
  const i = await loadCase(exec, id);
  const wf = await wfOf(i.definition_key, i.definition_version);
  await assertViewCase(exec, actor, i, wf);
  const tasks = await exec.execute<TaskRow & Record<string, unknown>>('SELECT * FROM task WHERE instance_id = $1 ORDER BY created_at, sort', [id]);
  // The cases this one started or signalled and those that did so to it, and what the actor may do to it.
  const actions = await caseActions(exec, actor, i, wf);
  return {
    ...caseView(i, wf, tasks, actor.lang),
    links: await linksOf(exec, id),
    actions,
    ...(await caseAllowed(exec, actor, i, wf, actions, now, () => wfOf(i.definition_key))),
  };
}

export async function caseHistory(exec: Executor, actor: Actor, id: string, wfOf: (k: string, v: number) => Promise<CompiledWorkflow>) {
  if (!isUuid(id)) throw new ChanceryError('instance.not_found', { instanceId: id });
  const i = await loadCase(exec, id);
  await assertViewCase(exec, actor, i, await wfOf(i.definition_key, i.definition_version));
  const entries = await listAudit(exec, id);
  const ids = [...new Set(entries.flatMap((e) => [e.actorId, e.actingForId, ...peopleIn(e.payload)]).filter((x): x is string => !!x))];
  const names = new Map(
    (
      await exec.execute<{ id: string; display_name: string; display_name_en: string }>(
        'SELECT id, display_name, display_name_en FROM app_user WHERE id = ANY($1::uuid[])',
        [ids],
      )
    ).map((u) => [u.id, actor.lang === 'en' && u.display_name_en ? u.display_name_en : u.display_name]),
  );
  return entries.map((e) => ({
    ...e,
    actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
    actingForName: e.actingForId ? (names.get(e.actingForId) ?? null) : null,
    people: Object.fromEntries(peopleIn(e.payload).flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : []))),
  }));
}

/** The people an audit entry's payload names by id (transfer and delegate targets, CC, signers), so the history shows names. */
function peopleIn(payload: Record<string, unknown> | null | undefined): string[] {
  if (!payload) return [];
  const out: string[] = [];
  for (const key of ['to', 'from', 'removed', 'by']) {
    const v = payload[key];
    if (typeof v === 'string' && isUuid(v)) out.push(v);
  }
  for (const key of ['users', 'added']) {
    const v = payload[key];
    if (Array.isArray(v)) for (const x of v) if (typeof x === 'string' && isUuid(x)) out.push(x);
  }
  for (const o of Array.isArray(payload.opened) ? payload.opened : []) {
    const users = (o as { assignees?: { users?: unknown } })?.assignees?.users;
    if (Array.isArray(users)) for (const x of users) if (typeof x === 'string' && isUuid(x)) out.push(x);
  }
  return out;
}

/**
 * What a step's form starts with on a new round (after a return or a re-entry): a form only this
 * step fills (a proofreading sheet) starts empty, so last round's comments do not come back as
 * this round's; a form that carries the document (the start form, or one other steps fill too)
 * keeps its data but not its opinion fields. Undefined on the first round (the case's data as is).
 */
function freshRound(wf: CompiledWorkflow, formKey: string, slot: string, data: unknown): Record<string, unknown> | undefined {
  const round = Number(/#(\d+)\./.exec(slot)?.[1] ?? '1');
  if (round <= 1 || !data || typeof data !== 'object') return undefined;
  const def = wf.definition;
  const fillers = [...wf.states.values()].filter((s) => s.work?.spec.form === formKey).length;
  if (def.startForm !== formKey && fillers <= 1) return {};
  const ref = def.forms?.[formKey];
  const ui = (ref && typeof ref === 'object' ? ref.uiSchema : undefined) as { fields?: Record<string, { widget?: string }> } | undefined;
  const opinions = Object.entries(ui?.fields ?? {})
    .filter(([, f]) => f.widget === 'opinion')
    .map(([pointer]) => pointer.slice(1));
  if (opinions.length === 0) return undefined;
  return Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([k]) => !opinions.includes(k)));
}

/** A task as its holder sees it: the case, the form with field permissions, and the actions allowed. */
export async function getTask(exec: Executor, actor: Actor, id: string, wfOf: (k: string, v?: number) => Promise<CompiledWorkflow>, now: Date) {
  if (!isUuid(id)) throw new ChanceryError('task.not_found', { taskId: id });
  const t = await loadTask(exec, id);
  const i = await loadCase(exec, t.instance_id);
  // The commands' own checks: someone who may work the task, on an open task of a running case.
  let mayAct = t.status === 'open' && i.status === 'running';
  if (mayAct) {
    try {
      await permitTask(exec, actor, t, now);
    } catch {
      mayAct = false;
    }
  }
  const wf = await wfOf(i.definition_key, i.definition_version);
  if (!mayAct) await assertViewCase(exec, actor, i, wf);
  const info = wf.states.get(t.state_key);
  const spec = info?.work?.spec;
  const form = t.form_key ? wf.definition.forms?.[t.form_key] : undefined;
  const returned = (await returnsOf(exec, [t], actor.lang)).get(t.id) ?? null;
  const prefill = t.prefill ?? (form && t.form_key ? freshRound(wf, t.form_key, t.slot, i.data[t.form_key]) : undefined);
  const allowed = mayAct ? taskAllowed({ task: t, instance: i, wf, spec }, actor) : null;
  const caseActs = await caseActions(exec, actor, i, wf);
  const title = (s: string) => textOf(wf.states.get(s)?.spec.title ?? wf.states.get(s)?.work?.spec.title ?? s, actor.lang);
  const policy = spec?.opinion ?? wf.definition.defaults?.opinion;
  const outcomes = allowed?.outcomes ?? [];
  return {
    task: { ...taskView(t, wf, actor.lang), returned },
    case: { ...caseView(i, wf, [], actor.lang), actions: caseActs, ...(await caseAllowed(exec, actor, i, wf, caseActs, now, () => wfOf(i.definition_key))) },
    form: form && t.form_key ? { key: t.form_key, permissions: spec?.fields ?? {}, ...(prefill ? { prefill } : {}) } : null,
    /** What this person may do with the task now, by the rules its commands run (none: read only). */
    allowedActions: allowed?.allowedActions ?? [],
    /** Set when the task is the reader's, held for them by a delegate while they are away: read only. */
    delegatedTo:
      t.status === 'open' && t.acting_for_id === actor.id && t.assignee_id && t.assignee_id !== actor.id
        ? await personOf(exec, t.assignee_id, actor.lang)
        : null,
    actions: allowed
      ? {
          outcomes,
          return: allowed.returnTo.map((s) => ({ id: s, title: title(s) })),
          transfer: allowed.allowedActions.includes('transfer'),
          delegate: allowed.allowedActions.includes('delegate'),
          addSigners: allowed.allowedActions.includes('addSigners'),
          removeSigners: allowed.allowedActions.includes('removeSigners'),
          claim: allowed.allowedActions.includes('claim'),
          // The outcomes that take the form (all of them unless the step names some).
          formOutcomes: spec?.formOutcomes ?? outcomes,
          // One policy for the opinion box, and the policy of each command the task offers.
          opinion: opinionPolicyOf(policy, outcomes[0] ?? 'submit'),
          opinions: Object.fromEntries([...outcomes, 'return', 'transfer', 'delegate'].map((c) => [c, opinionPolicyOf(policy, c)])),
        }
      : null,
  };
}

/** A person by id, with their name in the reader's language. */
async function personOf(exec: Executor, id: string, lang: Lang): Promise<{ id: string; name: string } | null> {
  const [u] = await exec.execute<{ display_name: string; display_name_en: string | null }>('SELECT display_name, display_name_en FROM app_user WHERE id = $1', [
    id,
  ]);
  return u ? { id, name: lang === 'en' && u.display_name_en ? u.display_name_en : u.display_name } : null;
}
