/** Schemas of the smaller resources: sign-in, notifications, API keys, calendar, plugins, files, stats. */
import { component } from '../component.js';
import { dateTime, formData, I18nText, nullableDateTime, nullableString } from './common.js';

export const LoginResult = component('LoginResult', {
  type: 'object',
  required: ['token', 'expiresAt', 'user'],
  properties: {
    token: { type: 'string', description: 'Send as `Authorization: Bearer <token>`' },
    expiresAt: dateTime,
    user: {
      type: 'object',
      required: ['id', 'username', 'displayName', 'unitId', 'isAdmin'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        username: { type: 'string' },
        displayName: { type: 'string' },
        unitId: nullableString,
        isAdmin: { type: 'boolean' },
      },
    },
  },
} as const);

export const Notification = component('Notification', {
  type: 'object',
  required: ['id', 'instanceId', 'taskId', 'kind', 'title', 'body', 'readAt', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    instanceId: nullableString,
    taskId: nullableString,
    kind: { enum: ['cc', 'urge', 'remind', 'escalate', 'info'] },
    title: I18nText,
    body: { type: ['object', 'null'], additionalProperties: true, description: 'What the notification is about (e.g. `{ by, message }`)' },
    readAt: nullableDateTime,
    createdAt: dateTime,
  },
} as const);

const chainVerdict = {
  type: 'object',
  required: ['ok', 'checked'],
  properties: {
    ok: { type: 'boolean' },
    checked: { type: 'integer', minimum: 0, description: 'Intact entries checked (before the break, when there is one)' },
    seq: { type: 'integer', minimum: 1, description: 'The first entry that does not fit' },
    reason: { enum: ['hash_mismatch', 'prev_mismatch', 'seq_gap'] },
    instanceId: { type: 'string', format: 'uuid', description: 'The case whose chain breaks' },
  },
} as const;

export const AuditReport = component('AuditReport', {
  type: 'object',
  required: ['ok', 'checked'],
  properties: {
    ...chainVerdict.properties,
    cases: { ...chainVerdict, description: "Every case's chain (without `instance`)" },
    system: { ...chainVerdict, description: 'The system audit chain (without `instance`)' },
  },
  description:
    "With `instance`: that case's chain. Without: `ok` is true when every case chain and the system chain hold; `cases` and `system` say where each first breaks",
} as const);

export const SystemAuditEntry = component('SystemAuditEntry', {
  type: 'object',
  required: ['seq', 'at', 'actorId', 'kind', 'target', 'payload', 'prevHash', 'hash'],
  properties: {
    id: { type: 'integer' },
    seq: { type: 'integer', minimum: 1 },
    at: dateTime,
    actorId: { type: ['string', 'null'], format: 'uuid', description: 'The administrator; null for what the system recorded itself (a throttled sign-in)' },
    kind: { type: 'string', description: 'e.g. `auth.locked`, `directory.user_updated`, `api_key.revoked`' },
    target: nullableString,
    payload: { type: 'object', additionalProperties: true, description: 'What changed; never a password, key or secret value' },
    prevHash: { type: 'string' },
    hash: { type: 'string' },
  },
} as const);

export const ApiKey = component('ApiKey', {
  type: 'object',
  required: ['id', 'name', 'userId', 'username', 'displayName', 'origins', 'createdAt', 'revokedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    userId: { type: 'string', format: 'uuid' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    origins: { type: 'array', items: { type: 'string' } },
    createdAt: dateTime,
    revokedAt: nullableDateTime,
  },
} as const);

const dayName = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } } as const;
const calendarDay = {
  type: 'object',
  required: ['date', 'kind'],
  properties: { date: { type: 'string', format: 'date' }, kind: { enum: ['holiday', 'workday'] }, name: dayName },
} as const;

export const CalendarDay = component('CalendarDay', {
  type: 'object',
  required: ['date', 'kind', 'source'],
  properties: { ...calendarDay.properties, source: { enum: ['builtin', 'admin'] }, overrides: calendarDay },
} as const);

export const Deadline = component('Deadline', {
  type: 'object',
  required: ['key', 'start', 'duration', 'deadline', 'timeZone', 'approximate'],
  properties: {
    key: { type: 'string' },
    start: dateTime,
    duration: { type: 'string' },
    deadline: dateTime,
    timeZone: { type: 'string' },
    approximate: { type: 'boolean', description: 'True when a year on the way has no official holidays entered' },
    yearsNotEntered: { type: 'array', items: { type: 'integer' } },
  },
} as const);

