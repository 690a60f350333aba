/**
 * 撤回后修改再提交 (edit and resend): the initiator of a withdrawn case edits what they sent and
 * sends it again. The edited data starts a new case of the same workflow (its current version,
 * by the start command's own checks), linked to the withdrawn one (`resent`), which stays as it
 * was: the record of what was sent and withdrawn. A case is resent once; the link says where to.
 */
import { ChanceryError } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import type { Executor } from '../persistence/types.js';
import { isUuid } from '../uuid.js';
import type { Advanced } from './advance.js';
import { assertSeeCase } from './authorize.js';
import { mayStart, startCase, type CaseContext } from './case-commands.js';
import { linkCases } from './case-links.js';
import { loadCase, type InstanceRow } from './case-store.js';
import type { Actor } from './ports.js';
import { isRetired } from './retirement.js';

/** The link kind from a withdrawn case to the case it was resent as. */
export const RESENT = 'resent';

/** Why `actor` may not resend the case (its initiator, withdrawn, not resent yet), or null when they may. */
export async function resendRefusal(exec: Executor, actor: Actor, instance: InstanceRow): Promise<ChanceryError | null> {
  if (instance.initiator_id !== actor.id) return new ChanceryError('instance.not_initiator');
  if (instance.status !== 'withdrawn') return new ChanceryError('instance.not_withdrawn');
  const [next] = await exec.execute<{ title: string }>(
    `SELECT i.title FROM case_link l JOIN instance i ON i.id = l.to_instance_id WHERE l.from_instance_id = $1 AND l.kind = $2 LIMIT 1`,
    [instance.id, RESENT],
  );
  return next ? new ChanceryError('instance.already_resent', { title: next.title }) : null;
}

/** Whether the case's resend would be taken now: the rule above, and the start command's (starters, not retired). */
export async function mayResend(exec: Executor, actor: Actor, instance: InstanceRow, latest: () => Promise<CompiledWorkflow>): Promise<boolean> {
  if (await resendRefusal(exec, actor, instance)) return false;
  if (await isRetired(exec, instance.definition_key)) return false;
  return mayStart(exec, {}, actor, await latest());
}

/** The data the case was started with: its start form's, or all of it for a workflow without one. */
export function startDataOf(wf: CompiledWorkflow, instance: Pick<InstanceRow, 'data'>): Record<string, unknown> {
  const key = wf.definition.startForm;
  const data = key ? instance.data[key] : instance.data;
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** Starts the new case from the edited data (the old start data when none is given) and links the two. */
export async function resendCase(
  c: CaseContext,
  actor: Actor,
  instanceId: string,
  input: { data?: Record<string, unknown> },
): Promise<Advanced & { id: string }> {
  if (!isUuid(instanceId)) throw new ChanceryError('instance.not_found', { instanceId });
  // Locked: two resends at once queue, and the second sees the first one's link.
  const old = await loadCase(c.tx, instanceId, { lock: true });
  await assertSeeCase(c.tx, actor, old);
  const refusal = await resendRefusal(c.tx, actor, old);
  if (refusal) throw refusal;
  const data = input.data ?? startDataOf(await c.wf(old.definition_key, old.definition_version), old);
  const started = await startCase(c, actor, { definition: old.definition_key, data });
  await linkCases(c.tx, old.id, started.id, RESENT, actor.id, c.deps.clock());
  return started;
}
