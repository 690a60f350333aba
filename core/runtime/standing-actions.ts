/**
 * Standing actions (常设操作): named actions of a definition that the people in their `who` may
 * take on a running case at any time — order a spot check, record "adopted by the city" — with a
 * validated form, audited as `instance.action`.
 */
import { ChanceryError } from '../errors.js';
import { STANDING_PREFIX } from '../machine/compile.js';
import { advance, type Advanced } from './advance.js';
import { loadCase } from './case-store.js';
import { isUuid } from '../uuid.js';
import { availableIn, namedBy, topStep } from './case-permissions.js';
import { canSeeCase } from './authorize.js';
import { checkForm } from './case-writes.js';
import type { CaseContext } from './case-commands.js';
import type { Actor } from './ports.js';

export async function takeStandingAction(
  c: CaseContext,
  actor: Actor,
  instanceId: string,
  name: string,
  input: { data?: Record<string, unknown> },
): Promise<Advanced> {
  if (!isUuid(instanceId)) throw new ChanceryError('instance.not_found', { instanceId });
  const instance = await loadCase(c.tx, instanceId);
  const wf = await c.wf(instance.definition_key, instance.definition_version);
  const action = Object.hasOwn(wf.definition.actions ?? {}, name) ? wf.definition.actions![name] : undefined;
  const allowed = action ? await namedBy(c.tx, actor, action.who, instance, wf, c.deps.resolveAssignee) : false;
  if (!allowed && !(await canSeeCase(c.tx, actor, instance))) throw new ChanceryError('instance.not_found', { instanceId });
  if (!action) throw new ChanceryError('instance.action_not_found', { action: name });
  if (!allowed) throw new ChanceryError('instance.action_not_allowed', { action: name });
  if (instance.status !== 'running') throw new ChanceryError('instance.not_running');
  if (!availableIn(action, instance))
    throw new ChanceryError('instance.action_not_available', { action: name, state: topStep(instance.state), allowed: (action.in ?? []).join(', ') });
  let data: Record<string, unknown> | undefined;
  if (action.form) {
    const form = wf.definition.forms?.[action.form];
    const given = input.data ?? {};
    data = { [action.form]: form ? checkForm(c.deps, form, given, { lang: actor.lang }) : given };
  } else if (input.data && Object.keys(input.data).length > 0) {
    throw new ChanceryError(
      'request.invalid',
      { reason: { 'zh-CN': `操作「${name}」不填写表单`, en: `the action "${name}" takes no form` } },
      { pointer: '/data' },
    );
  }
  return advance(
    c.deps,
    c.tx,
    wf,
    { id: instance.id, version: instance.version, snapshot: instance.snapshot, title: instance.title },
    [{ type: `${STANDING_PREFIX}${name}`, by: actor.id, ...(data ? { data } : {}) }],
    { type: 'instance.action', actorId: actor.id, payload: { action: name } },
  );
}
