/**
 * Every list route, with every documented query parameter alone and in pairs, on the database
 * the project runs on (PGlite here, PostgreSQL in the `pg` project): each answers 200 with the
 * one list envelope `{ items, total, page, pageSize }`, and each filter changes the result on
 * data seeded so that it must. The routes come from the route table and the parameters from each
 * route's query schema, so a new list route or a new filter without a row here fails, named.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { allRoutes } from '../../core/http/app.js';
import type { AnyRoute } from '../../core/http/route.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, startCase, taskOf } from './helpers.js';

const DAY = 86_400_000;

const flow = (key: string, title: string, task: Record<string, unknown>): WorkflowDefinition => ({
  key,
  title: { 'zh-CN': title, en: key },
  withdraw: { allowed: true },
  initial: 'handle',
  states: {
    handle: { title: { 'zh-CN': task.title as string, en: 'Handle' }, task: { ...task, title: undefined } as never, on: { done: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
});
/** Offered to the secretariat clerks as a pool, due in one working day. */
const poolFlow = flow('lr-pool', '签收件', { title: '签收办理', assign: { role: 'secretariat-clerk', unit: 'secretariat' }, due: 'P1WD' });
/** Assigned to `zongheke1` by name, due in five working days. */
const mineFlow = flow('lr-mine', '核稿件', { title: '核稿', assign: { users: ['zongheke1'] }, due: 'P5WD' });

interface ListRow {
  /** Who calls (each caller runs every combination). */
  as: string[];
  /** The concrete path (path parameters filled in). */
  path: () => string;
  /** Values to try for every query parameter the route documents. */
  values: Record<string, string[]>;
  /** Pairs of query strings whose results must differ: proves each filter filters. */
  differ: Array<[string, string]>;
  /** Parameters this file does not show filtering, each with where that is shown instead. */
  shownElsewhere?: Record<string, string>;
}

/** GET routes that answer something other than a list, and why. */
const NOT_LISTS: Record<string, string> = {
  'GET /api/auth/me': 'one user',
  'GET /api/audit/verify': 'a verification report',
  'GET /api/notifications/stream': 'an event stream',
  'GET /api/schemas/definition.json': 'a JSON Schema',
  'GET /api/definitions/:key': 'one definition',
  'GET /api/instances/:id': 'one case',
  'GET /api/tasks/:id': 'one task',
  'GET /api/directory/users/:id': 'one user',
  'GET /api/calendar/:key/deadline': 'one computed date',
  'GET /api/calendar/:key/affected': 'a report: the cases and timers a calendar change would move',
  'GET /api/stats': 'figures',
  'GET /api/stats/export': 'a CSV file',
  'GET /api/form-data/options': "a select widget's options, proxied whole from another system",
  'GET /api/forms/validators/:file': 'a JavaScript module',
  'GET /api/forms/:definition/:form': 'one form',
  'GET /api/files/:id': 'a file',
  'GET /api/drafts/:key': 'one draft',
};

/** The list routes (each has a row in `rows()`; the first test checks the two agree). */
const LIST_KEYS = [
  'GET /api/tasks',
  'GET /api/instances',
  'GET /api/instances/:id/history',
  'GET /api/notifications',
  'GET /api/definitions',
  'GET /api/definitions/:key/versions',
  'GET /api/directory/units',
  'GET /api/directory/users',
  'GET /api/directory/roles',
  'GET /api/directory/delegations',
  'GET /api/me/delegations',
  'GET /api/api-keys',
  'GET /api/plugins',
  'GET /api/admin/secrets',
  'GET /api/admin/incidents',
  'GET /api/calendar/:key/days',
  'GET /api/timers',
  'GET /api/instances/:id/timers',
  'GET /api/admin-moves',
  'GET /api/definitions/:key/retirements',
  'GET /api/audit/system',
];

const PAGING = { page: ['1', '2'], pageSize: ['1', '200'] };
const pagingDiffers: Array<[string, string]> = [
  ['pageSize=1', 'pageSize=1&page=2'],
  ['', 'pageSize=1'],
];

