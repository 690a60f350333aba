/**
 * The workflow definition DSL, as TypeScript types.
 *
 * This file is the contract between the definition JSON Schema (`definition.schema.json`),
 * the static checks (`validate.ts`), the compiler (`core/machine`) and the designer.
 * Every field here must exist in the JSON Schema and vice versa.
 */

/** A user-facing text: a plain string (taken as zh-CN) or one per language. */
export type I18nText = string | { 'zh-CN': string; en?: string };

/**
 * A JSON Logic rule (https://jsonlogic.com), evaluated by `core/logic` — never by `eval`.
 * Variables available: `data` (instance data), `initiator` ({ id, unitId }), `item` (inside foreach),
 * `now` (ISO string), `state`, `actor` (the user completing the current task).
 */
export type JsonLogic = unknown;

/**
 * A duration. ISO-8601 calendar durations (`P3D`, `PT4H`, `P1M`) or working time on the business
 * calendar: `P20WD` (20 working days), `P2WH` (2 working hours). A leading minus (`P-2WD`) counts
 * backwards from the due date (used by reminders).
 */
export type Duration = string;

/** Who a task goes to. Exactly one selector besides the optional `unit` qualifier. */
export type Assignment =
  /** Everyone holding `role` in `unit` (default: the initiator's unit, walking up the tree until found). */
  | { role: string; unit?: UnitSelector }
  /** Named users (ids or usernames). */
  | { users: string[] }
  /** A user id taken from the instance data or another JSON Logic expression. */
  | { user: JsonLogic }
  /** The head (role `head`) of a unit. */
  | { head: UnitSelector }
  /** The initiator themself (e.g. to revise a returned draft). */
  | { initiator: true }
  /** The initiator's manager chain: level 1 = direct manager. */
  | { manager: { level?: number; of?: 'initiator' | 'previous' } }
  /** Whoever completed the named state last (default: the previous human step). */
  | { previous: { state?: string } | true }
  /** A resolver registered by a plugin. */
  | { plugin: string; with?: Record<string, unknown> };

/** Which org unit: a literal unit id/code, the initiator's unit, or a JSON Logic expression. */
export type UnitSelector = string | { initiator: true } | { var: string } | JsonLogic;

export type FieldPermission = 'editable' | 'readonly' | 'hidden';

/** Per-state form field permissions: JSON pointer into the form data (or `*`) → permission. */
export type FieldPermissions = Record<string, FieldPermission>;

export type EmptyAssigneePolicy =
  | 'fail' // the command that enters the state is refused with `assign.empty`
  | 'skip' // the step is passed automatically with its default outcome
  | 'admin' // the task goes to the workflow administrators
  | { assign: Assignment | Assignment[] }; // fallback assignments, tried in order (per item in a foreach)

export type SelfApprovalPolicy =
  | 'allow' // the initiator may approve their own case
  | 'skip' // the initiator's vote is taken as approve automatically
  | 'forbid'; // the initiator is removed from the signers

/** A deadline counted from a date in the case data rather than from entering the step (法定期限自形成之日起算). */
export interface DueFrom {
  /** JSON Logic yielding a date or date-time (`YYYY-MM-DD` is read as the start of that day in the calendar's time zone). Omitted: from entering the step. */
  from?: JsonLogic;
  /**
   * A duration, or a duration taken from the data (`{"var": "data.intake.handlingDays"}`): a number
   * counts working days, a string must be a duration (`P10WD`); anything else refuses the command
   * that enters the step.
   */
  after: Duration | JsonLogic;
}

export interface Reminder {
  /**
   * Relative to the due date when negative (`P-2WD`), to the start of the step otherwise; or taken
   * from the data (`{"var": "data.intake.remindDays"}`): a number counts working days before the
   * due date, a string must be a duration; anything else refuses the command that enters the step.
   */
  at: Duration | JsonLogic;
  /** Who is reminded: the assignees (default) or someone else. */
  to?: Assignment;
  template?: string;
}

export interface Escalation {
  /** When, relative to the due date (`P0D` = at the deadline; `P1WD` = one working day after). */
  after?: Duration;
  /** Notify these people. */
  notify?: Assignment;
  /** Reassign the open tasks to these people. */
  reassign?: Assignment;
  /** Send this event to the instance (e.g. `timeout` → a transition in `on`). Default `timeout`. */
  event?: string;
}

