/** Signing in and out, refreshing tokens, changing my password, unlocking accounts, who I am, my notifications. */
import { ChanceryError } from '../../errors.js';
import { isUuid } from '../../uuid.js';
import { recordSystemAudit } from '../../persistence/system-audit.js';
import type { Context } from 'hono';
import { bumpTokenVersion, createDirectoryAdmin } from '../../directory/directory-admin.js';
import { createDirectoryStore } from '../../directory/directory-store.js';
import { accessToken, actorFromToken, bearerToken, login, type AppEnv } from '../auth.js';
import { clientAddress, trustedRanges } from '../client-address.js';
import { createLoginThrottle } from '../login-throttle.js';
import { revokeRefreshToken, rotateRefreshToken } from '../refresh-tokens.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { pageOf, pagingProps } from '../list.js';
import { LoginResult, Notification } from '../schemas/misc.js';
import { Me } from '../schemas/directory.js';
import { Ok, uuidParam } from '../schemas/common.js';
import { TokenPair } from '../schemas/misc.js';

const refreshBody = {
  type: 'object',
  additionalProperties: false,
  required: ['refreshToken'],
  properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export function accountRoutes(s: AppServices): AnyRoute[] {
  const throttle = s.auth.throttle ? createLoginThrottle(s.db, s.auth.throttle, s.logger) : undefined;
  const proxies = trustedRanges(s.auth.trustedProxies ?? []);
  /** 429 answers say when to come back (`Retry-After`), as well as why. */
  const throttled = async (c: Context<AppEnv>, run: () => Promise<Response>): Promise<Response> => {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof ChanceryError) || e.code !== 'auth.too_many_attempts') throw e;
      const retryAfter = String((e.details as { retryAfter: number }).retryAfter);
      return c.json(e.toBody(c.get('lang')), 429, { 'Retry-After': retryAfter });
    }
  };
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      tag: 'auth',
      access: 'public',
      summary: i18n(
        '登录，获取访问令牌（短期）和刷新令牌；失败过多时按账号和地址限制（429 与 Retry-After）',
        'Sign in: a short-lived access token and a refresh token; too many failures per account or address are throttled (429 with Retry-After)',
      ),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['username', 'password'],
        properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      response: LoginResult,
      errors: ['auth.invalid_credentials', 'request.rate_limited'],
      handler: (c, { body }) =>
        throttled(c, async () =>
          c.json(await login(s.db, s.auth, body.username, body.password, { ...(throttle ? { throttle } : {}), ip: clientAddress(c, proxies) })),
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/refresh',
      tag: 'auth',
      access: 'public',
      summary: i18n(
        '用刷新令牌换取新的访问令牌和新的刷新令牌（旧的随即作废）',
        'Trade a refresh token for a new access token and a new refresh token (the old one is spent)',
      ),
      body: refreshBody,
      response: TokenPair,
      errors: ['auth.invalid_token'],
      handler: async (c, { body }) => {
        const next = await rotateRefreshToken(s.db, body.refreshToken, s.auth.refreshTtl, new Date(), s.logger);
        const { token, expiresAt } = accessToken(s.auth, { id: next.userId, tokenVersion: next.tokenVersion });
        return c.json({ token, expiresAt, refreshToken: next.refreshToken, refreshExpiresAt: next.refreshExpiresAt });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      tag: 'auth',
      access: 'public',
      summary: i18n(
        '退出登录：作废该刷新令牌（everywhere 为 true 且带访问令牌时，结束本人的所有登录）',
        'Sign out: revokes the refresh token (with everywhere: true and a bearer token, ends every sign-in of the caller)',
      ),
      body: { ...refreshBody, properties: { ...refreshBody.properties, everywhere: { type: 'boolean' } } },
      response: Ok,
      handler: async (c, { body }) => {
        await revokeRefreshToken(s.db, body.refreshToken, new Date());
        if (body.everywhere) {
          const actor = await actorFromToken(s.db, s.auth, s.users!, bearerToken(c.req.header('authorization')), c.get('lang'));
          await s.db.entityTransaction((em) => bumpTokenVersion(em, actor.id));
          await s.forgetUser?.(actor.id);
        }
        return c.json({ ok: true });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/password',
      tag: 'auth',
      access: 'user',
      summary: i18n('修改本人密码（其他登录随即失效，本次登录换发新令牌）', 'Change my password (every other sign-in ends; this one gets new tokens)'),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['currentPassword', 'newPassword'],
        properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, newPassword: { type: 'string', minLength: 8, maxLength: 200 } },
      },
      response: LoginResult,
      errors: ['auth.invalid_credentials'],
      handler: (c, { body }) =>
        throttled(c, async () => {
          const actor = c.get('actor');
          const [me] = await s.db.execute<{ username: string }>('SELECT username FROM app_user WHERE id = $1', [actor.id]);
          // The current password is checked like a sign-in (and throttled like one): a stolen session cannot take the account over.
          await login(s.db, s.auth, me!.username, body.currentPassword, { ...(throttle ? { throttle } : {}), ip: clientAddress(c, proxies) });
          await s.db.entityTransaction((em) => createDirectoryAdmin(em).updateUser(actor.id, { password: body.newPassword }));
          await s.forgetUser?.(actor.id);
          return c.json(await login(s.db, s.auth, me!.username, body.newPassword));
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/directory/users/:id/unlock',
      tag: 'auth',
      access: 'admin',
      summary: i18n(
        '解除账号的登录限制（并解除其最近失败所来自地址的限制）',
        'Lift the sign-in lock of an account (and of the addresses its latest failures came from)',
      ),
      response: {
        type: 'object',
        required: ['ok', 'username', 'addresses'],
        properties: { ok: { const: true }, username: { type: 'string' }, addresses: { type: 'array', items: { type: 'string' } } },
      },
      errors: ['directory.user_not_found'],
      handler: async (c, { params }) => {
        const user = await createDirectoryStore(s.db).getUser(params.id);
        if (!user) throw new ChanceryError('directory.user_not_found', { user: params.id });
        const by = { actorId: c.get('actor').id, at: s.clock() };
        const cleared = throttle
          ? await throttle.unlock(user.username, by)
          : await recordSystemAudit(s.db, { kind: 'auth.unlocked', ...by, target: user.username, payload: { addresses: [], wasBlocked: false } }).then(() => ({
              addresses: [],
            }));
        s.logger.warn('sign-in lock lifted / 已解除登录限制', { username: user.username, by: c.get('actor').id, addresses: cleared.addresses });
        return c.json({ ok: true, username: user.username, addresses: cleared.addresses });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      tag: 'auth',
      access: 'user',
      summary: i18n('当前用户及其岗位', 'The signed-in user with their roles'),
      response: Me,
      handler: async (c) => {
        const actor = c.get('actor');
        const [user] = await s.db.execute(
          'SELECT id, username, display_name AS "displayName", display_name_en AS "displayNameEn", unit_id AS "unitId", is_admin AS "isAdmin" FROM app_user WHERE id = $1',
          [actor.id],
        );
        const roles = await s.db.execute(
          'SELECT m.role_key AS role, m.unit_id AS "unitId", u.name AS "unitName" FROM membership m JOIN org_unit u ON u.id = m.unit_id WHERE m.user_id = $1 ORDER BY m.role_key',
          [actor.id],
        );
        return c.json({ ...user, roles, lang: actor.lang });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      tag: 'notifications',
      access: 'user',
      summary: i18n('我的通知（抄送、催办、提醒）', 'My notifications (CC, urges, reminders)'),
      query: { type: 'object', additionalProperties: false, properties: { unread: { type: 'boolean' }, ...pagingProps } },
      response: {
        type: 'object',
        required: ['items', 'total', 'page', 'pageSize', 'unread'],
        properties: {
          items: { type: 'array', items: Notification },
          total: { type: 'integer', minimum: 0 },
          page: { type: 'integer', minimum: 1 },
          pageSize: { type: 'integer', minimum: 1 },
          unread: { type: 'integer', minimum: 0, description: 'All my unread notifications (the badge), whatever the filter' },
        },
      },
      handler: async (c, { query }) => {
        const actor = c.get('actor');
        const { page, pageSize, offset } = pageOf(query, 50);
        const filter = `WHERE user_id = $1 ${query.unread ? 'AND read_at IS NULL' : ''}`;
        const rows = await s.db.execute(
          `SELECT id, instance_id AS "instanceId", task_id AS "taskId", kind, title, body, read_at AS "readAt", created_at AS "createdAt" FROM notification
           ${filter} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
          [actor.id, pageSize, offset],
        );
        const [n] = await s.db.execute<{ total: number; unread: number }>(
          `SELECT count(*)::int AS total, (count(*) FILTER (WHERE read_at IS NULL))::int AS unread FROM notification ${filter}`,
          [actor.id],
        );
        // `unread` counts all my unread notifications (the badge), whatever the filter.
        const unread = query.unread ? (n?.total ?? 0) : (n?.unread ?? 0);
        return c.json({ items: rows, total: n?.total ?? 0, page, pageSize, unread });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/:id/read',
      tag: 'notifications',
      access: 'user',
      summary: i18n('标记通知为已读', 'Mark a notification read'),
      params: { id: uuidParam },
      response: Ok,
      errors: ['request.not_found'],
      handler: async (c, { params }) => {
        const id = params.id;
        if (!isUuid(id)) throw new ChanceryError('request.not_found');
        const r = await s.db.query('UPDATE notification SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2', [
          id,
          c.get('actor').id,
          s.clock(),
        ]);
        if (r.rowCount === 0) throw new ChanceryError('request.not_found');
        return c.json({ ok: true });
      },
    }),
  ];
}
