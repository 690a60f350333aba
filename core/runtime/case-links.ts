/**
 * Cases that start and signal other cases (`case.start`, `case.signal`), with lineage: each one
 * is a `case_link` row (from → to, with its kind) and an audit entry on both cases, written in the
 * transaction of the command that caused it, so a refused start or signal refuses that command.
 */
import { ChanceryError } from '../errors.js';
import type { ActionRequest } from '../machine/context.js';
import { appendAudit } from '../persistence/audit.js';
import type { Executor, Tx } from '../persistence/types.js';
import { advance } from './advance.js';
import { startCase, type CaseContext } from './case-commands.js';
import { loadCase, type InstanceRow } from './case-store.js';
import { isUuid } from '../uuid.js';
import { findAssignees } from './assignment.js';
import type { Assignment } from '../definition/types.js';
import type { Actor } from './ports.js';
import { stateLabel } from './step.js';

interface Origin {
  instanceId: string;
  actorId: string | null;
}

/** Carries out the built-in requests of one command on the case `from`. */
export async function runLinkedCases(c: CaseContext, from: Origin, requests: ActionRequest[]): Promise<void> {
  const source = await loadCase(c.tx, from.instanceId);
  // Work the system does (a timer) is done in the name of the case's initiator.
  const actor = await actorOf(c.tx, from.actorId ?? source.initiator_id);
  for (const r of requests) {
    const p = r.params;
    const definition = String(p['definition']);
    const now = c.deps.clock();
    if (r.call.action === 'case.start') {
      const data = (p['data'] as Record<string, unknown> | undefined) ?? {};
      const starter = p['initiator'] ? await starterOf(c, source, p['initiator'] as Assignment) : actor;
      const started = await startCase(c, starter, { definition, data }, { linked: true });
      await linkCases(c.tx, from.instanceId, started.id, typeof p['link'] === 'string' ? p['link'] : 'started', actor.id, now);
      continue;
    }
    const targets = await targetsOf(c.tx, from.instanceId, p['to']);
    if (targets.length === 0) throw new ChanceryError('instance.link_not_found', { workflow: definition, target: JSON.stringify(p['to'] ?? null) });
    for (const id of targets) {
      const target = isUuid(id) ? await loadCase(c.tx, id).catch(() => null) : null;
      if (!target || target.definition_key !== definition) throw new ChanceryError('instance.link_not_found', { workflow: definition, target: id });
      if (target.status !== 'running')
        throw new ChanceryError('instance.link_refused', { title: target.title, state: target.status, event: String(p['event']) });
      const wf = await c.wf(target.definition_key, target.definition_version);
      const event = String(p['event']);
      const patch = p['data'] as Record<string, unknown> | undefined;
      try {
        await advance(
          c.deps,
          c.tx,
          wf,
          { id: target.id, version: target.version, snapshot: target.snapshot, title: target.title },
          // The event says which case sent it (`event.from` in the target's rules).
          [...(patch ? [{ type: 'data.patch', data: patch }] : []), { type: event, by: actor.id, from: from.instanceId }],
          { type: 'instance.signal', actorId: actor.id, payload: { event, from: from.instanceId } },
        );
      } catch (e) {
        if (e instanceof ChanceryError && e.code === 'instance.no_transition')
          throw new ChanceryError('instance.link_refused', { title: target.title, state: stateLabel(target.snapshot.value), event });
        throw e;
      }
      await linkCases(c.tx, from.instanceId, target.id, typeof p['link'] === 'string' ? p['link'] : 'signalled', actor.id, now);
    }
  }
}

/** `"origin"`: the cases that started this one; otherwise a case id or a list of them. */
async function targetsOf(exec: Executor, instanceId: string, to: unknown): Promise<string[]> {
  if (to === 'origin') {
    const rows = await exec.execute<{ id: string }>(`SELECT from_instance_id AS id FROM case_link WHERE to_instance_id = $1 ORDER BY id`, [instanceId]);
    return [...new Set(rows.map((r) => r.id))];
  }
  const list = Array.isArray(to) ? to : [to];
  return list.filter((x): x is string => typeof x === 'string' && x.length > 0);
}

/** Records that case `from` led to case `to` (`kind`), with an audit entry on both. */
export async function linkCases(tx: Tx, from: string, to: string, kind: string, by: string, now: Date): Promise<void> {
  await tx.execute('INSERT INTO case_link (from_instance_id, to_instance_id, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5)', [
    from,
    to,
    kind,
    by,
    now,
  ]);
  await appendAudit(tx, { instanceId: from, type: 'case.linked', actorId: by, payload: { kind, to }, at: now });
  await appendAudit(tx, { instanceId: to, type: 'case.linked', actorId: by, payload: { kind, from }, at: now });
}

/** The first person the `initiator` assignment names (by username), or a refusal naming the rule. */
async function starterOf(c: CaseContext, source: InstanceRow, rule: Assignment): Promise<Actor> {
  const wf = await c.wf(source.definition_key, source.definition_version);
  const who = await findAssignees(c.tx, rule, source.snapshot.context, wf, c.deps.resolveAssignee);
  const first = who.users?.[0];
  if (!first)
    throw new ChanceryError('assign.empty', { state: 'case.start', which: { 'zh-CN': '（新案件的发起人）', en: ' (the initiator of the new case)' } });
  return actorOf(c.tx, first);
}

async function actorOf(exec: Executor, userId: string): Promise<Actor> {
  const [u] = await exec.execute<{ unit_id: string | null }>('SELECT unit_id FROM app_user WHERE id = $1', [userId]);
  return { id: userId, unitId: u?.unit_id ?? null, isAdmin: false, lang: 'zh-CN' };
}

export interface CaseLinkView {
  /** The relation: `started`, `signalled` or the kind the definition names (`merged`, …). */
  kind: string;
  /** `out`: this case started or signalled the other; `in`: the other did it to this one. */
  direction: 'out' | 'in';
  instanceId: string;
  title: string;
  definition: string;
  status: string;
}

/** Every link of a case, both ways, oldest first. */
export async function linksOf(exec: Executor, instanceId: string): Promise<CaseLinkView[]> {
  const rows = await exec.execute<{ kind: string; direction: 'out' | 'in'; id: string; title: string; definition_key: string; status: string }>(
    `SELECT l.kind, 'out' AS direction, i.id, i.title, i.definition_key, i.status, l.id AS seq FROM case_link l JOIN instance i ON i.id = l.to_instance_id WHERE l.from_instance_id = $1
     UNION ALL
     SELECT l.kind, 'in' AS direction, i.id, i.title, i.definition_key, i.status, l.id AS seq FROM case_link l JOIN instance i ON i.id = l.from_instance_id WHERE l.to_instance_id = $1
     ORDER BY seq`,
    [instanceId],
  );
  return rows.map((r) => ({ kind: r.kind, direction: r.direction, instanceId: r.id, title: r.title, definition: r.definition_key, status: r.status }));
}
