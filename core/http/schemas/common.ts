/** Schemas many routes share: the error body, list envelopes, command results, bilingual text. */
import { component } from '../component.js';

/** The one error body every route answers failures with. */
export const ErrorBody = component('Error', {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'kind', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable dotted code, e.g. `task.not_assignee`' },
        kind: { enum: ['user', 'conflict', 'operational', 'unexpected'] },
        message: { type: 'string', description: 'zh-CN (default) or en, per Accept-Language' },
        details: { description: 'Data about the error (for `form.invalid`: `issues`, each with its pointer)' },
        pointer: { type: 'string', description: 'JSON pointer of the offending field' },
      },
    },
  },
} as const);

/** An ISO 8601 timestamp. */
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
export const nullableString = { type: ['string', 'null'] } as const;

/** Where a case stands: running, or how it ended. */
export const caseStatus = { enum: ['running', 'completed', 'rejected', 'withdrawn', 'cancelled'] } as const;

/** A workflow definition's key, as routes take it (path, query or body). */
export const definitionKey = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$' } as const;

/** The languages the API speaks. */
export const language = { enum: ['zh-CN', 'en'] } as const;

/** Form data: any JSON object (the form's own schema checks it). */
export const formData = { type: 'object', additionalProperties: true, description: 'Form data, checked against the form schema' } as const;

/** Text in both languages (or a single string where only one was given). */
export const I18nText = component('I18nText', {
  anyOf: [
    { type: 'string' },
    { type: 'object', additionalProperties: { type: 'string' }, properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } },
  ],
} as const);

/** `{ ok: true }` for deletes and marks. */
export const Ok = component('Ok', { type: 'object', required: ['ok'], properties: { ok: { const: true } } } as const);

/** A page of a list: `{ items, total, page, pageSize }`. */
export const page = <const I>(items: I) =>
  ({
    type: 'object',
    required: ['items', 'total', 'page', 'pageSize'],
    properties: {
      items: { type: 'array', items },
      total: { type: 'integer', minimum: 0 },
      page: { type: 'integer', minimum: 1 },
      pageSize: { type: 'integer', minimum: 1 },
    },
  }) as const;

/** A whole list: `{ items }`. */
export const list = <const I>(items: I) => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items } } }) as const;

/** What a command on a case answers: the case's new version and the tasks it opened. */
export const CommandResult = component('CommandResult', {
  type: 'object',
  required: ['id', 'version', 'status', 'openedTasks'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'The case' },
    version: { type: 'integer', minimum: 1 },
    status: caseStatus,
    openedTasks: { type: 'array', items: { type: 'string', format: 'uuid' } },
    taskId: { type: 'string', format: 'uuid', description: 'The task the command acted on' },
  },
} as const);

/** A uuid path parameter. */
export const uuidParam = { type: 'string', minLength: 1, maxLength: 100 } as const;

/** What urging or CC-ing a case answers: how many people were told. */
export const Notified = component('Notified', { type: 'object', required: ['notified'], properties: { notified: { type: 'integer', minimum: 0 } } } as const);