describe('HTTP: every list route with every documented filter', () => {
  let s: TestServer;
  const ids = { poolCase: '', mineCase: '', lateCase: '', ownCase: '' };

  beforeAll(async () => {
    s = await startTestServer();
    const step = () => s.clock.advance(60_000);
    await publishDefinition(s, poolFlow);
    await publishDefinition(s, mineFlow);
    await publishDefinition(s, mineFlow); // a second version, so versions has two rows
    // A workflow retired, restored and retired again: listed only when asked for, with three changes on record.
    await publishDefinition(s, { ...mineFlow, key: 'lr-retired' });
    for (const verb of ['retire', 'restore', 'retire'])
      expect((await s.call('POST', `/api/definitions/lr-retired/${verb}`, { as: 'admin', body: {} })).status).toBe(200);
    ids.poolCase = await startCase(s, 'xinxi1', 'lr-pool');
    step();
    ids.mineCase = await startCase(s, 'xinxi1', 'lr-mine');
    step();
    // zongheke1 starts one and withdraws it: a case they started, in another status.
    ids.ownCase = await startCase(s, 'zongheke1', 'lr-mine');
    expect((await s.call('POST', `/api/instances/${ids.ownCase}/withdraw`, { as: 'zongheke1', body: {} })).status).toBe(200);
    // Delegations: one ending tomorrow (past once the clock moves), two lasting a month.
    const from = s.clock.now;
    const soon = { startsAt: from.toISOString(), endsAt: new Date(from.getTime() + DAY).toISOString() };
    const month = { startsAt: from.toISOString(), endsAt: new Date(from.getTime() + 30 * DAY).toISOString() };
    for (const [as, body] of [
      ['zongheke1', { to: 'zongheke2', ...soon }],
      ['zongheke2', { to: 'zongheke1', ...month }],
      ['zhuren', { to: 'ducha1', ...month }],
    ] as const) {
      expect((await s.call('POST', '/api/me/delegations', { as, body })).status).toBe(201);
    }
    // Three days on: the pool task (one working day) is overdue, the named one (five) is not.
    s.clock.advance(3 * DAY);
    ids.lateCase = await startCase(s, 'xinxi1', 'lr-mine');
    // Notifications: two CCs to zongheke1, one of them read.
    // (A CC counts as a change of the case: the cases' last changes now run late, pool, mine.)
    for (const id of [ids.poolCase, ids.mineCase]) {
      step();
      expect((await s.call('POST', `/api/instances/${id}/cc`, { as: 'xinxi1', body: { users: ['zongheke1'] } })).status).toBe(200);
    }
    const unread = await s.call('GET', '/api/notifications', { as: 'zongheke1' });
    expect((await s.call('POST', `/api/notifications/${unread.body.items[0].id}/read`, { as: 'zongheke1' })).status).toBe(200);
    // Inactive directory entries, visible to administrators who ask.
    const unit = await s.call('POST', '/api/directory/units', {
      as: 'admin',
      body: { code: 'lr-closed', name: '已撤销科室', kind: 'section', parentId: 'office' },
    });
    expect((await s.call('DELETE', `/api/directory/units/${unit.body.id}`, { as: 'admin' })).status).toBe(200);
    const user = await s.call('POST', '/api/directory/users', { as: 'admin', body: { username: 'lr-gone', displayName: '已调离', unitId: 'secretariat' } });
    expect((await s.call('DELETE', `/api/directory/users/${user.body.id}`, { as: 'admin' })).status).toBe(200);
    // API keys, one revoked; plugin secrets.
    for (const name of ['portal', 'old portal'])
      expect((await s.call('POST', '/api/api-keys', { as: 'admin', body: { name, user: 'xinxi1' } })).status).toBe(201);
    const keys = await s.call('GET', '/api/api-keys', { as: 'admin' });
    expect((await s.call('DELETE', `/api/api-keys/${keys.body.items[0].id}`, { as: 'admin' })).status).toBe(200);
    for (const name of ['lr-one', 'lr-two'])
      expect((await s.call('PUT', `/api/admin/secrets/${name}`, { as: 'admin', body: { value: 'x', grants: [] } })).status).toBe(200);
    // Incidents: two open ones on different cases, one dismissed.
    for (const [instance, status] of [
      [ids.poolCase, 'incident'],
      [ids.mineCase, 'incident'],
      [ids.mineCase, 'dismissed'],
    ] as const) {
      await s.db.execute(`INSERT INTO action_run (id, instance_id, request_id, action, status) VALUES ($1, $2, $3, 'webhook.post', $4)`, [
        randomUUID(),
        instance,
        randomUUID(),
        status,
      ]);
    }
  }, 180_000);
  afterAll(() => s.close());

  const rows = (): Record<string, ListRow> => ({
    'GET /api/tasks': {
      as: ['zongheke1'],
      path: () => '/api/tasks',
      values: {
        scope: ['mine', 'pool', 'all', 'delegated', 'done'],
        q: ['核稿', '%'],
        definition: ['lr-pool', 'lr-mine'],
        overdue: ['true', 'false'],
        sort: ['due', '-due', 'received', '-received', 'updated', '-updated'],
        ...PAGING,
      },
      differ: [
        ['', 'scope=pool'],
        ['', 'scope=mine'],
        ['', 'scope=done'],
        ['', 'scope=delegated'],
        ['', 'q=核稿'],
        ['', 'definition=lr-pool'],
        ['', 'overdue=true'],
        ['sort=due', 'sort=-due'],
        ['sort=received', 'sort=-received'],
        ['sort=updated', 'sort=-updated'],
        ...pagingDiffers,
      ],
    },
    'GET /api/instances': {
      as: ['zongheke1', 'admin'],
      path: () => '/api/instances',
      values: {
        scope: ['started', 'involved', 'all', 'cc'],
        status: ['running', 'completed', 'rejected', 'withdrawn', 'cancelled'],
        definition: ['lr-pool', 'lr-mine'],
        sort: ['due', '-due', 'received', '-received', 'updated', '-updated'],
        ...PAGING,
      },
      differ: [
        ['', 'scope=started'],
        ['', 'scope=cc'],
        ['', 'status=withdrawn'],
        ['', 'definition=lr-pool'],
        ['sort=received', 'sort=-received'],
        ['sort=updated', 'sort=-updated'],
        ['sort=due', 'sort=-due'],
        ...pagingDiffers,
      ],
    },
    'GET /api/instances/:id/history': { as: ['zongheke1'], path: () => `/api/instances/${ids.ownCase}/history`, values: PAGING, differ: pagingDiffers },
    'GET /api/notifications': {
      as: ['zongheke1'],
      path: () => '/api/notifications',
      values: { unread: ['true', 'false'], ...PAGING },
      differ: [['', 'unread=true'], ...pagingDiffers],
    },
    'GET /api/definitions': {
      as: ['admin'],
      path: () => '/api/definitions',
      values: { includeRetired: ['true', 'false'], startable: ['true', 'false'], ...PAGING },
      differ: [['', 'includeRetired=true'], ...pagingDiffers],
      shownElsewhere: { startable: 'tests/http/allowed-actions.test.ts (a workflow with starters is left out for others)' },
    },
    'GET /api/definitions/:key/retirements': { as: ['admin'], path: () => '/api/definitions/lr-retired/retirements', values: PAGING, differ: pagingDiffers },
    'GET /api/definitions/:key/versions': { as: ['zongheke1'], path: () => '/api/definitions/lr-mine/versions', values: PAGING, differ: pagingDiffers },
    'GET /api/directory/units': {
      as: ['admin'],
      path: () => '/api/directory/units',
      values: { tree: ['true', 'false'], includeInactive: ['true', 'false'], q: ['办公室', 'xzfbgs', 'xianzhengfu'], ...PAGING },
      differ: [['', 'tree=true'], ['', 'includeInactive=true'], ['', 'q=xzfbgs'], ...pagingDiffers],
    },
    'GET /api/directory/users': {
      as: ['admin'],
      path: () => '/api/directory/users',
      values: {
        q: ['zongheke', '刘', 'liuyang', 'ly'],
        unit: ['office', 'secretariat'],
        subunits: ['true', 'false'],
        role: ['secretariat-clerk'],
        includeInactive: ['true', 'false'],
        ...PAGING,
      },
      differ: [
        ['', 'q=zongheke'],
        ['', 'q=liuyang'],
        ['', 'unit=secretariat'],
        ['unit=office', 'unit=office&subunits=true'],
        ['', 'role=secretariat-clerk'],
        ['', 'includeInactive=true'],
        ...pagingDiffers,
      ],
    },
    'GET /api/directory/roles': { as: ['zongheke1'], path: () => '/api/directory/roles', values: PAGING, differ: pagingDiffers },
    'GET /api/directory/delegations': {
      as: ['admin'],
      path: () => '/api/directory/delegations',
      values: { user: ['zongheke1', 'zhuren'], current: ['true', 'false'], ...PAGING },
      differ: [['', 'user=zhuren'], ['', 'current=true'], ...pagingDiffers],
    },
    'GET /api/me/delegations': {
      as: ['zongheke1'],
      path: () => '/api/me/delegations',
      values: { direction: ['given', 'received'], current: ['true', 'false'], ...PAGING },
      differ: [['', 'direction=given'], ['', 'current=true'], ...pagingDiffers],
    },
    'GET /api/api-keys': {
      as: ['admin'],
      path: () => '/api/api-keys',
      values: { includeRevoked: ['true', 'false'], ...PAGING },
      differ: [
        ['', 'includeRevoked=true'],
        ['includeRevoked=true&pageSize=1', 'includeRevoked=true&pageSize=1&page=2'],
        ['includeRevoked=true', 'includeRevoked=true&pageSize=1'],
      ],
    },
    'GET /api/plugins': { as: ['zongheke1'], path: () => '/api/plugins', values: PAGING, differ: pagingDiffers },
    'GET /api/admin/secrets': { as: ['admin'], path: () => '/api/admin/secrets', values: PAGING, differ: pagingDiffers },
    'GET /api/admin/incidents': {
      as: ['admin'],
      path: () => '/api/admin/incidents',
      values: { status: ['incident', 'retrying', 'dismissed', 'failed', 'done', 'running'], instance: [ids.poolCase, ids.mineCase], ...PAGING },
      differ: [['', 'status=dismissed'], ['', `instance=${ids.poolCase}`], ...pagingDiffers],
    },
    'GET /api/calendar/:key/days': {
      as: ['zongheke1'],
      path: () => '/api/calendar/cn/days',
      values: { year: ['2025', '2026'], ...PAGING },
      differ: [['', 'year=2025'], ...pagingDiffers],
    },
    'GET /api/timers': {
      as: ['admin'],
      path: () => '/api/timers',
      values: {
        from: ['2026-03-01T00:00:00Z', '2026-03-06T00:00:00Z'],
        to: ['2026-03-07T00:00:00Z', '2026-04-01T00:00:00Z'],
        definition: ['lr-pool', 'lr-mine'],
        kind: ['due', 'remind', 'escalate', 'schedule'],
        ...PAGING,
      },
      differ: [['', 'to=2026-03-07T00:00:00Z'], ['', 'from=2026-03-06T00:00:00Z'], ['', 'definition=lr-pool'], ['', 'kind=remind'], ...pagingDiffers],
    },
    'GET /api/instances/:id/timers': {
      as: ['xinxi1'],
      path: () => `/api/instances/${ids.mineCase}/timers`,
      values: PAGING,
      differ: [['pageSize=1', 'pageSize=1&page=2']],
    },
    'GET /api/admin-moves': {
      as: ['admin'],
      path: () => '/api/admin-moves',
      values: { status: ['pending', 'applied', 'rejected'], definition: ['lr-pool'], ...PAGING },
      differ: [],
      // Not shown here: a move takes two administrators (tests/http/admin-moves.test.ts shows every filter and the paging).
      shownElsewhere: {
        status: 'tests/http/admin-moves.test.ts',
        definition: 'tests/http/admin-moves.test.ts',
        page: 'tests/http/admin-moves.test.ts',
        pageSize: 'tests/http/admin-moves.test.ts',
      },
    },
    // The administrators' changes above (three days in) are its entries; tests/http/system-audit.test.ts shows each filter in detail.
    'GET /api/audit/system': {
      as: ['admin'],
      path: () => '/api/audit/system',
      values: {
        kind: ['directory', 'api_key.created', 'auth'],
        actor: ['admin', 'zongheke1'],
        from: ['2026-03-01T00:00:00Z', '2026-03-06T00:00:00Z'],
        to: ['2026-03-07T00:00:00Z', '2026-04-01T00:00:00Z'],
        ...PAGING,
      },
      differ: [['', 'kind=api_key'], ['', 'actor=zongheke1'], ['', 'from=2026-03-06T00:00:00Z'], ['', 'to=2026-03-04T00:00:00Z'], ...pagingDiffers],
    },
  });

  const getRoutes = (): AnyRoute[] => allRoutes(s.services).filter((r) => r.method === 'get');
  const keyOf = (r: AnyRoute) => `GET ${r.path}`;
  const paramsOf = (r: AnyRoute) => Object.keys((r.query?.properties ?? {}) as Record<string, unknown>);

  it('knows every GET route of the route table: a list route or one that answers something else', () => {
    expect(Object.keys(rows()).sort()).toEqual([...LIST_KEYS].sort());
    const known = new Set([...LIST_KEYS, ...Object.keys(NOT_LISTS)]);
    expect(
      getRoutes()
        .map(keyOf)
        .filter((k) => !known.has(k)),
      'GET routes with no row in list-routes.test.ts',
    ).toEqual([]);
    expect(
      [...known].filter((k) => !getRoutes().some((r) => keyOf(r) === k)),
      'rows for routes that no longer exist',
    ).toEqual([]);
  });

  it('gives every list route page and pageSize, and this test a value for each documented parameter', () => {
    const problems: string[] = [];
    for (const r of getRoutes()) {
      const row = rows()[keyOf(r)];
      if (!row) continue;
      for (const p of ['page', 'pageSize']) if (!paramsOf(r).includes(p)) problems.push(`${keyOf(r)} does not document ${p}`);
      for (const p of paramsOf(r)) {
        if (!row.values[p]?.length) problems.push(`${keyOf(r)}: no test values for ?${p}`);
        if (!row.differ.some((pair) => pair.some((q) => new URLSearchParams(q).has(p))) && !row.shownElsewhere?.[p])
          problems.push(`${keyOf(r)}: nothing shows that ?${p} changes the result`);
      }
      for (const p of Object.keys(row.values))
        if (!paramsOf(r).includes(p)) problems.push(`${keyOf(r)}: the test tries ?${p}, which the route does not document`);
    }
    expect(problems).toEqual([]);
  });

  /** Every value alone, every pair of values of two parameters, and all parameters at once. */
  function combinations(values: Record<string, string[]>): string[] {
    const names = Object.keys(values);
    const out: string[] = [''];
    const q = (pairs: Array<[string, string]>) => new URLSearchParams(pairs).toString();
    for (const [i, a] of names.entries()) {
      for (const va of values[a]!) {
        out.push(q([[a, va]]));
        for (const b of names.slice(i + 1))
          for (const vb of values[b]!)
            out.push(
              q([
                [a, va],
                [b, vb],
              ]),
            );
      }
    }
    out.push(q(names.map((n) => [n, values[n]![0]!])));
    return out;
  }

  async function list(path: string, query: string, as: string) {
    const res = await s.call('GET', `${path}${query ? `?${query}` : ''}`, { as });
    return res;
  }

  it.each(LIST_KEYS)('%s answers every combination of its filters with the list envelope', async (key) => {
    const row = rows()[key];
    expect(row, `no row for ${key}`).toBeDefined();
    const failures: string[] = [];
    for (const as of row!.as) {
      for (const query of combinations(row!.values)) {
        const res = await list(row!.path(), query, as);
        const b = res.body as { items?: unknown; total?: unknown; page?: unknown; pageSize?: unknown };
        const asked = new URLSearchParams(query);
        const ok =
          res.status === 200 &&
          Array.isArray(b.items) &&
          Number.isInteger(b.total) &&
          (b.total as number) >= (b.items as unknown[]).length &&
          b.page === Number(asked.get('page') ?? 1) &&
          Number.isInteger(b.pageSize) &&
          (!asked.has('pageSize') || b.pageSize === Number(asked.get('pageSize'))) &&
          (b.items as unknown[]).length <= (b.pageSize as number);
        if (!ok) failures.push(`${as}: ?${query} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(LIST_KEYS)('%s: each filter changes the result on data seeded for it', async (key) => {
    const row = rows()[key]!;
    const same: string[] = [];
    for (const as of row.as) {
      for (const [a, b] of row.differ) {
        const [ra, rb] = [await list(row.path(), a, as), await list(row.path(), b, as)];
        expect(ra.status, JSON.stringify(ra.body)).toBe(200);
        expect(rb.status, JSON.stringify(rb.body)).toBe(200);
        if (JSON.stringify(ra.body.items) === JSON.stringify(rb.body.items))
          same.push(`${as}: ?${a} and ?${b} both gave ${JSON.stringify(ra.body.items).slice(0, 200)}`);
      }
    }
    expect(same).toEqual([]);
  });

  it('filters tasks as the inbox tabs say: pool tasks are unclaimed, overdue ones are past due, q matches titles', async () => {
    const pool = await list('/api/tasks', 'scope=pool', 'zongheke1');
    expect(pool.body.items.map((t: { instanceId: string }) => t.instanceId)).toEqual([ids.poolCase]);
    expect(pool.body.items[0].pool).toMatchObject({ role: 'secretariat-clerk' });
    const mine = await list('/api/tasks', 'scope=mine&sort=due', 'zongheke1');
    expect(mine.body.items.map((t: { instanceId: string }) => t.instanceId)).toEqual([ids.mineCase, ids.lateCase]);
    const overdue = await list('/api/tasks', 'overdue=true', 'zongheke1');
    expect(overdue.body.items.map((t: { instanceId: string }) => t.instanceId)).toEqual([ids.poolCase]);
    const byTitle = await list('/api/tasks', 'q=核稿&sort=-received', 'zongheke1');
    expect(byTitle.body.items.map((t: { instanceId: string }) => t.instanceId)).toEqual([ids.lateCase, ids.mineCase]);
    const changed = await list('/api/tasks', 'sort=-updated', 'zongheke1');
    expect(changed.body.items.map((t: { instanceId: string }) => t.instanceId)).toEqual([ids.mineCase, ids.poolCase, ids.lateCase]);
    expect(await taskOf(s, 'zongheke1', ids.poolCase)).toBe(pool.body.items[0].id);
  });

  it('lists cases by scope and status: an administrator sees every case, staff the ones they are part of', async () => {
    const admin = await list('/api/instances', 'sort=received', 'admin');
    expect(admin.body.items.map((i: { id: string }) => i.id)).toEqual([ids.poolCase, ids.mineCase, ids.ownCase, ids.lateCase]);
    const started = await list('/api/instances', 'scope=started', 'zongheke1');
    expect(started.body.items.map((i: { id: string }) => i.id)).toEqual([ids.ownCase]);
    const withdrawn = await list('/api/instances', 'status=withdrawn', 'admin');
    expect(withdrawn.body).toMatchObject({ total: 1, items: [{ id: ids.ownCase, status: 'withdrawn' }] });
  });
});
