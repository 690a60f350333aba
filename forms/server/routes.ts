/**
 * The forms engine's server half over HTTP: form bundles with their precompiled validator module
 * (so browsers never compile code and strict-CSP pages work; kept in `form_validator` so every
 * node of a cluster serves it), file uploads with checksums, and
 * per-user drafts for autosave.
 */
import { Readable } from 'node:stream';
import type { FileStore } from './file-store.js';
import type { FormService } from './form-service.js';
import { ChanceryError } from '../../core/errors.js';
import { mayReadFile } from '../../core/runtime/file-refs.js';
import { uploadedFile } from '../../core/http/multipart-upload.js';
import { defineRoute, i18n, type AnyRoute } from '../../core/http/route.js';
import type { AppServices } from '../../core/http/services.js';
import { Draft, FormBundle, StoredFile } from '../../core/http/schemas/misc.js';
import { formData, Ok } from '../../core/http/schemas/common.js';

export interface FormRoutesDeps {
  forms: FormService;
  files: FileStore;
  /** The largest upload accepted, in bytes. */
  maxBytes: number;
}

const HASH = /^[0-9a-f]{64}$/;
const DRAFT_KEY = { type: 'string', pattern: '^[A-Za-z0-9:._-]{1,200}$' } as const;

export function formRoutes(s: AppServices, d: FormRoutesDeps): AnyRoute[] {
  // A cache of `form_validator`: modules are content-addressed, so a remembered one never goes stale.
  const modules = new Map<string, string>();
  async function moduleOf(hash: string): Promise<string | undefined> {
    const hit = modules.get(hash);
    if (hit) return hit;
    const [row] = await s.db.execute<{ code: string }>('SELECT code FROM form_validator WHERE hash = $1', [hash]);
    if (row) remember(hash, row.code);
    return row?.code;
  }
  function remember(hash: string, code: string): void {
    if (modules.size >= 1_000) modules.delete(modules.keys().next().value!);
    modules.set(hash, code);
  }
  return [
    // Registered before /api/forms/:definition/:form, which would otherwise match it.
    defineRoute({
      method: 'get',
      path: '/api/forms/validators/:file',
      tag: 'forms',
      access: 'public',
      summary: i18n('预编译的表单校验模块（按内容哈希寻址，可长期缓存）', 'A precompiled validator module (content-addressed, cacheable)'),
      responseSpec: { contentType: 'text/javascript', schema: { type: 'string' }, description: 'An ES module exporting the validator' },
      errors: ['form.not_found'],
      handler: async (c, { params }) => {
        const hash = params.file.replace(/\.js$/, '');
        const code = HASH.test(hash) ? await moduleOf(hash) : undefined;
        if (!code) throw new ChanceryError('form.not_found', { key: hash });
        return c.body(code, 200, {
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'public, max-age=31536000, immutable',
          'access-control-allow-origin': '*',
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/forms/:definition/:form',
      tag: 'forms',
      access: 'user',
      summary: i18n('表单包：JSON Schema、界面配置和预编译校验模块地址', 'A form bundle: schema, UI schema and the URL of its precompiled validator'),
      query: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 } } },
      response: FormBundle,
      errors: ['form.not_found', 'definition.not_found', 'definition.version_not_found'],
      handler: async (c, { query, params }) => {
        const key = params.definition;
        const formKey = params.form;
        const wf = await s.engine.compiled(key, query.version);
        const form = wf.definition.forms?.[formKey];
        if (!form || typeof form === 'string' || typeof form.schema === 'string') throw new ChanceryError('form.not_found', { key: `${key}/${formKey}` });
        const bundle = d.forms.formBundle(`${key}/${formKey}`, form as never);
        if (!modules.has(bundle.hash)) {
          // Persisted before its URL is handed out: the browser may fetch it from another node.
          await s.db.execute('INSERT INTO form_validator (hash, code) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING', [bundle.hash, bundle.validatorModule]);
          remember(bundle.hash, bundle.validatorModule);
        }
        c.header('ETag', `"${bundle.hash}"`);
        return c.json({
          key: `${key}/${formKey}`,
          definition: { key, version: wf.version },
          schema: bundle.schema,
          uiSchema: bundle.uiSchema ?? null,
          hash: bundle.hash,
          validatorModule: `/api/forms/validators/${bundle.hash}.js`,
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/files',
      tag: 'files',
      access: 'user',
      status: 201,
      summary: i18n(
        '上传附件（multipart 字段 file，可选字段 sha256 或请求头 X-Checksum-Sha256 校验；返回 id、大小、sha256）',
        'Upload a file (multipart field "file"; optional field "sha256" or header X-Checksum-Sha256 is verified); returns id, size, sha256',
      ),
      bodyContentType: 'multipart/form-data',
      response: StoredFile,
      errors: ['file.too_large', 'file.type_not_allowed'],
      handler: async (c) => {
        const part = await uploadedFile(c.req.raw, d.maxBytes);
        const sha256 = c.req.header('x-checksum-sha256') ?? part.fields.sha256;
        try {
          const stored = await d.files.put(part.stream, { name: part.name, mime: part.mime, uploadedBy: c.get('actor').id, ...(sha256 ? { sha256 } : {}) });
          return c.json(stored, 201);
        } finally {
          // A refused upload still has to be read to its end before the answer can go out.
          part.stream.resume();
        }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/files/:id',
      tag: 'files',
      access: 'user',
      summary: i18n(
        '下载附件（未放入案件前仅上传人可下载；放入案件后，能查看该案件的人可下载）',
        'Download a file (only its uploader until it is put in a case; then whoever may read that case)',
      ),
      responseSpec: {
        contentType: '*/*',
        description: 'The file, with the media type it was uploaded with',
        schema: { type: 'string', contentMediaType: 'application/octet-stream' },
        headers: {
          'Content-Disposition': { description: "attachment; filename*=UTF-8''<name>", schema: { type: 'string' } },
          'X-Checksum-Sha256': { description: 'sha256 of the content, hex', schema: { type: 'string' } },
        },
      },
      errors: ['file.not_found'],
      handler: async (c, { params }) => {
        const id = params.id;
        const { file, stream } = await d.files.get(id);
        // Someone who may not read the file learns nothing about it, not even that it exists.
        if (!(await mayReadFile(s.db, c.get('actor'), file))) throw new ChanceryError('file.not_found', { id });
        const body = Readable.toWeb(await stream()) as unknown as ReadableStream<Uint8Array>;
        return c.body(body, 200, {
          'content-type': file.mime,
          'content-length': String(file.size),
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
      params: { key: DRAFT_KEY },
      response: Draft,
      alsoStatus: { 204: 'No draft saved under this key' },
      handler: async (c, { params }) => {
        const key = params.key;
        const [row] = await s.db.execute<{ data: unknown; saved_at: Date }>('SELECT data, saved_at FROM form_draft WHERE user_id = $1 AND key = $2', [
          c.get('actor').id,
          key,
        ]);
        // No draft is a normal answer, not an error: a form asks on every load.
        if (!row) return c.body(null, 204);
        return c.json({ key, data: row.data, savedAt: row.saved_at });
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/drafts/:key',
      tag: 'forms',
      access: 'user',
      summary: i18n('保存表单草稿（自动保存）', 'Save a form draft (autosave)'),
      body: { type: 'object', additionalProperties: false, required: ['data'], properties: { data: formData } },
      params: { key: DRAFT_KEY },
      response: { type: 'object', required: ['key', 'savedAt'], properties: { key: { type: 'string' }, savedAt: { type: 'string', format: 'date-time' } } },
      handler: async (c, { body, params }) => {
        const key = params.key;
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
      params: { key: DRAFT_KEY },
      response: Ok,
      handler: async (c, { params }) => {
        await s.db.execute('DELETE FROM form_draft WHERE user_id = $1 AND key = $2', [c.get('actor').id, params.key]);
        return c.json({ ok: true });
      },
    }),
  ];
}
