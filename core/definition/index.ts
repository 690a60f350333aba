/**
 * `core/definition`: the workflow DSL — its types, its published JSON Schema, and the static
 * checks run before a definition is published.
 */
export type * from './types.js';
export { validateDefinition, type DefinitionValidation } from './validate.js';
export { definitionSchema, DEFINITION_SCHEMA_ID } from './schema.js';
export {
  walkScopes,
  walkStates,
  walkTransitions,
  statesOf,
  workOf,
  actionsOf,
  type Scope,
  type StateEntry,
  type TransitionEntry,
  type TransitionKind,
  type WorkKind,
} from './walk.js';
export { levelsOf, levelsSkipped, lastLevelDone, type LevelModel } from './check-levels.js';
export { walkAssignments, type AssignmentEntry } from './walk-assignments.js';
export type { ProblemCode } from './problems.js';
