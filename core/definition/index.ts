/**
 * `core/definition`: the workflow DSL — its types, its published JSON Schema, and the static
 * checks run before a definition is published.
 */
export type * from './types.js';
export { validateDefinition, type DefinitionValidation } from './validate.js';
export { definitionSchema } from './schema.js';
export { levelsOf, levelsSkipped, lastLevelDone } from './check-levels.js';
export { eventsOf } from './check-linked-cases.js';
