/**
 * Rules of the office the definition states directly: who may urge and CC, standing actions a role
 * takes at any time, cases that start and signal other cases (with links both ways), retiring a
 * workflow, reminder times from the data. Only JSON (definitions and forms) and the documented API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, complete, publishDefinition, startCase } from './helpers.js';

const spotCheckForm = {
  schema: {
    type: 'object',
    required: ['unit', 'focus'],
    properties: { unit: { type: 'string', title: '被抽查单位' }, focus: { type: 'string', title: '抽查重点', minLength: 2 } },
  },
};

/** A supervised matter: the supervision office may urge, CC, order a spot check and record adoption at any time. */
const matter: WorkflowDefinition = {
  key: 'supervised-matter',
  title: { 'zh-CN': '督办事项', en: 'Supervised matter' },
  forms: { spotCheck: spotCheckForm },
  policies: {
    urge: [{ initiator: true }, { role: 'supervision-officer', unit: 'supervision' }],
    cc: [{ role: 'supervision-officer', unit: 'supervision' }],
  },
  actions: {
    spotCheck: {
      title: { 'zh-CN': '下达抽查', en: 'Order a spot check' },
      who: [{ role: 'supervision-officer', unit: 'supervision' }],
      form: 'spotCheck',
      in: ['handle'],
      to: 'spotCheck',
    },
    adopted: {
      title: { 'zh-CN': '登记市级采用', en: 'Record adoption by the city' },
      who: [{ users: ['xinxi1'] }],
      set: { 'adoption.by': { var: 'actor' }, 'adoption.on': { var: 'now' } },
    },
  },
  initial: 'handle',
  states: {
    handle: { task: { assign: { users: ['xinfang1'] } }, on: { submit: 'done' } },
    spotCheck: { task: { assign: { users: ['ducha2'] } }, on: { submit: 'handle' } },
    done: { final: true },
  },
};

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ workers: false });
  await publishDefinition(s, matter);
}, 120_000);
afterAll(() => s?.close());

