/**
 * The pure engine: the definition DSL (types, schema, `validateDefinition`), compile, `step`, the
 * business calendar and JSON Logic. No database, no server, no Node built-ins: it runs unchanged
 * in a browser bundle (the designer's simulator) and is the package's `chancery` and
 * `chancery/engine` entry.
 *
 * @example
 * import { validateDefinition, compileDefinition, start, step } from 'chancery';
 * const workflow = compileDefinition(definition);
 * let s = start(workflow, { data: {}, initiator: { id: 'u1', unitId: 'office' } });
 * s = step(workflow, s.snapshot, { type: 'submit', by: { id: 'u1' } });
 */
export { ChanceryError, pickLang, type ErrorKind, type Lang } from './errors.js';
export type { ErrorCode } from './error-messages.js';
export type * from './definition/types.js';
export { validateDefinition, definitionSchema, type DefinitionValidation } from './definition/index.js';
export {
  evaluate as evaluateLogic,
  evaluateGuard,
  validateRule,
  type LogicOperation,
  type LogicOperations,
  type LogicOptions,
  type LogicProblem,
} from './logic/index.js';
export {
  createCalendar,
  createChinaCalendar,
  extendCalendar,
  addDuration,
  parseDuration,
  isWorkingDay,
  workingDaysBetween,
  type Calendar,
  type CalendarConfig,
  type CalendarDay,
  type DayInput,
  type DayKind,
  type ParsedDuration,
  type Sign,
  type Weekday,
  type WorkWindow,
} from './calendar/index.js';
export { compileDefinition, type CompiledWorkflow } from './machine/compile.js';
export type { EngineContext, EngineEvent, Work, Slot, Timer } from './machine/context.js';
export { escapeToken, unescapeToken, pointerOf, parsePointer, readPointer } from './json-pointer.js';
export { start, step, type PersistedSnapshot, type StepResult } from './runtime/step.js';
export type { Effect } from './runtime/effects.js';
// The action contract is data and one error class: plugin authors import it (through
// `chancery/plugins`) without loading a database or a server.
export { PermanentActionError } from './actions/contract.js';
export type { ActionContext, ActionSpec, CaseCommands, JsonSchema, PluginLogger, RetryPolicy } from './actions/contract.js';
