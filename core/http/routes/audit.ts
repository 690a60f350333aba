/**
 * The audit chains over HTTP (admins): verify every case's chain and the system chain, and list
 * the system chain — sign-ins throttled, accounts locked and unlocked, administrators' changes to
 * the directory, calendar, API keys and plugin secrets.
 */
import { createDirectoryService } from '../../directory/directory-service.js';
import { ChanceryError } from '../../errors.js';
import { verifyAudit } from '../../persistence/audit.js';
import { listSystemAudit, SYSTEM_AUDIT_KINDS, verifySystemAudit } from '../../persistence/system-audit.js';
import { pageOf, pagingProps } from '../list.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import { page } from '../schemas/common.js';
import { AuditReport, SystemAuditEntry } from '../schemas/misc.js';
import type { AppServices } from '../services.js';

/** A kind, or a group of kinds by its first word (`directory` lists every `directory.*`). */
const KIND_FILTERS: string[] = [...new Set(SYSTEM_AUDIT_KINDS.map((k) => k.split('.')[0]!)), ...SYSTEM_AUDIT_KINDS];

export function auditRoutes(s: AppServices): AnyRoute[] {
  const directory = createDirectoryService(s.db, s.clock);
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit/verify',
      tag: 'audit',
      access: 'admin',
      summary: i18n(
        '校验审计哈希链（每个案件的链和系统审计链），报告每条链的第一处断裂；带 instance 时只校验该案件',
        'Verify the audit hash chains (every case chain and the system chain) and report the first broken link of each; with instance, that case only',
      ),
      query: { type: 'object', additionalProperties: false, properties: { instance: { type: 'string', format: 'uuid' } } },
      response: AuditReport,
      handler: async (c, { query }) => {
        if (query.instance) return c.json(await verifyAudit(s.db, query.instance));
        const cases = await verifyAudit(s.db);
        const system = await verifySystemAudit(s.db);
        return c.json({ ok: cases.ok && system.ok, checked: cases.checked + system.checked, cases, system });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/system',
      tag: 'audit',
      access: 'admin',
      summary: i18n(
        '系统审计记录（登录限制、账号锁定与解锁、管理员对组织机构、日历、API 密钥、插件密钥的更改），新的在前；可按类型（或类型组）、操作人、时间段筛选',
        "The system audit chain (sign-ins throttled, accounts locked and unlocked, administrators' changes to the directory, calendar, API keys and plugin secrets), newest first; filter by kind (or group), actor and period",
      ),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          kind: { type: 'string', enum: KIND_FILTERS },
          actor: { type: 'string', minLength: 1, maxLength: 100 },
          from: { type: 'string', format: 'date-time' },
          to: { type: 'string', format: 'date-time' },
          ...pagingProps,
        },
      },
      response: page(SystemAuditEntry),
      errors: ['directory.user_not_found'],
      handler: async (c, { query }) => {
        const { page: pageNo, pageSize, offset } = pageOf(query, 50);
        const from = query.from ? new Date(query.from) : undefined;
        const to = query.to ? new Date(query.to) : undefined;
        if (from && to && from >= to)
          throw new ChanceryError(
            'request.invalid',
            { reason: { 'zh-CN': '结束时间（to）须晚于开始时间（from）', en: '"to" must be after "from"' } },
            { pointer: '/to' },
          );
        const actorId = query.actor ? (await directory.user(query.actor, '/actor')).id : undefined;
        const found = await listSystemAudit(s.db, {
          ...(query.kind ? { kind: query.kind } : {}),
          ...(actorId ? { actorId } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          limit: pageSize,
          offset,
        });
        return c.json({ items: found.items, total: found.total, page: pageNo, pageSize });
      },
    }),
  ];
}
