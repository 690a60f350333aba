/**
 * The action contract: what the engine's action runner calls and what it hands an action. Core
 * owns it (the runner consumes it); plugins implement it through `definePlugin` and the registry,
 * which satisfies `ActionCatalog`. Nothing here touches a database.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { mapAjvErrors } from '../definition/ajv-problems.js';

/** A JSON Schema (2020-12) as plain data. */
export type JsonSchema = Record<string, unknown>;

export interface PluginLogger {
  debug(msg: string, details?: Record<string, unknown>): void;
  info(msg: string, details?: Record<string, unknown>): void;
  warn(msg: string, details?: Record<string, unknown>): void;
  error(msg: string, details?: Record<string, unknown>): void;
}

/** Everything an action gets, and nothing else. */
export interface ActionContext<P = Record<string, unknown>> {
  /** The parameters, already templated from the case data and checked against `params`. */
  params: P;
  instance: { id: string; definition: string; version: number; state: string };
  /** Open tasks of the case when the action runs. */
  taskIds: string[];
  /**
   * Stable across every retry of this one request (`<instanceId>:<requestId>`): pass it to the
   * system you call so a retried request is applied once.
   */
  idempotencyKey: string;
  /** 1 on the first try. */
  attempt: number;
  /** Aborted when the action's timeout passes or the server stops. */
  signal: AbortSignal;
  log: PluginLogger;
  /** Secrets an administrator granted to this plugin, by name; throws `plugin.secret_not_granted` otherwise. */
  secret(name: string): Promise<string>;
  now(): Date;
  /** The engine's commands on this case: the only way an action changes it besides its result. */
  commands: CaseCommands;
}

/** Engine commands an action may run on its own case, each one engine transaction. */
export interface CaseCommands {
  /**
   * 改派: hands the case's open tasks (of `state`, or all) to `to` (username or id); audited as
   * `task.reassigned` by this action, the new holder is notified. Tasks already with `to` are left
   * alone, so a retried action reassigns once. An unknown user is refused (`directory.user_not_found`).
   */
  reassign(input: { to: string; state?: string; reason?: string }): Promise<{ reassigned: number; to: string }>;
}

export interface RetryPolicy {
  /** Retries after the first try. Default 5. */
  limit?: number;
  /** Seconds before the first retry; doubled each time (with jitter). Default 2. */
  delaySeconds?: number;
}

export interface ActionSpec<P = Record<string, unknown>, R = unknown> {
  title?: { 'zh-CN': string; en: string };
  description?: { 'zh-CN': string; en: string };
  /** JSON Schema of `with`: definitions are checked against it at publish time. */
  params: JsonSchema;
  /** JSON Schema of what `run` returns (what `result` mappings point into). */
  result?: JsonSchema;
  retry?: RetryPolicy;
  /** Milliseconds before `signal` aborts the try. Default 30 000. */
  timeoutMs?: number;
  run(ctx: ActionContext<P>): Promise<R>;
}

/** An action whose failure no retry can fix (bad input, a 4xx answer): it fails at once. */
export class PermanentActionError extends Error {
  override name = 'PermanentActionError';
}

/** One loaded action with its schemas compiled. */
export interface RegisteredAction {
  /** `<plugin>.<action>` */
  name: string;
  plugin: string;
  spec: ActionSpec;
  validateParams: ValidateFunction;
  validateResult: ValidateFunction | undefined;
}

/** Where the runner looks actions up by name (the plugin registry is one). */
export interface ActionCatalog {
  action(name: string): RegisteredAction | undefined;
}

/** How the runner reads a secret for an action (the plugin secret store is one). */
export interface SecretReader {
  /** The value, if `plugin` was granted the secret. */
  reveal(name: string, plugin: string): Promise<string>;
}

/** Problems of one set of parameters as a single bilingual reason. */
export function paramsProblem(validate: ValidateFunction, lang: 'zh-CN' | 'en' = 'en'): { reason: string; pointer: string } {
  const [first] = mapAjvErrors(validate.errors ?? []);
  return { reason: first ? `${first.pointer || '/'} ${first.message[lang]}` : 'invalid', pointer: first?.pointer ?? '' };
}
