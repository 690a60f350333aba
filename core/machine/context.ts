/**
 * What the compiled machine carries in its context. Everything is plain JSON so snapshots persist
 * as they are, and the engine derives its effects by comparing two contexts (see `runtime/effects.ts`).
 */
import type { ApprovalMode, Assignment, Duration, ActionCall } from '../definition/types.js';

export interface Initiator {
  id: string;
  unitId: string;
}

/** Who a slot is offered to, once resolved by the shell against the directory. */
export interface SlotAssignees {
  users?: string[];
  role?: string;
  unitId?: string;
}

export type SlotStatus = 'waiting' | 'open' | 'done' | 'cancelled';

/** One unit of human work inside a step: one signer of an approval, one item of a foreach, the task itself. */
export interface Slot {
  id: string;
  assignees: SlotAssignees;
  status: SlotStatus;
  outcome?: string;
  by?: string;
  /** Index into `work.items` for foreach steps. */
  item?: number;
  /** Added at run time (加签) by this user. */
  addedBy?: string;
}

export type WorkKind = 'task' | 'approval' | 'item';

/** The human work of one step while the case is in it. */
export interface Work {
  /** Full state id (`review`, `branches.legal.check`). */
  state: string;
  kind: WorkKind;
  /** Entry counter of this step, so slot ids stay unique when a step is entered again. */
  round: number;
  mode?: ApprovalMode;
  quorum?: number;
  /** The assignment rule with JSON Logic already evaluated to plain values (unit ids, user ids). */
  assign: Assignment;
  /** Foreach items captured at entry, and the assignment evaluated for each of them. */
  items?: unknown[];
  itemAssign?: Assignment[];
  /** The empty-assignee fallbacks evaluated like `assign` (per item in a foreach), tried in order. */
  fallback?: Assignment[];
  itemFallback?: Assignment[][];
  /** Per-item task titles and prefilled form values, evaluated with each item at entry. */
  itemTitles?: Array<string | null>;
  itemPrefill?: Array<Record<string, unknown> | null>;
  /** `null` while the shell resolves who gets the work. */
  slots: Slot[] | null;
  /** Set when the work as a whole is decided. */
  outcome: string | null;
}

export type TimerKind = 'due' | 'remind' | 'escalate' | 'schedule';

export interface Timer {
  key: string;
  state: string;
  kind: TimerKind;
  /** Event sent to the case when the timer fires (none: a notification only). */
  event?: string;
  /** When it fires: `after` measured from `anchor` (the step's entry or its due date). */
  anchor: 'entered' | 'due';
  after: Duration;
  /** The step's due duration (for `anchor: 'due'`). */
  due?: Duration;
  /** Measure from this date or date-time of the case data instead of the step's entry (`YYYY-MM-DD`: that day's start in the calendar's zone). */
  from?: string;
  /** For schedules: cron or every, and ticks so far. */
  cron?: string;
  every?: Duration;
  count?: number;
  tick?: number;
  until?: unknown;
  notify?: Assignment;
  reassign?: Assignment;
  template?: string;
  /** When its step was entered (or the schedule last ticked): the time of that event, so a timer's moment is known from the timer alone. */
  since?: string;
  /** In a per-item step: the item this timer belongs to (its own deadline, reminders, escalation). */
  item?: number;
}

export interface ActionRequest {
  /** Deterministic id: instance-scoped and stable across retries. */
  id: string;
  state: string;
  call: ActionCall;
  params: Record<string, unknown>;
}

export interface EngineContext {
  data: Record<string, unknown>;
  initiator: Initiator;
  work: Record<string, Work>;
  timers: Record<string, Timer>;
  /** State ids in the order they were entered (for return and for the diagram). */
  visited: string[];
  /** Last completer of each step (for `previous` assignment). */
  actors: Record<string, string>;
  /** Set by a `direct` return: once `from` is done again, go straight back to `to`. */
  returnTo: { from: string; to: string } | null;
  /** Plugin actions requested by the last step (cleared at the start of every step). */
  outbox: ActionRequest[];
  /** CC requests from the last step. */
  cc: Array<{ state: string; to: Assignment }>;
  /** Set by a refusing transition during a step (the command is refused, so it is never stored). */
  refusal?: { message: { 'zh-CN': string; en?: string } | string; pointer?: string } | null;
  /** Counters for deterministic ids. */
  rounds: Record<string, number>;
  seq: number;
}

/** Events the engine sends. Definition events (`submit`, `timeout`, ...) arrive as `task.done` or `signal`. */
export type EngineEvent =
  | { type: 'work.assigned'; state: string; slots: Array<{ assignees: SlotAssignees; item?: number }> }
  | {
      type: 'task.done';
      slot: string;
      outcome: string;
      by: string;
      data?: Record<string, unknown>;
      opinion?: string;
    }
  | { type: 'work.add'; state: string; slots: Array<{ assignees: SlotAssignees }>; by: string; before?: string }
  | { type: 'work.remove'; slot: string; by: string }
  | { type: 'return'; to: string; by: string; slot?: string }
  | { type: 'withdraw'; by: string }
  | { type: 'timer.fired'; key: string }
  | { type: 'signal'; name: string; data?: Record<string, unknown>; by?: string }
  | { type: 'data.patch'; data: Record<string, unknown> };

/** A case's context before anything happened: the machine's start and the diff base of `start()`. */
export function emptyContext(data: Record<string, unknown> = {}, initiator: Initiator = { id: '', unitId: '' }): EngineContext {
  return { data, initiator, work: {}, timers: {}, visited: [], actors: {}, returnTo: null, outbox: [], cc: [], rounds: {}, seq: 0 };
}
