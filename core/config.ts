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
  /** After SIGTERM, how long requests in flight get to finish before their connections are cut. */
  graceSeconds: number;
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

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
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
  mkdirSync(dataDir, { recursive: true });

  let adminPassword = pick('CHANCERY_ADMIN_PASSWORD', 'adminPassword');
  let adminPasswordGenerated = false;
  if (!adminPassword) {
    if (production) bad('CHANCERY_ADMIN_PASSWORD is required when NODE_ENV=production');
    adminPassword = randomBytes(9).toString('base64url');
    adminPasswordGenerated = true;
  } else if (adminPassword.length < 8) bad('CHANCERY_ADMIN_PASSWORD must be at least 8 characters');

  let secret = pick('CHANCERY_SECRET', 'secret');
  if (!secret) {
    // Every node must sign with the same secret; a generated one would differ per node.
    if (production) throw new ChanceryError('config.secret_required');
    const file = join(dataDir, 'secret');
    if (existsSync(file)) secret = readFileSync(file, 'utf8').trim();
    else {
      secret = randomBytes(32).toString('base64url');
      writeFileSync(file, secret, { mode: 0o600 });
    }
  }
  if (secret.length < 32) bad('CHANCERY_SECRET must be at least 32 characters');

  const corsText = pick('CHANCERY_CORS_ORIGINS', 'corsOrigins') ?? '';
  const corsOrigins = corsText.split(',').map((s) => s.trim()).filter(Boolean);
  for (const o of corsOrigins) if (o !== '*' && !/^https?:\/\/[^/]+$/.test(o)) bad(`CHANCERY_CORS_ORIGINS entry "${o}" must be an origin like https://portal.example.gov.cn`);
  const plugins = Array.isArray(file.plugins) ? file.plugins.map(String) : [];
  const pollText = pick('CHANCERY_POLL_SECONDS', 'pollSeconds') ?? '1';
  const pollSeconds = Number(pollText);
  if (!(pollSeconds >= 0.5 && pollSeconds <= 60)) bad('CHANCERY_POLL_SECONDS must be between 0.5 and 60');
  const graceText = pick('CHANCERY_GRACE_SECONDS', 'graceSeconds') ?? '10';
  const graceSeconds = Number(graceText);
  if (!(graceSeconds >= 1 && graceSeconds <= 600)) bad(`CHANCERY_GRACE_SECONDS must be between 1 and 600, got "${graceText}"`);

  return {
    port,
    databaseUrl,
    dataDir,
    adminPassword,
    adminPasswordGenerated,
    demo: bool('CHANCERY_DEMO', pick('CHANCERY_DEMO', 'demo'), !production),
    demoPassword: pick('CHANCERY_DEMO_PASSWORD', 'demoPassword'),
    secret,
    corsOrigins,
    production,
    plugins,
    pollSeconds,
    graceSeconds,
    // The shipped workflows live beside the package, wherever the server is started from.
    workflowsDir: resolve(cwd, pick('CHANCERY_WORKFLOWS_DIR', 'workflowsDir') ?? join(packageRoot(), 'workflows')),
  };
}