export const PluginInfo = component('PluginInfo', {
  type: 'object',
  required: ['name', 'version', 'actions'],
  properties: {
    name: { type: 'string' },
    version: { type: ['integer', 'string'] },
    title: I18nText,
    actions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'retry', 'timeoutMs'],
        properties: {
          name: { type: 'string' },
          title: I18nText,
          description: I18nText,
          params: { type: 'object', additionalProperties: true, description: 'JSON Schema of the parameters' },
          result: { type: 'object', additionalProperties: true, description: 'JSON Schema of the result' },
          retry: { type: 'object', required: ['limit', 'delaySeconds'], properties: { limit: { type: 'integer' }, delaySeconds: { type: 'number' } } },
          timeoutMs: { type: 'integer' },
        },
      },
    },
    assignees: { type: 'array', items: { type: 'string' } },
  },
} as const);

export const Secret = component('Secret', {
  type: 'object',
  required: ['name', 'grants'],
  properties: { name: { type: 'string' }, grants: { type: 'array', items: { type: 'string' } }, updatedAt: dateTime },
} as const);

export const Incident = component('Incident', {
  type: 'object',
  required: ['id', 'instanceId', 'requestId', 'action', 'state', 'status', 'attempts', 'lastError', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    instanceId: { type: 'string', format: 'uuid' },
    requestId: { type: 'string' },
    action: { type: 'string' },
    state: { type: 'string' },
    status: { enum: ['incident', 'retrying', 'dismissed', 'failed', 'done', 'running'] },
    attempts: { type: 'integer' },
    lastError: nullableString,
    createdAt: dateTime,
    updatedAt: dateTime,
  },
} as const);

export const StoredFile = component('StoredFile', {
  type: 'object',
  required: ['id', 'name', 'size', 'sha256', 'mime'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    size: { type: 'integer', minimum: 0 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    mime: { type: 'string' },
  },
} as const);

export const FormBundle = component('FormBundle', {
  type: 'object',
  required: ['key', 'definition', 'schema', 'uiSchema', 'hash', 'validatorModule'],
  properties: {
    key: { type: 'string' },
    definition: { type: 'object', required: ['key', 'version'], properties: { key: { type: 'string' }, version: { type: 'integer' } } },
    schema: { type: 'object', additionalProperties: true, description: "The form's JSON Schema" },
    uiSchema: { type: ['object', 'null'], additionalProperties: true },
    hash: { type: 'string' },
    validatorModule: { type: 'string', description: 'URL of the precompiled validator (an ES module)' },
  },
} as const);

export const Draft = component('Draft', {
  type: 'object',
  required: ['key', 'data', 'savedAt'],
  properties: { key: { type: 'string' }, data: formData, savedAt: dateTime },
} as const);

const figures = {
  type: 'object',
  required: ['opened', 'closed', 'withdrawn', 'running', 'onTime', 'late', 'overdueNow', 'completionRate', 'onTimeRate', 'avgWorkingDays', 'custom'],
  properties: {
    opened: { type: 'integer' },
    closed: { type: 'integer' },
    withdrawn: { type: 'integer' },
    running: { type: 'integer' },
    onTime: { type: 'integer' },
    late: { type: 'integer' },
    overdueNow: { type: 'integer' },
    completionRate: { type: ['number', 'null'] },
    onTimeRate: { type: ['number', 'null'] },
    avgWorkingDays: { type: ['number', 'null'] },
    custom: { type: 'object', additionalProperties: { type: 'number' }, description: "The workflow's custom measures, by name" },
  },
} as const;

/** Supervision figures (docs/measures.md says how each is counted). */
export const StatsFigures = component('StatsFigures', figures);

const statsRow = {
  type: 'object',
  required: [...figures.required, 'rank', 'unit'],
  properties: {
    ...figures.properties,
    rank: { type: ['integer', 'null'], description: 'null: no value for the measure ranked by' },
    unit: {
      type: 'object',
      required: ['id', 'code', 'name', 'nameEn'],
      properties: { id: nullableString, code: { type: 'string' }, name: { type: 'string' }, nameEn: { type: 'string' } },
    },
  },
} as const;

export const Stats = component('Stats', {
  type: 'object',
  required: ['period', 'asOf', 'unit', 'definition', 'rankBy', 'measures', 'totals', 'units', 'handlers', 'workflows'],
  additionalProperties: false,
  properties: {
    period: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } } },
    asOf: dateTime,
    unit: { type: ['object', 'null'], additionalProperties: true },
    definition: nullableString,
    rankBy: { ...nullableString, description: "The measure the tables are ranked by; null: each table's usual order" },
    measures: {
      type: 'array',
      description: "The workflow's custom measures (with the definition filter)",
      items: {
        type: 'object',
        required: ['key', 'title', 'table'],
        properties: { key: { type: 'string' }, title: I18nText, description: I18nText, table: { enum: ['units', 'handlers'] } },
      },
    },
    totals: StatsFigures,
    units: { type: 'array', items: statsRow, description: 'Receiving units (cases), ranked' },
    handlers: { type: 'array', items: statsRow, description: 'Handling units (tasks), ranked' },
    workflows: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Per workflow: its funnel' },
  },
} as const);

