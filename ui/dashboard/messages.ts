/** The dashboard's strings, zh-CN first and English beside it. */
import { translate, type Lang } from '../shared/i18n.js';

const zh = {
  title: '督查统计', period: '统计周期：{from} 至 {to}', filters: '筛选', from: '起始日期', to: '截止日期', unit: '单位', allUnits: '全部单位', workflow: '流程', allWorkflows: '全部流程',
  month: '本月', quarter: '本季度', year: '本年', loading: '加载中…', summary: '总体情况', opened: '受理', closed: '办结', completionRate: '办结率', onTimeRate: '按期率', overdueNow: '当前超期',
  avgDays: '平均办理工作日', unitRates: '各单位办结率与按期率', funnel: '流程漏斗', reached: '到达案件数', there: '当前停留', rankUnits: '受理单位排名', rankHandlers: '承办单位排名（通报用）',
  handlingUnit: '承办单位', rank: '排名', rankBy: '排名依据', usualOrder: '默认（办结率／按期率）', late: '逾期办结', funnels: '各流程环节', step: '环节', exportCsv: '导出 CSV', none: '本期没有数据',
  upcoming: '即将到期', window: '时段', next7: '未来 7 天', nextWeek: '下周', next30: '未来 30 天', kind: '类型', allKinds: '全部类型',
  'kind:due': '办理期限', 'kind:remind': '到期提醒', 'kind:escalate': '超期升级', 'kind:schedule': '周期任务', fireAt: '触发时间', case: '案件', noTimers: '该时段没有待触发的期限或提醒',
  timersTotal: '共 {n} 项', prevPage: '上一页', nextPage: '下一页',
} as const;

export type DashKey = keyof typeof zh;

const en: Record<DashKey, string> = {
  title: 'Supervision dashboard', period: 'Period: {from} to {to}', filters: 'Filters', from: 'From', to: 'To', unit: 'Unit', allUnits: 'All units', workflow: 'Workflow', allWorkflows: 'All workflows',
  month: 'This month', quarter: 'This quarter', year: 'This year', loading: 'Loading…', summary: 'Summary', opened: 'Opened', closed: 'Closed', completionRate: 'Completion rate', onTimeRate: 'On-time rate', overdueNow: 'Overdue now',
  avgDays: 'Avg working days', unitRates: 'Completion and on-time rates by unit', funnel: 'Workflow funnel', reached: 'Cases reaching', there: 'There now', rankUnits: 'Receiving units ranked', rankHandlers: 'Handling units ranked (for bulletins)',
  handlingUnit: 'Handling unit', rank: 'Rank', rankBy: 'Rank by', usualOrder: 'Usual (completion / on-time rate)', late: 'Closed late', funnels: 'Steps of each workflow', step: 'Step', exportCsv: 'Export CSV', none: 'No data in this period',
  upcoming: 'Upcoming deadlines', window: 'Period', next7: 'Next 7 days', nextWeek: 'Next week', next30: 'Next 30 days', kind: 'Kind', allKinds: 'All kinds',
  'kind:due': 'Deadline', 'kind:remind': 'Reminder', 'kind:escalate': 'Escalation', 'kind:schedule': 'Schedule', fireAt: 'Fires at', case: 'Case', noTimers: 'No deadlines or reminders fire in this period',
  timersTotal: '{n} in all', prevPage: 'Previous page', nextPage: 'Next page',
};

export function dt(lang: Lang, key: DashKey, params: Record<string, unknown> = {}): string {
  return translate({ 'zh-CN': zh, en }, lang, key, params);
}
