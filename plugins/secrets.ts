/**
 * Secrets for plugins (webhook signing keys, SMTP passwords, API tokens): stored encrypted with
 * AES-256-GCM under a key derived from `CHANCERY_SECRET`, bound to their name, and handed only to
 * the plugins an administrator granted them to. Values are never logged or returned by the API.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ChanceryError, type Executor } from '../core/index.js';

const VERSION = 'v1';

function keyOf(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'chancery.plugin-secrets', 'aes-256-gcm', 32));
}

export function encryptSecret(serverSecret: string, name: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(serverSecret), iv);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptSecret(serverSecret: string, name: string, stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new ChanceryError('plugin.secret_unreadable', { name });
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(serverSecret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new ChanceryError('plugin.secret_unreadable', { name });
  }
}

export interface SecretInfo {
  name: string;
  grants: string[];
  updatedAt: Date;
}

export interface SecretStore {
  set(name: string, value: string, grants: string[], by: string | null): Promise<void>;
  grant(name: string, grants: string[], by: string | null): Promise<void>;
  remove(name: string): Promise<boolean>;
  /** Names and grants only. */
  list(): Promise<SecretInfo[]>;
  /** The value, if `plugin` was granted the secret. */
  reveal(name: string, plugin: string): Promise<string>;
}

/**
 * @example
 * const secrets = createSecretStore(db, config.secret);
 * await secrets.set('oa-webhook', 'k3y', ['webhook'], adminId);
 * await secrets.reveal('oa-webhook', 'webhook'); // 'k3y'
 */
export function createSecretStore(db: Executor, serverSecret: string, clock: () => Date = () => new Date()): SecretStore {
  return {
    async set(name, value, grants, by) {
      await db.execute(
        `INSERT INTO plugin_secret (name, ciphertext, grants, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO UPDATE SET ciphertext = EXCLUDED.ciphertext, grants = EXCLUDED.grants, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [name, encryptSecret(serverSecret, name, value), grants, clock(), by],
      );
    },
    async grant(name, grants, by) {
      const r = await db.query('UPDATE plugin_secret SET grants = $2, updated_at = $3, updated_by = $4 WHERE name = $1', [name, grants, clock(), by]);
      if (r.rowCount === 0) throw new ChanceryError('plugin.secret_not_found', { name });
    },
    async remove(name) {
      const r = await db.query('DELETE FROM plugin_secret WHERE name = $1', [name]);
      return r.rowCount > 0;
    },
    async list() {
      return db.execute<{ name: string; grants: string[]; updatedAt: Date }>('SELECT name, grants, updated_at AS "updatedAt" FROM plugin_secret ORDER BY name');
    },
    async reveal(name, plugin) {
      const [row] = await db.execute<{ ciphertext: string; grants: string[] }>('SELECT ciphertext, grants FROM plugin_secret WHERE name = $1', [name]);
      if (!row || !row.grants.includes(plugin)) throw new ChanceryError('plugin.secret_not_granted', { name, plugin });
      return decryptSecret(serverSecret, name, row.ciphertext);
    },
  };
}
