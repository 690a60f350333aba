/**
 * API keys for portals (admin): a key acts as one user and, when bound to origins, only from
 * pages on those origins. The key is shown once at creation; only its sha256 is stored.
 */
import { createApiKeyAdmin } from '../api-key-admin.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { pageList, pagingProps } from '../list.js';
import { page, uuidParam } from '../schemas/common.js';
import { ApiKey } from '../schemas/misc.js';

/** A browser `Origin`: scheme, host and optional port; no path, no trailing slash. */
const origin = { type: 'string', maxLength: 300, pattern: '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' } as const;

export function apiKeyRoutes(s: AppServices): AnyRoute[] {
  const keys = createApiKeyAdmin(s.db, s.clock);

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
        const created = await keys.create(body, c.get('actor').id);
        s.logger.info('api key created', { id: created.id, userId: created.userId, by: c.get('actor').id });
        return c.json(created, 201);
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
      handler: async (c, { query }) => c.json(pageList(await keys.list({ includeRevoked: query.includeRevoked === true }), query)),
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
        const revoked = await keys.revoke(params.id, c.get('actor').id);
        s.logger.info('api key revoked', { id: params.id, by: c.get('actor').id });
        return c.json(revoked);
      },
    }),
  ];
}
