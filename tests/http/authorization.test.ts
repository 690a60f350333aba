/**
 * Who may call what: every route in the route table, for an anonymous caller, a staff member
 * (`zongheke1`, secretariat clerk) and an administrator, plus people from other units trying to
 * act on tasks and cases that are not theirs. The route list comes from `allRoutes()`, so a new
 * route without a row here fails the first test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { allRoutes } from '../../core/http/app.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, startCase, taskOf } from './helpers.js';

type Caller = 'anonymous' | 'staff' | 'admin';
const USERNAME = { staff: 'zongheke1', admin: 'admin' } as const;

interface Call {
  path: string;
  body?: unknown;
  /** Send a small text file as multipart/form-data (field `file`). */
  multipart?: true;
}

interface Row {
  /** Expected status per caller; `anonymous` defaults to 401 (only public routes may differ). */
  anonymous?: number;
  staff: number;
  admin: number;
  /** The request to make for this caller: fresh fixtures each time, so callers do not disturb each other. */
  call(who: Caller): Promise<Call> | Call;
  /** The error code of an expected refusal, when it is not the usual one (401 `auth.required`, staff 403 `auth.admin_only`, admin 403 `task.not_assignee`). */
  codes?: Partial<Record<Caller, string>>;
  /** A never-ending response (Server-Sent Events): only the status is read. */
  stream?: true;
}

/**
 * Routes the app does not put behind its sign-in middleware. Everything else must answer an
 * anonymous caller 401. The notification stream authenticates itself (EventSource cannot send
 * headers); its row still expects 401 for an anonymous caller.
 */
const PUBLIC = new Set([
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'GET /api/schemas/definition.json',
  'GET /api/forms/validators/:file',
  'GET /api/notifications/stream',
]);

/** Prepare (initiator) → review by `reviewers` (会签) → done. */
const reviewFlow = (key: string, reviewers: string[]): WorkflowDefinition => ({
  key,
  title: { 'zh-CN': '权限测试流程', en: 'Authorization test flow' },
  withdraw: { allowed: true },
  initial: 'prepare',
  states: {
    prepare: {
      title: { 'zh-CN': '拟稿', en: 'Draft' },
      task: { assign: { initiator: true } },
      on: { submit: 'review' },
    },
    review: {
      title: { 'zh-CN': '会签', en: 'Countersign' },
      approval: { assign: { users: reviewers }, mode: 'all' },
      return: { to: 'visited' },
      on: { approve: 'done', reject: 'rejected', 'external.cancel': 'rejected' },
    },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
    rejected: { title: { 'zh-CN': '不同意', en: 'Rejected' }, final: true, result: 'rejected' },
  },
});

