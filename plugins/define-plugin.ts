/**
 * The plugin contract. A plugin is a value: a name, a version, and the actions (and optionally
 * guards, assignee resolvers, form widgets and notification channels) it contributes. Definitions
 * name actions as `<plugin>.<action>`; the registry built at boot is passed to the runner and to
 * definition validation, never held in a global.
 */

import type { ActionSpec, JsonSchema, PluginLogger } from '../core/pure.js';

// The action contract is core's (the runner consumes it); plugin authors get it from here. Only the
// pure entry is loaded, so `chancery/plugins` pulls in no database or server.
export { PermanentActionError } from '../core/pure.js';
export type { ActionContext, ActionSpec, CaseCommands, JsonSchema, PluginLogger, RetryPolicy } from '../core/pure.js';

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
