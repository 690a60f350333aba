/**
 * A workflow as the simple designer writes it, published and run over HTTP: the case title is
 * rendered from the start form at start, the initiator's manager approves, the deputy head only
 * above 1000 yuan, the supervision office gets a copy, and an empty step passes automatically.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyFlow, insertNode, newNode, toDefinition, type ApproverNode, type BranchGroup, type CcNode, type SimpleFlow } from '../../ui/admin/simple-flow.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, complete, publishDefinition, startCase } from './helpers.js';

function carRequest(): SimpleFlow {
  let flow: SimpleFlow = {
    ...emptyFlow('car-request-simple', { 'zh-CN': '用车申请', en: 'Car request' }),
    form: {
      schema: {
        type: 'object',
        required: ['reason', 'cost'],
        properties: { reason: { type: 'string', title: '事由' }, cost: { type: 'number', title: '费用' } },
      },
    },
    caseTitle: ['用车申请：', { field: 'reason' }],
  };
  flow = insertNode(flow, [], 0, { ...(newNode(flow, 'approver') as ApproverNode), title: { 'zh-CN': '主管审批' } });
  const group = newNode(flow, 'branch') as BranchGroup;
  flow = insertNode(flow, [], 1, { ...group, branches: [{ when: { join: 'and', rows: [{ path: 'cost', op: '>', value: '1000' }] }, nodes: [] }] });
  flow = insertNode(flow, [group.id, 0], 0, {
    ...(newNode(flow, 'approver') as ApproverNode),
    title: { 'zh-CN': '分管领导' },
    who: { kind: 'role', role: 'deputy-head', unit: 'county' },
  });
  // Nobody holds this role in the initiator's unit: the step passes by itself.
  flow = insertNode(flow, [group.id, 0], 1, {
    ...(newNode(flow, 'approver') as ApproverNode),
    title: { 'zh-CN': '车队确认' },
    who: { kind: 'role', role: 'petition-reviewer' },
    empty: 'skip',
  });
  flow = insertNode(flow, [], 2, {
    ...(newNode(flow, 'cc') as CcNode),
    title: { 'zh-CN': '抄送督查室' },
    who: { kind: 'role', role: 'supervision-officer', unit: 'supervision' },
  });
  return flow;
}

describe('HTTP: a workflow built in the simple designer', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, toDefinition(carRequest()));
  });
  afterAll(() => s.close());

  it('titles the case from the start form and takes the manager only, then copies the supervision office, for a cheap trip', async () => {
    const id = await startCase(s, 'zongheke1', 'car-request-simple', { reason: '下乡调研', cost: 300 });
    const started = await s.call('GET', `/api/instances/${id}`, { as: 'admin' });
    expect(started.body).toMatchObject({ title: '用车申请：下乡调研', state: 'approve1' });
    await complete(s, 'zhuren', id, { outcome: 'approve', opinion: '同意' });
    expect(await caseOf(s, id)).toMatchObject({ status: 'completed' });
    const cc = await s.call('GET', '/api/notifications', { as: 'ducha1' });
    expect(JSON.stringify(cc.body)).toContain('用车申请：下乡调研');
  });

  it('takes the deputy head too above 1000 yuan, and ends as not approved when the deputy head rejects', async () => {
    const id = await startCase(s, 'zongheke1', 'car-request-simple', { reason: '赴省汇报', cost: 3000 });
    await complete(s, 'zhuren', id, { outcome: 'approve', opinion: '同意' });
    expect(await caseOf(s, id)).toMatchObject({ status: 'running', state: 'approve2' });
    await complete(s, 'fuxianzhang2', id, { outcome: 'reject', opinion: '请改乘公共交通' });
    expect(await caseOf(s, id)).toMatchObject({ status: 'rejected' });
  });

  it('passes a step nobody holds automatically when the designer chose 自动通过', async () => {
    const id = await startCase(s, 'zongheke1', 'car-request-simple', { reason: '赴省汇报', cost: 5000 });
    await complete(s, 'zhuren', id, { outcome: 'approve', opinion: '同意' });
    await complete(s, 'fuxianzhang1', id, { outcome: 'approve', opinion: '同意' });
    expect(await caseOf(s, id)).toMatchObject({ status: 'completed' });
  });
});
