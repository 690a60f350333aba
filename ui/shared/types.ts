/**
 * The shapes the API answers with, as the UI reads them (dates arrive as ISO strings). Derived
 * from the route table's response schemas (`core/http/schemas/`), the same ones the server's
 * OpenAPI document publishes and its tests check responses against: type-only imports, so the
 * UI bundle pulls in no server code.
 */
import type { StateSpec, WorkflowDefinition } from '../../core/definition/types.js';
import type { FromSchema } from '../../core/http/from-schema.js';
import type {
  CaseView as CaseViewSchema,
  HistoryEntry as HistoryEntrySchema,
  InboxItem as InboxItemSchema,
  TaskDetail as TaskDetailSchema,
  TaskView as TaskViewSchema,
} from '../../core/http/schemas/cases.js';
import type { DefinitionRecord as DefinitionRecordSchema, DefinitionSummary as DefinitionSummarySchema } from '../../core/http/schemas/definitions.js';
import type { Delegation as DelegationSchema, Me as MeSchema, UserListItem } from '../../core/http/schemas/directory.js';
import type { Notification } from '../../core/http/schemas/misc.js';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type Me = FromSchema<typeof MeSchema>;
export type InboxItem = FromSchema<typeof InboxItemSchema>;
export type TaskView = FromSchema<typeof TaskViewSchema>;
export type CaseView = FromSchema<typeof CaseViewSchema>;
export type TaskDetail = FromSchema<typeof TaskDetailSchema>;
export type HistoryEntry = FromSchema<typeof HistoryEntrySchema>;
export type DefinitionSummary = FromSchema<typeof DefinitionSummarySchema>;
export type NotificationItem = FromSchema<typeof Notification>;
export type Delegation = FromSchema<typeof DelegationSchema>;
/** A person as the directory search lists them. */
export type DirectoryPerson = FromSchema<typeof UserListItem>;

/**
 * A definition as the UI reads it: the API's record, whose `definition` the UI treats as a
 * (possibly incomplete) workflow definition.
 */
export type DefinitionRecord = Omit<FromSchema<typeof DefinitionRecordSchema>, 'definition'> & { definition: WorkflowLike };

/** A workflow definition (the DSL's type, generated from its JSON Schema). */
export type WorkflowLike = WorkflowDefinition;
export type StateLike = StateSpec;