/** Common to every step a person works on. */
export interface WorkSpec {
  title?: I18nText;
  assign: Assignment;
  /** Key into `definition.forms`. */
  form?: string;
  /**
   * The outcomes that take the form (validated and stored); the others take none, and data sent
   * with them is refused. Default: every outcome.
   */
  formOutcomes?: string[];
  fields?: FieldPermissions;
  /** Counted from entering the step, or from a date in the case data (`{ from: {var: 'data.intake.formedOn'}, after: 'P20WD' }`). */
  due?: Duration | DueFrom;
  remind?: Array<Duration | Reminder>;
  escalate?: Escalation | Escalation[];
  emptyAssignee?: EmptyAssigneePolicy;
  selfApproval?: SelfApprovalPolicy;
  /** Whether the assignee may transfer (转交) / delegate (委派) the task. Default true. */
  transfer?: boolean;
  delegate?: boolean;
  /** Whether signers may be added (加签) / removed (减签) while the step runs. Default true for approvals. */
  addSigners?: boolean;
  removeSigners?: boolean;
  /**
   * Whether an opinion (意见) is required: one policy for every decision on the step (complete,
   * return), or one per outcome (keys: outcomes, `return`, `transfer`, `delegate`, `*`).
   */
  opinion?: OpinionRule;
}

/** `required`: refused without one; `optional`; `none`: refused with one (it would be ignored). */
export type OpinionPolicy = 'required' | 'optional' | 'none';

/** One policy for the step, or one per outcome / command (`return`, `transfer`, `delegate`, `*`). */
export type OpinionRule = OpinionPolicy | Record<string, OpinionPolicy>;

/** A human task (办理): one person or one pool (role-in-unit) works it; the chosen outcome is the event. */
export interface TaskSpec extends WorkSpec {
  /** Outcomes the assignee may choose; each is an event name in `on`. Default `["submit"]`. */
  outcomes?: string[];
}

export type ApprovalMode =
  | 'all' // 会签: everyone must approve; one reject rejects
  | 'any' // 或签: the first decision decides
  | 'sequential' // 依次: one after another in order
  | 'quorum'; // 票签: `quorum` approvals (count or ratio) decide

/** An approval (审批): outcomes are `approve` and `reject` (plus `return` via the return rule). */
export interface ApprovalSpec extends WorkSpec {
  mode: ApprovalMode;
  /** For quorum mode: a count (≥ 1) or a ratio (0 < r ≤ 1) of signers that must approve. */
  quorum?: number;
}

/** One sub-task per item of a list; the step is done (`done` event) when every item is done. */
export interface ForeachSpec extends WorkSpec {
  /** JSON Logic yielding an array (e.g. `{ "var": "data.intake.issues" }`). */
  items: JsonLogic;
  /** Name under which each item is visible to assignment and guards. Default `item`. */
  as?: string;
  /** Outcomes each sub-task may choose; default `["submit"]`. */
  outcomes?: string[];
  /** Keep each item's form data at this data path keyed by item index (`reports.0`, `reports.1`, …). */
  collect?: string;
  /** Each sub-task's title: JSON Logic over the case and the item (e.g. `{"cat": ["自查：", {"var": "u.name"}]}`). */
  itemTitle?: JsonLogic;
  /** Each sub-task's form prefilled from the item: form field path → JSON Logic over the case and the item. */
  prefill?: Record<string, JsonLogic>;
}

/** Return (退回): which earlier steps the assignee may send the case back to. */
export interface ReturnRule {
  /** `previous`: the last human step; `visited`: any step this case has passed; or named steps of the same scope. */
  to: 'previous' | 'visited' | string[];
  /**
   * After the returned-to step is done again: `restart` walks the flow normally from there;
   * `direct` goes straight back to the step that returned it (免重复审批).
   */
  reapproval?: 'restart' | 'direct';
}

/**
 * Plugin action call, or a built-in: `case.start` (`with: { definition, data?, forEach?, as?, link? }`:
 * start a case of another workflow, linked to this one; with `forEach` one case per item) and
 * `case.signal` (`with: { definition, event, to, data?, link? }`: send an event to another case;
 * `to` is `"origin"` — the case that started this one — or a case id from the data).
 */
