/**
 * Every migration in order. Listed explicitly (not globbed from disk) so they run the same from
 * sources, from the build and inside tests. Append new ones; never edit a released one.
 */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Initial } from './0001-initial.js';

export const migrationsList: MigrationObject[] = [{ name: '0001-initial', class: Migration0001Initial }];
