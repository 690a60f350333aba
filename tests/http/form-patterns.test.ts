/**
 * The server never runs a backtracking regex on user input: form `pattern`s are judged by RE2
 * (linear time), and publishing refuses a pattern RE2 cannot run, with its pointer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition } from './helpers.js';

function withForm(key: string, schema: Record<string, unknown>): WorkflowDefinition {
  return {
    key,
    title: { 'zh-CN': '登记', en: 'Register' },
    startForm: 'intake',
    forms: { intake: { schema } },
    initial: 'director',
    states: {
      director: { title: '审核', approval: { assign: { role: 'office-director', unit: 'office' }, mode: 'any' }, on: { approve: 'done', reject: 'done' } },
      done: { final: true },
    },
  };
}

describe('HTTP: form patterns run in linear time', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('refuses to publish a backreference or a lookahead, naming each pattern by pointer', async () => {
    const def = withForm('bad-patterns', {
      type: 'object',
      properties: { code: { type: 'string', pattern: '^(a)\\1$' }, items: { type: 'array', items: { type: 'string', pattern: '^(?=x)x' } } },
      patternProperties: { '^(?!tmp)': { type: 'string' } },
    });
    const res = await s.call('POST', '/api/definitions/bad-patterns/publish', { as: 'admin', body: { definition: def }, headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('definition.invalid');
    const problems = (res.body.error.details.problems as Array<{ code: string; pointer: string }>).filter((p) => p.code === 'definition.unsupported_pattern');
    expect(problems.map((p) => p.pointer).sort()).toEqual([
      '/forms/intake/schema/patternProperties/^(?!tmp)',
      '/forms/intake/schema/properties/code/pattern',
      '/forms/intake/schema/properties/items/items/pattern',
    ]);
    expect((await s.call('GET', '/api/definitions/bad-patterns', { as: 'admin' })).status).toBe(404);
    const validated = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: def });
    expect(validated.body.ok).toBe(false);
    expect(validated.body.problems.some((p: { pointer: string }) => p.pointer === '/forms/intake/schema/properties/code/pattern')).toBe(true);
  });

  it('judges a 40-character near-match of ^(a+)+$ correctly (a backtracking engine would not finish)', async () => {
    await publishDefinition(s, withForm('evil-pattern', { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$', maxLength: 100 } } }));
    const evil = await s.call('POST', '/api/instances', { as: 'zongheke1', body: { definition: 'evil-pattern', data: { code: `${'a'.repeat(40)}b` } } });
    expect(evil.status, JSON.stringify(evil.body)).toBe(422);
    expect(evil.body.error.code).toBe('form.invalid');
    expect(evil.body.error.pointer).toBe('/data/code');
    const fine = await s.call('POST', '/api/instances', { as: 'zongheke1', body: { definition: 'evil-pattern', data: { code: 'a'.repeat(40) } } });
    expect(fine.status, JSON.stringify(fine.body)).toBe(201);
  });

  it('keeps ECMAScript escapes meaning the same: \\u4e00-\\u9fa5 matches Chinese names', async () => {
    await publishDefinition(s, withForm('chinese-name', { type: 'object', properties: { name: { type: 'string', pattern: '^[\\u4e00-\\u9fa5]{2,4}$' } } }));
    const ok = await s.call('POST', '/api/instances', { as: 'zongheke1', body: { definition: 'chinese-name', data: { name: '张三' } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const bad = await s.call('POST', '/api/instances', { as: 'zongheke1', body: { definition: 'chinese-name', data: { name: 'Zhang' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.pointer).toBe('/data/name');
  });

  it('serves browsers a validator module that imports nothing and uses native RegExp', async () => {
    const bundle = await s.call('GET', '/api/forms/chinese-name/intake', { as: 'zongheke1' });
    expect(bundle.status, JSON.stringify(bundle.body)).toBe(200);
    const module = await s.call('GET', bundle.body.validatorModule as string);
    expect(module.status).toBe(200);
    expect(module.body).toContain('new RegExp');
    expect(module.body).not.toContain('re2js');
  });
});
