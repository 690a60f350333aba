/** Signing in, who I am, my notifications, and the audit chain check. */
import { ChanceryError } from '../../errors.js';
import { verifyAudit } from '../../persistence/audit.js';
import { login, requireAdmin } from '../auth.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { Ok, uuidParam } from '../schemas/common.js';
import { Me } from '../schemas/directory.js';
import { AuditReport, LoginResult, Notification } from '../schemas/misc.js';

export function accountRoutes(s: AppServices): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      tag: 'auth',
      access: 'public',
      summary: i18n('登录，获取访问令牌', 'Sign in and get a bearer token'),
      response: LoginResult,
      errors: ['auth.invalid_credentials', 'request.rate_limited'],
      body: { type: 'object', additionalProperties: false, required: ['username', 'password'], properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } } },
      handler: async (c, { body }) => c.json(await login(s.db, s.auth, body.username, body.password)),
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
        const [user] = await s.db.execute('SELECT id, username, display_name AS "displayName", display_name_en AS "displayNameEn", unit_id AS "unitId", is_admin AS "isAdmin" FROM app_user WHERE id = $1', [actor.id]);
        const roles = await s.db.execute('SELECT m.role_key AS role, m.unit_id AS "unitId", u.name AS "unitName" FROM membership m JOIN org_unit u ON u.id = m.unit_id WHERE m.user_id = $1 ORDER BY m.role_key', [actor.id]);
        return c.json({ ...user, roles, lang: actor.lang });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      tag: 'notifications',
      access: 'user',
      summary: i18n('我的通知（抄送、催办、提醒）', 'My notifications (CC, urges, reminders)'),
      response: { type: 'object', required: ['items', 'unread'], properties: { items: { type: 'array', items: Notification }, unread: { type: 'integer', minimum: 0 } } },
      query: { type: 'object', additionalProperties: false, properties: { unread: { type: 'boolean' }, page: { type: 'integer', minimum: 1 } } },
      handler: async (c, { query }) => {
        const actor = c.get('actor');
        const rows = await s.db.execute(
          `SELECT id, instance_id AS "instanceId", task_id AS "taskId", kind, title, body, read_at AS "readAt", created_at AS "createdAt" FROM notification
           WHERE user_id = $1 ${query.unread ? 'AND read_at IS NULL' : ''} ORDER BY created_at DESC LIMIT 50 OFFSET ${((query.page ?? 1) - 1) * 50}`,
          [actor.id],
        );
        const [unread] = await s.db.execute<{ n: number }>('SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL', [actor.id]);
        return c.json({ items: rows, unread: unread?.n ?? 0 });
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
        if (!/^[0-9a-f-]{36}$/i.test(id)) throw new ChanceryError('request.not_found');
        const r = await s.db.query('UPDATE notification SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2', [id, c.get('actor').id, s.clock()]);
        if (r.rowCount === 0) throw new ChanceryError('request.not_found');
        return c.json({ ok: true });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/verify',
      tag: 'audit',
      access: 'admin',
      summary: i18n('校验审计哈希链，报告第一处断裂', 'Verify the audit hash chain; reports the first broken link'),
      response: AuditReport,
      query: { type: 'object', additionalProperties: false, properties: { instance: { type: 'string', format: 'uuid' } } },
      handler: async (c, { query }) => {
        requireAdmin(c);
        return c.json(await verifyAudit(s.db, query.instance));
      },
    }),
  ];
}