const poolFlow: WorkflowDefinition = {
  key: 'authz-pool',
  title: { 'zh-CN': '综合科签收', en: 'Secretariat pool' },
  initial: 'handle',
  states: {
    handle: {
      title: { 'zh-CN': '签收办理', en: 'Claim and handle' },
      task: { assign: { role: 'secretariat-clerk', unit: 'secretariat' } },
      on: { done: 'done' },
    },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

describe('HTTP: authorization of every route', () => {
  let s: TestServer;
  let seq = 0;
  const unique = (prefix: string) => `${prefix}${++seq}`;

  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, reviewFlow('authz-staff', ['zongheke1', 'ducha1']));
    await publishDefinition(s, reviewFlow('authz-director', ['zhuren', 'ducha1']));
    await publishDefinition(s, poolFlow);
    await publishDefinition(s, { ...poolFlow, title: { 'zh-CN': '综合科签收（第二版）', en: 'Secretariat pool v2' } });
    await publishDefinition(s, {
      ...reviewFlow('authz-form', ['zongheke1']),
      startForm: 'start',
      forms: { start: { schema: { type: 'object', properties: { subject: { type: 'string', title: '标题' } } } } },
    });
  });
  afterAll(() => s.close());

  /** A case started by `xinxi1` and sent to review: the review tasks of the flow's reviewers are open. */
  async function inReview(definition: 'authz-staff' | 'authz-director') {
    const id = await startCase(s, 'xinxi1', definition);
    const prepare = await taskOf(s, 'xinxi1', id);
    const sent = await s.call('POST', `/api/tasks/${prepare}/complete`, { as: 'xinxi1', body: { outcome: 'submit' } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    return id;
  }
  /** The staff member's open review task (the admin is not on it). */
  async function staffTask(): Promise<{ caseId: string; taskId: string; otherSigner: string }> {
    const caseId = await inReview('authz-staff');
    return { caseId, taskId: await taskOf(s, 'zongheke1', caseId), otherSigner: await taskOf(s, 'ducha1', caseId) };
  }
  const ownCase = (who: Caller) => startCase(s, who === 'admin' ? 'admin' : 'zongheke1', 'authz-staff');
  async function notificationOf(username: string): Promise<string> {
    const id = await ownCase('staff');
    await s.call('POST', `/api/instances/${id}/cc`, { as: 'zongheke1', body: { users: [username], message: '请阅' } });
    const list = await s.call('GET', '/api/notifications?unread=true', { as: username });
    return list.body.items[0].id as string;
  }
  async function throwawayUser(): Promise<string> {
    const res = await s.call('POST', '/api/directory/users', {
      as: 'admin',
      body: { username: unique('tmp-user-'), displayName: '临时人员', unitId: 'secretariat' },
    });
    return res.body.id as string;
  }
  async function throwawayUnit(): Promise<string> {
    const res = await s.call('POST', '/api/directory/units', {
      as: 'admin',
      body: { code: unique('tmp-unit-'), name: '临时单位', kind: 'section', parentId: 'office' },
    });
    return res.body.id as string;
  }
  function uploadForm(): FormData {
    const form = new FormData();
    form.set('file', new File(['会议纪要'], 'minutes.txt', { type: 'text/plain' }));
    return form;
  }
  async function uploadAs(username: string): Promise<string> {
    const res = await s.app.request('/api/files', { method: 'POST', headers: { authorization: `Bearer ${await s.token(username)}` }, body: uploadForm() });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  const period = { startsAt: '2026-04-01T00:00:00Z', endsAt: '2026-04-03T00:00:00Z' };
  async function delegationOf(username: string): Promise<string> {
    const res = await s.call('POST', '/api/me/delegations', { as: username, body: { to: 'zongheke2', ...period } });
    return res.body.id as string;
  }

  /** A fresh refresh token of `username` (each is spent by one call). */
  const refreshTokenOf = async (username: string): Promise<string> =>
    (await s.call('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } })).body.refreshToken as string;

  const rows: Record<string, Row> = {
    // account
    'POST /api/auth/login': {
      anonymous: 200,
      staff: 200,
      admin: 200,
      call: () => ({ path: '/api/auth/login', body: { username: 'zongheke2', password: DEMO_PASSWORD } }),
    },
    'GET /api/auth/me': { staff: 200, admin: 200, call: () => ({ path: '/api/auth/me' }) },
    'POST /api/auth/refresh': {
      anonymous: 200,
      staff: 200,
      admin: 200,
      call: async () => ({ path: '/api/auth/refresh', body: { refreshToken: await refreshTokenOf('zongheke2') } }),
    },
    'POST /api/auth/logout': {
      anonymous: 200,
      staff: 200,
      admin: 200,
      call: async () => ({ path: '/api/auth/logout', body: { refreshToken: await refreshTokenOf('zongheke2') } }),
    },
    // A wrong current password: the route is reached, the change refused (a right one would end the caller's session mid-matrix).
    'POST /api/auth/password': {
      staff: 401,
      admin: 401,
      codes: { staff: 'auth.invalid_credentials', admin: 'auth.invalid_credentials' },
      call: () => ({ path: '/api/auth/password', body: { currentPassword: 'not-the-password', newPassword: 'whatever-new-1' } }),
    },
    'POST /api/directory/users/:id/unlock': { staff: 403, admin: 200, call: () => ({ path: '/api/directory/users/zongheke2/unlock' }) },
    'GET /api/notifications': { staff: 200, admin: 200, call: () => ({ path: '/api/notifications' }) },
    // someone else's notification does not exist for you, admin or not
    'POST /api/notifications/:id/read': {
      staff: 200,
      admin: 404,
      codes: { admin: 'request.not_found' },
      call: async () => ({ path: `/api/notifications/${await notificationOf('zongheke1')}/read` }),
    },
    'GET /api/audit/verify': { staff: 403, admin: 200, call: () => ({ path: '/api/audit/verify' }) },
    'GET /api/audit/system': { staff: 403, admin: 200, call: () => ({ path: '/api/audit/system' }) },

    'GET /api/notifications/stream': { staff: 200, admin: 200, stream: true, call: () => ({ path: '/api/notifications/stream' }) },

    // definitions
    'GET /api/schemas/definition.json': { anonymous: 200, staff: 200, admin: 200, call: () => ({ path: '/api/schemas/definition.json' }) },
    'GET /api/definitions': { staff: 200, admin: 200, call: () => ({ path: '/api/definitions' }) },
    'GET /api/definitions/:key': { staff: 200, admin: 200, call: () => ({ path: '/api/definitions/authz-staff' }) },
    'GET /api/definitions/:key/versions': { staff: 200, admin: 200, call: () => ({ path: '/api/definitions/authz-staff/versions' }) },
    'PUT /api/definitions/:key/draft': {
      staff: 403,
      admin: 200,
      call: () => ({ path: '/api/definitions/authz-draft/draft', body: reviewFlow('authz-draft', ['zongheke1']) }),
    },
    'POST /api/definitions/validate': {
      staff: 403,
      admin: 200,
      call: () => ({ path: '/api/definitions/validate', body: reviewFlow('authz-check', ['zongheke1']) }),
    },
    'POST /api/definitions/:key/publish': {
      staff: 403,
      admin: 201,
      call: () => ({ path: '/api/definitions/authz-extra/publish', body: { definition: reviewFlow('authz-extra', ['zongheke1']) } }),
    },
    'POST /api/definitions/:key/migrate': {
      staff: 403,
      admin: 200,
      call: () => ({ path: '/api/definitions/authz-pool/migrate', body: { from: 1, to: 2, mapping: {}, dryRun: true } }),
    },
    'POST /api/definitions/:key/retire': {
      staff: 403,
      admin: 200,
      call: async (who) => {
        await publishDefinition(s, reviewFlow(`authz-retire-${who}`, ['zongheke1']));
        return { path: `/api/definitions/authz-retire-${who}/retire`, body: { reason: '测试' } };
      },
    },
    'POST /api/definitions/:key/restore': {
      staff: 403,
      admin: 200,
      call: async (who) => {
        await publishDefinition(s, reviewFlow(`authz-restore-${who}`, ['zongheke1']));
        expect((await s.call('POST', `/api/definitions/authz-restore-${who}/retire`, { as: 'admin', body: {} })).status).toBe(200);
        return { path: `/api/definitions/authz-restore-${who}/restore`, body: {} };
      },
    },
    'GET /api/definitions/:key/retirements': { staff: 403, admin: 200, call: () => ({ path: '/api/definitions/authz-staff/retirements' }) },
    // Trying time: admins only; an empty body gets as far as its validation (422), proving the door is open.
    'POST /api/simulations': { staff: 403, admin: 422, call: () => ({ path: '/api/simulations', body: {} }) },
    'POST /api/simulations/advance': { staff: 403, admin: 422, call: () => ({ path: '/api/simulations/advance', body: {} }) },
    'POST /api/simulations/act': { staff: 403, admin: 422, call: () => ({ path: '/api/simulations/act', body: {} }) },
    'GET /api/admin-moves': { staff: 403, admin: 200, call: () => ({ path: '/api/admin-moves?status=pending' }) },
    'POST /api/admin-moves/:id/approve': { staff: 403, admin: 404, call: () => ({ path: '/api/admin-moves/00000000-0000-4000-8000-000000000000/approve' }) },
    'POST /api/admin-moves/:id/reject': { staff: 403, admin: 404, call: () => ({ path: '/api/admin-moves/00000000-0000-4000-8000-000000000000/reject' }) },
    'POST /api/schedules/preview': { staff: 403, admin: 200, call: () => ({ path: '/api/schedules/preview', body: { schedule: { every: 'P1M', count: 2 } } }) },

    // instances
    'POST /api/instances': { staff: 201, admin: 201, call: () => ({ path: '/api/instances', body: { definition: 'authz-staff' } }) },
    'GET /api/instances': { staff: 200, admin: 200, call: () => ({ path: '/api/instances' }) },
    'GET /api/instances/:id': { staff: 200, admin: 200, call: async (who) => ({ path: `/api/instances/${await ownCase(who)}` }) },
    'GET /api/instances/:id/history': { staff: 200, admin: 200, call: async (who) => ({ path: `/api/instances/${await ownCase(who)}/history` }) },
    'GET /api/instances/:id/timers': { staff: 200, admin: 200, call: async (who) => ({ path: `/api/instances/${await ownCase(who)}/timers` }) },
    'GET /api/timers': { staff: 403, admin: 200, codes: { staff: 'auth.forbidden' }, call: () => ({ path: '/api/timers?kind=due' }) },
    'POST /api/instances/:id/withdraw': {
      staff: 200,
      admin: 200,
      call: async (who) => ({ path: `/api/instances/${await ownCase(who)}/withdraw`, body: { reason: '测试' } }),
    },
    // 撤回后修改再提交: the initiator's own withdrawn case, resent as it was
    'POST /api/instances/:id/resend': {
      staff: 201,
      admin: 201,
      call: async (who) => {
        const id = await ownCase(who);
        const withdrawn = await s.call('POST', `/api/instances/${id}/withdraw`, { as: who === 'admin' ? 'admin' : 'zongheke1', body: {} });
        expect(withdrawn.status).toBe(200);
        return { path: `/api/instances/${id}/resend`, body: {} };
      },
    },
    'POST /api/instances/:id/urge': {
      staff: 200,
      admin: 200,
      call: async (who) => ({ path: `/api/instances/${await ownCase(who)}/urge`, body: { message: '请尽快办理' } }),
    },
    'POST /api/instances/:id/cc': {
      staff: 200,
      admin: 200,
      call: async (who) => ({ path: `/api/instances/${await ownCase(who)}/cc`, body: { users: ['zhuren'] } }),
    },
    // a standing action the case's definition does not have: the same answer for everyone who may see the case
    'POST /api/instances/:id/actions/:name': {
      staff: 404,
      admin: 404,
      codes: { staff: 'instance.action_not_found', admin: 'instance.action_not_found' },
      call: async (who) => ({ path: `/api/instances/${await ownCase(who)}/actions/spotCheck`, body: {} }),
    },
    'POST /api/instances/:id/events': {
      staff: 403,
      admin: 200,
      call: async () => ({ path: `/api/instances/${(await staffTask()).caseId}/events`, body: { type: 'external.cancel' } }),
    },

    // tasks: the staff member on their own task; the admin on a task that is not theirs
    'GET /api/tasks': { staff: 200, admin: 200, call: () => ({ path: '/api/tasks' }) },
    'GET /api/tasks/:id': { staff: 200, admin: 200, call: async () => ({ path: `/api/tasks/${(await staffTask()).taskId}` }) },
    'POST /api/tasks/:id/claim': {
      staff: 200,
      admin: 403,
      call: async () => {
        const id = await startCase(s, 'xinxi1', 'authz-pool');
        return { path: `/api/tasks/${await taskOf(s, 'zongheke2', id)}/claim` };
      },
    },
    'POST /api/tasks/:id/complete': {
      staff: 200,
      admin: 403,
      call: async () => ({ path: `/api/tasks/${(await staffTask()).taskId}/complete`, body: { outcome: 'approve', opinion: '同意' } }),
    },
    'POST /api/tasks/:id/return': {
      staff: 200,
      admin: 403,
      call: async () => ({ path: `/api/tasks/${(await staffTask()).taskId}/return`, body: { to: 'prepare', opinion: '请修改' } }),
    },
    'POST /api/tasks/:id/transfer': {
      staff: 200,
      admin: 403,
      call: async () => ({ path: `/api/tasks/${(await staffTask()).taskId}/transfer`, body: { to: 'zongheke2' } }),
    },
    'POST /api/tasks/:id/delegate': {
      staff: 200,
      admin: 403,
      call: async () => ({ path: `/api/tasks/${(await staffTask()).taskId}/delegate`, body: { to: 'zongheke2' } }),
    },
    'POST /api/tasks/:id/signers': {
      staff: 200,
      admin: 403,
      call: async () => ({ path: `/api/tasks/${(await staffTask()).taskId}/signers`, body: { users: ['zongheke2'] } }),
    },
    'DELETE /api/tasks/:id/signers/:signer': {
      staff: 200,
      admin: 403,
      call: async () => {
        const t = await staffTask();
        return { path: `/api/tasks/${t.taskId}/signers/${t.otherSigner}` };
      },
    },

    // directory: reads for everyone, writes for admins
    'GET /api/directory/units': { staff: 200, admin: 200, call: () => ({ path: '/api/directory/units?tree=true' }) },
    'GET /api/directory/users': { staff: 200, admin: 200, call: () => ({ path: '/api/directory/users?q=zhuren' }) },
    'GET /api/directory/users/:id': { staff: 200, admin: 200, call: () => ({ path: '/api/directory/users/zhuren' }) },
    'GET /api/directory/roles': { staff: 200, admin: 200, call: () => ({ path: '/api/directory/roles' }) },
    'POST /api/directory/units': {
      staff: 403,
      admin: 201,
      call: () => ({ path: '/api/directory/units', body: { code: unique('new-unit-'), name: '新单位', kind: 'department', parentId: 'county' } }),
    },
    'PATCH /api/directory/units/:id': {
      staff: 403,
      admin: 200,
      call: async () => ({ path: `/api/directory/units/${await throwawayUnit()}`, body: { name: '改名后的单位' } }),
    },
    'DELETE /api/directory/units/:id': { staff: 403, admin: 200, call: async () => ({ path: `/api/directory/units/${await throwawayUnit()}` }) },
    'POST /api/directory/users': {
      staff: 403,
      admin: 201,
      call: () => ({
        path: '/api/directory/users',
        body: { username: unique('new-user-'), displayName: '新同事', password: 'a-long-password', unitId: 'secretariat' },
      }),
    },
    'PATCH /api/directory/users/:id': {
      staff: 403,
      admin: 200,
      call: async () => ({ path: `/api/directory/users/${await throwawayUser()}`, body: { displayName: '改名', password: 'another-password' } }),
    },
    'DELETE /api/directory/users/:id': { staff: 403, admin: 200, call: async () => ({ path: `/api/directory/users/${await throwawayUser()}` }) },
    'POST /api/directory/roles': { staff: 403, admin: 201, call: () => ({ path: '/api/directory/roles', body: { key: unique('role-'), name: '新角色' } }) },
    'POST /api/directory/users/:id/memberships': {
      staff: 403,
      admin: 201,
      call: async () => ({ path: `/api/directory/users/${await throwawayUser()}/memberships`, body: { role: 'handler', unit: 'secretariat' } }),
    },
    'DELETE /api/directory/users/:id/memberships/:role/:unit': {
      staff: 403,
      admin: 200,
      call: () => ({ path: '/api/directory/users/zongheke2/memberships/handler/secretariat' }),
    },
    'GET /api/directory/delegations': { staff: 403, admin: 200, call: () => ({ path: '/api/directory/delegations' }) },
    'POST /api/directory/delegations': {
      staff: 403,
      admin: 201,
      call: () => ({ path: '/api/directory/delegations', body: { from: 'ducha1', to: 'ducha2', ...period } }),
    },
    'DELETE /api/directory/delegations/:id': {
      staff: 403,
      admin: 200,
      call: async () => ({ path: `/api/directory/delegations/${await delegationOf('ducha1')}` }),
    },
    'GET /api/me/delegations': { staff: 200, admin: 200, call: () => ({ path: '/api/me/delegations' }) },
    'POST /api/me/delegations': { staff: 201, admin: 201, call: () => ({ path: '/api/me/delegations', body: { to: 'zongheke2', ...period } }) },
    'DELETE /api/me/delegations/:id': {
      staff: 200,
      admin: 200,
      call: async (who) => ({ path: `/api/me/delegations/${await delegationOf(who === 'admin' ? 'admin' : 'zongheke1')}` }),
    },

    // calendar
    'GET /api/calendar/:key/days': { staff: 200, admin: 200, call: () => ({ path: '/api/calendar/cn/days?year=2026' }) },
    'PUT /api/calendar/:key/days/:date': {
      staff: 403,
      admin: 200,
      call: () => ({ path: '/api/calendar/cn-authz/days/2026-06-01', body: { kind: 'holiday', name: { 'zh-CN': '测试假日', en: 'Test holiday' } } }),
    },
    'DELETE /api/calendar/:key/days/:date': {
      staff: 403,
      admin: 200,
      call: async () => {
        await s.call('PUT', '/api/calendar/cn-authz/days/2026-06-02', { as: 'admin', body: { kind: 'holiday', name: { 'zh-CN': '测试假日' } } });
        return { path: '/api/calendar/cn-authz/days/2026-06-02' };
      },
    },
    'GET /api/calendar/:key/deadline': { staff: 200, admin: 200, call: () => ({ path: '/api/calendar/cn/deadline?duration=P5WD' }) },
    'GET /api/calendar/:key/affected': { staff: 403, admin: 200, call: () => ({ path: '/api/calendar/cn-authz/affected' }) },
    'POST /api/calendar/:key/recompute': { staff: 403, admin: 200, call: () => ({ path: '/api/calendar/cn-authz/recompute' }) },

    // forms, files and drafts
    'GET /api/forms/validators/:file': {
      anonymous: 200,
      staff: 200,
      admin: 200,
      call: async () => {
        const bundle = await s.call('GET', '/api/forms/authz-form/start', { as: 'zongheke1' });
        return { path: bundle.body.validatorModule as string };
      },
    },
    'GET /api/forms/:definition/:form': { staff: 200, admin: 200, call: () => ({ path: '/api/forms/authz-form/start' }) },
    'POST /api/files': { staff: 201, admin: 201, call: () => ({ path: '/api/files', multipart: true }) },
    // a file is private to its uploader (and admins) until a case that refers to it is shared
    'GET /api/files/:id': { staff: 200, admin: 200, call: async () => ({ path: `/api/files/${await uploadAs('zongheke1')}` }) },
    'GET /api/drafts/:key': {
      staff: 200,
      admin: 200,
      call: async (who) => {
        if (who !== 'anonymous') await s.call('PUT', '/api/drafts/authz-draft', { as: USERNAME[who], body: { data: { subject: '草稿' } } });
        return { path: '/api/drafts/authz-draft' };
      },
    },
    'PUT /api/drafts/:key': { staff: 200, admin: 200, call: () => ({ path: '/api/drafts/authz-draft', body: { data: { subject: '草稿' } } }) },
    'DELETE /api/drafts/:key': { staff: 200, admin: 200, call: () => ({ path: '/api/drafts/authz-draft' }) },

    // supervision statistics
    // for leaders and supervisors: a secretariat clerk is refused
    'GET /api/stats': { staff: 403, admin: 200, codes: { staff: 'stats.forbidden' }, call: () => ({ path: '/api/stats?from=2026-01-01&to=2026-12-31' }) },
    'GET /api/stats/export': {
      staff: 403,
      admin: 200,
      codes: { staff: 'stats.forbidden' },
      call: () => ({ path: '/api/stats/export?from=2026-01-01&to=2026-12-31&table=units' }),
    },

    // plugins
    'GET /api/plugins': { staff: 200, admin: 200, call: () => ({ path: '/api/plugins' }) },
    // signed-in users may ask, but only for allowlisted addresses: a loopback address is refused
    'GET /api/form-data/options': {
      staff: 422,
      admin: 422,
      codes: { staff: 'outbound.refused', admin: 'outbound.refused' },
      call: () => ({ path: `/api/form-data/options?url=${encodeURIComponent('http://127.0.0.1/internal')}` }),
    },
    'GET /api/admin/secrets': { staff: 403, admin: 200, call: () => ({ path: '/api/admin/secrets' }) },
    'PUT /api/admin/secrets/:name': {
      staff: 403,
      admin: 200,
      call: () => ({ path: '/api/admin/secrets/authz-token', body: { value: 's3cret-value', grants: [] } }),
    },
    'PATCH /api/admin/secrets/:name': {
      staff: 403,
      admin: 200,
      call: async () => {
        await s.call('PUT', '/api/admin/secrets/authz-patch', { as: 'admin', body: { value: 's3cret-value', grants: [] } });
        return { path: '/api/admin/secrets/authz-patch', body: { grants: [] } };
      },
    },
    'DELETE /api/admin/secrets/:name': {
      staff: 403,
      admin: 200,
      call: async () => {
        await s.call('PUT', '/api/admin/secrets/authz-delete', { as: 'admin', body: { value: 's3cret-value', grants: [] } });
        return { path: '/api/admin/secrets/authz-delete' };
      },
    },
    'GET /api/admin/incidents': { staff: 403, admin: 200, call: () => ({ path: '/api/admin/incidents' }) },
    // there is no incident to retry or dismiss: the admin passes authorization and learns it does not exist
    'POST /api/admin/incidents/:id/retry': {
      staff: 403,
      admin: 404,
      codes: { admin: 'plugin.incident_not_found' },
      call: () => ({ path: '/api/admin/incidents/00000000-0000-4000-8000-000000000000/retry' }),
    },
    'POST /api/admin/incidents/:id/dismiss': {
      staff: 403,
      admin: 404,
      codes: { admin: 'plugin.incident_not_found' },
      call: () => ({ path: '/api/admin/incidents/00000000-0000-4000-8000-000000000000/dismiss' }),
    },

    // API keys
    'POST /api/api-keys': {
      staff: 403,
      admin: 201,
      call: () => ({ path: '/api/api-keys', body: { name: 'portal', user: 'xinfang1', origins: ['http://portal.example.test'] } }),
    },
    'GET /api/api-keys': { staff: 403, admin: 200, call: () => ({ path: '/api/api-keys' }) },
    'DELETE /api/api-keys/:id': {
      staff: 403,
      admin: 200,
      call: async () => {
        const key = await s.call('POST', '/api/api-keys', { as: 'admin', body: { name: 'to revoke', user: 'xinfang1' } });
        return { path: `/api/api-keys/${key.body.id}` };
      },
    },
  };

  const routeKeys = () => allRoutes(s.services).map((r) => `${r.method.toUpperCase()} ${r.path}`);

  async function run(who: Caller, key: string): Promise<{ status: number; code?: string }> {
    const row = rows[key]!;
    const method = key.slice(0, key.indexOf(' '));
    const call = await row.call(who);
    if (row.stream || call.multipart) {
      const headers: Record<string, string> = who === 'anonymous' ? {} : { authorization: `Bearer ${await s.token(USERNAME[who])}` };
      const res = await s.app.request(call.path, { method, headers, ...(call.multipart ? { body: uploadForm() } : {}) });
      const ok = res.status < 300;
      const body = ok && row.stream ? undefined : ((await res.json()) as { error?: { code: string } });
      if (ok && row.stream) await res.body?.cancel();
      return { status: res.status, ...(body?.error?.code ? { code: body.error.code } : {}) };
    }
    const res = await s.call(method, call.path, {
      ...(who === 'anonymous' ? {} : { as: USERNAME[who] }),
      ...(call.body === undefined ? {} : { body: call.body }),
    });
    return { status: res.status, ...(res.body?.error?.code ? { code: res.body.error.code as string } : {}) };
  }

  /** Runs every route for one caller and lists the routes that answered otherwise than expected. */
  async function mismatches(who: Caller): Promise<string[]> {
    const wrong: string[] = [];
    for (const key of routeKeys()) {
      const row = rows[key];
      if (!row) continue; // reported by the coverage test
      const expected = who === 'anonymous' ? (row.anonymous ?? 401) : row[who];
      const got = await run(who, key);
      // A refusal must be the right one: not signed in, not an admin, or not your task.
      const expectedCode =
        row.codes?.[who] ?? (expected === 401 ? 'auth.required' : expected === 403 ? (who === 'staff' ? 'auth.admin_only' : 'task.not_assignee') : undefined);
      if (got.status !== expected || (expectedCode && got.code !== expectedCode)) {
        wrong.push(`${key}: expected ${expected}${expectedCode ? ` ${expectedCode}` : ''}, got ${got.status} ${got.code ?? ''}`.trim());
      }
    }
    return wrong;
  }

  it('has a row for every route in the route table, and no row for a route that is gone', () => {
    const keys = routeKeys();
    expect(new Set(keys).size, 'a route is registered twice').toBe(keys.length);
    expect(
      keys.filter((k) => !rows[k]),
      'routes without a row in the authorization matrix',
    ).toEqual([]);
    expect(
      Object.keys(rows).filter((k) => !keys.includes(k)),
      'rows for routes that do not exist',
    ).toEqual([]);
  });

  it('only the public routes answer someone who has not signed in', async () => {
    for (const key of Object.keys(rows)) expect(rows[key]!.anonymous === undefined || PUBLIC.has(key), `${key} must not be public`).toBe(true);
    expect(await mismatches('anonymous')).toEqual([]);
  });

  it('a staff member reaches their own work and the directory, and is refused every admin route', async () => {
    expect(await mismatches('staff')).toEqual([]);
  });

  it('an administrator reaches every admin route but cannot work other people’s tasks', async () => {
    expect(await mismatches('admin')).toEqual([]);
  });

  it('a forged or expired token is refused on every non-public route', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    for (const key of routeKeys().filter((k) => !PUBLIC.has(k))) {
      const method = key.slice(0, key.indexOf(' '));
      const path = key.slice(key.indexOf(' ') + 1).replace(/:[a-z]+/gi, 'x');
      const res = await s.call(method, path, { token: forged });
      expect(res.status, key).toBe(401);
      expect(res.body.error.code, key).toBe('auth.invalid_token');
    }
  });

  describe('someone from another unit', () => {
    const outsider = 'shilizhen-head';

    it('cannot claim, complete, return, transfer, delegate, or change the signers of the director’s task', async () => {
      const caseId = await inReview('authz-director');
      const task = await taskOf(s, 'zhuren', caseId);
      const other = await taskOf(s, 'ducha1', caseId);
      const historyBefore = (await s.call('GET', `/api/instances/${caseId}/history`, { as: 'xinxi1' })).body.items.length;
      const attempts: Array<[string, string, unknown?]> = [
        ['POST', `/api/tasks/${task}/claim`],
        ['POST', `/api/tasks/${task}/complete`, { outcome: 'approve', opinion: '同意' }],
        ['POST', `/api/tasks/${task}/return`, { to: 'prepare' }],
        ['POST', `/api/tasks/${task}/transfer`, { to: 'shilizhen-liaison' }],
        ['POST', `/api/tasks/${task}/delegate`, { to: 'shilizhen-liaison' }],
        ['POST', `/api/tasks/${task}/signers`, { users: ['shilizhen-liaison'] }],
        ['DELETE', `/api/tasks/${task}/signers/${other}`],
      ];
      for (const [method, path, body] of attempts) {
        const res = await s.call(method, path, { as: outsider, ...(body === undefined ? {} : { body }) });
        expect([path, res.status, res.body.error?.code]).toEqual([path, 403, 'task.not_assignee']);
      }
      // nothing changed: no history was written, and the director still holds the task and can complete it
      expect((await s.call('GET', `/api/instances/${caseId}/history`, { as: 'xinxi1' })).body.items).toHaveLength(historyBefore);
      const done = await s.call('POST', `/api/tasks/${task}/complete`, { as: 'zhuren', body: { outcome: 'approve' } });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    });

    it('cannot read, see the history of, urge or withdraw a case they have no part in: it does not exist for them', async () => {
      const caseId = await inReview('authz-director');
      for (const [method, path, body] of [
        ['GET', `/api/instances/${caseId}`],
        ['GET', `/api/instances/${caseId}/history`],
        ['POST', `/api/instances/${caseId}/urge`, {}],
        ['POST', `/api/instances/${caseId}/cc`, { users: ['shilizhen-liaison'] }],
      ] as Array<[string, string, unknown?]>) {
        const res = await s.call(method, path, { as: outsider, ...(body === undefined ? {} : { body }) });
        expect([path, res.status, res.body.error?.code]).toEqual([path, 404, 'instance.not_found']);
      }
      const list = await s.call('GET', '/api/instances?scope=all', { as: outsider });
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(caseId);
    });

    it('cannot withdraw someone else’s case, even one they can see', async () => {
      const caseId = await inReview('authz-director');
      const res = await s.call('POST', `/api/instances/${caseId}/withdraw`, { as: 'zhuren', body: {} });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('instance.not_initiator');
      const c = await s.call('GET', `/api/instances/${caseId}`, { as: 'xinxi1' });
      expect(c.body.status).toBe('running');
    });

    it('cannot open another person’s task (it does not exist for them) or mark their notifications read', async () => {
      const caseId = await inReview('authz-director');
      const task = await taskOf(s, 'zhuren', caseId);
      const read = await s.call('GET', `/api/tasks/${task}`, { as: outsider });
      expect([read.status, read.body.error?.code]).toEqual([404, 'instance.not_found']);
      const note = await notificationOf('zhuren');
      const res = await s.call('POST', `/api/notifications/${note}/read`, { as: outsider });
      expect(res.status).toBe(404);
      const still = await s.call('GET', '/api/notifications?unread=true', { as: 'zhuren' });
      expect(still.body.items.map((n: { id: string }) => n.id)).toContain(note);
    });
  });
});
