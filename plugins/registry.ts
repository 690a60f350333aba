/**
 * The plugin registry: every loaded plugin checked once at boot (names, versions, schemas that
 * compile), then looked up by action name by the runner, the validator and `GET /api/plugins`.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { ChanceryError, definitionAjv, type RegisteredAction } from '../core/index.js';
import type { ActionSpec, AssigneeSpec, ChannelSpec, JsonSchema, Plugin, PluginSpec, WidgetSpec } from './define-plugin.js';

const NAME = /^[a-z][a-z0-9-]{0,62}$/;
const ACTION = /^[a-z][a-zA-Z0-9_-]{0,62}$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export interface PluginRegistry {
  plugins: readonly Plugin[];
  action(name: string): RegisteredAction | undefined;
  actions(): RegisteredAction[];
  /** For `validateDefinition`: action name → parameter schema. */
  actionSchemas(): Map<string, { params?: Record<string, unknown> }>;
  /** Assignee resolvers as `<plugin>.<name>`. */
  resolvers(): Set<string>;
  resolver(name: string): AssigneeSpec | undefined;
  channel(name: string): ChannelSpec | undefined;
  widgets(): Array<WidgetSpec & { name: string; plugin: string }>;
  /** What `GET /api/plugins` shows. */
  describe(): Array<Record<string, unknown>>;
}

function isPlugin(value: unknown): value is PluginSpec {
  return typeof value === 'object' && value !== null && typeof (value as PluginSpec).name === 'string';
}

function compile(plugin: string, what: string, schema: JsonSchema | undefined): ValidateFunction | undefined {
  if (schema === undefined) return undefined;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new ChanceryError('plugin.invalid', { plugin, reason: `${what} must be a JSON Schema object` });
  }
  try {
    return definitionAjv().compile(schema);
  } catch (e) {
    throw new ChanceryError('plugin.invalid', { plugin, reason: `${what} is not a usable JSON Schema: ${(e as Error).message}` });
  }
}

/**
 * Checks and indexes plugins; throws `plugin.invalid` / `plugin.duplicate` naming the culprit.
 *
 * @example
 * const registry = createPluginRegistry([...builtinPlugins(host), await loadPlugin('./my-plugin.js')]);
 * registry.action('webhook.post')?.spec.run(ctx);
 */
export function createPluginRegistry(list: readonly unknown[]): PluginRegistry {
  const plugins: Plugin[] = [];
  const actions = new Map<string, RegisteredAction>();
  const resolvers = new Map<string, AssigneeSpec>();
  const channels = new Map<string, ChannelSpec>();
  const widgets: Array<WidgetSpec & { name: string; plugin: string }> = [];
  const names = new Set<string>();

  for (const value of list) {
    if (!isPlugin(value))
      throw new ChanceryError('plugin.invalid', {
        plugin: String(value),
        reason: 'it does not export a plugin made with definePlugin({ name, version, actions })',
      });
    const p = value;
    if (!NAME.test(p.name)) throw new ChanceryError('plugin.invalid', { plugin: p.name, reason: 'the name must be lower-case letters, digits and "-"' });
    if (typeof p.version !== 'string' || !SEMVER.test(p.version))
      throw new ChanceryError('plugin.invalid', { plugin: p.name, reason: `the version "${String(p.version)}" is not a semantic version like 1.0.0` });
    if (names.has(p.name)) throw new ChanceryError('plugin.duplicate', { name: p.name });
    names.add(p.name);
    if (typeof p.actions !== 'object' || p.actions === null) throw new ChanceryError('plugin.invalid', { plugin: p.name, reason: 'actions must be an object' });
    for (const [key, spec] of Object.entries(p.actions)) {
      const local = key.startsWith(`${p.name}.`) ? key.slice(p.name.length + 1) : key;
      if (!ACTION.test(local))
        throw new ChanceryError('plugin.invalid', { plugin: p.name, reason: `the action name "${key}" must be "<action>" or "${p.name}.<action>"` });
      if (typeof spec?.run !== 'function') throw new ChanceryError('plugin.invalid', { plugin: p.name, reason: `the action "${key}" has no run() function` });
      const name = `${p.name}.${local}`;
      if (actions.has(name)) throw new ChanceryError('plugin.duplicate', { name });
      if (spec.timeoutMs !== undefined && !(spec.timeoutMs > 0))
        throw new ChanceryError('plugin.invalid', { plugin: p.name, reason: `the timeout of "${name}" must be positive` });
      actions.set(name, {
        name,
        plugin: p.name,
        spec,
        validateParams: compile(p.name, `the parameter schema of "${name}"`, spec.params ?? { type: 'object' })!,
        validateResult: compile(p.name, `the result schema of "${name}"`, spec.result),
      });
    }
    for (const [key, spec] of Object.entries(p.assignees ?? {})) {
      compile(p.name, `the parameter schema of resolver "${key}"`, spec.params);
      resolvers.set(key.includes('.') ? key : `${p.name}.${key}`, spec);
    }
    for (const [key, spec] of Object.entries(p.channels ?? {})) {
      if (typeof spec?.send !== 'function')
        throw new ChanceryError('plugin.invalid', { plugin: p.name, reason: `the channel "${key}" has no send() function` });
      if (channels.has(key)) throw new ChanceryError('plugin.duplicate', { name: key });
      channels.set(key, spec);
    }
    for (const [key, spec] of Object.entries(p.widgets ?? {})) widgets.push({ ...spec, name: key, plugin: p.name });
    for (const [key, spec] of Object.entries(p.guards ?? {})) {
      if (typeof spec?.test !== 'function') throw new ChanceryError('plugin.invalid', { plugin: p.name, reason: `the guard "${key}" has no test() function` });
    }
    plugins.push({ ...p, kind: 'chancery.plugin' });
  }

  return {
    plugins,
    action: (name) => actions.get(name),
    actions: () => [...actions.values()],
    actionSchemas: () => new Map([...actions].map(([name, a]) => [name, { params: a.spec.params }])),
    resolvers: () => new Set(resolvers.keys()),
    resolver: (name) => resolvers.get(name),
    channel: (name) => channels.get(name),
    widgets: () => widgets,
    describe: () =>
      plugins.map((p) => ({
        name: p.name,
        version: p.version,
        ...(p.title ? { title: p.title } : {}),
        actions: [...actions.values()]
          .filter((a) => a.plugin === p.name)
          .map((a) => ({
            name: a.name,
            ...(a.spec.title ? { title: a.spec.title } : {}),
            ...(a.spec.description ? { description: a.spec.description } : {}),
            params: a.spec.params,
            ...(a.spec.result ? { result: a.spec.result } : {}),
            retry: { limit: a.spec.retry?.limit ?? 5, delaySeconds: a.spec.retry?.delaySeconds ?? 2 },
            timeoutMs: a.spec.timeoutMs ?? 30_000,
          })),
        assignees: Object.keys(p.assignees ?? {}),
        guards: Object.keys(p.guards ?? {}),
        channels: Object.keys(p.channels ?? {}),
        widgets: Object.entries(p.widgets ?? {}).map(([name, w]) => ({ name, tag: w.tag, ...(w.title ? { title: w.title } : {}) })),
      })),
  };
}