/** A simulated case (试运行) as every simulation command answers it. */
export const SimulationView = component(
  'SimulationView',
  {
    type: 'object',
    required: ['simulation', 'now', 'states', 'open', 'timers', 'nextTimer', 'log', 'result', 'visited'],
    properties: {
      simulation: { type: 'object', required: ['source', 'state'], description: 'Send it back with the next command / 下次请求原样带回' },
      now: dateTime,
      states: { type: 'array', items: { type: 'string' } },
      open: {
        type: 'array',
        items: {
          type: 'object',
          required: ['state', 'slot', 'people', 'outcomes', 'kind'],
          properties: {
            state: { type: 'string' },
            slot: { type: 'string' },
            people: { type: 'array', items: { type: 'string' } },
            outcomes: { type: 'array', items: { type: 'string' } },
            kind: { type: 'string' },
            item: { type: 'integer', description: 'The item of a per-item step / 逐项办理的项' },
          },
        },
      },
      timers: { type: 'array', items: { $ref: '#/components/schemas/SimulatedTimer' } },
      nextTimer: { anyOf: [{ type: 'null' }, { $ref: '#/components/schemas/SimulatedTimer' }] },
      log: {
        type: 'array',
        items: {
          type: 'object',
          required: ['at', 'text', 'states'],
          properties: { at: dateTime, text: I18nText, states: { type: 'array', items: { type: 'string' } }, error: { type: 'boolean' } },
        },
      },
      result: nullableString,
      visited: { type: 'array', items: { type: 'string' } },
    },
  } as const,
  {
    SimulatedTimer: {
      type: 'object',
      required: ['key', 'state', 'kind', 'at'],
      properties: {
        key: { type: 'string' },
        state: { type: 'string' },
        kind: { enum: ['due', 'remind', 'escalate', 'schedule'] },
        at: dateTime,
        event: { type: 'string' },
        item: { type: 'integer' },
        notify: { type: 'object' },
        reassign: { type: 'object' },
      },
    },
  },
);

/** A fresh access token and its refresh token (sign-in, refresh). */
export const TokenPair = component('TokenPair', {
  type: 'object',
  required: ['token', 'expiresAt', 'refreshToken', 'refreshExpiresAt'],
  properties: { token: { type: 'string' }, expiresAt: dateTime, refreshToken: { type: 'string' }, refreshExpiresAt: dateTime },
} as const);

/** Running cases whose timers a calendar change moves (or moved). */
export const AffectedDeadlines = component('AffectedDeadlines', {
  type: 'object',
  required: ['calendar', 'cases', 'timers', 'items'],
  properties: {
    calendar: { type: 'string' },
    cases: { type: 'integer', minimum: 0 },
    timers: { type: 'integer', minimum: 0 },
    items: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const);

/** A move past a level (不得越级) waiting for, or decided by, a second administrator. */
export const PendingMove = component('PendingMove', {
  type: 'object',
  required: ['id', 'kind', 'definitionKey', 'instanceId', 'request', 'reason', 'levels', 'status', 'requestedBy', 'requestedAt', 'decidedBy', 'decidedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    kind: { enum: ['migration', 'event'] },
    definitionKey: { type: 'string' },
    instanceId: nullableString,
    request: { type: 'object', additionalProperties: true },
    reason: { type: 'string' },
    levels: { type: 'array', items: { type: 'string' } },
    status: { enum: ['pending', 'applied', 'rejected'] },
    requestedBy: { type: 'string' },
    requestedAt: dateTime,
    decidedBy: nullableString,
    decidedAt: nullableDateTime,
    result: {},
  },
} as const);

/** A pending timer of a case. */
export const TimerView = component('TimerView', {
  type: 'object',
  required: ['key', 'kind', 'state', 'event', 'nextAt'],
  properties: {
    key: { type: 'string' },
    kind: { enum: ['due', 'remind', 'escalate', 'schedule'] },
    state: { type: 'string' },
    event: nullableString,
    nextAt: dateTime,
    occurrences: { type: 'array', items: dateTime },
    remaining: { type: ['integer', 'null'] },
    until: { type: 'boolean' },
  },
} as const);

/** An upcoming timer across cases. */
export const UpcomingTimer = component('UpcomingTimer', {
  type: 'object',
  required: ['instanceId', 'caseTitle', 'definition', 'key', 'kind', 'state', 'fireAt'],
  properties: {
    instanceId: { type: 'string', format: 'uuid' },
    caseTitle: { type: 'string' },
    definition: { type: 'string' },
    key: { type: 'string' },
    kind: { enum: ['due', 'remind', 'escalate', 'schedule'] },
    state: { type: 'string' },
    fireAt: dateTime,
  },
} as const);
