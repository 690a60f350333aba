/**
 * What Chancery hands its own built-in plugins when it creates them. Third-party plugins get
 * none of this: only the action context.
 */
import type { Database } from '../core/persistence/types.js';
import type { Logger } from '../core/runtime/ports.js';
import type { FileStore } from '../forms/server/file-store.js';
import type { ChannelSpec } from './define-plugin.js';
import type { LiveNotifications } from './notify/live.js';
import type { PluginSettings } from './settings.js';

export interface PluginHost {
  db: Database;
  clock(): Date;
  logger: Logger;
  settings: PluginSettings;
  live: LiveNotifications;
  /** Where generated files (bulletins) are stored: the forms file store. */
  files: FileStore;
  /** SMS and other channels contributed by plugins, by name (looked up when a message is sent). */
  channel(name: string): ChannelSpec | undefined;
}
