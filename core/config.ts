/**
 * Configuration from the environment (and `chancery.config.json`), validated at boot: a bad value
 * stops the server with a message naming the variable, in zh-CN and en.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChanceryError } from './errors.js';

export interface Config {
  port: number;
  /** The interface to listen on: `127.0.0.1` (this machine only) by default in demo mode, `0.0.0.0` (every interface) otherwise. */
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminPassword: string;
  /** True when the admin password was generated (print it once). */
  adminPasswordGenerated: boolean;
  demo: boolean;
  /** The shared password of the demo users (generated and printed once when unset). */
  demoPassword: string | undefined;
  secret: string;
  corsOrigins: string[];
  production: boolean;
  plugins: string[];
  /** How often idle job workers poll, in seconds (pg-boss minimum 0.5). */
  pollSeconds: number;
  workflowsDir: string;
}

type Env = Record<string, string | undefined>;

/** The folder holding Chancery's package.json (from the sources or from dist/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'workflows'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

function bad(reason: string): never {
  throw new ChanceryError('config.invalid', { reason });
}

function bool(name: string, v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  return bad(`${name} must be true or false, got "${v}"`);
}

/** Reads `chancery.config.json` from the working directory, if there is one. */
export function readConfigFile(cwd: string): Record<string, unknown> {
  const file = join(cwd, 'chancery.config.json');
  if (!existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) bad('chancery.config.json must hold a JSON object');
    return parsed as Record<string, unknown>;
  } catch (e) {
    if (e instanceof ChanceryError) throw e;
    return bad(`chancery.config.json is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * @param options.readOnly for commands that only read an existing installation (`audit verify`):
 *   the data folder is neither created nor given a generated secret.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd(), options: { readOnly?: boolean } = {}): Config {
  const file = readConfigFile(cwd);
  const pick = (envName: string, fileName: string): string | undefined => {
    const v = env[envName];
    if (v !== undefined && v !== '') return v;
    const f = file[fileName];
    return f === undefined || f === null ? undefined : String(f);
  };
  const production = env.NODE_ENV === 'production';
  const portText = pick('PORT', 'port') ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) bad(`PORT must be a port number (0-65535), got "${portText}"`);
  const databaseUrl = pick('DATABASE_URL', 'databaseUrl');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) bad('DATABASE_URL must start with postgres:// or postgresql://');
  const dataDir = resolve(cwd, pick('CHANCERY_DATA_DIR', 'dataDir') ?? './data');
  if (!options.readOnly) mkdirSync(dataDir, { recursive: true });
  const demo = bool('CHANCERY_DEMO', pick('CHANCERY_DEMO', 'demo'), !production);
  // Demo accounts share one password: keep a demo server to this machine unless told otherwise.
  const host = pick('HOST', 'host') ?? (demo ? '127.0.0.1' : '0.0.0.0');
  if (!/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]{2,45})$/.test(host)) bad(`HOST must be an IP address or host name such as 127.0.0.1 or 0.0.0.0, got "${host}"`);

  let adminPassword = pick('CHANCERY_ADMIN_PASSWORD', 'adminPassword');
  let adminPasswordGenerated = false;
  if (!adminPassword) {
    if (production) bad('CHANCERY_ADMIN_PASSWORD is required when NODE_ENV=production');
    adminPassword = randomBytes(9).toString('base64url');
    adminPasswordGenerated = true;
  } else if (adminPassword.length < 8) bad('CHANCERY_ADMIN_PASSWORD must be at least 8 characters');

  let secret = pick('CHANCERY_SECRET', 'secret');
  if (!secret) {
    if (production) bad('CHANCERY_SECRET is required when NODE_ENV=production');
    const file = join(dataDir, 'secret');
    if (existsSync(file)) secret = readFileSync(file, 'utf8').trim();
    else if (options.readOnly) secret = '';
    else {
      secret = randomBytes(32).toString('base64url');
      writeFileSync(file, secret, { mode: 0o600 });
    }
  }
  if (secret.length < 32 && !(options.readOnly && secret === '')) bad('CHANCERY_SECRET must be at least 32 characters');

  const corsText = pick('CHANCERY_CORS_ORIGINS', 'corsOrigins') ?? '';
  const corsOrigins = corsText.split(',').map((s) => s.trim()).filter(Boolean);
  for (const o of corsOrigins) if (o !== '*' && !/^https?:\/\/[^/]+$/.test(o)) bad(`CHANCERY_CORS_ORIGINS entry "${o}" must be an origin like https://portal.example.gov.cn`);
  const plugins = Array.isArray(file.plugins) ? file.plugins.map(String) : [];
  const pollText = pick('CHANCERY_POLL_SECONDS', 'pollSeconds') ?? '1';
  const pollSeconds = Number(pollText);
  if (!(pollSeconds >= 0.5 && pollSeconds <= 60)) bad('CHANCERY_POLL_SECONDS must be between 0.5 and 60');

  return {
    port,
    host,
    databaseUrl,
    dataDir,
    adminPassword,
    adminPasswordGenerated,
    demo,
    demoPassword: pick('CHANCERY_DEMO_PASSWORD', 'demoPassword'),
    secret,
    corsOrigins,
    production,
    plugins,
    pollSeconds,
    // The shipped workflows live beside the package, wherever the server is started from.
    workflowsDir: resolve(cwd, pick('CHANCERY_WORKFLOWS_DIR', 'workflowsDir') ?? join(packageRoot(), 'workflows')),
  };
}
