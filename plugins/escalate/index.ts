/**
 * `escalate.notify` and `escalate.reassign`, for `on: { "timeout": … }` transitions and escalation
 * steps: tell the supervisors (the managers of whoever holds the open tasks, or named people), or
 * hand the open tasks to someone else (through the engine's `reassign` command). Both are idempotent: a retry notifies nobody twice and a
 * task already with the new holder is left alone.
 */
import { ChanceryError } from '../../core/index.js';
import { definePlugin } from '../define-plugin.js';
import type { PluginHost } from '../host.js';

const openTasks = `SELECT t.id, t.state_key, COALESCE(t.assignee_id, m.user_id) AS holder FROM task t
  LEFT JOIN membership m ON t.assignee_id IS NULL AND m.role_key = t.candidate_role AND m.unit_id = t.candidate_unit_id
  WHERE t.instance_id = $1 AND t.status = 'open' AND ($2::text IS NULL OR t.state_key = $2)`;

export function escalatePlugin(host: Pick<PluginHost, 'db' | 'clock' | 'live'>) {
  async function userIds(refs: string[]): Promise<string[]> {
    const rows = await host.db.execute<{ id: string }>('SELECT id FROM app_user WHERE active AND (id::text = ANY($1::text[]) OR username = ANY($1::text[]))', [
      refs,
    ]);
    if (rows.length !== new Set(refs).size) throw new ChanceryError('directory.user_not_found', { user: refs.join(', ') });
    return rows.map((r) => r.id);
  }

  return definePlugin({
    name: 'escalate',
    version: '1.0.0',
    title: { 'zh-CN': '超期督办', en: 'Escalation' },
    actions: {
      notify: {
        title: { 'zh-CN': '通知上级督办', en: 'Notify the supervisors' },
        params: {
          type: 'object',
          additionalProperties: false,
          properties: {
            state: { type: 'string', title: '环节 / Step (default: all open)' },
            users: { type: 'array', items: { type: 'string' }, title: '督办人（默认：承办人的上级） / Supervisors (default: the holders’ managers)' },
            message: { type: 'string', maxLength: 500 },
          },
        },
        result: { type: 'object', properties: { notified: { type: 'integer' } } },
        async run(ctx) {
          const p = ctx.params as { state?: string; users?: string[]; message?: string };
          const [instance] = await host.db.execute<{ title: string }>('SELECT title FROM instance WHERE id = $1', [ctx.instance.id]);
          const title = instance?.title ?? '';
          let targets: string[];
          if (p.users?.length) targets = await userIds(p.users);
          else {
            const rows = await host.db.execute<{ manager_id: string | null }>(
              `SELECT DISTINCT u.manager_id FROM (${openTasks}) h JOIN app_user u ON u.id = h.holder WHERE u.manager_id IS NOT NULL`,
              [ctx.instance.id, p.state ?? null],
            );
            targets = rows.map((r) => r.manager_id!).filter(Boolean);
          }
          const inserted: string[] = [];
          await host.db.transaction(async (tx) => {
            for (const userId of targets) {
              const rows = await tx.execute<{ user_id: string }>(
                `INSERT INTO notification (id, user_id, instance_id, kind, title, body, created_at, dedupe_key) VALUES ($1, $2, $3, 'escalate', $4, $5, $6, $7)
                 ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING user_id`,
                [
                  crypto.randomUUID(),
                  userId,
                  ctx.instance.id,
                  { 'zh-CN': `督办：${title}`, en: `Escalation: ${title}` },
                  { message: p.message ?? null, state: p.state ?? ctx.instance.state },
                  ctx.now(),
                  ctx.idempotencyKey,
                ],
              );
              if (rows[0]) inserted.push(rows[0].user_id);
            }
          });
          host.live.announce(inserted);
          return { notified: targets.length };
        },
      },
      reassign: {
        title: { 'zh-CN': '改派给他人', en: 'Reassign the open tasks' },
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['to'],
          properties: {
            to: { type: 'string', minLength: 1, title: '改派给（用户名） / To (username)' },
            state: { type: 'string' },
            reason: { type: 'string', maxLength: 500 },
          },
        },
        result: { type: 'object', properties: { reassigned: { type: 'integer' }, to: { type: 'string' } } },
        // Through the engine's own command: one transaction under the case's version check, audited.
        async run(ctx) {
          const p = ctx.params as { to: string; state?: string; reason?: string };
          return ctx.commands.reassign({ to: p.to, ...(p.state ? { state: p.state } : {}), ...(p.reason ? { reason: p.reason } : {}) });
        },
      },
    },
  });
}
