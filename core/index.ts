/**
 * Chancery's engine, as a library: definitions, the pure machine, the transactional engine,
 * persistence, the HTTP app and the composition root.
 *
 * @example
 * import { loadConfig, createServer } from 'chancery/core';
 * const server = await createServer({ config: loadConfig() });
 */
export { ChanceryError, pickLang, type ErrorKind, type Lang } from './errors.js';
export type { ErrorCode } from './error-messages.js';
export type * from './definition/types.js';
export { validateDefinition, definitionSchema } from './definition/index.js';
export { evaluate as evaluateLogic } from './logic/index.js';
export { createChinaCalendar, extendCalendar, addDuration, parseDuration, isWorkingDay, workingDaysBetween, type Calendar } from './calendar/index.js';
export { compileDefinition, type CompiledWorkflow } from './machine/compile.js';
export type { EngineContext, EngineEvent, Work, Slot, Timer } from './machine/context.js';
export { start, step, type PersistedSnapshot, type StepResult } from './runtime/step.js';
export type { Effect } from './runtime/effects.js';
export { createEngine, type Engine } from './runtime/engine.js';
export type { Actor, EngineDeps, JobSender, FormValidator, Logger } from './runtime/ports.js';
export { openDatabase } from './persistence/database.js';
export type { Database, Tx, Executor } from './persistence/types.js';
export { startQueue, type Queue } from './persistence/queue.js';
export { verifyAudit, appendAudit } from './persistence/audit.js';
export { createApp } from './http/app.js';
export { defineRoute, type RouteSpec } from './http/route.js';
export { loadConfig, type Config } from './config.js';
export { createServer, type Server, type ServerOptions } from '../app/server.js';
