/** Signing in, who I am, my notifications, and the audit chain check. */
import { ChanceryError } from '../../errors.js';
import { verifyAudit } from '../../persistence/audit.js';
import { login, requireAdmin } from '../auth.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { pageOf, pagingProps, type Paging } from '../list.js';

export function accountRoutes(s: AppServices): AnyRoute[] {
  return [
    defineRoute<{ username: string; password: string }>({
      method: 'post',
      path: '/api/auth/login',
      tag: 'auth',
      access: 'public',
      summary: i18n('登录，获取访问令牌', 'Sign in and get a bearer token'),
      body: { type: 'object', additionalProperties: false, required: ['username', 'password'], properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } } },
      handler: async (c, { body }) => c.json(await login(s.db, s.auth, body.username, body.password)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      tag: 'auth',
      access: 'user',
      summary: i18n('当前用户及其岗位', 'The signed-in user with their roles'),
      handler: async (c) => {
        const actor = c.get('actor');
        const [user] = await s.db.execute('SELECT id, username, display_name AS "displayName", display_name_en AS "displayNameEn", unit_id AS "unitId", is_admin AS "isAdmin" FROM app_user WHERE id = $1', [actor.id]);
        const roles = await s.db.execute('SELECT m.role_key AS role, m.unit_id AS "unitId", u.name AS "unitName" FROM membership m JOIN org_unit u ON u.id = m.unit_id WHERE m.user_id = $1 ORDER BY m.role_key', [actor.id]);
        return c.json({ ...user, roles, lang: actor.lang });
      },
    }),
    defineRoute<unknown, { unread?: boolean } & Paging>({
      method: 'get',
      path: '/api/notifications',
      tag: 'notifications',
      access: 'user',
      summary: i18n('我的通知（抄送、催办、提醒）', 'My notifications (CC, urges, reminders)'),
      query: { type: 'object', additionalProperties: false, properties: { unread: { type: 'boolean' }, ...pagingProps } },
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
      handler: async (c) => {
        const id = c.req.param('id')!;
        if (!/^[0-9a-f-]{36}$/i.test(id)) throw new ChanceryError('request.not_found');
        const r = await s.db.query('UPDATE notification SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2', [id, c.get('actor').id, s.clock()]);
        if (r.rowCount === 0) throw new ChanceryError('request.not_found');
        return c.json({ ok: true });
      },
    }),
    defineRoute<unknown, { instance?: string }>({
      method: 'get',
      path: '/api/audit/verify',
      tag: 'audit',
      access: 'admin',
      summary: i18n('校验审计哈希链，报告第一处断裂', 'Verify the audit hash chain; reports the first broken link'),
      query: { type: 'object', additionalProperties: false, properties: { instance: { type: 'string', format: 'uuid' } } },
      handler: async (c, { query }) => {
        requireAdmin(c);
        return c.json(await verifyAudit(s.db, query.instance));
      },
    }),
  ];
}
