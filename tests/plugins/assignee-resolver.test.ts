/**
 * A plugin's assignee resolver (`{ "plugin": "duty.on-duty", "with": {...} }` in a definition)
 * decides who gets a step: named users, or a role in a unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../../plugins/define-plugin.js';
import { caseOf, complete, publishDefinition, startCase, taskOf } from '../http/helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';

const duty = definePlugin({
  name: 'duty',
  version: '1.0.0',
  actions: {},
  assignees: {
    // The week's duty officer of the supervision office (a roster kept elsewhere).
    'on-duty': {
      params: { type: 'object', properties: { week: { type: 'integer' } } },
      resolve: async (args) => ({ users: [Number(args.week) % 2 === 0 ? 'ducha1' : 'ducha2'] }),
    },
    // The liaison officer of the unit named in the case data.
    'unit-liaison': { resolve: async (args) => ({ role: 'liaison', unit: String((args.data as { intake?: { unit?: string } }).intake?.unit ?? '') }) },
  },
});

describe('assignee resolvers from plugins', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ plugins: [duty] });
    await publishDefinition(s, {
      key: 'duty-roster',
      title: { 'zh-CN': '值班交办', en: 'Duty roster' },
      initial: 'duty',
      states: {
        duty: { task: { assign: { plugin: 'duty.on-duty', with: { week: 3 } } }, on: { submit: 'unit' } },
        unit: { task: { assign: { plugin: 'duty.unit-liaison' } }, on: { submit: 'done' } },
        done: { final: true },
      },
    });
  });
  afterAll(() => s.close());

  it('gives the step to the users the resolver names, then to the role in the unit it names', async () => {
    const id = await startCase(s, 'zongheke1', 'duty-roster', { intake: { unit: 'minzhengju' } });
    await expect(taskOf(s, 'ducha1', id)).rejects.toThrow(/no task/);
    await complete(s, 'ducha2', id, {});
    await complete(s, 'minzhengju-liaison', id, {});
    expect((await caseOf(s, id)).status).toBe('completed');
  });

  it('refuses to publish a definition naming a resolver no plugin provides', async () => {
    const res = await s.call('POST', '/api/definitions/bad-roster/publish', {
      as: 'admin',
      body: {
        definition: {
          key: 'bad-roster',
          title: 'x',
          initial: 'a',
          states: { a: { task: { assign: { plugin: 'duty.nobody' } }, on: { submit: 'b' } }, b: { final: true } },
        },
      },
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.error.details.problems)).toContain('definition.unknown_resolver');
  });
});
