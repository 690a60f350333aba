/**
 * A case for every shipped workflow, taken a few steps in through the API as the demo staff would
 * (the data of workflows/demo-cases.ts), for the scans that read every workflow's screens.
 */
import { call, taskOf } from './support.js';

type Step = [username: string, input: { outcome?: string; data?: Record<string, unknown>; opinion?: string }];

const draft = (subject: string) => ({
  subject,
  docType: '县政办发',
  urgency: 'urgent',
  secrecy: 'public',
  mainRecipients: '各乡镇人民政府、办事处，县直各单位',
  body: `${subject}。为切实做好相关工作，现将有关事项通知如下，请认真贯彻执行。`,
});
const report = {
  basicFacts: '接件后镇政府成立工作专班，通过走访群众、查阅档案等方式开展调查。',
  findings: { 1: { investigation: '经查，补偿款存在少发情况，已责令补发。', conclusion: 'partly' } },
  decisions: [{ kind: 'compensate', decision: '责令村委会月底前补发补偿款差额' }],
  meeting: { held: true, date: '2026-03-10', place: '镇信访接待室', participants: '镇分管领导', petitionerResponse: '表示满意' },
};

/** [workflow, initiator, start data, steps after starting]. */
export const runs: Array<[string, string, Record<string, unknown>, Step[]]> = [
  [
    'document-signoff',
    'jiaotiju-liaison',
    draft('关于进一步加强校园安全管理的通知'),
    [
      ['zongheke2', { outcome: 'pass', opinion: '文字已核。' }],
      ['zhuren', { outcome: 'approve', opinion: '同意，呈县长签发。' }],
    ],
  ],
  [
    'petition-case',
    'xinfang2',
    {
      source: 'visit',
      receivedOn: '2026-03-02',
      realName: true,
      petitioner: { name: '王大海', phone: '13812345678' },
      issues: [{ category: 'land', description: '征地补偿款被村干部截留' }],
    },
    [
      ['xinfang1', { data: { unit: 'xianjuxiang' }, opinion: '请县局乡调查处理。' }],
      ['xianjuxiang-liaison', { data: report }],
    ],
  ],
  [
    'supervision',
    'ducha1',
    {
      source: 'county-key-project',
      title: '十里镇污水处理厂建设',
      target: '按县政府工作报告要求年内完成建设任务并投入使用',
      openedOn: '2026-03-02',
      deadline: '2026-12-31',
      leadUnit: 'shilizhen',
      coUnits: [],
      cycle: 'monthly',
    },
    [
      [
        'ducha1',
        {
          data: {
            tasks: [
              { unit: 'shilizhen', task: '负责征地建设', lead: true },
              { unit: 'huanbaoju', task: '负责环评审批' },
            ],
          },
        },
      ],
    ],
  ],
  [
    'meeting-request',
    'kejiju-liaison',
    {
      topic: '科技特派员座谈会',
      necessity: '研究部署相关工作，需各单位当面汇报',
      participants: '各乡镇、县直相关部门负责人',
      scale: 20,
      date: '2026-03-20',
      venue: '县政府三楼会议室',
      budget: 1500,
    },
    [['zongheke1', { outcome: 'approve', opinion: '同意召开。' }]],
  ],
  [
    'info-disclosure',
    'minzhengju-liaison',
    { title: '城乡低保标准调整的通知', kind: 'policy', formedOn: '2026-03-02', content: '经县政府研究，决定自2026年1月起提高城乡居民最低生活保障标准。' },
    [['minzhengju-head', { outcome: 'approve', data: { classification: 'public' }, opinion: '同意公开。' }]],
  ],
  [
    'mayor-mailbox',
    'zongheke1',
    { name: '刘女士', phone: '13900001111', subject: '小区门口路灯长期不亮', content: '建设路某小区门口路灯已坏两个月，夜间出行不便。', publicReply: true },
    [['zongheke2', { outcome: 'assign', data: { category: 'complaint', unit: 'xianshan' }, opinion: '请县山乡答复。' }]],
  ],
  [
    'proposal-handling',
    'mubiao1',
    {
      kind: 'npc',
      number: '12',
      title: '关于加快农村公路提档升级的建议',
      proposer: '张代表',
      content: '我县部分农村公路路面狭窄、破损严重，建议加大投入，加快提档升级。',
    },
    [['mubiao1', { data: { leadUnit: 'fagaiwei', coUnits: ['gongxinju'] } }]],
  ],
  [
    'incident-report',
    'zongheke1',
    {
      title: '砖桥镇一民房火灾',
      level: 'IV',
      occurredAt: '2026-03-02T00:30:00Z',
      place: '砖桥镇李庄村',
      responsibleUnit: 'zhuanqiaozhen',
      summary: '村民报警称一处民房起火，消防已出动。',
    },
    [],
  ],
];

/** Starts the case and takes its steps (claiming pooled tasks first); returns the case id. */
export async function runCase(workflow: string, initiator: string, data: Record<string, unknown>, steps: Step[]): Promise<string> {
  const { id } = await call<{ id: string }>('POST', '/api/instances', initiator, { definition: workflow, data });
  for (const [username, input] of steps) {
    const task = await taskOf(username, id);
    await call('POST', `/api/tasks/${task}/claim`, username).catch(() => undefined);
    await call('POST', `/api/tasks/${task}/complete`, username, input);
  }
  return id;
}
