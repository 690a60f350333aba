/**
 * Whatever the form designer can produce publishes and runs: a form with one field of every
 * palette item (written by the designer's own model) is published in a workflow, served as a
 * bundle, and a case starts with data in every field (an uploaded file included) and goes
 * through a task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { FIELD_TYPES, newField, toSchemas, type FieldDef } from '../../ui/admin/form-model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, publishDefinition, startCase, taskOf } from './helpers.js';

const fields: FieldDef[] = [];
for (const type of FIELD_TYPES)
  fields.push({
    ...newField(
      type,
      fields.map((f) => f.name),
    ),
    labelZh: `字段${type}`,
    required: type !== 'checkbox',
  });
const form = toSchemas(fields);

/** The values the designer generated for a choice field's options (it writes `opt1`, `opt2`, … and shows the labels). */
function choices(name: string): string[] {
  const prop = (form as unknown as { schema: { properties: Record<string, { enum?: string[]; items?: { enum?: string[] } }> } }).schema.properties[name];
  return prop?.enum ?? prop?.items?.enum ?? [];
}

const def: WorkflowDefinition = {
  key: 'every-palette-item',
  title: { 'zh-CN': '全部字段', en: 'Every field' },
  startForm: 'apply',
  forms: { apply: form as never },
  initial: 'draft',
  states: {
    draft: { title: { 'zh-CN': '拟稿', en: 'Draft' }, task: { assign: { initiator: true }, form: 'apply' }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

describe('HTTP: every palette item of the form designer publishes and runs', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  }, 180_000);
  afterAll(() => s.close());

  it('publishes, serves the start form, starts a case with every field filled and completes its task', async () => {
    await publishDefinition(s, def);
    const bundle = await s.call('GET', '/api/forms/every-palette-item/apply', { as: 'zongheke1' });
    expect(bundle.status, JSON.stringify(bundle.body)).toBe(200);

    const upload = new FormData();
    upload.set('file', new File([Buffer.from('用车说明')], '说明.txt', { type: 'text/plain' }));
    const up = await s.app.request('/api/files', { method: 'POST', body: upload, headers: { authorization: `Bearer ${await s.token('zongheke1')}` } });
    expect(up.status).toBe(201);
    const file = (await up.json()) as Record<string, unknown>;
    const units = await s.call('GET', '/api/directory/units', { as: 'admin' });
    const users = await s.call('GET', '/api/directory/users?q=zhuren', { as: 'admin' });

    const data: Record<string, unknown> = {
      text1: '公务用车',
      textarea1: '下乡调研',
      number1: 12.5,
      integer1: 3,
      date1: '2026-03-05',
      select1: choices('select1')[0],
      radio1: choices('radio1')[1],
      checkbox1: true,
      multi1: choices('multi1').slice(0, 2),
      opinion1: '同意',
      user1: users.body.items[0].id,
      unit1: units.body.items[0].id,
      file1: [{ id: file.id, name: file.name, size: file.size, sha256: file.sha256, mime: file.mime }],
    };
    const id = await startCase(s, 'zongheke1', def.key, data);
    const t = await taskOf(s, 'zongheke1', id);
    const done = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'zongheke1', body: { outcome: 'submit', data } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await caseOf(s, id)).status).toBe('completed');
  });
});