export interface ActionCall {
  action: string; // `<plugin>.<action>` e.g. `notify.send`
  /** Parameters; string values may contain `{{data.x}}` templates, objects may be JSON Logic under `$logic`. */
  with?: Record<string, unknown>;
  /** Map parts of the action's result into instance data: data path → JSON pointer into the result. */
  result?: Record<string, string>;
}

export interface TransitionSpec {
  to?: string; // omitted = stay (internal transition)
  if?: JsonLogic;
  actions?: ActionCall[];
  /** Values to write into instance data on this transition: data path → JSON Logic. */
  set?: Record<string, JsonLogic>;
  /** When `if` holds, refuse the command with this message and field pointer instead of moving on. */
  refuse?: { message: I18nText; pointer?: string };
}

/**
 * `on` values: a target name, one transition, or guarded candidates tried in order.
 * Targets name a state of the same scope: the top level, or the same parallel region (a parallel
 * state's `onDone` names a sibling of the parallel state). A target in an enclosing scope leaves the
 * whole parallel step from inside a branch (the other branches' open tasks are cancelled).
 */
export type TransitionTarget = string | TransitionSpec | TransitionSpec[];

/** A recurring schedule. Exactly one of `cron` and `every` (the JSON Schema enforces it). */
export interface ScheduleSpec {
  /** A cron expression (5 fields, in the definition's time zone) or a duration (`P1M`, `P3M`). */
  cron?: string;
  every?: Duration;
  /** The event sent at each tick. Default `tick`. */
  event?: string;
  /** Stop after this many ticks, or when the JSON Logic rule is true. */
  count?: number;
  until?: JsonLogic;
}

/**
 * One step. At most one of `task`, `approval`, `foreach`, `parallel`, `final: true` (the JSON
 * Schema enforces it); none of them makes an automatic step (decisions through `always`).
 * State names (the keys of `states`) are letters, digits, `_` and `-`, starting with a letter:
 * no dots, since the compiler builds state paths with them.
 */
export interface StateSpec {
  title?: I18nText;
  description?: I18nText;
  task?: TaskSpec;
  approval?: ApprovalSpec;
  foreach?: ForeachSpec;
  /** Parallel branches: each region is a small flow of its own; `onDone` fires when all reach final. */
  parallel?: Record<string, RegionSpec>;
  onDone?: TransitionTarget;
  final?: boolean;
  /** Outcome of the case when it ends here: `completed` (default), `rejected`, `cancelled`. */
  result?: 'completed' | 'rejected' | 'cancelled';
  return?: ReturnRule;
  entry?: ActionCall[];
  exit?: ActionCall[];
  /** Values written into instance data on entry: data path → JSON Logic. */
  set?: Record<string, JsonLogic>;
  /** Recurring schedules while the case is in this step (monthly / quarterly reports). */
  schedule?: ScheduleSpec[];
  /** Automatic CC (抄送) on entry. */
  cc?: Assignment[];
  /** Transitions taken immediately when their guard holds (decision steps). */
  always?: TransitionTarget;
  on?: Record<string, TransitionTarget>;
}

export interface RegionSpec {
  title?: I18nText;
  initial: string;
  states: Record<string, StateSpec>;
}

export interface FormRef {
  /** JSON Schema 2020-12 of the form data (inline), or a path relative to the definition file. */
  schema: Record<string, unknown> | string;
  uiSchema?: Record<string, unknown> | string;
}

export interface WithdrawRule {
  /** Whether the initiator may withdraw (撤回). Default true. */
  allowed?: boolean;
  /** Only while the case is in one of these steps (default: any non-final step). */
  from?: string[];
  /** Only while no one but the initiator has acted yet. Default false. */
  untouchedOnly?: boolean;
  /** Top-level step to go back to (the initiator revises and resubmits); omitted = the case ends as withdrawn. */
  to?: string;
}

/**
 * 不得越级: top-level steps (a task, an approval, a foreach or a parallel step as a whole) that a
 * case must pass in this order. The short form is the order alone (`adminSkip: 'never'`).
 */
export type LevelsSpec =
  | string[]
  | {
      order: string[];
      /** Whether an admin may move a case past a level: never (default), or with a reason and a second admin's approval. */
      adminSkip?: 'never' | 'with-approval';
    };

