/** The shapes the API answers with, as the UI reads them (dates arrive as ISO strings). */

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  displayNameEn?: string | null;
  unitId: string | null;
  isAdmin: boolean;
  roles: Array<{ role: string; unitId: string; unitName: string }>;
}

export interface InboxItem {
  id: string;
  instanceId: string;
  caseTitle: string;
  definition: string;
  state: string;
  title: string;
  kind: string;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  assigneeId: string | null;
  actingForId: string | null;
  pool: { role: string; unitId: string } | null;
  delegated: boolean;
  /** Set when the task came back by a return (退回). */
  returned?: ReturnedInfo | null;
}

/** Who returned a task (退回), their opinion and when. */
export interface ReturnedInfo {
  byId: string | null;
  byName: string | null;
  opinion: string | null;
  at: string;
  fromState: string | null;
}

export interface TaskView {
  id: string;
  instanceId: string;
  state: string;
  stateTitle: string;
  slot: string;
  kind: string;
  status: string;
  title: string;
  form: string | null;
  assigneeId: string | null;
  pool: { role: string; unitId: string | null } | null;
  ownerId: string | null;
  actingForId: string | null;
  dueAt: string | null;
  /** A per-item sub-task: which item it is for. */
  item?: { index: number; value: unknown } | null;
  outcome: string | null;
  opinion: string | null;
  completedBy: string | null;
  completedAt: string | null;
  createdAt: string;
  returned?: ReturnedInfo | null;
}

export interface CaseView {
  id: string;
  definition: { key: string; version: number; title: string };
  title: string;
  status: 'running' | 'completed' | 'rejected' | 'withdrawn' | 'cancelled' | string;
  state: unknown;
  steps: Array<{ id: string; title: string }>;
  visited: string[];
  initiatorId: string;
  initiatorUnitId: string | null;
  data: Record<string, unknown>;
  version: number;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  tasks: TaskView[];
  /** What the signed-in user may do to the case now (the server's own checks). */
  allowedActions?: Array<'withdraw' | 'urge' | 'cc'>;
  /** When a throttled urge (催办) is taken again. */
  urgeAvailableAt?: string | null;
}

export interface TaskActions {
  outcomes: string[];
  return: Array<{ id: string; title: string }>;
  transfer: boolean;
  delegate: boolean;
  addSigners: boolean;
  removeSigners: boolean;
  claim: boolean;
  opinion: 'required' | 'optional' | 'none' | string;
  /** The policy of each command (outcomes, return, transfer, delegate). */
  opinions?: Record<string, string>;
  /** The outcomes that take the form; the others are sent without data. */
  formOutcomes?: string[];
}

export interface TaskDetail {
  task: TaskView;
  case: CaseView;
  /** `prefill`: a per-item sub-task's form values taken from its item. */
  form: { key: string; permissions: Record<string, string>; prefill?: Record<string, unknown> } | null;
  actions: TaskActions | null;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actingForId: string | null;
  actorName: string | null;
  actingForName: string | null;
  type: string;
  state: string | null;
  taskId: string | null;
  payload: Record<string, unknown>;
}

export interface DefinitionSummary {
  key: string;
  title: unknown;
  latest: number | null;
  hasDraft?: boolean;
  running: number;
  publishedAt: string | null;
  /** Whether the signed-in user may start a case of it. */
  mayStart?: boolean;
}

export interface DefinitionRecord {
  key: string;
  version: number | null;
  status: string;
  publishedAt: string | null;
  definition: WorkflowLike;
  mayStart?: boolean;
}

/** The parts of a workflow definition the UI reads (the full type lives in core/definition). */
export interface WorkflowLike {
  key: string;
  title: unknown;
  description?: unknown;
  startForm?: string;
  forms?: Record<string, unknown>;
  initial: string;
  states: Record<string, StateLike>;
}

export interface StateLike {
  title?: unknown;
  task?: Record<string, unknown>;
  approval?: Record<string, unknown>;
  foreach?: Record<string, unknown>;
  parallel?: Record<string, { title?: unknown; initial: string; states: Record<string, StateLike> }>;
  final?: boolean;
  result?: string;
  on?: Record<string, unknown>;
  always?: unknown;
  onDone?: unknown;
  return?: { to?: unknown };
}

export interface DirectoryPerson {
  id: string;
  username: string;
  displayName: string;
  displayNameEn?: string;
  unitName?: string | null;
  unitNameEn?: string | null;
  unitId?: string | null;
}

export interface NotificationItem {
  id: string;
  instanceId: string | null;
  taskId: string | null;
  kind: string;
  title: string;
  body: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface Delegation {
  id: string;
  fromUserId: string;
  toUserId: string;
  fromUsername: string;
  fromDisplayName: string;
  toUsername: string;
  toDisplayName: string;
  startsAt: string;
  endsAt: string;
  definitionKey: string | null;
}
