/**
 * Demo cases for a new installation in demo mode: a few cases per shipped workflow, left in
 * different steps, so a new user's inbox, case lists and dashboard show a living office.
 * Driven through the engine as the demo users would act; runs once (skipped when any case exists).
 *
 * @example
 * if (config.demo) await seedDemoCases(server);
 */
import type { Engine } from '../core/runtime/engine.js';
import type { Actor } from '../core/runtime/ports.js';
import type { Database } from '../core/persistence/types.js';

interface Office {
  engine: Engine;
  db: Database;
}

type Step = [username: string, input: { outcome?: string; data?: Record<string, unknown>; opinion?: string }];

const draft = (subject: string) => ({
  subject,
  docType: '县政办发',
  urgency: 'normal',
  secrecy: 'public',
  mainRecipients: '各乡镇人民政府、办事处，县直各单位',
  body: `${subject}。为切实做好相关工作，现将有关事项通知如下，请认真贯彻执行。`,
});
const petition = (name: string, issues: Array<[string, string]>) => ({
  source: 'visit',
  receivedOn: '2026-03-02',
  realName: true,
  petitioner: { name, phone: '13812345678' },
  issues: issues.map(([category, description]) => ({ category, description })),
});
const petitionReport = {
  basicFacts: '接件后镇政府成立工作专班，通过走访群众、查阅档案等方式开展调查。',
  findings: { 1: { investigation: '经查，补偿款存在少发情况，已责令补发。', conclusion: 'partly' } },
  decisions: [{ kind: 'compensate', decision: '责令村委会月底前补发补偿款差额' }],
  meeting: { held: true, date: '2026-03-10', place: '镇信访接待室', participants: '镇分管领导', petitionerResponse: '表示满意' },
};
const supervised = (title: string, leadUnit: string) => ({
  source: 'county-key-project',
  title,
  target: '按县政府工作报告要求年内完成建设任务并投入使用',
  openedOn: '2026-03-02',
  deadline: '2026-12-31',
  leadUnit,
  coUnits: [],
  cycle: 'monthly',
});
const meeting = (topic: string, scale: number) => ({
  topic,
  necessity: '研究部署相关工作，需各单位当面汇报',
  participants: '各乡镇、县直相关部门负责人',
  scale,
  date: '2026-03-20',
  venue: '县政府三楼会议室',
  budget: 1500,
});

/** [workflow, initiator, start data, steps to take after starting]. */
const cases: Array<[string, string, Record<string, unknown>, Step[]]> = [
  ['document-signoff', 'minzhengju-liaison', draft('关于做好春季防汛工作的通知'), []],
  [
    'document-signoff',
    'kejiju-liaison',
    draft('关于举办2026年科技活动周的通知'),
    [
      ['zongheke1', { outcome: 'pass', opinion: '文字已核' }],
      ['zhuren', { outcome: 'approve', opinion: '拟同意' }],
    ],
  ],
  [
    'document-signoff',
    'jiaotiju-liaison',
    draft('关于进一步加强校园安全管理的通知'),
    [
      ['zongheke2', { outcome: 'pass', opinion: '已核' }],
      ['zhuren', { outcome: 'approve', opinion: '同意' }],
      ['fuxianzhang2', { outcome: 'approve', opinion: '同意，呈县长签发' }],
    ],
  ],
  ['petition-case', 'xinfang1', petition('张建国', [['land', '土地征收补偿款未按标准发放到户']]), []],
  ['petition-case', 'xinfang1', petition('李秀英', [['land', '宅基地确权登记遗漏']]), [['xinfang2', { data: { unit: 'shilizhen' } }]]],
  [
    'petition-case',
    'xinfang2',
    petition('王大海', [['land', '征地补偿款被村干部截留']]),
    [
      ['xinfang1', { data: { unit: 'xianjuxiang' } }],
      ['xianjuxiang-liaison', { data: petitionReport }],
    ],
  ],
  [
    'supervision',
    'ducha1',
    supervised('十里镇污水处理厂建设', 'shilizhen'),
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
  ['supervision', 'ducha2', supervised('县城区道路提升改造', 'xianshan'), []],
  ['meeting-request', 'xumuju-liaison', meeting('全县畜牧业发展推进会', 80), []],
  ['meeting-request', 'kejiju-liaison', meeting('科技特派员座谈会', 20), [['zongheke1', { outcome: 'approve', opinion: '同意召开' }]]],
  [
    'info-disclosure',
    'tongjiju-liaison',
    {
      title: '2025年国民经济和社会发展统计公报',
      kind: 'other',
      formedOn: '2026-03-02',
      content: '2025年全县经济运行总体平稳、稳中有进，现将主要统计数据公布如下。',
    },
    [],
  ],
  [
    'info-disclosure',
    'minzhengju-liaison',
    { title: '城乡低保标准调整的通知', kind: 'policy', formedOn: '2026-03-02', content: '经县政府研究，决定自2026年1月起提高城乡居民最低生活保障标准。' },
    [['minzhengju-head', { outcome: 'approve', data: { classification: 'public' } }]],
  ],
  [
    'mayor-mailbox',
    'zongheke1',
    { name: '刘女士', phone: '13900001111', subject: '小区门口路灯长期不亮', content: '建设路某小区门口路灯已坏两个月，夜间出行不便。', publicReply: true },
    [['zongheke2', { outcome: 'assign', data: { category: 'complaint', unit: 'xianshan' } }]],
  ],
  [
    'mayor-mailbox',
    'zongheke2',
    { name: '陈先生', phone: '13900002222', subject: '咨询新生入学报名时间', content: '请问今年城区小学一年级新生什么时候报名？' },
    [],
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
    'proposal-handling',
    'mubiao1',
    {
      kind: 'cppcc',
      number: '3',
      title: '关于加强农村学校体育设施建设的提案',
      proposer: '李委员',
      content: '农村学校体育设施普遍不足，建议统筹资金逐年改善，保障学生体育活动。',
    },
    [],
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

export async function seedDemoCases(office: Office): Promise<number> {
  const [any] = await office.db.execute<{ n: number }>('SELECT count(*)::int AS n FROM instance');
  if ((any?.n ?? 0) > 0) return 0;
  const actors = new Map<string, Actor>();
  const actor = async (username: string): Promise<Actor> => {
    const hit = actors.get(username);
    if (hit) return hit;
    const [u] = await office.db.execute<{ id: string; unit_id: string | null; is_admin: boolean }>(
      'SELECT id, unit_id, is_admin FROM app_user WHERE username = $1',
      [username],
    );
    if (!u) throw new Error(`demo user ${username} is missing`);
    const a: Actor = { id: u.id, unitId: u.unit_id, isAdmin: u.is_admin, lang: 'zh-CN' };
    actors.set(username, a);
    return a;
  };
  let started = 0;
  for (const [definition, initiator, data, steps] of cases) {
    const res = await office.engine.startCase(await actor(initiator), { definition, data });
    const id = (res.body as { id: string }).id;
    started += 1;
    for (const [username, input] of steps) {
      const who = await actor(username);
      const inbox = await office.engine.inbox(who, { pageSize: 200 });
      const task = inbox.items.find((t) => t.instanceId === id);
      if (!task) throw new Error(`demo: ${username} has no task in ${definition} ${id}`);
      await office.engine.complete(who, task.id, input);
    }
  }
  return started;
}