/** Who may do something: any one of these assignments (`[{ initiator: true }, { role: 'supervision-officer', unit: 'supervision' }]`). */
export type WhoMay = Assignment[];

/** Who may urge (催办) and CC (抄送) a running case. Default for each: the initiator (and admins). */
export interface Policies {
  urge?: WhoMay;
  cc?: WhoMay;
}

/**
 * An action the people in `who` may take on a running case at any time (下达抽查, 登记市级采用):
 * `POST /api/instances/:id/actions/<name>`. It stores its form under `data.<form>`, writes `set`,
 * runs `actions` and, with `to`, moves the case to that top-level step.
 */
export interface StandingAction {
  title: I18nText;
  description?: I18nText;
  who: WhoMay;
  /** Key into `forms`; validated like a task's form. */
  form?: string;
  /** Offered only while the case is in one of these top-level steps (default: any). */
  in?: string[];
  /** A top-level step the case moves to. */
  to?: string;
  set?: Record<string, JsonLogic>;
  actions?: ActionCall[];
}

export interface WorkflowDefinition {
  $schema?: string;
  /** Stable id, kebab-case: `petition-case`. */
  key: string;
  /** Assigned when published; ignored in drafts. */
  version?: number;
  title: I18nText;
  description?: I18nText;
  category?: string;
  /** Who may start a case (default: any signed-in staff member). */
  starters?: Assignment[];
  /** The start form: key into `forms`. */
  startForm?: string;
  forms?: Record<string, FormRef>;
  /** Business calendar key (default `cn`). */
  calendar?: string;
  /** JSON Logic yielding the case title shown in inboxes, e.g. `{"cat":["信访件：",{"var":"data.intake.name"}]}`. */
  caseTitle?: JsonLogic;
  /** Values recomputed after every step: data path → JSON Logic. */
  computed?: Record<string, JsonLogic>;
  withdraw?: WithdrawRule;
  /** Levels that cannot be skipped (不得越级): top-level steps every case passes in this order. */
  levels?: LevelsSpec;
  /** Who may urge and CC (default: the initiator). */
  policies?: Policies;
  /** Standing actions: name → action. */
  actions?: Record<string, StandingAction>;
  /** Defaults for every step. */
  defaults?: Pick<WorkSpec, 'emptyAssignee' | 'selfApproval' | 'transfer' | 'delegate' | 'opinion'>;
  initial: string;
  states: Record<string, StateSpec>;
}

/** One problem found by `validate`. */
export interface DefinitionProblem {
  /** Stable dotted code, e.g. `definition.unknown_target`. */
  code: string;
  /** JSON pointer into the definition, e.g. `/states/review/on/approve/0/to`. */
  pointer: string;
  message: { 'zh-CN': string; en: string };
  severity: 'error' | 'warning';
  details?: Record<string, unknown>;
}

/** What `validate` may consult besides the definition itself. */
export interface ValidationContext {
  /** Known role keys; omit to skip the role check. */
  roles?: ReadonlySet<string>;
  /** Known plugin actions with their parameter schemas; omit to skip the action check. */
  actions?: ReadonlyMap<string, { params?: Record<string, unknown> }>;
  /** Known assignee resolvers from plugins. */
  resolvers?: ReadonlySet<string>;
  /** Org unit codes and ids of the directory; omit to skip the unit check. */
  units?: ReadonlySet<string>;
  /** Compiles a form as a start would; returns why it cannot (in both languages), or null. Omit to skip. */
  compileForm?: (schema: Record<string, unknown>, uiSchema?: Record<string, unknown>) => { 'zh-CN': string; en: string } | null;
  /**
   * The `pattern`s of a form schema the server's linear-time regex engine cannot run, with their
   * pointers inside the schema (the server supplies RE2's verdict); omit to skip the check.
   */
  /**
   * Published workflows other than this one (for `case.start` / `case.signal`): key → the events
   * its steps accept and its start form; omit to skip the check.
   */
  workflows?: ReadonlyMap<string, { events: ReadonlySet<string> }>;
  unsupportedPatterns?: (schema: unknown) => ReadonlyArray<{ pointer: string; pattern: string; reason: string }>;
}
