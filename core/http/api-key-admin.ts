/**
 * Portals' API keys as administrators manage them: create (the key is shown once, only its sha256
 * is kept), list, revoke. Each change commits with its system-audit entry in one entity
 * transaction. Checking a key on every request is the hot path and stays lean SQL (`auth.ts`).
 */
import { LockMode, type InferEntity } from '@mikro-orm/core';
import { ChanceryError } from '../errors.js';
import { ApiKey, AppUser } from '../persistence/entities/directory.entity.js';
import { appendSystemAudit } from '../persistence/system-audit.js';
import type { Database } from '../persistence/types.js';
import { isUuid } from '../uuid.js';
import { hashApiKey, newApiKey } from './auth.js';

/** A key as the API shows it: never the key itself nor its hash. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  userId: string;
  username: string;
  displayName: string;
  origins: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

export interface NewApiKey {
  name: string;
  /** The user the key acts as: an id or a username. */
  user: string;
  /** Pages allowed to use the key (none: any). */
  origins?: string[];
}

/** The key's row with its user loaded. */
function infoOf(k: InferEntity<typeof ApiKey>): ApiKeyInfo {
  return {
    id: k.id,
    name: k.name,
    userId: k.user.id,
    username: k.user.username,
    displayName: k.user.displayName,
    origins: k.origins,
    createdAt: k.createdAt,
    revokedAt: k.revokedAt ?? null,
  };
}

/**
 * @example
 * const keys = createApiKeyAdmin(db, clock);
 * const { key } = await keys.create({ name: '政务服务网门户', user: 'xinfang1', origins: ['https://portal.example'] }, adminId);
 */
export function createApiKeyAdmin(db: Database, clock: () => Date) {
  return {
    /** Creates a key for an active user; the answer holds the key, which is never shown again. */
    create(input: NewApiKey, actorId: string): Promise<ApiKeyInfo & { key: string }> {
      const key = newApiKey();
      const origins = input.origins ?? [];
      return db.entityTransaction(async (em, tx) => {
        const user = await em.findOne(AppUser, isUuid(input.user) ? { id: input.user } : { username: input.user });
        if (!user) throw new ChanceryError('directory.user_not_found', { user: input.user }, { pointer: '/user' });
        if (!user.active) throw new ChanceryError('directory.user_inactive', { user: user.username }, { pointer: '/user' });
        const row = em.create(ApiKey, { name: input.name, keyHash: hashApiKey(key), user, origins, createdAt: clock() });
        await em.flush();
        await appendSystemAudit(tx, {
          kind: 'api_key.created',
          actorId,
          target: row.id,
          payload: { name: input.name, user: user.username, origins },
          at: clock(),
        });
        return { ...infoOf(row), key };
      });
    },

    /** Every key, newest first; revoked ones only when asked. */
    list(o: { includeRevoked?: boolean } = {}): Promise<ApiKeyInfo[]> {
      return db.entityTransaction(async (em) =>
        (await em.find(ApiKey, o.includeRevoked ? {} : { revokedAt: null }, { populate: ['user'], orderBy: { createdAt: 'desc' } })).map(infoOf),
      );
    },

    /** Revokes a key at once. Revoking a revoked key changes nothing and records nothing. */
    revoke(id: string, actorId: string): Promise<ApiKeyInfo> {
      return db.entityTransaction(async (em, tx) => {
        // Locked, so two administrators revoking the same key at once record one revocation.
        const row = isUuid(id) ? await em.findOne(ApiKey, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
        if (!row) throw new ChanceryError('api_key.not_found', { id });
        await em.populate(row, ['user']);
        if (!row.revokedAt) {
          row.revokedAt = clock();
          await em.flush();
          await appendSystemAudit(tx, { kind: 'api_key.revoked', actorId, target: id, payload: { name: row.name, user: row.user.username }, at: clock() });
        }
        return infoOf(row);
      });
    },
  };
}
