/**
 * Secrets for plugins (webhook signing keys, SMTP passwords, API tokens): stored encrypted with
 * AES-256-GCM under a key derived from `CHANCERY_SECRET`, bound to their name, and handed only to
 * the plugins an administrator granted them to. Values are never logged or returned by the API.
 * Administrators' changes go through the entity manager, each in one transaction with its
 * system-audit entry; reading a secret while an action runs is lean SQL.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { appendSystemAudit, ChanceryError, PluginSecret, type Database } from '../core/index.js';

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
  /** Sets (or replaces) a secret and its grants; the audit entry says for whom, never the value. */
  set(name: string, value: string, grants: string[], by: string | null): Promise<void>;
  /** Replaces the grants of a secret; `plugin.secret_not_found` when there is none. */
  grant(name: string, grants: string[], by: string | null): Promise<void>;
  /** False when there was no such secret (and nothing is recorded). */
  remove(name: string, by: string | null): Promise<boolean>;
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
export function createSecretStore(db: Database, serverSecret: string, clock: () => Date = () => new Date()): SecretStore {
  return {
    set: (name, value, grants, by) =>
      db.entityTransaction(async (em, tx) => {
        await em.upsert(PluginSecret, { name, ciphertext: encryptSecret(serverSecret, name, value), grants, updatedAt: clock(), updatedBy: by });
        await appendSystemAudit(tx, { kind: 'plugin.secret_set', actorId: by, target: name, payload: { grants }, at: clock() });
      }),
    grant: (name, grants, by) =>
      db.entityTransaction(async (em, tx) => {
        // Locked, so a deletion at the same moment cannot leave a grant recorded for a secret that is gone.
        const secret = await em.findOne(PluginSecret, { name }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!secret) throw new ChanceryError('plugin.secret_not_found', { name });
        em.assign(secret, { grants, updatedAt: clock(), updatedBy: by });
        await em.flush();
        await appendSystemAudit(tx, { kind: 'plugin.secret_granted', actorId: by, target: name, payload: { grants }, at: clock() });
      }),
    remove: (name, by) =>
      db.entityTransaction(async (em, tx) => {
        if ((await em.nativeDelete(PluginSecret, { name })) === 0) return false;
        await appendSystemAudit(tx, { kind: 'plugin.secret_deleted', actorId: by, target: name, payload: {}, at: clock() });
        return true;
      }),
    list: () =>
      db.entityTransaction(async (em) =>
        (await em.find(PluginSecret, {}, { orderBy: { name: 'asc' } })).map((x) => ({ name: x.name, grants: x.grants, updatedAt: x.updatedAt })),
      ),
    async reveal(name, plugin) {
      const [row] = await db.execute<{ ciphertext: string; grants: string[] }>('SELECT ciphertext, grants FROM plugin_secret WHERE name = $1', [name]);
      if (!row || !row.grants.includes(plugin)) throw new ChanceryError('plugin.secret_not_granted', { name, plugin });
      return decryptSecret(serverSecret, name, row.ciphertext);
    },
  };
}
