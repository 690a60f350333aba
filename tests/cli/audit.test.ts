import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { openDatabase } from '../../core/persistence/database.js';
import { complete, publishDefinition, startCase } from '../http/helpers.js';
import { startTestServer, testConfig } from '../support/server.js';
import { runCli, tempDataDir } from './run-cli.js';

const leave: WorkflowDefinition = {
  key: 'cli-leave',
  title: { 'zh-CN': '请假', en: 'Leave' },
  initial: 'director',
  states: {
    director: { approval: { assign: { role: 'office-director', unit: 'office' }, mode: 'any' }, on: { approve: 'head', reject: 'done' } },
    head: { approval: { assign: { role: 'county-head', unit: 'county' }, mode: 'any' }, on: { approve: 'done', reject: 'done' } },
    done: { final: true },
  },
};

describe('chancery audit verify', () => {
  const dataDir = tempDataDir();
  const env = { CHANCERY_DATA_DIR: dataDir };
  let first = '';
  let second = '';

  beforeAll(async () => {
    // Two cases with history, written by the real server into an on-disk PGlite data folder.
    const db = await openDatabase({ dataDir });
    const s = await startTestServer({ db, config: testConfig({ dataDir }) });
    await publishDefinition(s, leave);
    first = await startCase(s, 'zongheke1', 'cli-leave');
    await complete(s, 'zhuren', first, { outcome: 'approve' });
    second = await startCase(s, 'zongheke2', 'cli-leave');
    await complete(s, 'zhuren', second, { outcome: 'approve' });
    // Two administrative changes: the system chain has entries too.
    expect((await s.call('POST', '/api/directory/roles', { as: 'admin', body: { key: 'cli-archivist', name: '档案员' } })).status).toBe(201);
    expect((await s.call('PUT', '/api/calendar/cn/days/2026-03-20', { as: 'admin', body: { kind: 'holiday', name: { 'zh-CN': '县庆' } } })).status).toBe(200);
    await s.close();
    await db.close();
  }, 120_000);

  it('reports an intact chain and exits 0', async () => {
    const r = await runCli(['audit', 'verify'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/审计链完好：已校验 \d+ 条记录/);
    expect(r.stdout).toMatch(/The audit chain is intact: \d+ entries checked/);
    expect(r.stdout).toMatch(/（案件 \d+ 条，系统 2 条）/);
  });

  it('finds a row changed behind its back, names the case and the first broken entry, and exits 1', async () => {
    const db = await openDatabase({ dataDir });
    await db.execute('ALTER TABLE audit_event DISABLE TRIGGER USER');
    await db.execute(`UPDATE audit_event SET payload = '{"outcome":"forged"}' WHERE instance_id = $1 AND seq = 2`, [second]);
    await db.execute('ALTER TABLE audit_event ENABLE TRIGGER USER');
    await db.close();

    const all = await runCli(['audit', 'verify'], env);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain('[audit.broken_chain]');
    expect(all.stdout).toContain(second);
    expect(all.stdout).toContain('entry 2');
    expect(all.stdout).toContain('记录内容与哈希不符');

    const other = await runCli(['audit', 'verify', '--instance', first], env);
    expect(other.code).toBe(0);
    const tampered = await runCli(['audit', 'verify', '--instance', second], env);
    expect(tampered.code).toBe(1);
  }, 120_000);

  it('names the first changed entry of the system chain too, beside the broken case', async () => {
    const db = await openDatabase({ dataDir });
    await db.execute('ALTER TABLE system_audit DISABLE TRIGGER USER');
    await db.execute(`UPDATE system_audit SET payload = '{"key":"forged"}' WHERE seq = 2`);
    await db.execute('ALTER TABLE system_audit ENABLE TRIGGER USER');
    await db.close();

    const all = await runCli(['audit', 'verify'], env);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(second);
    expect(all.stdout).toContain('系统审计链 / the system audit chain');
    expect(all.stdout).toMatch(/the system audit chain\n\s+第 2 条 \/ entry 2: 记录内容与哈希不符/);
    // One case only: the system chain is not its business.
    expect((await runCli(['audit', 'verify', '--instance', first], env)).code).toBe(0);
  }, 120_000);

  it('rejects an --instance that is not a case id', async () => {
    const r = await runCli(['audit', 'verify', '--instance', "x' OR 1=1"], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[cli.usage]');
  });
});
