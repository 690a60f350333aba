/**
 * What Chancery hands its own built-in plugins when it creates them. Third-party plugins get
 * none of this: only the action context.
 */
import type { Calendar, Database, FileRef, Logger } from '../core/index.js';
import type { ChannelSpec } from './define-plugin.js';
import type { LiveNotifications } from './notify/live.js';
import type { PluginSettings } from './settings.js';

/** What a generated file is recorded as in case data (the forms file store's record). */
export type StoredFile = FileRef;

/** The part of the file store plugins use; the composition root passes the forms file store. */
export interface PluginFiles {
  put(content: Uint8Array, meta: { name: string; mime: string; uploadedBy?: string }): Promise<StoredFile>;
}

export interface PluginHost {
  db: Database;
  clock(): Date;
  /** The business calendar `key` (`cn`), with the days admins entered: the one the engine uses. */
  calendar(key: string): Calendar;
  logger: Logger;
  settings: PluginSettings;
  live: LiveNotifications;
  /** Where generated files (bulletins) are stored: the forms file store. */
  files: PluginFiles;
  /** SMS and other channels contributed by plugins, by name (looked up when a message is sent). */
  channel(name: string): ChannelSpec | undefined;
}
