/** Workflow definitions: drafts, validation, publishing, versions and migration of running cases. */
import { definitionSchema } from '../../definition/index.js';
import { requestMove } from '../../runtime/admin-moves.js';
import { migrateInstances } from '../../runtime/migrate-instances.js';
import { listDefinitions, listVersions, publish, saveDraft, validateBody } from '../../runtime/publishing.js';
import { requireAdmin } from '../auth.js';
import { isRetired, retiredKeys, retirementHistory, setRetired } from '../../runtime/retirement.js';
import { MAX_DEFINITION_DEPTH } from '../json-limits.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { pageList, pagingProps } from '../list.js';
import { DefinitionRecord, DefinitionSummary, DefinitionVersion, MigrationReport, RetirementChange, ValidationReport } from '../schemas/definitions.js';
import { definitionKey, page } from '../schemas/common.js';

/** A definition key in the path. */
const keyParams = { key: definitionKey } as const;

export function definitionRoutes(s: AppServices): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/schemas/definition.json',
      tag: 'definitions',
      access: 'public',
      summary: i18n('流程定义的 JSON Schema', 'The JSON Schema of workflow definitions'),
      response: { type: 'object', description: 'A JSON Schema 2020-12 document (`$id` https://chancery.dev/schemas/definition.json)' },
      handler: async (c) => c.json(definitionSchema as never),
    }),
    defineRoute({
      method: 'get',
      path: '/api/definitions',
      tag: 'definitions',
      access: 'user',
      summary: i18n(
        '流程列表（管理员可见草稿；已停用的流程不列出，管理员可用 includeRetired 查看；mayStart 表示本人能否发起，startable=true 只列本人可发起的）',
        'Workflows (admins also see drafts; retired ones only with includeRetired, for admins; mayStart says whether I may start one, startable=true lists only those)',
      ),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: { includeRetired: { type: 'boolean' }, startable: { type: 'boolean' }, ...pagingProps },
      },
      response: page(DefinitionSummary),
      errors: ['auth.admin_only'],
      handler: async (c, { query }) => {
        const actor = c.get('actor');
        if (query.includeRetired) requireAdmin(c);
        const rows = await listDefinitions(s.db);
        const retired = await retiredKeys(s.db);
        const shown = rows.filter((r) => (actor.isAdmin || r.latest !== null) && (query.includeRetired || !retired.has(r.key)));
        const items = [];
        for (const r of shown) {
          // The start command's own check (the definition's starters), per published workflow.
          const mayStart = r.latest !== null && !retired.has(r.key) && (await s.engine.mayStart(actor, r.key));
          if (query.startable && !mayStart) continue;
          items.push({
            key: r.key,
            title: r.title,
            ...(r.description ? { description: r.description } : {}),
            latest: r.latest,
            hasDraft: actor.isAdmin ? r.has_draft : undefined,
            running: r.running,
            publishedAt: r.published_at,
            retired: retired.has(r.key),
            mayStart,
          });
        }
        const { startable: _startable, ...paging } = query;
        return c.json(pageList(items, paging));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/definitions/:key',
      tag: 'definitions',
      access: 'user',
      summary: i18n('流程定义（最新发布版、指定版本或草稿）', 'A definition: latest published, a version, or the draft'),
      query: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 }, draft: { type: 'boolean' } } },
      params: keyParams,
      response: DefinitionRecord,
      errors: ['definition.not_found', 'definition.version_not_found', 'definition.no_draft', 'auth.admin_only'],
      handler: async (c, { query, params }) => {
        if (query.draft) requireAdmin(c);
        const row = await s.engine.definitions.get(s.db, params.key, query.draft ? 'draft' : query.version);
        const retired = await isRetired(s.db, row.key);
        // Said before anyone fills the start form: whether this user may start the workflow.
        const mayStart = query.draft || retired ? false : await s.engine.mayStart(c.get('actor'), row.key);
        return c.json({ key: row.key, version: row.version, status: row.status, publishedAt: row.published_at, retired, definition: row.body, mayStart });
      },
    }),
    ...(['retire', 'restore'] as const).map((verb) =>
      defineRoute({
        method: 'post',
        path: `/api/definitions/:key/${verb}`,
        tag: 'definitions',
        access: 'admin',
        summary:
          verb === 'retire'
            ? i18n(
                '停用流程：不能再发起新案件，在办案件照常办理，流程不再出现在发起列表和筛选中（记录操作人与理由）',
                'Retire a workflow: no new cases; running cases continue; it leaves start lists and filters (who and why are recorded)',
              )
            : i18n('恢复已停用的流程（记录操作人与理由）', 'Restore a retired workflow (who and why are recorded)'),
        body: { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } } },
        params: keyParams,
        response: RetirementChange,
        errors: ['definition.not_found', verb === 'retire' ? 'definition.retired' : 'definition.not_retired'],
        handler: async (c, { body, params }) => {
          const actor = c.get('actor');
          return c.json(await s.db.transaction((tx) => setRetired(tx, params.key, verb === 'retire', actor.id, body.reason, s.engine.deps.clock())));
        },
      }),
    ),
    defineRoute({
      method: 'get',
      path: '/api/definitions/:key/retirements',
      tag: 'definitions',
      access: 'admin',
      summary: i18n('流程停用与恢复记录', 'When the workflow was retired and restored, by whom and why'),
      params: keyParams,
      query: { type: 'object', additionalProperties: false, properties: { ...pagingProps } },
      response: page({
        type: 'object',
        required: ['type', 'actorId', 'reason', 'at'],
        properties: {
          type: { enum: ['definition.retired', 'definition.restored'] },
          actorId: { type: ['string', 'null'] },
          reason: { type: ['string', 'null'] },
          at: { type: 'string', format: 'date-time' },
        },
      }),
      handler: async (c, { params, query }) => c.json(pageList(await retirementHistory(s.db, params.key), query)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/definitions/:key/versions',
      tag: 'definitions',
      access: 'user',
      summary: i18n('版本列表及在办案件数', 'Versions with their running-case counts'),
      query: { type: 'object', additionalProperties: false, properties: { ...pagingProps } },
      params: keyParams,
      response: page(DefinitionVersion),
      errors: ['definition.not_found'],
      handler: async (c, { params, query }) => c.json(pageList(await listVersions(s.db, params.key), query)),
    }),
    defineRoute({
      method: 'put',
      path: '/api/definitions/:key/draft',
      tag: 'definitions',
      access: 'admin',
      summary: i18n('保存草稿（返回校验结果）', 'Save the draft (returns the validation report)'),
      body: {
        type: 'object',
        required: ['key'],
        additionalProperties: true,
        properties: { key: { type: 'string' } },
        description: 'A workflow definition, possibly incomplete',
      },
      maxDepth: MAX_DEFINITION_DEPTH,
      params: keyParams,
      response: {
        type: 'object',
        required: ['key', 'status', 'validation'],
        properties: { key: { type: 'string' }, status: { const: 'draft' }, validation: ValidationReport },
      },
      errors: ['definition.key_mismatch'],
      handler: async (c, { body, params }) => c.json(await s.db.transaction((tx) => saveDraft(s.publishing, tx, params.key, body, c.get('actor').id))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/definitions/validate',
      tag: 'definitions',
      access: 'admin',
      summary: i18n('校验流程定义（列出全部问题及 JSON 指针）', 'Validate a definition: every problem with its JSON pointer'),
      body: { type: 'object', additionalProperties: true, description: 'A workflow definition' },
      maxDepth: MAX_DEFINITION_DEPTH,
      response: ValidationReport,
      handler: async (c, { body }) => {
        const v = await validateBody(s.publishing, s.db, body);
        return c.json({
          ok: v.ok,
          problems: v.problems.map((p) => ({ ...p, message: p.message[c.get('actor').lang] ?? p.message['zh-CN'], messages: p.message })),
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/definitions/:key/publish',
      tag: 'definitions',
      access: 'admin',
      status: 201,
      summary: i18n('发布（草稿或请求中的定义）为新版本', 'Publish the draft (or the given definition) as the next version'),
      body: { type: 'object', additionalProperties: false, properties: { definition: { type: 'object', additionalProperties: true } } },
      maxDepth: MAX_DEFINITION_DEPTH,
      params: keyParams,
      response: {
        type: 'object',
        required: ['key', 'version', 'publishedAt'],
        properties: { key: { type: 'string' }, version: { type: 'integer' }, publishedAt: { type: 'string', format: 'date-time' } },
      },
      // A published version is read as `?version=N` of its definition.
      location: (published, { key }) => `/api/definitions/${key}?version=${String(published.version)}`,
      errors: ['definition.invalid', 'definition.no_draft', 'definition.key_mismatch'],
      handler: async (c, { body, params }) => {
        const actor = c.get('actor');
        const key = params.key;
        const published = await s.db.transaction((tx) => publish(s.publishing, tx, key, actor.id, body.definition));
        return c.json(published, 201);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/definitions/:key/migrate',
      tag: 'definitions',
      access: 'admin',
      summary: i18n(
        '迁移在办案件到新版本：试运行返回预检报告（每个案件一行及其问题）；执行时有问题即拒绝，除非 onlyClean；越级移动需理由并由另一位管理员批准（202）',
        'Move running cases to another version: the dry run is a pre-flight report (one row per case with its problems); apply refuses while a row has a problem unless onlyClean; a move past a level needs a reason and a second admin (202)',
      ),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to', 'mapping'],
        properties: {
          from: { type: 'integer', minimum: 1 },
          to: { type: 'integer', minimum: 1 },
          mapping: { type: 'object', additionalProperties: { type: 'string' } },
          instances: { type: 'array', items: { type: 'string', format: 'uuid' } },
          dryRun: { type: 'boolean', default: true },
          onlyClean: { type: 'boolean', default: false },
          reason: { type: 'string', minLength: 1, maxLength: 2000 },
        },
      },
      params: keyParams,
      alsoStatus: { 202: 'Nothing moved yet: the moves past a level wait for a second administrator (`pendingMove`)' },
      response: MigrationReport,
      errors: [
        'definition.not_found',
        'definition.version_not_found',
        'migration.unmapped_state',
        'migration.unknown_target',
        'migration.case_not_selectable',
        'migration.has_problems',
        'migration.needs_approval',
        'migration.level_skipped',
      ],
      handler: async (c, { body, params }) => {
        const actor = requireAdmin(c);
        const key = params.key;
        const plan = { key, from: body.from, to: body.to, mapping: body.mapping, ...(body.instances ? { instances: body.instances } : {}) };
        const dryRun = body.dryRun !== false;
        const report = await migrateInstances(s.engine.deps, plan, (tx, v) => s.engine.definitions.compiled(tx, key, v), {
          dryRun,
          actorId: actor.id,
          ...(body.onlyClean ? { onlyClean: true } : {}),
          ...(body.reason ? { reason: body.reason } : {}),
        });
        if (!dryRun && report.needsApproval) {
          const skipsOf = (r: (typeof report.rows)[number]) =>
            r.problems.flatMap((p) => (p.code === 'migration.level_skipped' ? ((p.details?.levels as string[]) ?? []) : []));
          const levels = [...new Set(report.rows.flatMap(skipsOf))];
          // The second admin approves these cases and, per case, these levels: nothing that starts or moves meanwhile.
          const skips = Object.fromEntries(report.rows.map((r) => [r.instanceId, skipsOf(r)]));
          const request = { ...plan, instances: report.rows.map((r) => r.instanceId), skips, ...(body.onlyClean ? { onlyClean: true } : {}) };
          const move = await requestMove(s.db, {
            kind: 'migration',
            definitionKey: key,
            request,
            reason: body.reason!,
            levels,
            requestedBy: actor.id,
            at: s.engine.deps.clock(),
          });
          return c.json({ ...report, pendingMove: move }, 202);
        }
        return c.json(report);
      },
    }),
  ];
}
