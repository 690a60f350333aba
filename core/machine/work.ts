/**
 * The bookkeeping of human work inside a step, as pure functions over `Work`:
 * who is asked, in which order, and when the step as a whole is decided (会签/或签/依次/票签).
 */
import type { ApprovalSpec, ForeachSpec, SelfApprovalPolicy, TaskSpec } from '../definition/types.js';
import type { Initiator, Slot, SlotAssignees, Work } from './context.js';

export type WorkSpecOf = { kind: 'task'; spec: TaskSpec } | { kind: 'approval'; spec: ApprovalSpec } | { kind: 'item'; spec: ForeachSpec };

export function outcomesOf(w: WorkSpecOf): string[] {
  if (w.kind === 'approval') return ['approve', 'reject'];
  if (w.kind === 'item') return ['done'];
  return w.spec.outcomes && w.spec.outcomes.length > 0 ? w.spec.outcomes : ['submit'];
}

/** Outcomes a person may choose on one slot. */
export function slotOutcomesOf(w: WorkSpecOf): string[] {
  if (w.kind === 'approval') return ['approve', 'reject'];
  if (w.kind === 'item') return w.spec.outcomes && w.spec.outcomes.length > 0 ? w.spec.outcomes : ['submit'];
  return outcomesOf(w);
}

/** The outcome taken when the step has nobody to do it and the policy is `skip`. */
export function defaultOutcome(w: WorkSpecOf): string {
  return w.kind === 'approval' ? 'approve' : (outcomesOf(w)[0] ?? 'submit');
}

/** Turns the shell's resolved assignees into slots, honouring the self-approval policy. */
export function assignSlots(
  work: Work,
  resolved: Array<{ assignees: SlotAssignees; item?: number }>,
  initiator: Initiator,
  selfApproval: SelfApprovalPolicy,
): Work {
  let slots: Slot[] = resolved.map((r, i) => ({
    id: `${work.state}#${work.round}.${i}`,
    assignees: r.assignees,
    status: 'waiting',
    ...(r.item === undefined ? {} : { item: r.item }),
  }));
  if (work.kind === 'approval' && selfApproval !== 'allow') {
    const isInitiatorOnly = (s: Slot) => s.assignees.users?.length === 1 && s.assignees.users[0] === initiator.id;
    if (selfApproval === 'forbid') {
      slots = slots
        .map((s) => (s.assignees.users ? { ...s, assignees: { ...s.assignees, users: s.assignees.users.filter((u) => u !== initiator.id) } } : s))
        .filter((s) => !s.assignees.users || s.assignees.users.length > 0 || s.assignees.role);
    } else {
      slots = slots.map((s) => (isInitiatorOnly(s) ? { ...s, status: 'done', outcome: 'approve', by: initiator.id } : s));
    }
  }
  return openNext({ ...work, slots });
}

/** Opens the slots that may be worked now: all of them, or the next one in a sequential approval. */
export function openNext(work: Work): Work {
  if (!work.slots) return work;
  if (work.outcome !== null) return work;
  const decided = decide(work);
  if (decided)
    return { ...work, outcome: decided, slots: work.slots.map((s) => (s.status === 'open' || s.status === 'waiting' ? { ...s, status: 'cancelled' } : s)) };
  if (work.kind === 'approval' && work.mode === 'sequential') {
    const next = work.slots.findIndex((s) => s.status === 'waiting' || s.status === 'open');
    return { ...work, slots: work.slots.map((s, i) => (i === next && s.status === 'waiting' ? { ...s, status: 'open' } : s)) };
  }
  return { ...work, slots: work.slots.map((s) => (s.status === 'waiting' ? { ...s, status: 'open' } : s)) };
}

/** The decision of the step, or null while it is still open. */
export function decide(work: Work): string | null {
  const slots = (work.slots ?? []).filter((s) => s.status !== 'cancelled');
  const done = slots.filter((s) => s.status === 'done');
  if (work.kind === 'task') return done[0]?.outcome ?? null;
  if (work.kind === 'item') return slots.every((s) => s.status === 'done') ? 'done' : null;
  const approve = done.filter((s) => s.outcome === 'approve').length;
  const reject = done.filter((s) => s.outcome === 'reject').length;
  const total = slots.length;
  if (total === 0) return 'approve';
  switch (work.mode) {
    case 'any':
      return done[0]?.outcome ?? null;
    case 'quorum': {
      const q = work.quorum ?? total;
      const need = q > 0 && q <= 1 && !Number.isInteger(q) ? Math.ceil(q * total) : Math.min(Math.max(1, Math.round(q)), total);
      if (approve >= need) return 'approve';
      if (total - reject < need) return 'reject';
      return null;
    }
    case 'all':
    case 'sequential':
    default:
      if (reject > 0) return 'reject';
      return approve === total ? 'approve' : null;
  }
}

/** Records one person's outcome on a slot and re-decides the step. */
export function completeSlot(work: Work, slotId: string, outcome: string, by: string): Work {
  if (!work.slots) return work;
  const slots = work.slots.map((s) => (s.id === slotId ? { ...s, status: 'done' as const, outcome, by } : s));
  return openNext({ ...work, slots });
}

/** 加签: adds signers; in a sequential approval they are inserted before `before` (or at the end). */
export function addSlots(work: Work, added: Array<{ assignees: SlotAssignees }>, by: string, before?: string): Work {
  if (!work.slots) return work;
  const base = work.slots.length;
  const fresh: Slot[] = added.map((a, i) => ({ id: `${work.state}#${work.round}.${base + i}`, assignees: a.assignees, status: 'waiting', addedBy: by }));
  const at = before ? work.slots.findIndex((s) => s.id === before) : -1;
  const slots = at >= 0 ? [...work.slots.slice(0, at), ...fresh, ...work.slots.slice(at)] : [...work.slots, ...fresh];
  return openNext({ ...work, slots });
}

/** 减签: cancels a signer who has not decided yet. */
export function removeSlot(work: Work, slotId: string): Work {
  if (!work.slots) return work;
  const slots = work.slots.map((s) => (s.id === slotId && (s.status === 'open' || s.status === 'waiting') ? { ...s, status: 'cancelled' as const } : s));
  return openNext({ ...work, slots });
}
