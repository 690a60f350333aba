/**
 * Configuration from the environment (and `chancery.config.json`), validated at boot: a bad value
 * stops the server with a message naming the variable, in zh-CN and en.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ipaddr from 'ipaddr.js';
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
  /** After SIGTERM, how long requests in flight get to finish before their connections are cut. */
  graceSeconds: number;
  workflowsDir: string;
  /** Lifetime of an access token, in seconds (`CHANCERY_TOKEN_TTL`, default 900). */
  tokenTtlSeconds: number;
  /** Lifetime of a refresh token, in seconds; each refresh starts a new one (`CHANCERY_REFRESH_TTL`, default 43200). */
  refreshTtlSeconds: number;
  loginThrottle: LoginThrottleConfig;
  /** Addresses or CIDR ranges of reverse proxies whose `X-Forwarded-For` is believed (`CHANCERY_TRUSTED_PROXIES`). */
  trustedProxies: string[];
  fileStorage: FileStorageConfig;
}

export interface LoginThrottleConfig {
  /** Wrong passwords in a row an account may have before each further try waits (1 s, 2 s, 4 s …). */
  accountFreeAttempts: number;
  /** The same for one client address, over all accounts. */
  ipFreeAttempts: number;
  /** The longest wait, which is also the lock once the delays reach it; failures older than this are forgotten. */
  lockSeconds: number;
}

/** Where file contents live: the database (default) or an S3-compatible bucket. */
export type FileStorageConfig =
  | { kind: 'db' }
  | {
      kind: 's3';
      bucket: string;
      endpoint: string | undefined;
      region: string;
      forcePathStyle: boolean;
      prefix: string;
      /** Unset: the AWS SDK's own chain (AWS_* variables, instance role). The secret is not enumerable, so it never reaches a log. */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

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
  const host = (pick('HOST', 'host') ?? (demo ? '127.0.0.1' : '0.0.0.0')).replace(/^\[|\]$/g, '');
  if (!/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]{2,45})$/.test(host))
    bad(`HOST must be an IP address or host name such as 127.0.0.1 or 0.0.0.0, got "${host}"`);

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
    else if (options.readOnly) secret = '';
    else {
      secret = randomBytes(32).toString('base64url');
      writeFileSync(file, secret, { mode: 0o600 });
    }
  }
  if (secret.length < 32 && !(options.readOnly && secret === '')) bad('CHANCERY_SECRET must be at least 32 characters');

  const corsText = pick('CHANCERY_CORS_ORIGINS', 'corsOrigins') ?? '';
  const corsOrigins = corsText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const o of corsOrigins)
    if (o !== '*' && !/^https?:\/\/[^/]+$/.test(o)) bad(`CHANCERY_CORS_ORIGINS entry "${o}" must be an origin like https://portal.example.gov.cn`);
  const plugins = Array.isArray(file.plugins) ? file.plugins.map(String) : [];
  const pollText = pick('CHANCERY_POLL_SECONDS', 'pollSeconds') ?? '1';
  const pollSeconds = Number(pollText);
  if (!(pollSeconds >= 0.5 && pollSeconds <= 60)) bad('CHANCERY_POLL_SECONDS must be between 0.5 and 60');
  const graceText = pick('CHANCERY_GRACE_SECONDS', 'graceSeconds') ?? '10';
  const graceSeconds = Number(graceText);
  if (!(graceSeconds >= 1 && graceSeconds <= 600)) bad(`CHANCERY_GRACE_SECONDS must be between 1 and 600, got "${graceText}"`);

  const seconds = (envName: string, fileName: string, dflt: number, min: number, max: number): number => {
    const text = pick(envName, fileName);
    if (text === undefined) return dflt;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) bad(`${envName} must be a whole number between ${min} and ${max}, got "${text}"`);
    return n;
  };
  const tokenTtlSeconds = seconds('CHANCERY_TOKEN_TTL', 'tokenTtl', 900, 30, 86_400);
  const refreshTtlSeconds = seconds('CHANCERY_REFRESH_TTL', 'refreshTtl', 43_200, 300, 90 * 86_400);
  if (refreshTtlSeconds <= tokenTtlSeconds) bad('CHANCERY_REFRESH_TTL must be longer than CHANCERY_TOKEN_TTL');
  const loginThrottle: LoginThrottleConfig = {
    accountFreeAttempts: seconds('CHANCERY_LOGIN_FREE_ATTEMPTS', 'loginFreeAttempts', 5, 1, 1000),
    ipFreeAttempts: seconds('CHANCERY_LOGIN_IP_FREE_ATTEMPTS', 'loginIpFreeAttempts', 20, 1, 100_000),
    lockSeconds: seconds('CHANCERY_LOGIN_LOCK_SECONDS', 'loginLockSeconds', 900, 1, 86_400),
  };
  const trustedProxies = (pick('CHANCERY_TRUSTED_PROXIES', 'trustedProxies') ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const p of trustedProxies) if (!isAddressOrRange(p)) bad(`CHANCERY_TRUSTED_PROXIES entry "${p}" must be an IP address or a CIDR range like 10.0.0.0/8`);

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
    graceSeconds,
    // The shipped workflows live beside the package, wherever the server is started from.
    workflowsDir: resolve(cwd, pick('CHANCERY_WORKFLOWS_DIR', 'workflowsDir') ?? join(packageRoot(), 'workflows')),
    tokenTtlSeconds,
    refreshTtlSeconds,
    loginThrottle,
    trustedProxies,
    fileStorage: fileStorageConfig(pick, (name) => env[name]),
  };
}

