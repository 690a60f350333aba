/**
 * What the commands that touch the database share: the configuration, a guard that keeps two
 * processes off one embedded database, the composed server (without workers) and printing the
 * accounts a first start created.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../core/config.js';
import { ChanceryError } from '../../core/errors.js';
import type { Logger } from '../../core/runtime/ports.js';
import { createLogger } from '../logging.js';
import { createServer, type Server } from '../server.js';
import { both, type Out } from './output.js';
import { packageVersion } from './paths.js';

const PID_FILE = 'chancery.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: refuse to open `dataDir` while a live server holds it.
 * (PostgreSQL serves any number of processes; nothing to guard.)
 */
export function assertDataDirFree(config: Config): void {
  if (config.databaseUrl) return;
  const file = join(config.dataDir, PID_FILE);
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
    throw new ChanceryError('cli.data_dir_in_use', { dataDir: config.dataDir, pid });
  }
}

/** Marks the data folder as held by this process; the returned function releases it. */
export function holdDataDir(config: Config): () => void {
  if (config.databaseUrl) return () => {};
  assertDataDirFree(config);
  const file = join(config.dataDir, PID_FILE);
  writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch {
      /* already gone */
    }
  };
}

/** Logs warnings and errors to stderr (the command's answer is on stdout); info only when `verbose`. */
export function cliLogger(verbose: boolean): Logger {
  return createLogger({ level: verbose ? 'info' : 'warn', stderr: true });
}

/** Runs `fn` with a composed server (no workers) on the configured database, then closes it. */
export async function withServer<T>(io: Out, config: Config, options: { loadWorkflows?: boolean }, fn: (server: Server) => Promise<T>): Promise<T> {
  const release = holdDataDir(config);
  try {
    const server = await createServer({
      config,
      workers: false,
      loadWorkflows: options.loadWorkflows ?? false,
      logger: cliLogger(false),
      version: packageVersion(),
    });
    try {
      printCreatedAccounts(io, config, server.seeded);
      return await fn(server);
    } finally {
      await server.close();
    }
  } finally {
    release();
  }
}

/** The admin's id (commands run from the terminal act as the administrator). */
export async function adminId(server: Server): Promise<string> {
  const [row] = await server.db.execute<{ id: string }>("SELECT id FROM app_user WHERE username = 'admin'");
  if (!row) throw new ChanceryError('directory.user_not_found', { user: 'admin' });
  return row.id;
}

/**
 * Prints the passwords of the accounts created just now, once: the generated admin password and
 * the demo users' shared password. Later starts find the accounts and print nothing.
 */
export function printCreatedAccounts(io: Out, config: Config, seeded: Server['seeded']): void {
  const lines: string[] = [];
  if (seeded.adminCreated) {
    lines.push(
      config.adminPasswordGenerated
        ? `  管理员 / administrator   admin  密码 / password: ${config.adminPassword}`
        : `  管理员 / administrator   admin  密码 / password: ${both('（CHANCERY_ADMIN_PASSWORD 的值）', '(the value of CHANCERY_ADMIN_PASSWORD)')}`,
    );
  }
  if (seeded.demoPassword && seeded.demoUsersCreated.length > 0) {
    const sample = ['xianzhang', 'fuxianzhang1', 'zhuren', 'zongheke1', 'ducha1', 'xinfang1'].filter((u) => seeded.demoUsersCreated.includes(u));
    lines.push(
      `  演示账号 / demo users      ${seeded.demoUsersCreated.length} 个，如 / e.g. ${sample.join(', ')}`,
      `  演示账号共用密码 / shared demo password: ${seeded.demoPassword}`,
    );
  }
  if (lines.length === 0) return;
  io.out('');
  io.out(both('首次启动，已创建以下账号', 'First start: these accounts were created'));
  for (const l of lines) io.out(l);
  io.out(both('  密码只显示这一次，请妥善保存', '  The passwords are shown this once only: keep them'));
  io.out('');
}
