/**
 * Plugins over HTTP: what is loaded (actions and their parameter schemas, for the designer),
 * secrets (set and granted by administrators; values are write-only), incidents (failed actions
 * nothing handled: list, retry, dismiss), and select options from allowlisted other systems.
 */
import {
  ChanceryError,
  defineRoute,
  i18n,
  IncidentSchema as Incident,
  OkSchema as Ok,
  pageList,
  pageOf,
  pageSchema as page,
  pagingProps,
  PluginInfoSchema as PluginInfo,
  SecretSchema as Secret,
  type AnyRoute,
  type AppServices,
  type Incidents,
} from '../core/index.js';
import type { FormDataSource } from './http-form-data/index.js';
import type { PluginHost } from './host.js';
import type { LiveNotifications } from './notify/live.js';
import type { PluginRegistry } from './registry.js';
import type { SecretStore } from './secrets.js';

export interface PluginServices {
  registry: PluginRegistry;
  secrets: SecretStore;
  incidents: Incidents;
  formData: FormDataSource;
  live: LiveNotifications;
  /** What the built-in plugins were given (the file store holding generated bulletins, settings). */
  host: PluginHost;
}

const SECRET_NAME = '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$';

/** The plugin routes, wired by the composition root with what `setupPlugins` returned. */
export function pluginRoutes(s: AppServices, services: PluginServices): AnyRoute[] {
  const p = (): PluginServices => services;
  const secretName = (raw: string | undefined): string => {
    if (!raw || !new RegExp(SECRET_NAME).test(raw)) throw new ChanceryError('plugin.secret_not_found', { name: String(raw).slice(0, 100) });
    return raw;
  };
  const checkGrants = (grants: string[]) => {
    const known = new Set(p().registry.plugins.map((x) => x.name));
    grants.forEach((g, i) => {
      if (!known.has(g))
        throw new ChanceryError('request.invalid', { reason: `no loaded plugin is named "${g}" / 没有名为「${g}」的插件` }, { pointer: `/grants/${i}` });
    });
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/plugins',
      tag: 'plugins',
      access: 'user',
      summary: i18n('已加载的插件、动作及其参数定义', 'Loaded plugins, their actions and parameter schemas'),
      query: { type: 'object', additionalProperties: false, properties: { ...pagingProps } },
      response: page(PluginInfo),
      handler: async (c, { query }) => c.json(pageList(p().registry.describe(), query)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/secrets',
      tag: 'plugins',
      access: 'admin',
      summary: i18n('插件密钥列表（只含名称和授权，不含值）', 'Plugin secrets (names and grants only, never values)'),
      query: { type: 'object', additionalProperties: false, properties: { ...pagingProps } },
      response: page(Secret),
      handler: async (c, { query }) => c.json(pageList(await p().secrets.list(), query)),
    }),
    defineRoute({
      method: 'put',
      path: '/api/admin/secrets/:name',
      tag: 'plugins',
      access: 'admin',
      summary: i18n('设置插件密钥并授权给插件（加密保存）', 'Set a plugin secret and grant it to plugins (stored encrypted)'),
      response: Secret,
      errors: ['plugin.secret_not_found'],
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'grants'],
        properties: {
          value: { type: 'string', minLength: 1, maxLength: 10_000 },
          grants: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 50 },
        },
      },
      handler: async (c, { body, params }) => {
        const name = secretName(params.name);
        checkGrants(body.grants);
        // The store records that it was set, and for whom; the value never enters the audit.
        await p().secrets.set(name, body.value, body.grants, c.get('actor').id);
        s.logger.info('plugin secret set / 已设置插件密钥', { name, grants: body.grants, by: c.get('actor').id });
        return c.json({ name, grants: body.grants });
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/admin/secrets/:name',
      tag: 'plugins',
      access: 'admin',
      summary: i18n('修改密钥的授权', 'Change which plugins a secret is granted to'),
      response: Secret,
      errors: ['plugin.secret_not_found'],
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['grants'],
        properties: { grants: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 50 } },
      },
      handler: async (c, { body, params }) => {
        const name = secretName(params.name);
        checkGrants(body.grants);
        await p().secrets.grant(name, body.grants, c.get('actor').id);
        return c.json({ name, grants: body.grants });
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/admin/secrets/:name',
      tag: 'plugins',
      access: 'admin',
      summary: i18n('删除插件密钥', 'Delete a plugin secret'),
      response: Ok,
      errors: ['plugin.secret_not_found'],
      handler: async (c, { params }) => {
        const name = secretName(params.name);
        if (!(await p().secrets.remove(name, c.get('actor').id))) throw new ChanceryError('plugin.secret_not_found', { name });
        return c.json({ ok: true });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/incidents',
      tag: 'plugins',
      access: 'admin',
      summary: i18n('插件动作故障（失败且流程未处理）', 'Plugin action incidents (failed and not handled by the definition)'),
      response: page(Incident),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          status: { enum: ['incident', 'retrying', 'dismissed', 'failed', 'done', 'running'] },
          instance: { type: 'string', format: 'uuid' },
          ...pagingProps,
        },
      },
      handler: async (c, { query }) => {
        const { page, pageSize } = pageOf(query, 100);
        const found = await p().incidents.list({
          ...(query.status ? { status: query.status } : {}),
          ...(query.instance ? { instanceId: query.instance } : {}),
          page,
          pageSize,
        });
        return c.json({ ...found, page, pageSize });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/incidents/:id/retry',
      tag: 'plugins',
      access: 'admin',
      summary: i18n('重试失败的动作（同一幂等键）', 'Retry a failed action (same idempotency key)'),
      response: Incident,
      errors: ['plugin.incident_not_found', 'plugin.incident_not_open'],
      handler: async (c, { params }) => c.json(await p().incidents.retry(params.id, c.get('actor').id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/incidents/:id/dismiss',
      tag: 'plugins',
      access: 'admin',
      summary: i18n('忽略该故障', 'Dismiss an incident'),
      response: Incident,
      errors: ['plugin.incident_not_found', 'plugin.incident_not_open'],
      handler: async (c, { params }) => c.json(await p().incidents.dismiss(params.id, c.get('actor').id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/form-data/options',
      tag: 'plugins',
      access: 'user',
      summary: i18n('从白名单内的外部地址获取下拉选项', 'Select options fetched from an allowlisted address'),
      response: {
        type: 'object',
        required: ['options'],
        properties: {
          options: {
            type: 'array',
            items: { type: 'object', required: ['value', 'label'], properties: { value: { type: ['string', 'number'] }, label: { type: 'string' } } },
          },
        },
      },
      errors: ['outbound.refused', 'outbound.invalid_url', 'outbound.failed', 'outbound.bad_status', 'outbound.too_many_redirects', 'outbound.too_large'],
      query: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: {
          url: { type: 'string', maxLength: 2000 },
          items: { type: 'string', maxLength: 200 },
          value: { type: 'string', maxLength: 200 },
          label: { type: 'string', maxLength: 200 },
        },
      },
      handler: async (c, { query }) => c.json({ options: await p().formData.fetchOptions(query) }),
    }),
  ];
}
