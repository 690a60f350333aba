/**
 * `notify.send`: tells people about a case — in the app (the notification inbox, unread counts,
 * live over Server-Sent Events), by email over SMTP and by SMS — from a template in zh-CN and en
 * or a given title and body. Every channel delivers once per request, however often it is retried.
 */
import { ChanceryError } from '../../core/index.js';
import { definePlugin, PermanentActionError } from '../define-plugin.js';
import type { PluginHost } from '../host.js';
import { createMailer } from './email.js';
import { logSmsChannel } from './sms.js';
import { bilingual, escapeHtml, fill, templates, type Bilingual } from './templates.js';

interface SendParams {
  to: { users?: string[]; role?: string; unit?: string; emails?: string[]; phones?: string[] };
  template?: string;
  title?: string | Bilingual;
  body?: string | Bilingual;
  vars?: Record<string, unknown>;
  channels?: Array<'inapp' | 'email' | 'sms'>;
  lang?: 'zh-CN' | 'en';
}

const textSchema = {
  oneOf: [
    { type: 'string', maxLength: 2000 },
    { type: 'object', additionalProperties: false, properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } },
  ],
};

export function notifyPlugin(host: PluginHost) {
  const smtp = host.settings.notify?.smtp;
  const mailer = smtp ? createMailer(smtp, host.db) : undefined;
  const logSms = logSmsChannel({
    debug: (m, d) => host.logger.debug(m, d),
    info: (m, d) => host.logger.info(m, d),
    warn: (m, d) => host.logger.warn(m, d),
    error: (m, d) => host.logger.error(m, d),
  });

  async function recipients(to: SendParams['to']): Promise<string[]> {
    const ids = new Set<string>();
    if (to.users?.length) {
      const rows = await host.db.execute<{ id: string }>(
        'SELECT id FROM app_user WHERE active AND (id::text = ANY($1::text[]) OR username = ANY($1::text[]))',
        [to.users],
      );
      for (const r of rows) ids.add(r.id);
    }
    if (to.role) {
      const rows = await host.db.execute<{ id: string }>(
        `SELECT DISTINCT m.user_id AS id FROM membership m JOIN org_unit u ON u.id = m.unit_id JOIN app_user a ON a.id = m.user_id
         WHERE a.active AND m.role_key = $1 AND ($2::text IS NULL OR u.code = $2 OR u.id::text = $2)`,
        [to.role, to.unit ?? null],
      );
      for (const r of rows) ids.add(r.id);
    }
    return [...ids];
  }

  return definePlugin({
    name: 'notify',
    version: '1.0.0',
    title: { 'zh-CN': '通知', en: 'Notifications' },
    channels: { 'sms.log': logSms },
    actions: {
      send: {
        title: { 'zh-CN': '发送通知', en: 'Send a notification' },
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['to'],
          anyOf: [{ required: ['template'] }, { required: ['title'] }],
          properties: {
            to: {
              type: 'object',
              additionalProperties: false,
              minProperties: 1,
              properties: {
                users: { type: 'array', items: { type: 'string' }, maxItems: 500 },
                role: { type: 'string' },
                unit: { type: 'string' },
                emails: { type: 'array', items: { type: 'string', format: 'email' }, maxItems: 100 },
                phones: { type: 'array', items: { type: 'string', pattern: '^\\+?[0-9]{5,20}$' }, maxItems: 100 },
              },
            },
            template: { type: 'string', enum: Object.keys(templates) },
            title: textSchema,
            body: textSchema,
            vars: { type: 'object' },
            channels: { type: 'array', uniqueItems: true, items: { enum: ['inapp', 'email', 'sms'] }, default: ['inapp'] },
            lang: { enum: ['zh-CN', 'en'] },
          },
        },
        result: { type: 'object', properties: { inApp: { type: 'integer' }, emails: { type: 'integer' }, sms: { type: 'integer' } } },
        retry: { limit: 5, delaySeconds: 5 },
        timeoutMs: 60_000,
        async run(ctx) {
          const p = ctx.params as unknown as SendParams;
          const [instance] = await host.db.execute<{ title: string; state: string }>('SELECT title, state FROM instance WHERE id = $1', [ctx.instance.id]);
          const vars = { caseTitle: instance?.title ?? '', caseId: ctx.instance.id, state: ctx.instance.state, ...p.vars };
          const tpl = p.template ? templates[p.template]! : undefined;
          const title = bilingual(p.title) ?? tpl?.title;
          const body = bilingual(p.body) ?? tpl?.body ?? { 'zh-CN': '', en: '' };
          if (!title) throw new PermanentActionError('notify.send needs a template or a title');
          const filled = (t: Bilingual): Bilingual => ({ 'zh-CN': fill(t['zh-CN'], vars), en: fill(t.en, vars) });
          const filledTitle = filled(title);
          const filledBody = filled(body);
          const channels = p.channels ?? ['inapp'];
          const out = { inApp: 0, emails: 0, sms: 0 };

          if (channels.includes('inapp')) {
            const users = await recipients(p.to);
            const inserted: string[] = [];
            await host.db.transaction(async (tx) => {
              for (const userId of users) {
                const rows = await tx.execute<{ user_id: string }>(
                  `INSERT INTO notification (id, user_id, instance_id, kind, title, body, created_at, dedupe_key)
                   VALUES ($1, $2, $3, 'info', $4, $5, $6, $7) ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING user_id`,
                  [crypto.randomUUID(), userId, ctx.instance.id, filledTitle, { text: filledBody }, ctx.now(), ctx.idempotencyKey],
                );
                if (rows[0]) inserted.push(rows[0].user_id);
              }
            });
            host.live.announce(inserted);
            out.inApp = users.length;
          }
          if (channels.includes('email') && p.to.emails?.length) {
            if (!mailer || !smtp)
              throw new ChanceryError('config.invalid', { reason: 'pluginSettings.notify.smtp is not configured, so notify.send cannot email' });
            const password = smtp.passwordSecret ? await ctx.secret(smtp.passwordSecret) : undefined;
            const lang = p.lang ?? 'zh-CN';
            for (const to of p.to.emails) {
              const bodyText = filledBody[lang];
              const link = host.settings.notify?.baseUrl ? `${host.settings.notify.baseUrl.replace(/\/$/, '')}/#/cases/${ctx.instance.id}` : undefined;
              const html = `<!doctype html><meta charset="utf-8"><p>${escapeHtml(bodyText).replace(/\n/g, '<br>')}</p>${link ? `<p><a href="${escapeHtml(link)}">${lang === 'en' ? 'Open the case' : '查看办件'}</a></p>` : ''}`;
              await mailer.send({ to, subject: filledTitle[lang], text: link ? `${bodyText}\n\n${link}` : bodyText, html }, ctx.idempotencyKey, password);
              out.emails++;
            }
          }
          if (channels.includes('sms') && p.to.phones?.length) {
            const name = host.settings.notify?.sms ?? 'sms.log';
            const channel = host.channel(name);
            if (!channel) throw new ChanceryError('config.invalid', { reason: `the SMS channel "${name}" is not provided by any plugin` });
            for (const phone of p.to.phones) {
              const key = `sms:${ctx.idempotencyKey}:${phone}`;
              const done = await host.db.execute('SELECT 1 FROM plugin_effect WHERE key = $1', [key]);
              if (done.length > 0) continue;
              const sent = await channel.send(
                { to: phone, text: `${filledTitle[p.lang ?? 'zh-CN']}：${filledBody[p.lang ?? 'zh-CN']}`, idempotencyKey: key },
                { signal: ctx.signal, log: ctx.log },
              );
              await host.db.execute('INSERT INTO plugin_effect (key, result, at) VALUES ($1, $2, now()) ON CONFLICT (key) DO NOTHING', [
                key,
                { id: sent.id ?? null },
              ]);
              out.sms++;
            }
          }
          return out;
        },
      },
    },
  });
}
