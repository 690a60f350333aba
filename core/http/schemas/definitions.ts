/**
 * Workflow definitions over HTTP. The DSL's JSON Schema (`definition.schema.json`, with `$id` and
 * `$defs`) is published under `components/schemas` as `WorkflowDefinition` plus one component per
 * `$def` (`WorkflowDefinition.<Name>`), its `#/$defs/…` refs rewritten so they resolve inside the
 * OpenAPI document (redocly and openapi-typescript do not follow a nested `$id`).
 */
import { definitionSchema } from '../../definition/schema.js';
import type { WorkflowDefinition as WorkflowDefinitionType } from '../../definition/types.js';
import { component, typedComponent, type JsonSchema } from '../component.js';
import { dateTime, I18nText, nullableDateTime } from './common.js';

const PREFIX = 'WorkflowDefinition.';

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) out[k] = `#/components/schemas/${PREFIX}${v.slice('#/$defs/'.length)}`;
    else out[k] = rewriteRefs(v);
  }
  return out;
}

function definitionComponents(): { root: JsonSchema; defs: Record<string, JsonSchema> } {
  const { $schema: _s, $id: _i, $defs, ...root } = definitionSchema as unknown as JsonSchema & { $defs: Record<string, JsonSchema> };
  const defs = Object.fromEntries(Object.entries($defs).map(([n, s]) => [`${PREFIX}${n}`, rewriteRefs(s) as JsonSchema]));
  return { root: rewriteRefs(root) as JsonSchema, defs };
}

const parts = definitionComponents();

/** A workflow definition (the DSL), as published. */
export const WorkflowDefinition = typedComponent<WorkflowDefinitionType>('WorkflowDefinition', parts.root, parts.defs);

/** One problem a definition check found, with its JSON pointer. */
export const DefinitionProblem = component('DefinitionProblem', {
  type: 'object',
  required: ['code', 'pointer', 'message', 'severity'],
  properties: {
    code: { type: 'string' },
    pointer: { type: 'string' },
    message: { description: "In the caller's language (a string), or both languages (an object)" },
    messages: { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } },
    severity: { enum: ['error', 'warning'] },
    details: { type: 'object', additionalProperties: true },
  },
} as const);

/** A workflow in the list. */
export const DefinitionSummary = component('DefinitionSummary', {
  type: 'object',
  required: ['key', 'title', 'latest', 'running', 'publishedAt'],
  properties: {
    key: { type: 'string' },
    title: I18nText,
    description: I18nText,
    latest: { type: ['integer', 'null'], description: 'The latest published version; null when there is only a draft' },
    hasDraft: { type: 'boolean', description: 'Administrators only' },
    running: { type: 'integer', minimum: 0 },
    publishedAt: nullableDateTime,
    mayStart: { type: 'boolean', description: 'Whether the caller may start a case of it (its starters); false without a published version · 本人能否发起' },
    retired: { type: 'boolean', description: 'Retired: no new cases; listed only for admins asking with includeRetired' },
  },
} as const);

/** A definition: a published version or the draft. */
export const DefinitionRecord = component('DefinitionRecord', {
  type: 'object',
  required: ['key', 'version', 'status', 'publishedAt', 'definition'],
  properties: {
    key: { type: 'string' },
    version: { type: ['integer', 'null'] },
    status: { enum: ['draft', 'published'] },
    publishedAt: nullableDateTime,
    retired: { type: 'boolean', description: 'The workflow is retired: no new cases start; running cases continue' },
    definition: { anyOf: [WorkflowDefinition, { type: 'object', additionalProperties: true, description: 'A draft, which may be incomplete' }] },
    mayStart: { type: 'boolean', description: 'Whether the caller may start a case of it (false for a draft) · 本人能否发起' },
  },
} as const);

export const DefinitionVersion = component('DefinitionVersion', {
  type: 'object',
  required: ['version', 'status', 'published_at', 'created_at', 'running'],
  properties: {
    version: { type: ['integer', 'null'] },
    status: { type: 'string' },
    published_at: nullableDateTime,
    created_at: dateTime,
    running: { type: 'integer' },
  },
} as const);

export const ValidationReport = component('ValidationReport', {
  type: 'object',
  required: ['ok', 'problems'],
  properties: { ok: { type: 'boolean' }, problems: { type: 'array', items: DefinitionProblem } },
} as const);

/** A dry run's pre-flight report, or what an apply moved (one row per case, with its problems). */
export const MigrationReport = component('MigrationReport', {
  type: 'object',
  required: ['dryRun', 'mappingProblems', 'unmapped', 'rows', 'applied'],
  properties: {
    dryRun: { type: 'boolean' },
    mappingProblems: { type: 'array', items: { type: 'object', additionalProperties: true } },
    unmapped: {
      type: 'array',
      items: {
        type: 'object',
        required: ['state', 'pointer', 'cases'],
        additionalProperties: true,
        properties: { state: { type: 'string' }, pointer: { type: 'string' }, cases: { type: 'integer' } },
      },
    },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['instanceId', 'title', 'from', 'to', 'keep', 'cancel', 'open', 'problems', 'applied'],
        properties: {
          instanceId: { type: 'string', format: 'uuid' },
          title: { type: 'string' },
          from: { type: 'string' },
          to: { type: ['string', 'null'] },
          keep: { type: 'boolean' },
          cancel: { type: 'array', items: { type: 'object', additionalProperties: true } },
          open: { type: 'array', items: { type: 'object', additionalProperties: true } },
          problems: { type: 'array', items: { type: 'object', additionalProperties: true } },
          applied: { type: 'boolean' },
        },
      },
    },
    applied: { type: 'integer', minimum: 0 },
    needsApproval: { type: 'boolean', description: 'Nothing was moved: moves past a level wait for a second administrator (202)' },
    pendingMove: { type: 'object', additionalProperties: true, description: 'The move waiting for approval (202)' },
  },
} as const);

/** A workflow retired or restored (停用 / 恢复). */
export const RetirementChange = component('RetirementChange', {
  type: 'object',
  required: ['key', 'retired', 'at', 'by', 'reason'],
  properties: {
    key: { type: 'string' },
    retired: { type: 'boolean' },
    at: dateTime,
    by: { type: 'string', format: 'uuid' },
    reason: { type: ['string', 'null'] },
  },
} as const);
