/**
 * A third-party plugin named in chancery.config.json: loaded at boot, listed by GET /api/plugins,
 * its parameter schema checked when a definition is published, and its action run in a case.
 * A plugin that cannot be loaded stops the boot with a clear error.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../core/config.js';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { ChanceryError } from '../../core/errors.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { publishDefinition, startCase } from '../http/helpers.js';
import { openTestDatabase } from '../support/db.js';
import { startTestServer, testConfig, type TestServer } from '../support/server.js';
import { caseRow, waitFor } from './support.js';

const archiving = (retention: string): WorkflowDefinition => ({
  key: 'archive-doc',
  title: { 'zh-CN': '公文归档', en: 'Archive a document' },
  initial: 'register',
  states: {
    register: {
      entry: [
        {
          action: 'archive.register',
          with: { category: 'WS', retention, title: '{{data.subject}}' },
          result: { 'archive.number': '/archiveNo', 'archive.category': '/category' },
        },
      ],
      on: { 'action.done': 'archived' },
    },
    archived: { final: true },
  },
});

describe('a plugin from chancery.config.json', () => {
  let dir: string;
  let s: TestServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chancery-config-'));
    const example = relative(dir, join(process.cwd(), 'plugins/examples/archive/index.ts'));
    await writeFile(join(dir, 'chancery.config.json'), JSON.stringify({ plugins: [`${example.startsWith('.') ? '' : './'}${example}`] }));
    const fromFile = loadConfig({ CHANCERY_DATA_DIR: join(dir, 'data') }, dir);
    s = await startTestServer({ config: testConfig({ plugins: fromFile.plugins }), baseDir: dir });
  });
  afterAll(async () => {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is listed with its action and parameter schema next to the built-ins', async () => {
    const res = await s.call('GET', '/api/plugins', { as: 'zongheke1' });
    expect(res.status).toBe(200);
    const names = res.body.items.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['notify', 'webhook', 'numbering', 'escalate', 'bulletin', 'http-form-data', 'archive']));
    const archive = res.body.items.find((p: { name: string }) => p.name === 'archive');
    expect(archive).toMatchObject({
      version: '1.0.0',
      actions: [{ name: 'archive.register', params: { required: ['category', 'retention', 'title'] }, retry: { limit: 3, delaySeconds: 5 } }],
    });
    expect((await s.app.request('/api/plugins')).status).toBe(401);
  });

  it('refuses a definition with a bad parameter, pointing at it', async () => {
    const res = await s.call('POST', '/api/definitions/archive-doc/publish', { as: 'admin', body: { definition: archiving('5年') } });
    expect(res.status).toBe(422);
    const problem = res.body.error.details.problems.find((p: { code: string }) => p.code === 'definition.invalid_action_params');
    expect(problem.pointer).toBe('/states/register/entry/0/with/retention');
    const unknown = await s.call('POST', '/api/definitions/archive-doc/publish', {
      as: 'admin',
      body: {
        definition: {
          ...archiving('永久'),
          states: { ...archiving('永久').states, register: { ...archiving('永久').states.register, entry: [{ action: 'archive.burn', with: {} }] } },
        },
      },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.problems[0]).toMatchObject({ code: 'definition.unknown_action', pointer: '/states/register/entry/0/action' });
  });

  it('runs its action in a published definition and maps the archive number into the case', async () => {
    await publishDefinition(s, archiving('30年'));
    const id = await startCase(s, 'zongheke1', 'archive-doc', { subject: '关于2026年春耕生产的通知' });
    const done = await waitFor(
      () => caseRow(s, id),
      (c) => c.status !== 'running',
      'the archiving',
    );
    expect(done.data).toMatchObject({ archive: { number: expect.stringMatching(/^X001-WS·2026-D30-\d{5}$/), category: '文书' } });
  });
});

describe('a plugin that cannot be used', () => {
  it('stops the boot naming the plugin, in both languages', async () => {
    const db = await openTestDatabase();
    onTestFinished(() => db.close());
    const missing = startTestServer({ db, config: testConfig({ plugins: ['./no-such-plugin.js'] }) });
    await expect(missing).rejects.toMatchObject({ code: 'plugin.load_failed' });
    const e = (await missing.catch((x: unknown) => x)) as ChanceryError;
    expect(e.localized('zh-CN')).toContain('无法加载插件「./no-such-plugin.js」');
    expect(e.localized('en')).toContain('Cannot load the plugin "./no-such-plugin.js"');

    const badVersion = definePlugin({ name: 'stamp', version: 'latest', actions: {} });
    await expect(startTestServer({ db, plugins: [badVersion] })).rejects.toMatchObject({ code: 'plugin.invalid' });
    const badSchema = definePlugin({ name: 'stamp', version: '1.0.0', actions: { put: { params: { type: 'objekt' }, run: async () => ({}) } } });
    await expect(startTestServer({ db, plugins: [badSchema] })).rejects.toMatchObject({ code: 'plugin.invalid' });
    const clash = definePlugin({ name: 'notify', version: '9.0.0', actions: {} });
    await expect(startTestServer({ db, plugins: [clash] })).rejects.toMatchObject({ code: 'plugin.duplicate' });
  });
});
