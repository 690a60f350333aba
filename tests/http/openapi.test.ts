/**
 * The OpenAPI document as integrators and generators use it: every reference resolves inside the
 * document, every operation says what it answers (schema, media type, error codes), who may call
 * it, and which headers come back; and the response check every HTTP test runs through really
 * refuses what the document does not declare.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { createResponseChecker } from '../support/openapi-check.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition } from './helpers.js';

type Op = {
  security?: Array<Record<string, string[]>>;
  'x-required-role'?: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> }>;
};
type Doc = { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, unknown> } };

const oneStep: WorkflowDefinition = {
  key: 'one-step',
  title: { 'zh-CN': '一步办结', en: 'One step' },
  initial: 'handle',
  states: {
    handle: { task: { assign: { role: 'secretariat-clerk', unit: 'office' } }, on: { submit: 'done' } },
    done: { final: true },
  },
};

describe('the OpenAPI document', () => {
  let s: TestServer;
  let doc: Doc;
  const ops = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

  beforeAll(async () => {
    s = await startTestServer();
    doc = (await (await s.app.request('/openapi.json')).json()) as Doc;
  });
  afterAll(async () => {
    await s?.close();
  });

  it('resolves every $ref inside the document (no nested $id, no #/$defs)', () => {
    const refs = new Set<string>();
    JSON.stringify(doc, (k, v: unknown) => {
      if (k === '$ref' && typeof v === 'string') refs.add(v);
      return v;
    });
    expect(refs.size).toBeGreaterThan(30);
    const unresolved = [...refs].filter(
      (r) => !r.startsWith('#/components/schemas/') || !(decodeURIComponent(r.slice('#/components/schemas/'.length)) in doc.components.schemas),
    );
    expect(unresolved).toEqual([]);
    expect(JSON.stringify(doc.components.schemas.WorkflowDefinition)).not.toContain('$id');
  });

  it('gives every operation a documented success response with a media type and a schema', () => {
    const missing = ops()
      .filter(({ op }) => {
        const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
        const content = success?.[1].content;
        return !content || Object.values(content).some((m) => m.schema === undefined || JSON.stringify(m.schema) === '{}');
      })
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
  });

  it('marks admin-only operations with the admin role, x-required-role and a 403 naming auth.admin_only', () => {
    const op = doc.paths['/api/audit/verify']!.get!;
    expect(op.security).toEqual([{ bearer: ['admin'] }, { apiKey: ['admin'] }]);
    expect(op['x-required-role']).toBe('admin');
    expect(JSON.stringify(op.responses['403'])).toContain('auth.admin_only');
    const staffOp = doc.paths['/api/tasks']!.get!;
    expect(staffOp.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(staffOp.responses['401']).toBeDefined();
  });

  it('documents the real media types: event stream (signed in), CSV export, file download, multipart upload', () => {
    const stream = doc.paths['/api/notifications/stream']!.get!;
    expect(Object.keys(stream.responses['200']!.content!)).toEqual(['text/event-stream']);
    expect(stream.security).not.toEqual([]);
    expect(Object.keys(doc.paths['/api/stats/export']!.get!.responses['200']!.content!)).toEqual(['text/csv']);
    expect(Object.keys(doc.paths['/api/files/{id}']!.get!.responses['200']!.content!)).toEqual(['*/*']);
    expect(Object.keys(doc.paths['/api/files']!.post!.requestBody!.content)).toEqual(['multipart/form-data']);
  });

  it('lists the error codes each status can carry, from the route and the error catalogue', () => {
    const complete = doc.paths['/api/tasks/{id}/complete']!.post!;
    expect(JSON.stringify(complete.responses['409'])).toContain('task.already_done');
    expect(JSON.stringify(complete.responses['422'])).toContain('form.invalid');
    expect(JSON.stringify(complete.responses['404'])).toContain('task.not_found');
    expect(JSON.stringify(doc.paths['/api/auth/login']!.post!.responses['429'])).toContain('request.rate_limited');
  });

  it('declares Idempotent-Replayed on idempotent commands and Location on 201', () => {
    const start = doc.paths['/api/instances']!.post!;
    expect(Object.keys(start.responses['201']!.headers!)).toEqual(expect.arrayContaining(['Idempotent-Replayed', 'Location']));
    expect(start.parameters?.map((p) => p.name)).toContain('Idempotency-Key');
  });

  it('answers a started case with Location pointing at it, and a retried start with Idempotent-Replayed', async () => {
    await publishDefinition(s, oneStep);
    const first = await s.call('POST', '/api/instances', {
      as: 'zongheke1',
      body: { definition: 'one-step' },
      headers: { 'Idempotency-Key': 'openapi-start-1' },
    });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/instances/${first.body.id}`);
    const again = await s.call('POST', '/api/instances', {
      as: 'zongheke1',
      body: { definition: 'one-step' },
      headers: { 'Idempotency-Key': 'openapi-start-1' },
    });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const read = await s.call('GET', first.headers.get('location')!, { as: 'zongheke1' });
    expect(read.status).toBe(200);
  });

  it('refuses a path parameter that breaks its declared schema, with the pointer of the parameter', async () => {
    const res = await s.call('POST', '/api/definitions/Bad_Key/publish', { as: 'admin', body: {}, headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'request.invalid', kind: 'user', pointer: '/key' });
  });
});

describe('the response check every HTTP test runs', () => {
  let checker: ReturnType<typeof createResponseChecker>;
  beforeAll(async () => {
    const s = await startTestServer();
    try {
      checker = createResponseChecker(await (await s.app.request('/openapi.json')).json());
    } finally {
      await s.close();
    }
  });

  it('passes a response shaped as documented', () => {
    expect(checker.check('GET', '/api/tasks?scope=pool', 200, 'application/json', { items: [], total: 0, page: 1, pageSize: 20 })).toBeUndefined();
  });

  it('fails a body that does not match the documented schema', () => {
    expect(checker.check('GET', '/api/tasks', 200, 'application/json', { items: 'none', total: 0, page: 1, pageSize: 20 })).toMatch(/does not match/);
  });

  it('fails an error code the route does not declare for that status', () => {
    const body = { error: { code: 'definition.no_draft', kind: 'user', message: '…' } };
    expect(checker.check('GET', '/api/tasks/7d3c4a43-8f33-4d0b-9a53-8a4d1b9c0e11', 404, 'application/json', body)).toMatch(/does not match/);
  });

  it('fails a status or a media type the document does not declare', () => {
    expect(checker.check('GET', '/api/tasks', 418, 'application/json', {})).toMatch(/declares no 418/);
    expect(checker.check('GET', '/api/stats/export', 200, 'application/json', {})).toMatch(/text\/csv/);
  });
});
