/**
 * The forms engine's server half over HTTP: form bundles with their precompiled validator module
 * (so browsers never compile code and strict-CSP pages work), file uploads with checksums, and
 * per-user drafts for autosave.
 */
import type { FileStore } from './file-store.js';
import type { FormService } from './form-service.js';
import { ChanceryError } from '../../core/errors.js';
import { canSeeCase } from '../../core/runtime/authorize.js';
import { defineRoute, i18n, type AnyRoute } from '../../core/http/route.js';
import type { AppServices } from '../../core/http/services.js';

export interface FormRoutesDeps {
  forms: FormService;
  files: FileStore;
}

const HASH = /^[0-9a-f]{64}$/;
const DRAFT_KEY = { type: 'string', pattern: '^[A-Za-z0-9:._-]{1,200}$' };

export function formRoutes(s: AppServices, d: FormRoutesDeps): AnyRoute[] {
  const modules = new Map<string, string>();
  return [
    // Registered before /api/forms/:definition/:form, which would otherwise match it.
    defineRoute({
      method: 'get',
      path: '/api/forms/validators/:file',
      tag: 'forms',
      access: 'public',
      summary: i18n('预编译的表单校验模块（按内容哈希寻址，可长期缓存）', 'A precompiled validator module (content-addressed, cacheable)'),
      handler: async (c) => {
        const hash = c.req.param('file')!.replace(/\.js$/, '');
        const code = HASH.test(hash) ? modules.get(hash) : undefined;
        if (!code) throw new ChanceryError('form.not_found', { key: hash });
        return c.body(code, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', 'access-control-allow-origin': '*' });
      },
    }),
    defineRoute<unknown, { version?: number }>({
      method: 'get',
      path: '/api/forms/:definition/:form',
      tag: 'forms',
      access: 'user',
      summary: i18n('表单包：JSON Schema、界面配置和预编译校验模块地址', 'A form bundle: schema, UI schema and the URL of its precompiled validator'),
      query: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 } } },
      handler: async (c, { query }) => {
        const key = c.req.param('definition')!;
        const formKey = c.req.param('form')!;
        const wf = await s.engine.compiled(key, query.version);
        const form = wf.definition.forms?.[formKey];
        if (!form || typeof form.schema === 'string') throw new ChanceryError('form.not_found', { key: `${key}/${formKey}` });
        const bundle = d.forms.formBundle(`${key}/${formKey}`, form as never);
        modules.set(bundle.hash, bundle.validatorModule);
        c.header('ETag', `"${bundle.hash}"`);
        return c.json({ key: `${key}/${formKey}`, definition: { key, version: wf.version }, schema: bundle.schema, uiSchema: bundle.uiSchema ?? null, hash: bundle.hash, validatorModule: `/api/forms/validators/${bundle.hash}.js` });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/files',
      tag: 'files',
      access: 'user',
      status: 201,
      summary: i18n('上传附件（multipart 字段 file；返回 id、大小、sha256）', 'Upload a file (multipart field "file"); returns id, size, sha256'),
      handler: async (c) => {
        const form = await c.req.parseBody().catch(() => {
          throw new ChanceryError('request.invalid', { reason: 'expected multipart/form-data with a "file" field' }, { pointer: '/file' });
        });
        const file = form.file;
        if (!(file instanceof File)) throw new ChanceryError('request.invalid', { reason: 'expected multipart/form-data with a "file" field' }, { pointer: '/file' });
        const stored = await d.files.put(new Uint8Array(await file.arrayBuffer()), { name: file.name, mime: file.type || 'application/octet-stream', uploadedBy: c.get('actor').id });
        return c.json(stored, 201);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/files/:id',
      tag: 'files',
      access: 'user',
      summary: i18n('下载附件（上传人、管理员或能查看引用它的案件的人）', 'Download a file (its uploader, admins, or people who can see a case that refers to it)'),
      handler: async (c) => {
        const actor = c.get('actor');
        const id = c.req.param('id')!;
        const { file, read } = await d.files.get(id);
        let allowed = actor.isAdmin || file.uploadedBy === actor.id;
        if (!allowed) {
          const cases = await s.db.execute<{ id: string; initiator_id: string }>(`SELECT id, initiator_id FROM instance WHERE data::text LIKE $1 LIMIT 20`, [`%"${id}"%`]);
          for (const cs of cases) if (!allowed && (await canSeeCase(s.db, actor, cs))) allowed = true;
        }
        if (!allowed) throw new ChanceryError('file.not_found', { id });
        return c.body(new Uint8Array(await read()), 200, {
          'content-type': file.mime,
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
          'x-content-type-options': 'nosniff',
          'x-checksum-sha256': file.sha256,
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/drafts/:key',
      tag: 'forms',
      access: 'user',
      summary: i18n('读取我的表单草稿（没有草稿时 204）', 'Read my saved form draft (204 when there is none)'),
      handler: async (c) => {
        const key = c.req.param('key')!;
        if (!new RegExp(DRAFT_KEY.pattern).test(key)) throw new ChanceryError('request.invalid', { reason: 'bad draft key' }, { pointer: '/key' });
        const [row] = await s.db.execute<{ data: unknown; saved_at: Date }>('SELECT data, saved_at FROM form_draft WHERE user_id = $1 AND key = $2', [c.get('actor').id, key]);
        // No draft is a normal answer, not an error: a form asks on every load.
        if (!row) return c.body(null, 204);
        return c.json({ key, data: row.data, savedAt: row.saved_at });
      },
    }),
    defineRoute<{ data: Record<string, unknown> }>({
      method: 'put',
      path: '/api/drafts/:key',
      tag: 'forms',
      access: 'user',
      summary: i18n('保存表单草稿（自动保存）', 'Save a form draft (autosave)'),
      body: { type: 'object', additionalProperties: false, required: ['data'], properties: { data: { type: 'object' } } },
      handler: async (c, { body }) => {
        const key = c.req.param('key')!;
        if (!new RegExp(DRAFT_KEY.pattern).test(key)) throw new ChanceryError('request.invalid', { reason: 'bad draft key' }, { pointer: '/key' });
        const now = s.clock();
        await s.db.execute(
          `INSERT INTO form_draft (user_id, key, data, saved_at) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, key) DO UPDATE SET data = EXCLUDED.data, saved_at = EXCLUDED.saved_at`,
          [c.get('actor').id, key, body.data, now],
        );
        return c.json({ key, savedAt: now });
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/drafts/:key',
      tag: 'forms',
      access: 'user',
      summary: i18n('删除我的表单草稿', 'Delete my form draft'),
      handler: async (c) => {
        await s.db.execute('DELETE FROM form_draft WHERE user_id = $1 AND key = $2', [c.get('actor').id, c.req.param('key')!]);
        return c.json({ ok: true });
      },
    }),
  ];
}
