/**
 * The opinion (意见) a command carries, checked against the step's policy: one policy for every
 * decision on the step, or one per outcome (`{ "approve": "optional", "reject": "required" }`).
 */
import type { OpinionPolicy, OpinionRule, WorkSpec } from '../definition/types.js';
import { ChanceryError } from '../errors.js';

/** What a command is, for the policy: an outcome of the step, `return`, `transfer` or `delegate`. */
export type OpinionCommand = string;

/**
 * The policy for one command. A single policy covers the decisions (every outcome and `return`);
 * `transfer` and `delegate` hand the work on rather than decide it, so only a per-command entry
 * (or `*`) governs them.
 */
export function opinionPolicyOf(rule: OpinionRule | undefined, command: OpinionCommand): OpinionPolicy {
  if (rule === undefined) return 'optional';
  const handsOn = command === 'transfer' || command === 'delegate';
  if (typeof rule === 'string') return handsOn ? 'optional' : rule;
  return rule[command] ?? rule['*'] ?? 'optional';
}

/**
 * Refuses a command whose opinion the step's policy does not allow: missing where required,
 * present where the definition says `none` (it would be silently dropped otherwise).
 *
 * @example
 * checkOpinion(spec, defaults?.opinion, 'return', input.opinion); // throws task.opinion_required
 */
export function checkOpinion(
  spec: Pick<WorkSpec, 'opinion'> | undefined,
  defaults: OpinionRule | undefined,
  command: OpinionCommand,
  opinion: string | undefined,
): void {
  const policy = opinionPolicyOf(spec?.opinion ?? defaults, command);
  const given = (opinion ?? '').trim().length > 0;
  if (policy === 'required' && !given) throw new ChanceryError('task.opinion_required', { outcome: command }, { pointer: '/opinion' });
  if (policy === 'none' && given) throw new ChanceryError('task.opinion_not_accepted', { outcome: command }, { pointer: '/opinion' });
}
