/**
 * The workflow definition DSL, as TypeScript types.
 *
 * The JSON Schema (`definition.schema.json`) is the one source: `types.generated.ts` is generated
 * from it (`npm run gen:types`, checked in CI by `npm run check:types`), and this file re-exports
 * those types under the names the engine uses, plus a few views derived from them and the types
 * of the static checks' results, which are not part of the DSL.
 */
import type { ApprovalSpec, Due, Duration, ForeachSpec, TaskSpec, WorkflowDefinition } from './types.generated.js';

export type {
  ActionCall,
  ActionCalls,
  ApprovalSpec,
  Assignment,
  DataAssignments,
  DataPath,
  Defaults,
  Due,
  Duration,
  EmptyAssigneePolicy,
  Escalation,
  EventName,
  FieldPermission,
  FieldPermissions,
  ForeachSpec,
  FormRef,
  I18nText,
  JsonLogic,
  MeasureSpec,
  OpinionPolicy,
  OpinionRule,
  RegionSpec,
  Reminder,
  ReturnRule,
  ScheduleSpec,
  SelfApprovalPolicy,
  StateName,
  StateSpec,
  States,
  TaskSpec,
  TransitionSpec,
  TransitionTarget,
  UnitSelector,
  WithdrawRule,
  WorkflowDefinition,
} from './types.generated.js';

/** What a human step (task, approval, per-item) declares: the fields the three share. */
export type WorkSpec = TaskSpec | ApprovalSpec | ForeachSpec;

/** 会签 all, 或签 any, 依次 sequential, 票签 quorum. */
export type ApprovalMode = ApprovalSpec['mode'];

/** A due date counted from a moment in the data rather than from the step's start. */
export type DueFrom = Exclude<Due, Duration>;

/**
 * 不得越级: top-level steps a case must pass in this order; the short form is the order alone
 * (`adminSkip: 'never'`). Declared inline in the schema, so named here.
 */
export type LevelsSpec = NonNullable<WorkflowDefinition['levels']>;

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
  unsupportedPatterns?: (schema: unknown) => ReadonlyArray<{ pointer: string; pattern: string; reason: string }>;
}