describe('HTTP: the rules of the office, stated in the definition', () => {
  it('lets the supervision office urge and CC a case it never worked on, and refuses others with the policy named', async () => {
    const id = await startCase(s, 'zongheke1', 'supervised-matter');
    const seen = await s.call('GET', `/api/instances/${id}`, { as: 'ducha1' });
    expect(seen.status).toBe(200);
    expect(seen.body.actions).toMatchObject({ urge: true, cc: true });
    expect((seen.body.actions.standing as Array<{ name: string }>).map((a) => a.name)).toEqual(['spotCheck']);
    const urged = await s.call('POST', `/api/instances/${id}/urge`, { as: 'ducha1', body: { message: '请加快办理' } });
    expect(urged.status, JSON.stringify(urged.body)).toBe(200);
    expect(urged.body.notified).toBe(1);
    const cc = await s.call('POST', `/api/instances/${id}/cc`, { as: 'ducha1', body: { users: ['zhuren'] } });
    expect(cc.status, JSON.stringify(cc.body)).toBe(200);
    // The handler sees the case (they hold its task) but the policy names neither urge nor CC for them.
    const handler = await s.call('GET', `/api/instances/${id}`, { as: 'xinfang1' });
    expect(handler.body.actions).toMatchObject({ urge: false, cc: false, standing: [] });
    const refused = await s.call('POST', `/api/instances/${id}/cc`, { as: 'xinfang1', body: { users: ['zhuren'] } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('instance.policy_forbids');
    // Someone no rule names and who has no part in the case learns nothing about it.
    expect((await s.call('POST', `/api/instances/${id}/urge`, { as: 'mubiao1', body: {} })).status).toBe(404);
  });

  it('keeps urging initiator-only when the definition says nothing', async () => {
    const plain: WorkflowDefinition = {
      key: 'plain-matter',
      title: '普通事项',
      initial: 'a',
      states: { a: { task: { assign: { users: ['xinfang1'] } }, on: { submit: 'b' } }, b: { final: true } },
    };
    await publishDefinition(s, plain);
    const id = await startCase(s, 'zongheke1', 'plain-matter');
    const res = await s.call('POST', `/api/instances/${id}/urge`, { as: 'xinfang1', body: {} });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('instance.not_initiator');
    expect((await s.call('POST', `/api/instances/${id}/urge`, { as: 'zongheke1', body: {} })).status).toBe(200);
  });

  it('orders a spot check at any time: the form is checked, the case moves to the check, and the history says who did it', async () => {
    const id = await startCase(s, 'zongheke1', 'supervised-matter');
    const bad = await s.call('POST', `/api/instances/${id}/actions/spotCheck`, { as: 'ducha1', body: { data: { unit: 'office' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'form.invalid', pointer: '/data/focus' });
    const res = await s.call('POST', `/api/instances/${id}/actions/spotCheck`, { as: 'ducha1', body: { data: { unit: 'office', focus: '台账是否齐全' } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const c = await caseOf(s, id);
    expect(c.state).toBe('spotCheck');
    expect(c.tasks.find((t) => t.state === 'handle')?.status).toBe('cancelled');
    expect((await s.call('GET', `/api/instances/${id}`, { as: 'admin' })).body.data.spotCheck).toEqual({ unit: 'office', focus: '台账是否齐全' });
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'admin' });
    expect((history.body.items as Array<{ type: string; payload: { action?: string } }>).find((e) => e.type === 'instance.action')?.payload.action).toBe(
      'spotCheck',
    );
    // Only while the case is being handled (`in`), and only for the people `who` names.
    const again = await s.call('POST', `/api/instances/${id}/actions/spotCheck`, { as: 'ducha1', body: { data: { unit: 'office', focus: '复查' } } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('instance.action_not_available');
    const notYours = await s.call('POST', `/api/instances/${id}/actions/spotCheck`, { as: 'zongheke1', body: { data: { unit: 'office', focus: '复查' } } });
    expect(notYours.status).toBe(403);
    expect(notYours.body.error.code).toBe('instance.action_not_allowed');
    expect((await s.call('POST', `/api/instances/${id}/actions/nothing`, { as: 'zongheke1', body: {} })).body.error.code).toBe('instance.action_not_found');
  });

  it('records “adopted by the city” on the case without moving it', async () => {
    const id = await startCase(s, 'zongheke1', 'supervised-matter');
    const res = await s.call('POST', `/api/instances/${id}/actions/adopted`, { as: 'xinxi1', body: {} });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const c = (await s.call('GET', `/api/instances/${id}`, { as: 'xinxi1' })).body;
    expect(c.state).toBe('handle');
    expect(c.data.adoption.by).toBeTruthy();
    expect(c.data.adoption.on).toBe(s.clock.now.toISOString());
    const withData = await s.call('POST', `/api/instances/${id}/actions/adopted`, { as: 'xinxi1', body: { data: { x: 1 } } });
    expect(withData.status).toBe(422);
    expect(withData.body.error.pointer).toBe('/data');
  });

  it('refuses standing actions and policies that name what does not exist, each with its pointer', async () => {
    const bad = {
      ...matter,
      key: 'bad-matter',
      policies: { urge: [{ role: 'supervision-oficer', unit: 'supervision' }] },
      actions: {
        spotCheck: { title: '抽查', who: [{ role: 'supervision-officer', unit: 'supervison' }], form: 'spotchek', in: ['handel'], to: 'spotChek' },
        empty: { title: '空操作', who: [{ initiator: true }] },
        leak: { title: '泄露', who: [{ initiator: true }], set: { x: { var: 'item.name' } } },
      },
    };
    const v = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: bad });
    const found = (v.body.problems as Array<{ code: string; pointer: string }>).map((p) => `${p.code} ${p.pointer}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'definition.unknown_role /policies/urge/0/role',
        'definition.unknown_unit /actions/spotCheck/who/0/unit',
        'definition.unknown_form /actions/spotCheck/form',
        'definition.unknown_target /actions/spotCheck/in/0',
        'definition.unknown_target /actions/spotCheck/to',
        'definition.action_does_nothing /actions/empty',
        'definition.unknown_variable /actions/leak/set/x',
      ]),
    );
    expect((await s.call('POST', '/api/definitions/bad-matter/publish', { as: 'admin', body: { definition: bad } })).status).toBe(422);
  });
});

describe('HTTP: cases that start and signal other cases', () => {
  /** A spot check is its own small flow; when done it tells the case that ordered it. */
  const check: WorkflowDefinition = {
    key: 'spot-check',
    title: { 'zh-CN': '专项抽查', en: 'Spot check' },
    forms: { order: { schema: { type: 'object', required: ['unit'], properties: { unit: { type: 'string' } } } } },
    startForm: 'order',
    caseTitle: { cat: ['抽查：', { var: 'data.order.unit' }] },
    initial: 'inspect',
    states: {
      inspect: {
        task: { assign: { users: ['ducha2'] } },
        on: {
          submit: {
            to: 'done',
            actions: [
              {
                action: 'case.signal',
                with: { definition: 'checked-matter', event: 'checked', to: 'origin', data: { lastCheck: { unit: '{{data.order.unit}}' } } },
              },
            ],
          },
        },
      },
      done: { final: true },
    },
  };
  const parent: WorkflowDefinition = {
    key: 'checked-matter',
    title: '受检事项',
    actions: {
      spotCheck: {
        title: { 'zh-CN': '下达抽查', en: 'Order a spot check' },
        who: [{ role: 'supervision-officer', unit: 'supervision' }],
        actions: [{ action: 'case.start', with: { definition: 'spot-check', data: { unit: 'office' }, link: 'spot-check' } }],
      },
    },
    initial: 'handle',
    states: {
      handle: {
        task: { assign: { users: ['xinfang1'] } },
        on: { submit: 'done', checked: { set: { 'data.checks': { '+': [{ var: ['data.checks', 0] }, 1] } } } },
      },
      done: { final: true },
    },
  };

  it('starts a linked sub-flow from a standing action; the sub-flow signals its origin when done, and both cases show the link', async () => {
    // A definition may name only workflows that are published (or itself), and only events they take.
    const early = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: check });
    expect((early.body.problems as Array<{ code: string; pointer: string }>).map((p) => `${p.code} ${p.pointer}`)).toEqual([
      'definition.unknown_workflow /states/inspect/on/submit/actions/0/with/definition',
    ]);
    await publishDefinition(s, { ...parent, states: { ...parent.states, handle: { ...parent.states.handle!, on: { submit: 'done' } } }, actions: {} });
    const noEvent = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: check });
    expect((noEvent.body.problems as Array<{ code: string; pointer: string }>).map((p) => `${p.code} ${p.pointer}`)).toEqual([
      'definition.unknown_event /states/inspect/on/submit/actions/0/with/event',
    ]);
    await publishDefinition(s, { ...parent, actions: {}, states: parent.states });
    await publishDefinition(s, check);
    await publishDefinition(s, parent);

    const id = await startCase(s, 'zongheke1', 'checked-matter');
    const ordered = await s.call('POST', `/api/instances/${id}/actions/spotCheck`, { as: 'ducha1', body: {} });
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(200);
    const links = (await s.call('GET', `/api/instances/${id}`, { as: 'ducha1' })).body.links as Array<{
      kind: string;
      direction: string;
      instanceId: string;
      title: string;
    }>;
    expect(links).toEqual([expect.objectContaining({ kind: 'spot-check', direction: 'out', title: '抽查：office' })]);
    const child = links[0]!.instanceId;
    await complete(s, 'ducha2', child, {});
    const after = (await s.call('GET', `/api/instances/${id}`, { as: 'admin' })).body;
    expect(after.data).toMatchObject({ checks: 1, lastCheck: { unit: 'office' } });
    expect(after.state).toBe('handle');
    expect((after.links as Array<{ kind: string; direction: string }>).map((l) => `${l.kind} ${l.direction}`)).toEqual(['spot-check out', 'signalled in']);
    const history = (await s.call('GET', `/api/instances/${id}/history`, { as: 'admin' })).body.items as Array<{
      type: string;
      payload: Record<string, unknown>;
    }>;
    expect(history.filter((e) => e.type === 'case.linked').map((e) => e.payload)).toEqual([
      { kind: 'spot-check', to: child },
      { kind: 'signalled', from: child },
    ]);
  });

  it('refuses the command whose signal the other case does not take, and keeps nothing of it', async () => {
    const id = await startCase(s, 'zongheke1', 'checked-matter');
    await s.call('POST', `/api/instances/${id}/actions/spotCheck`, { as: 'ducha1', body: {} });
    const child = ((await s.call('GET', `/api/instances/${id}`, { as: 'ducha1' })).body.links as Array<{ instanceId: string }>)[0]!.instanceId;
    await complete(s, 'xinfang1', id, {});
    const task = (await s.call('GET', '/api/tasks?pageSize=200', { as: 'ducha2' })).body.items.find((t: { instanceId: string }) => t.instanceId === child).id;
    const res = await s.call('POST', `/api/tasks/${task}/complete`, { as: 'ducha2', body: { outcome: 'submit' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('instance.link_refused');
    expect((await caseOf(s, child)).state).toBe('inspect');
  });
});

describe('HTTP: retiring a workflow', () => {
  it('stops new starts, lets running cases finish, hides it from the lists, and can be undone by an admin, on the record', async () => {
    await publishDefinition(s, { ...matter, key: 'retiring-matter' });
    const running = await startCase(s, 'zongheke1', 'retiring-matter');
    expect((await s.call('POST', '/api/definitions/retiring-matter/retire', { as: 'zongheke1', body: {} })).status).toBe(403);
    const retired = await s.call('POST', '/api/definitions/retiring-matter/retire', { as: 'admin', body: { reason: '并入新流程' } });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    expect(retired.body).toMatchObject({ key: 'retiring-matter', retired: true, reason: '并入新流程' });

    const start = await s.call('POST', '/api/instances', {
      as: 'zongheke1',
      body: { definition: 'retiring-matter', data: {} },
      headers: { 'Accept-Language': 'en' },
    });
    expect(start.status).toBe(409);
    expect(start.body.error).toMatchObject({ code: 'definition.retired', pointer: '/definition' });
    expect(start.body.error.message).toMatch(/retired/);
    const zh = await s.call('POST', '/api/instances', { as: 'zongheke1', body: { definition: 'retiring-matter', data: {} } });
    expect(zh.body.error.message).toMatch(/已停用/);

    await complete(s, 'xinfang1', running, {});
    expect((await caseOf(s, running)).status).toBe('completed');

    const keys = async (as: string, q = '') =>
      ((await s.call('GET', `/api/definitions?pageSize=200${q}`, { as })).body.items as Array<{ key: string }>).map((d) => d.key);
    expect(await keys('zongheke1')).not.toContain('retiring-matter');
    expect(await keys('admin')).not.toContain('retiring-matter');
    expect(await keys('admin', '&includeRetired=true')).toContain('retiring-matter');
    expect((await s.call('GET', '/api/definitions?includeRetired=true', { as: 'zongheke1' })).status).toBe(403);
    expect((await s.call('GET', '/api/definitions/retiring-matter', { as: 'admin' })).body).toMatchObject({ retired: true });

    expect((await s.call('POST', '/api/definitions/retiring-matter/retire', { as: 'admin', body: {} })).status).toBe(409);
    const restored = await s.call('POST', '/api/definitions/retiring-matter/restore', { as: 'admin', body: { reason: '继续使用' } });
    expect(restored.status).toBe(200);
    await startCase(s, 'zongheke1', 'retiring-matter');
    const log = await s.call('GET', '/api/definitions/retiring-matter/retirements', { as: 'admin' });
    expect((log.body.items as Array<{ type: string; reason: string }>).map((e) => [e.type, e.reason])).toEqual([
      ['definition.retired', '并入新流程'],
      ['definition.restored', '继续使用'],
    ]);
  });
});

describe('HTTP: reminder times from the case data', () => {
  const reminded: WorkflowDefinition = {
    key: 'reminded-matter',
    title: '按数据提醒',
    forms: { intake: { schema: { type: 'object', properties: { days: {}, remindDays: {} } } } },
    startForm: 'intake',
    initial: 'handle',
    states: {
      handle: {
        task: { assign: { users: ['xinfang1'] }, due: { after: { var: 'data.intake.days' } }, remind: [{ at: { var: 'data.intake.remindDays' } }] },
        on: { submit: 'done' },
      },
      done: { final: true },
    },
  };

  it('reminds the given number of working days before the deadline, and refuses a start whose reminder time is not one', async () => {
    await publishDefinition(s, reminded);
    // Monday 2 March 2026: 5 working days → due Monday 9 March; reminded 2 working days before → Thursday 5 March.
    const id = await startCase(s, 'zongheke1', 'reminded-matter', { days: 5, remindDays: 2 });
    const timers = (await s.call('GET', `/api/instances/${id}/timers`, { as: 'admin' })).body.items as Array<{ kind: string; nextAt: string }>;
    const due = new Date(timers.find((t) => t.kind === 'due')!.nextAt);
    const remind = new Date(timers.find((t) => t.kind === 'remind')!.nextAt);
    expect(due.toISOString().slice(0, 10)).toBe('2026-03-09');
    expect(remind.toISOString().slice(0, 10)).toBe('2026-03-05');
    const bad = await s.call('POST', '/api/instances', { as: 'zongheke1', body: { definition: 'reminded-matter', data: { days: 5, remindDays: 'soon' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'instance.refused', pointer: '/data/remindDays' });
  });
});
