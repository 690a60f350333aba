/**
 * API keys for portals (admin): a key acts as one user and, when bound to origins, only from
 * pages on those origins. The key is shown once at creation; only its sha256 is stored.
 */
import { randomUUID } from 'node:crypto';
import { createDirectoryStore } from '../../directory/directory-store.js';
import { isUuid } from '../../uuid.js';
import { ChanceryError } from '../../errors.js';
import { appendSystemAudit } from '../../persistence/system-audit.js';
import { hashApiKey, newApiKey } from '../auth.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { pageList, pagingProps } from '../list.js';
import { page, uuidParam } from '../schemas/common.js';
import { ApiKey } from '../schemas/misc.js';

/** A browser `Origin`: scheme, host and optional port; no path, no trailing slash. */
const origin = { type: 'string', maxLength: 300, pattern: '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' } as const;

const LIST_COLUMNS = `k.id, k.name, k.user_id AS "userId", u.username, u.display_name AS "displayName", k.origins,
  k.created_at AS "createdAt", k.revoked_at AS "revokedAt"`;

export function apiKeyRoutes(s: AppServices): AnyRoute[] {
  const store = createDirectoryStore(s.db);
  const byId = async (id: string) => {
    const [row] = isUuid(id) ? await s.db.execute(`SELECT ${LIST_COLUMNS} FROM api_key k JOIN app_user u ON u.id = k.user_id WHERE k.id = $1`, [id]) : [];
    if (!row) throw new ChanceryError('api_key.not_found', { id });
    return row;
  };

  return [
    defineRoute({
      method: 'post',
      path: '/api/api-keys',
      tag: 'api-keys',
      access: 'admin',
      status: 201,
      summary: i18n('为门户创建 API 密钥（密钥只显示这一次）', 'Create an API key for a portal (the key is shown this once)'),
      response: {
        allOf: [ApiKey, { type: 'object', required: ['key'], properties: { key: { type: 'string', description: 'The key itself, shown this once' } } }],
      },
      errors: ['directory.user_not_found', 'directory.user_inactive'],
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'user'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          user: { type: 'string', minLength: 1, maxLength: 100 },
          origins: { type: 'array', maxItems: 50, uniqueItems: true, items: origin },
        },
      },
      handler: async (c, { body }) => {
        const user = await store.getUser(body.user);
        if (!user) throw new ChanceryError('directory.user_not_found', { user: body.user }, { pointer: '/user' });
        if (!user.active) throw new ChanceryError('directory.user_inactive', { user: user.username }, { pointer: '/user' });
        const key = newApiKey();
        const id = randomUUID();
        await s.db.transaction(async (tx) => {
          await tx.execute(`INSERT INTO api_key (id, name, key_hash, user_id, origins, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`, [
            id,
            body.name,
            hashApiKey(key),
            user.id,
            JSON.stringify(body.origins ?? []),
            s.clock(),
          ]);
          await appendSystemAudit(tx, {
            kind: 'api_key.created',
            actorId: c.get('actor').id,
            target: id,
            payload: { name: body.name, user: user.username, origins: body.origins ?? [] },
            at: s.clock(),
          });
        });
        s.logger.info('api key created', { id, userId: user.id, by: c.get('actor').id });
        return c.json({ ...(await byId(id)), key }, 201);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/api-keys',
      tag: 'api-keys',
      access: 'admin',
      summary: i18n('API 密钥列表（不含密钥本身）', 'API keys (without the secrets)'),
      response: page(ApiKey),
      query: { type: 'object', additionalProperties: false, properties: { includeRevoked: { type: 'boolean' }, ...pagingProps } },
      handler: async (c, { query }) =>
        c.json(
          pageList(
            await s.db.execute(
              `SELECT ${LIST_COLUMNS} FROM api_key k JOIN app_user u ON u.id = k.user_id ${query.includeRevoked ? '' : 'WHERE k.revoked_at IS NULL'} ORDER BY k.created_at DESC`,
            ),
            query,
          ),
        ),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/api-keys/:id',
      tag: 'api-keys',
      access: 'admin',
      summary: i18n('吊销 API 密钥（立即失效）', 'Revoke an API key (effective at once)'),
      params: { id: uuidParam },
      response: ApiKey,
      errors: ['api_key.not_found'],
      handler: async (c, { params }) => {
        const id = params.id;
        const before = await byId(id);
        await s.db.transaction(async (tx) => {
          const { rowCount } = await tx.query('UPDATE api_key SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, s.clock()]);
          // Revoking a revoked key changes nothing, and says nothing.
          if (rowCount > 0)
            await appendSystemAudit(tx, {
              kind: 'api_key.revoked',
              actorId: c.get('actor').id,
              target: id,
              payload: { name: before.name, user: before.username },
              at: s.clock(),
            });
        });
        s.logger.info('api key revoked', { id, by: c.get('actor').id });
        return c.json(await byId(id));
      },
    }),
  ];
}
