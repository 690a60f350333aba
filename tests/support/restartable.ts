/**
 * A database that survives a server restart: PGlite in a temp folder on disk, or a database of its
 * own on the `DATABASE_URL` server. `open()` may be called again after the previous one was closed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../core/persistence/database.js';
import type { Database } from '../../core/persistence/types.js';
import { reservePostgresDatabase } from './db.js';

export interface RestartableDb {
  open(): Promise<Database>;
  /** The connection settings a child process needs (`DATABASE_URL` or `CHANCERY_DATA_DIR`). */
  env: Record<string, string>;
  dataDir: string;
  dispose(): Promise<void>;
}

export async function restartableDb(): Promise<RestartableDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chancery-restart-'));
  const url = process.env.DATABASE_URL;
  if (url) {
    const reserved = await reservePostgresDatabase(url);
    return {
      open: () => openDatabase({ url: reserved.url }),
      env: { DATABASE_URL: reserved.url, CHANCERY_DATA_DIR: dataDir },
      dataDir,
      async dispose() {
        await reserved.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    open: () => openDatabase({ dataDir }),
    env: { CHANCERY_DATA_DIR: dataDir },
    dataDir,
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
