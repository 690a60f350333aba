/** The published JSON Schema of workflow definitions. */
import schema from './definition.schema.json' with { type: 'json' };

/**
 * JSON Schema 2020-12 of `WorkflowDefinition` (`$id` `https://chancery.dev/schemas/definition.json`).
 * Titles and descriptions are English; `x-zh-CN: { title, description }` carries the Chinese.
 *
 * @example
 * const title = definitionSchema.$defs.StateSpec['x-zh-CN'].title; // '环节'
 */
export const definitionSchema = schema;
