/** The simple designer's strings, zh-CN first and English beside it. */
import { translate, type Lang } from '../shared/i18n.js';

const zh = {
  simpleTab: '流程设计', formPart: '① 发起表单', flowPart: '② 审批流程', initiator: '发起人', initiatorSummary: '所有人可发起', caseTitle: '案件标题', caseTitleNone: '默认为流程名称',
  caseTitleHelp: '从表单字段拼出每个案件的标题，例如「用车申请：事由」', addText: '+ 文字', addField: '+ 字段', titleText: '文字', titleField: '字段', titlePreview: '预览：{title}',
  end: '流程结束', addHere: '在此添加节点', addApprover: '审批人', addCc: '抄送人', addBranch: '条件分支', addParallel: '并行分支', addCondition: '添加条件', addLane: '添加分支',
  otherwise: '其他情况', otherwiseHelp: '以上条件都不满足时', conditionN: '条件{n}', laneN: '分支{n}', noCondition: '未设置条件（总是满足）', notSet: '请设置', removeNode: '删除', close: '关闭',
  nodeName: '节点名称', nodeNameEn: '英文名称', who: '审批人', ccWho: '抄送给', 'who:users': '指定成员', 'who:manager': '发起人的主管', 'who:role': '角色', 'who:head': '本单位负责人', 'who:initiator': '发起人自己',
  people: '成员', managerLevel: '主管级别', levelN: '第 {n} 级主管', levelDirect: '直接主管', role: '选择角色', unit: '所在单位', unitInitiator: '发起人所在单位',
  mode: '多人审批时', 'mode:sequential': '依次审批（按顺序）', 'mode:all': '会签（须所有人同意）', 'mode:any': '或签（一人同意即可）',
  empty: '审批人为空时', 'empty:skip': '自动通过', 'empty:admin': '转交给流程管理员', 'empty:fail': '不允许提交，提示错误',
  dueDays: '办理期限（工作日）', dueHelp: '0 为不限；节假日和调休按工作日历计算', dueSummary: '{n} 个工作日', opinion: '必须填写审批意见',
  field: '表单字段', op: '比较', value: '值', join: '同时满足', 'join:and': '全部条件', 'join:or': '任一条件', addRow: '+ 添加条件', removeRow: '删除条件 {n}', removeCondition: '删除此条件',
  removeLane: '删除此分支', laneName: '分支名称', noFields: '发起表单还没有字段：先在「① 发起表单」添加字段', groupActions: '{name}：操作',
  'op:==': '等于', 'op:!=': '不等于', 'op:>': '大于', 'op:>=': '大于等于', 'op:<': '小于', 'op:<=': '小于等于', 'op:truthy': '已填写', 'op:falsy': '未填写', yes: '是', no: '否',
  cannotShow: '这个流程含有简易视图无法表示的环节（如退回到指定环节、逐项办理或自定义连线），请在「流程图（高级）」中编辑。', openGraph: '打开流程图',
  returnTo: '退回', 'return:none': '不允许退回', 'return:previous': '上一步（上一位审批人）', 'return:initiator': '发起人（修改后重新提交）', 'return:visited': '任一已办环节',
  starters: '发起人范围', 'starters:all': '所有人', 'starters:units': '指定部门', 'starters:roles': '指定角色', 'starters:users': '指定成员',
  startersHelp: '指定部门包括其下级单位的人员；管理员总可发起', startersOther: '发起人范围是在「流程图（高级）」中设置的，这里无法显示；选择上面一项将替换它',
  addUnit: '添加部门', addRole: '添加角色', startersSummary: '{who}可发起', startersUnset: '请设置发起人范围', startersCustom: '发起人范围：自定义',
  pickOne: '请选择', addAfter: '在「{name}」之后添加节点', addInto: '在「{name}」中添加节点', removeNamed: '删除「{name}」', removeGroup: '删除整个{name}',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  simpleTab: 'Flow', formPart: '1 · Start form', flowPart: '2 · Approval flow', initiator: 'Initiator', initiatorSummary: 'Anyone may start', caseTitle: 'Case title', caseTitleNone: 'The workflow name',
  caseTitleHelp: 'Build each case’s title from form fields, e.g. "Car request: reason"', addText: '+ Text', addField: '+ Field', titleText: 'Text', titleField: 'Field', titlePreview: 'Preview: {title}',
  end: 'End', addHere: 'Add a node here', addApprover: 'Approver', addCc: 'CC', addBranch: 'Condition branches', addParallel: 'Parallel branches', addCondition: 'Add a condition', addLane: 'Add a branch',
  otherwise: 'Otherwise', otherwiseHelp: 'When no condition above holds', conditionN: 'Condition {n}', laneN: 'Branch {n}', noCondition: 'No condition yet (always holds)', notSet: 'Set it', removeNode: 'Delete', close: 'Close',
  nodeName: 'Name', nodeNameEn: 'English name', who: 'Approver', ccWho: 'Send a copy to', 'who:users': 'Named people', 'who:manager': "The initiator's manager", 'who:role': 'A role', 'who:head': 'Head of the unit', 'who:initiator': 'The initiator',
  people: 'People', managerLevel: 'Manager level', levelN: 'Level {n} manager', levelDirect: 'Direct manager', role: 'Which role', unit: 'Unit', unitInitiator: "The initiator's unit",
  mode: 'With several approvers', 'mode:sequential': 'One after another', 'mode:all': 'Everyone must approve (会签)', 'mode:any': 'Any one approves (或签)',
  empty: 'When nobody is found', 'empty:skip': 'Pass automatically', 'empty:admin': 'Give it to the workflow administrators', 'empty:fail': 'Refuse, with an error',
  dueDays: 'Deadline (working days)', dueHelp: '0: none; holidays and make-up working days follow the business calendar', dueSummary: '{n} working days', opinion: 'An opinion is required',
  field: 'Form field', op: 'Comparison', value: 'Value', join: 'Match', 'join:and': 'all conditions', 'join:or': 'any condition', addRow: '+ Add a condition', removeRow: 'Remove condition {n}', removeCondition: 'Delete this condition',
  removeLane: 'Delete this branch', laneName: 'Branch name', noFields: 'The start form has no fields yet: add some in "1 · Start form"', groupActions: '{name}: actions',
  'op:==': 'equals', 'op:!=': 'differs from', 'op:>': 'greater than', 'op:>=': 'at least', 'op:<': 'less than', 'op:<=': 'at most', 'op:truthy': 'is filled', 'op:falsy': 'is empty', yes: 'Yes', no: 'No',
  cannotShow: 'This workflow has steps the simple view cannot show (returns to named steps, per-item tasks or custom connections); edit it in "Graph (advanced)".', openGraph: 'Open the graph',
  returnTo: 'May send back to', 'return:none': 'Nowhere (not allowed)', 'return:previous': 'The previous step (the previous approver)', 'return:initiator': 'The initiator (to revise and resubmit)', 'return:visited': 'Any step already passed',
  starters: 'Who may start', 'starters:all': 'Everyone', 'starters:units': 'Chosen departments', 'starters:roles': 'Chosen roles', 'starters:users': 'Chosen people',
  startersHelp: 'A department includes the units under it; administrators may always start', startersOther: 'Who may start was set in "Graph (advanced)" and cannot be shown here; choosing one above replaces it',
  addUnit: 'Add a department', addRole: 'Add a role', startersSummary: '{who} may start', startersUnset: 'Choose who may start', startersCustom: 'Who may start: custom',
  pickOne: 'Choose', addAfter: 'Add a node after "{name}"', addInto: 'Add a node in "{name}"', removeNamed: 'Delete "{name}"', removeGroup: 'Delete the whole {name}',
};

export type SimpleKey = Key;

export function st(lang: Lang, key: Key, params: Record<string, unknown> = {}): string {
  return translate({ 'zh-CN': zh, en }, lang, key, params);
}
