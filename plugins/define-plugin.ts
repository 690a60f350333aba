/**
 * The plugin contract. A plugin is a value: a name, a version, and the actions (and optionally
 * guards, assignee resolvers, form widgets and notification channels) it contributes. Definitions
 * name actions as `<plugin>.<action>`; the registry built at boot is passed to the runner and to
 * definition validation, never held in a global.
 */

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

/** A guard usable in rules: a pure function of its arguments. */
export interface GuardSpec {
  params?: JsonSchema;
  test(args: Record<string, unknown>): boolean;
}

/** An assignee resolver (`{ "plugin": "<name>", "with": {...} }` in an assignment). */
export interface AssigneeSpec {
  params?: JsonSchema;
  resolve(args: Record<string, unknown>): Promise<{ users?: string[]; role?: string; unit?: string }>;
}

/** A form widget the browser loads from `module` (served by the host). */
export interface WidgetSpec {
  module: string;
  tag: string;
  title?: { 'zh-CN': string; en: string };
}

/** A way to reach people (SMS, an instant messenger). */
export interface ChannelSpec {
  send(message: { to: string; text: string; idempotencyKey: string }, ctx: { signal: AbortSignal; log: PluginLogger }): Promise<{ id?: string }>;
}

export interface PluginSpec {
  /** Lower-case letters, digits and `-`; the prefix of its actions. */
  name: string;
  /** Semantic version (`1.2.0`). */
  version: string;
  title?: { 'zh-CN': string; en: string };
  /** By local name (`post`) or full name (`webhook.post`). */
  actions: Record<string, ActionSpec>;
  guards?: Record<string, GuardSpec>;
  assignees?: Record<string, AssigneeSpec>;
  widgets?: Record<string, WidgetSpec>;
  channels?: Record<string, ChannelSpec>;
}

export type Plugin = PluginSpec & { readonly kind: 'chancery.plugin' };

/** An action whose failure no retry can fix (bad input, a 4xx answer): it fails at once. */
export class PermanentActionError extends Error {
  override name = 'PermanentActionError';
}

/**
 * Declares a plugin. Checked again, with its schemas compiled, when the server boots.
 *
 * @example
 * export default definePlugin({
 *   name: 'archive', version: '1.0.0',
 *   actions: {
 *     file: {
 *       params: { type: 'object', required: ['box'], properties: { box: { type: 'string' } } },
 *       async run({ params, idempotencyKey }) { return { shelf: `${params.box}-1` }; },
 *     },
 *   },
 * });
 */
export function definePlugin<const T extends PluginSpec>(spec: T): T & { readonly kind: 'chancery.plugin' } {
  return { ...spec, kind: 'chancery.plugin' };
}

/** Declares one action with typed parameters (the schema still decides at run time). */
export function defineAction<P = Record<string, unknown>, R = unknown>(spec: ActionSpec<P, R>): ActionSpec<P, R> {
  return spec;
}
