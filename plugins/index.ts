/**
 * `plugins/`: the plugin API (`definePlugin`), the built-in plugins, and their setup at boot.
 *
 * @example
 * import { definePlugin } from 'chancery/plugins';
 * export default definePlugin({ name: 'archive', version: '1.0.0', actions: { … } });
 */
import { readConfigFile, type Calendar, type Config, type Database, type Logger } from '../core/index.js';
import { bulletinPlugin } from './bulletin/index.js';
import type { Plugin } from './define-plugin.js';
import { escalatePlugin } from './escalate/index.js';
import type { PluginFiles, PluginHost } from './host.js';
import { createFormDataSource, httpFormDataPlugin, type FormDataSource } from './http-form-data/index.js';
import { loadPlugins } from './loader.js';
import { createLiveNotifications, type LiveNotifications } from './notify/live.js';
import { notifyPlugin } from './notify/index.js';
import { numberingPlugin } from './numbering/index.js';
import { createPluginRegistry, type PluginRegistry } from './registry.js';
import { createSecretStore, type SecretStore } from './secrets.js';
import { checkPluginSettings, type PluginSettings } from './settings.js';
import { webhookPlugin } from './webhook/index.js';

export { definePlugin, defineAction, PermanentActionError } from './define-plugin.js';
export type * from './define-plugin.js';
export type { PluginHost } from './host.js';
export type { PluginRegistry } from './registry.js';
export type { PluginSettings } from './settings.js';
export { verifyWebhook, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook/index.js';

/** The plugins that ship with Chancery, created for one server. */
export function builtinPlugins(host: PluginHost, formData: FormDataSource = createFormDataSource(host)): Plugin[] {
  return [notifyPlugin(host), webhookPlugin(host), numberingPlugin(host), escalatePlugin(host), bulletinPlugin(host), httpFormDataPlugin(formData)];
}

export interface PluginSetup {
  registry: PluginRegistry;
  secrets: SecretStore;
  live: LiveNotifications;
  formData: FormDataSource;
  host: PluginHost;
  close(): Promise<void>;
}

export interface PluginSetupOptions {
  config: Config;
  db: Database;
  logger: Logger;
  clock(): Date;
  /** The business calendars (read when an action runs, so a calendar change reaches plugins too). */
  calendar(key: string): Calendar;
  /** Plugins given directly (tests, embedding), after those of the config file. */
  extra?: readonly unknown[];
  /** Default: `pluginSettings` of `chancery.config.json` in `baseDir`. */
  settings?: PluginSettings;
  /** Where generated files (bulletins) are kept: the forms file store, created by the composition root. */
  files: PluginFiles;
  /** Where `chancery.config.json` lives and relative plugin paths start. Default: the working directory. */
  baseDir?: string;
}

/**
 * Loads and checks every plugin (built-ins, the config file's, `extra`); any problem stops the boot.
 */
export async function setupPlugins(o: PluginSetupOptions): Promise<PluginSetup> {
  const baseDir = o.baseDir ?? process.cwd();
  const settings = o.settings ?? checkPluginSettings(readConfigFile(baseDir).pluginSettings);
  const live = await createLiveNotifications({ db: o.db, logger: o.logger });
  let registry: PluginRegistry | undefined;
  const host: PluginHost = {
    db: o.db,
    clock: o.clock,
    calendar: o.calendar,
    logger: o.logger,
    settings,
    live,
    files: o.files,
    channel: (name) => registry?.channel(name),
  };
  try {
    const formData = createFormDataSource(host);
    const loaded = await loadPlugins(o.config.plugins, baseDir);
    registry = createPluginRegistry([...builtinPlugins(host, formData), ...loaded, ...(o.extra ?? [])]);
    const secrets = createSecretStore(o.db, o.config.secret, o.clock);
    return { registry, secrets, live, formData, host, close: () => live.close() };
  } catch (e) {
    await live.close();
    throw e;
  }
}
