/**
 * `core`'s public entry for the server side: the pure engine (re-exported from `./pure.js`) plus
 * the transactional engine, persistence, the queue, the action runner and its contract, and the
 * HTTP app's building blocks. Plugins and forms import core only through this file (or
 * `./pure.js`); the composition root that wires it all lives in `app/`.
 *
 * @example
 * import { createEngine, openDatabase } from '../core/index.js';
 */
export * from './pure.js';
export { createEngine, type Engine, type IdempotencyKey } from './runtime/engine.js';
export type { Actor, AssigneeResolver, EngineDeps, FormIssue, JobOptions, JobSender, FormValidator, Logger } from './runtime/ports.js';
export { ACTION_QUEUE, TIMER_QUEUE } from './runtime/ports.js';
export { openDatabase } from './persistence/database.js';
export type { Database, Tx, Executor } from './persistence/types.js';
export type { FileRef } from './runtime/file-refs.js';
export { startQueue, type Queue, type SendOptions } from './persistence/queue.js';
export { verifyAudit, appendAudit } from './persistence/audit.js';
export { appendSystemAudit, recordSystemAudit } from './persistence/system-audit.js';
export { PluginSecret } from './persistence/entities/plugin.entity.js';
export { definitionAjv } from './definition/ajv.js';
export { mapAjvErrors, type MappedError } from './definition/ajv-problems.js';
export { paramsProblem, type ActionCatalog, type RegisteredAction, type SecretReader } from './actions/contract.js';
export { createActionRunner, withActionPolicies, type ActionRunner } from './actions/runner.js';
export { createIncidents, type Incident, type Incidents } from './actions/incidents.js';
export { createApp } from './http/app.js';
export { defineRoute, i18n, type AnyRoute, type RouteSpec } from './http/route.js';
export { pageList, pageOf, pagingProps, type Paging } from './http/list.js';
export type { AppServices } from './http/services.js';
export { loadConfig, readConfigFile, type Config } from './config.js';
export { checkJsonLimits, isStorableText, MAX_BODY_DEPTH } from './http/json-limits.js';
export { computeStats, type StatsReport, type StatsRow } from './measures/stats-service.js';
export { loadUnits } from './measures/access.js';
export { periodOf } from './measures/period.js';
export { Ok as OkSchema, page as pageSchema, list as listSchema } from './http/schemas/common.js';
export { Incident as IncidentSchema, PluginInfo as PluginInfoSchema, Secret as SecretSchema } from './http/schemas/misc.js';
