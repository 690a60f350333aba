import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, complete, publishDefinition, startCase, taskOf } from './helpers.js';
import { chain } from './level-chain.js';

async function publishRefused(s: TestServer, def: WorkflowDefinition) {
  const res = await s.call('POST', `/api/definitions/${def.key}/publish`, { as: 'admin', body: { definition: def } });
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.code).toBe('definition.invalid');
  return res.body.error.details.problems as Array<{
    code: string;
    pointer: string;
    details: { path: string; steps: string[] };
    message: { 'zh-CN': string; en: string };
  }>;
}

describe('HTTP: 不得越级 — declared levels are proven at publish time', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('publishes a chain that passes every level in order, returns included', async () => {
    expect(await publishDefinition(s, chain('levels-ok'))).toBe(1);
  });

  it('refuses an urgent shortcut from the director straight to the county head, naming the path', async () => {
    const def = chain('levels-urgent');
    def.states.director!.on = { approve: [{ if: { var: 'data.urgent' }, to: 'head' }, { to: 'deputy' }], reject: 'rejected' };
    const problems = await publishRefused(s, def);
    const skipped = problems.find((p) => p.code === 'definition.level_skipped');
    expect(skipped).toMatchObject({ pointer: '/states/director/on/approve/0/to', details: { steps: ['proofread', 'director', 'head'] } });
    expect(skipped!.message.en).toContain('proofread → director → head');
    expect(skipped!.message['zh-CN']).toContain('跳过了层级「deputy」');
  });

  it('refuses a forward return from the director to the county head', async () => {
    const def = chain('levels-forward-return');
    def.states.director!.return = { to: ['head'] };
    const problems = await publishRefused(s, def);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'definition.return_forward',
        pointer: '/states/director/return/to/0',
        details: expect.objectContaining({ steps: ['proofread', 'director', 'head'] }),
      }),
    ]);
  });

  it('refuses a way to the end that leaves a level out, and a level that is not a step', async () => {
    const def = chain('levels-missing');
    def.states.deputy!.on = { approve: 'issued', reject: 'rejected' };
    def.levels = ['proofread', 'director', 'deputy', 'head', 'nobody'];
    const problems = await publishRefused(s, def);
    expect(problems.map((p) => [p.code, p.pointer])).toContainEqual(['definition.level_not_a_step', '/levels/4']);
    def.levels = ['proofread', 'director', 'deputy', 'head'];
    const again = await publishRefused(s, def);
    expect(again.map((p) => [p.code, p.pointer, p.details.path])).toContainEqual([
      'definition.level_missing',
      '/states/deputy/on/approve',
      'proofread → director → deputy → issued',
    ]);
  });

  it('refuses a standing action that would move a case past a level, and accepts one that goes back', async () => {
    const def = chain('levels-standing');
    def.actions = {
      fastTrack: {
        title: { 'zh-CN': '直报县长', en: 'Straight to the county head' },
        who: [{ role: 'office-director', unit: 'office' }],
        in: ['director'],
        to: 'head',
      },
    };
    const problems = await publishRefused(s, def);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'definition.level_skipped',
        pointer: '/actions/fastTrack/to',
        details: expect.objectContaining({ steps: ['proofread', 'director', 'head'] }),
      }),
    );
    def.actions = {
      recheck: {
        title: { 'zh-CN': '重新把关', en: 'Proofread again' },
        who: [{ role: 'office-director', unit: 'office' }],
        in: ['director', 'deputy'],
        to: 'proofread',
      },
    };
    expect(await publishDefinition(s, def)).toBe(1);
  });

  it('refuses a branch of a parallel step that leaves it straight for the county head, naming the path', async () => {
    const def = chain('levels-branch-exit');
    const clerk = { role: 'secretariat-clerk', unit: 'secretariat' };
    def.states.proofread!.on = { pass: 'consult', sendBack: 'revise' };
    def.states.consult = {
      parallel: {
        legal: {
          initial: 'check',
          states: { check: { task: { assign: clerk, outcomes: ['submit', 'approve'] }, on: { submit: 'checked', approve: 'head' } }, checked: { final: true } },
        },
        finance: { initial: 'check', states: { check: { task: { assign: clerk }, on: { submit: 'checked' } }, checked: { final: true } } },
      },
      onDone: 'director',
    };
    const problems = await publishRefused(s, def);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'definition.level_skipped',
        pointer: '/states/consult/parallel/legal/states/check/on/approve',
        details: expect.objectContaining({ steps: ['proofread', 'consult', 'head'] }),
      }),
    ]);
    // Leaving the branch for the director is the next level: that publishes.
    (def.states.consult!.parallel!.legal!.states.check!.on as Record<string, string>).approve = 'director';
    expect(await publishDefinition(s, def)).toBe(1);
  });

  it('refuses a withdrawal that would put the case in front of the county head', async () => {
    const def = chain('levels-withdraw');
    def.withdraw = { to: 'head' };
    const problems = await publishRefused(s, def);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'definition.level_skipped',
        pointer: '/withdraw/to',
        details: expect.objectContaining({ steps: ['proofread', 'head'] }),
      }),
    );
    def.withdraw = { to: 'revise' };
    expect(await publishDefinition(s, def)).toBe(1);
  });

  it('lets a return to "visited" go back only: after the county head sent the case back, the director cannot "return" it to the head', async () => {
    const def = chain('levels-visited');
    def.states.director!.return = { to: 'visited' };
    expect(await publishDefinition(s, def)).toBe(1);
    const id = await startCase(s, 'zongheke1', 'levels-visited');
    await complete(s, 'zongheke1', id, { outcome: 'pass' });
    await complete(s, 'zhuren', id, { outcome: 'approve' });
    await complete(s, 'fuxianzhang1', id, { outcome: 'approve' });
    const headTask = await taskOf(s, 'xianzhang', id);
    const sentBack = await s.call('POST', `/api/tasks/${headTask}/return`, { as: 'xianzhang', body: { to: 'proofread', opinion: '请重新把关' } });
    expect(sentBack.status, JSON.stringify(sentBack.body)).toBe(200);
    await complete(s, 'zongheke1', id, { outcome: 'pass' });
    expect((await caseOf(s, id)).state).toBe('director');

    const directorTask = await taskOf(s, 'zhuren', id);
    const view = await s.call('GET', `/api/tasks/${directorTask}`, { as: 'zhuren' });
    expect(view.body.actions.return.map((r: { id: string }) => r.id)).toEqual(['proofread']);
    const forward = await s.call('POST', `/api/tasks/${directorTask}/return`, { as: 'zhuren', body: { to: 'head', opinion: '直接报县长' } });
    expect(forward.status).not.toBe(200);
    expect((await caseOf(s, id)).state).toBe('director');
    const back = await s.call('POST', `/api/tasks/${directorTask}/return`, { as: 'zhuren', body: { to: 'proofread', opinion: '再核一遍' } });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect((await caseOf(s, id)).state).toBe('proofread');
  });

  it('refuses a per-step "level" number with its pointer, saying the levels are one ordered list at the top', async () => {
    const def = chain('levels-per-step');
    delete def.levels;
    const states = def.states as Record<string, Record<string, unknown>>;
    ['proofread', 'director', 'deputy', 'head'].forEach((name, i) => (states[name]!.level = i + 1));
    const problems = await publishRefused(s, def);
    expect(problems.map((p) => p.pointer).sort()).toEqual(['/states/deputy/level', '/states/director/level', '/states/head/level', '/states/proofread/level']);
    expect(problems[0]!.message.en).toContain('list the levels in order at the top of the definition');
    expect(problems[0]!.message['zh-CN']).toContain('"levels"');
  });

  it('still runs the published chain end to end', async () => {
    const id = await startCase(s, 'zongheke1', 'levels-ok');
    await complete(s, 'zongheke1', id, { outcome: 'pass' });
    await complete(s, 'zhuren', id, { outcome: 'approve' });
    expect((await caseOf(s, id)).state).toBe('deputy');
  });
});