function isAddressOrRange(text: string): boolean {
  try {
    if (text.includes('/')) ipaddr.parseCIDR(text);
    else ipaddr.parse(text);
    return true;
  } catch {
    return false;
  }
}

function fileStorageConfig(pick: (envName: string, fileName: string) => string | undefined, env: (name: string) => string | undefined): FileStorageConfig {
  const kind = pick('CHANCERY_FILE_STORAGE', 'fileStorage') ?? 'db';
  if (kind === 'db') return { kind };
  if (kind !== 's3') bad(`CHANCERY_FILE_STORAGE must be db or s3, got "${kind}"`);
  const bucket = pick('CHANCERY_S3_BUCKET', 's3Bucket');
  if (!bucket) bad('CHANCERY_S3_BUCKET is required when CHANCERY_FILE_STORAGE=s3');
  const endpoint = pick('CHANCERY_S3_ENDPOINT', 's3Endpoint');
  if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint)) bad('CHANCERY_S3_ENDPOINT must be a URL like https://minio.example.gov.cn:9000');
  // Credentials come from the environment only: a config file is too easily copied around.
  const accessKeyId = env('CHANCERY_S3_ACCESS_KEY_ID');
  const secretAccessKey = env('CHANCERY_S3_SECRET_ACCESS_KEY');
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) bad('CHANCERY_S3_ACCESS_KEY_ID and CHANCERY_S3_SECRET_ACCESS_KEY must be set together');
  let credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  if (accessKeyId && secretAccessKey) {
    credentials = { accessKeyId } as { accessKeyId: string; secretAccessKey: string };
    Object.defineProperty(credentials, 'secretAccessKey', { value: secretAccessKey, enumerable: false });
  }
  return {
    kind,
    bucket,
    endpoint,
    region: pick('CHANCERY_S3_REGION', 's3Region') ?? 'us-east-1',
    forcePathStyle: bool('CHANCERY_S3_FORCE_PATH_STYLE', pick('CHANCERY_S3_FORCE_PATH_STYLE', 's3ForcePathStyle'), endpoint !== undefined),
    prefix: pick('CHANCERY_S3_PREFIX', 's3Prefix') ?? '',
    credentials,
  };
}
