/** The admin screens' strings, zh-CN first and English beside it. */
import { translate, type Lang } from '../shared/i18n.js';

const zh = {
  workflows: '流程管理', newWorkflow: '新建流程', key: '流程标识', keyHelp: '小写字母、数字和连字符，如 leave-request', title: '名称', titleZh: '中文名称', titleEn: '英文名称',
  latest: '最新版本', draft: '草稿', hasDraft: '有草稿', noDraft: '—', running: '在办案件', versions: '版本', design: '设计', never: '未发布', create: '创建', cancel: '取消',
  loading: '加载中…', designer: '流程设计器', steps: '环节', addTask: '+ 办理环节', addApproval: '+ 审批环节', addAuto: '+ 判断环节', addFinal: '+ 结束环节',
  removeStep: '删除环节', rename: '改标识', renameTo: '新标识', apply: '应用', setInitial: '设为开始环节', initial: '开始环节', connect: '连线到…', connectFrom: '从「{from}」连线：选择去向',
  connectEvent: '出口', connectTarget: '去向环节', connectAdd: '添加连线', transitions: '出口与去向', noTransitions: '没有出口连线', edit: '编辑', remove: '删除', target: '去向', event: '出口（事件）',
  always: '（自动）', guard: '条件', actions: '插件动作', addAction: '+ 动作', action: '动作', params: '参数', noPlugins: '未加载插件动作', save: '保存草稿', saved: '草稿已保存', publish: '发布',
  published: '已发布为第 {version} 版', validating: '校验中…', valid: '校验通过', problems: '{n} 个问题', problemsTitle: '校验问题', whole: '整体', selectStep: '在流程图中点选一个环节进行编辑',
  deadlinePreview: '按工作日计算：今天发起，期限为 {date}', deadlineNone: '不设期限', tabDesign: '设计', tabForms: '表单', tabSimulate: '模拟运行', tabTime: '试运行（时间）', tryTimeIntro: '在服务器上用同一引擎和同一工作日历试运行本草稿：拨动模拟时钟，查看期限、提醒、升级和周期任务在哪天触发；不产生真实案件。', tryStart: '开始试运行', startAt: '模拟开始时间', nextTimer: '跳到下一个定时器', jumpTo: '跳到此时', upcoming: '即将触发的定时器', timerKind: '类型', timerStep: '环节', timerAt: '触发时间', noTimers: '没有待触发的定时器', simNow: '模拟时间：{now}', kind_due: '办理期限', kind_remind: '提醒', kind_escalate: '超期升级', kind_schedule: '周期任务', simOpenTasks: '待办任务', holders: '办理人', caseEnded: '案件已结束：{result}', tabCompare: '版本比较', tabMigrate: '迁移在办案件', tabJson: 'JSON',
  kind: '环节类型', 'kind:task': '办理', 'kind:approval': '审批', 'kind:auto': '自动判断', 'kind:final': '结束', assignType: '办理人', 'assign:role': '按角色（岗位）', 'assign:users': '指定人员', 'assign:head': '单位负责人',
  'assign:initiator': '发起人本人', 'assign:manager': '发起人的上级', 'assign:previous': '上一环节办理人', 'assign:other': '其他（保留原设置）', role: '角色', unit: '单位', unitHelp: '不选则为发起人所在单位（逐级向上查找）', unitInitiator: '发起人所在单位',
  users: '人员（用户名，逗号分隔）', usersHelp: '如 zhuren, fuxianzhang1', mode: '审批方式', 'mode:any': '或签（一人决定）', 'mode:all': '会签（全部同意）', 'mode:sequential': '依次审批', 'mode:quorum': '票签（达到票数）',
  quorum: '通过票数或比例', quorumHelp: '≥1 为人数，0–1 之间为比例', outcomes: '办理结果（事件名）', outcomesHelp: '默认 submit；多个用逗号分隔，如 submit, reject', dueDays: '办理期限（工作日）', dueHelp: '0 或留空为不设期限；节假日和调休按工作日历计算',
  remindDays: '到期前提醒（工作日）', opinion: '意见', 'opinion:optional': '可填', 'opinion:required': '必填', 'opinion:none': '不填', form: '表单', noForm: '（无表单）', returnTo: '可退回到', 'return:none': '不可退回',
  'return:previous': '上一环节', 'return:visited': '任一已办环节', result: '结束结果', 'result:completed': '办结', 'result:rejected': '不予办理', 'result:cancelled': '撤销',
  condition: '条件', condJoin: '满足', condAll: '全部条件', condAny: '任一条件', condField: '字段', condOp: '比较', condValue: '值', condAdd: '+ 条件', condNone: '无条件（总是通过）', condAdvanced: '该条件较复杂，无法以行显示；可清空后重建。', condReset: '清空重建',
  'op:==': '等于', 'op:!=': '不等于', 'op:>': '大于', 'op:>=': '大于等于', 'op:<': '小于', 'op:<=': '小于等于', 'op:truthy': '有值', 'op:falsy': '为空',
  simulate: '模拟运行', simInitiator: '发起人', simUnit: '发起人单位', simPeople: '各环节办理人', simPeopleHelp: '默认取通讯录中实际担任该角色的人员，可修改（逗号分隔）', simClock: '模拟时间', simStart: '开始模拟', simReset: '重新开始',
  simOpen: '待办', simNoOpen: '没有待办', simTimers: '计时器', simAdvance: '把时间拨到', simLog: '运行记录', simEnded: '案件已结束：{result}', simData: '发起数据（JSON）', simInvalid: '草稿有错误，修正后才能模拟', simBy: '办理人',
  compare: '比较', compareFrom: '旧版本', compareTo: '新版本', compareDraft: '草稿', addedStates: '新增环节', removedStates: '删除环节', changedStates: '修改环节', addedTransitions: '新增连线', removedTransitions: '删除连线', changedFields: '其他变更', noDiff: '两个版本结构相同',
  migrate: '迁移', migrateFrom: '从版本', migrateTo: '到版本', mapping: '环节对应', mappingHelp: '旧版本中已不存在的环节需指定新环节', dryRun: '试运行', applyMigration: '执行迁移', instance: '案件', fromState: '原环节', toState: '新环节', outcome: '结果',
  noRunning: '该版本没有在办案件', migrated: '已迁移 {n} 件', confirmMigrate: '确认把这些案件迁移到新版本？',
  keepTasks: '保留原任务（编号、签收、期限、提醒不变）', cancelTasks: '撤销', openTasks: '新开', tasksCol: '任务', problemsCol: '问题', noProblem: '无', unmapped: '未映射的环节：{list}', applyClean: '只迁移没有问题的案件',
  moveReason: '越级理由（需另一位管理员批准）', pendingMove: '越级迁移已提交，等待另一位管理员批准', levels: '审批层级（不得越级）', levelsHelp: '按顺序填写必须依次经过的顶层环节标识，逗号分隔；发布时系统证明没有路径越级', levelPath: '越级路径',
  schedulePreview: '周期任务：今天进入该环节后的触发时间', timersAffected: '此更改会变动 {cases} 件在办案件的 {timers} 个期限或提醒', recompute: '重算这些期限', recomputed: '已重算 {cases} 件案件的 {timers} 个期限或提醒',
  formDesigner: '表单设计器', palette: '字段库', paletteHelp: '拖动字段到表单，或选中后按回车添加', fieldsOf: '表单字段', noFields: '还没有字段：从左侧拖入或按回车添加', fieldName: '字段名', labelZh: '中文标签', labelEn: '英文标签', required: '必填',
  minLength: '最少字数', maxLength: '最多字数', minimum: '最小值', maximum: '最大值', pattern: '格式（正则）', options: '选项（每行一个：值=中文=English）', showWhen: '显示条件', width: '占位', 'width:full': '整行', 'width:half': '半行', moveUp: '上移', moveDown: '下移',
  preview: '预览', schemaJson: 'JSON Schema', uiJson: 'UI Schema', formKey: '表单名', addForm: '+ 表单', useForm: '用于', 'type:text': '单行文本', 'type:textarea': '多行文本', 'type:number': '数字', 'type:integer': '整数', 'type:date': '日期', 'type:select': '下拉选择',
  'type:radio': '单选', 'type:checkbox': '勾选', 'type:multi': '多选', 'type:opinion': '审批意见', 'type:user': '人员', 'type:unit': '单位', 'type:file': '附件', startForm: '发起表单',
  directory: '组织机构', units: '单位', people: '人员', rolesTitle: '角色', delegations: '委托', calendar: '工作日历', addUnit: '新建单位', addUser: '新建用户', addRole: '新建角色', code: '代码', name: '名称', nameEn: '英文名称', parent: '上级单位',
  unitKind: '类型', username: '用户名', displayName: '姓名', password: '初始密码', memberships: '岗位', addMembership: '增加岗位', from: '委托人', to: '受托人', startsAt: '开始', endsAt: '结束', definitionKey: '限定流程', addDelegation: '新建委托',
  year: '年份', holiday: '放假', workday: '调休上班', dayName: '名称', setDay: '设置', builtin: '内置', adminSet: '管理员设置', removeDay: '删除', date: '日期', kindDay: '类型', search: '搜索', active: '在用', inactive: '已停用', deactivate: '停用', isAdmin: '管理员',
  selectUser: '选择人员查看岗位', done: '已完成',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  workflows: 'Workflows', newWorkflow: 'New workflow', key: 'Key', keyHelp: 'Lower-case letters, digits and hyphens, e.g. leave-request', title: 'Title', titleZh: 'Title (Chinese)', titleEn: 'Title (English)',
  latest: 'Latest version', draft: 'Draft', hasDraft: 'Has draft', noDraft: '—', running: 'Running cases', versions: 'Versions', design: 'Design', never: 'Not published', create: 'Create', cancel: 'Cancel',
  loading: 'Loading…', designer: 'Workflow designer', steps: 'Steps', addTask: '+ Task step', addApproval: '+ Approval step', addAuto: '+ Decision step', addFinal: '+ End step',
  removeStep: 'Delete step', rename: 'Rename key', renameTo: 'New key', apply: 'Apply', setInitial: 'Make it the first step', initial: 'First step', connect: 'Connect to…', connectFrom: 'Connect from "{from}": choose where it goes',
  connectEvent: 'Outcome', connectTarget: 'Target step', connectAdd: 'Add connection', transitions: 'Outcomes and targets', noTransitions: 'No outgoing connections', edit: 'Edit', remove: 'Remove', target: 'Target', event: 'Outcome (event)',
  always: '(automatic)', guard: 'Condition', actions: 'Plugin actions', addAction: '+ Action', action: 'Action', params: 'Parameters', noPlugins: 'No plugin actions loaded', save: 'Save draft', saved: 'Draft saved', publish: 'Publish',
  published: 'Published as version {version}', validating: 'Validating…', valid: 'No problems', problems: '{n} problems', problemsTitle: 'Problems', whole: 'Whole definition', selectStep: 'Select a step in the diagram to edit it',
  deadlinePreview: 'In working days: started today, due {date}', deadlineNone: 'No deadline', tabDesign: 'Design', tabForms: 'Forms', tabSimulate: 'Simulate', tabTime: 'Try time', tryTimeIntro: 'Run this draft on the server with the same engine and the same business calendar: move a simulated clock and see on which days deadlines, reminders, escalations and schedules fire. No real case is made.', tryStart: 'Start the trial', startAt: 'Simulated start', nextTimer: 'Jump to the next timer', jumpTo: 'Jump here', upcoming: 'Upcoming timers', timerKind: 'Kind', timerStep: 'Step', timerAt: 'Fires at', noTimers: 'No pending timers', simNow: 'Simulated time: {now}', kind_due: 'Deadline', kind_remind: 'Reminder', kind_escalate: 'Escalation', kind_schedule: 'Schedule', simOpenTasks: 'Open tasks', holders: 'Held by', caseEnded: 'The case ended: {result}', tabCompare: 'Compare versions', tabMigrate: 'Migrate cases', tabJson: 'JSON',
  kind: 'Kind of step', 'kind:task': 'Task', 'kind:approval': 'Approval', 'kind:auto': 'Automatic decision', 'kind:final': 'End', assignType: 'Assigned to', 'assign:role': 'A role (post)', 'assign:users': 'Named people', 'assign:head': 'Head of a unit',
  'assign:initiator': 'The initiator', 'assign:manager': "The initiator's manager", 'assign:previous': 'Whoever did the previous step', 'assign:other': 'Other (keep as is)', role: 'Role', unit: 'Unit', unitHelp: "Empty: the initiator's unit (walking up the tree)", unitInitiator: "The initiator's unit",
  users: 'People (usernames, comma-separated)', usersHelp: 'e.g. zhuren, fuxianzhang1', mode: 'Approval mode', 'mode:any': 'Any one decides (或签)', 'mode:all': 'Everyone approves (会签)', 'mode:sequential': 'One after another (依次)', 'mode:quorum': 'Vote (票签)',
  quorum: 'Votes or ratio to pass', quorumHelp: '≥ 1 is a count, between 0 and 1 a ratio', outcomes: 'Outcomes (event names)', outcomesHelp: 'Default submit; several comma-separated, e.g. submit, reject', dueDays: 'Deadline (working days)', dueHelp: '0 or empty: none; holidays and make-up days follow the business calendar',
  remindDays: 'Remind before due (working days)', opinion: 'Opinion', 'opinion:optional': 'Optional', 'opinion:required': 'Required', 'opinion:none': 'None', form: 'Form', noForm: '(no form)', returnTo: 'May return to', 'return:none': 'No return',
  'return:previous': 'The previous step', 'return:visited': 'Any step already passed', result: 'Result', 'result:completed': 'Completed', 'result:rejected': 'Rejected', 'result:cancelled': 'Cancelled',
  condition: 'Condition', condJoin: 'Match', condAll: 'all conditions', condAny: 'any condition', condField: 'Field', condOp: 'Comparison', condValue: 'Value', condAdd: '+ Condition', condNone: 'No condition (always passes)', condAdvanced: 'This condition is too complex to show as rows; clear it to rebuild.', condReset: 'Clear and rebuild',
  'op:==': 'equals', 'op:!=': 'differs from', 'op:>': 'greater than', 'op:>=': 'at least', 'op:<': 'less than', 'op:<=': 'at most', 'op:truthy': 'is filled', 'op:falsy': 'is empty',
  simulate: 'Simulate', simInitiator: 'Initiator', simUnit: "Initiator's unit", simPeople: 'Who does each step', simPeopleHelp: 'Taken from the directory (the people holding the role); change as you like (comma-separated)', simClock: 'Simulated time', simStart: 'Start simulation', simReset: 'Start over',
  simOpen: 'Open tasks', simNoOpen: 'No open tasks', simTimers: 'Timers', simAdvance: 'Move the clock to', simLog: 'Log', simEnded: 'The case ended: {result}', simData: 'Start data (JSON)', simInvalid: 'The draft has errors; fix them to simulate', simBy: 'Assignee',
  compare: 'Compare', compareFrom: 'Older', compareTo: 'Newer', compareDraft: 'Draft', addedStates: 'Steps added', removedStates: 'Steps removed', changedStates: 'Steps changed', addedTransitions: 'Connections added', removedTransitions: 'Connections removed', changedFields: 'Other changes', noDiff: 'Both versions have the same structure',
  migrate: 'Migrate', migrateFrom: 'From version', migrateTo: 'To version', mapping: 'Step mapping', mappingHelp: 'Steps missing from the new version need a new step', dryRun: 'Dry run', applyMigration: 'Migrate', instance: 'Case', fromState: 'Old step', toState: 'New step', outcome: 'Result',
  noRunning: 'No running cases on this version', migrated: '{n} cases migrated', confirmMigrate: 'Move these cases to the new version?',
  keepTasks: 'Keeps its tasks (ids, claims, deadlines, reminders)', cancelTasks: 'cancel', openTasks: 'open', tasksCol: 'Tasks', problemsCol: 'Problems', noProblem: 'none', unmapped: 'Unmapped steps: {list}', applyClean: 'Migrate only the cases without problems',
  moveReason: 'Reason for moving past a level (a second admin approves)', pendingMove: 'The move past a level waits for a second admin', levels: 'Levels (no skipping)', levelsHelp: 'Top-level step ids every case passes in this order, comma-separated; publishing proves no path skips one', levelPath: 'Path that skips a level',
  schedulePreview: 'Schedules: fire times after entering this step today', timersAffected: 'This change moves {timers} deadlines or reminders of {cases} running cases', recompute: 'Recompute these deadlines', recomputed: 'Recomputed {timers} deadlines or reminders of {cases} cases',
  formDesigner: 'Form designer', palette: 'Fields', paletteHelp: 'Drag a field onto the form, or focus it and press Enter', fieldsOf: 'Form fields', noFields: 'No fields yet: drag one in or press Enter on the palette', fieldName: 'Field name', labelZh: 'Label (Chinese)', labelEn: 'Label (English)', required: 'Required',
  minLength: 'Min length', maxLength: 'Max length', minimum: 'Minimum', maximum: 'Maximum', pattern: 'Pattern (regex)', options: 'Options (one a line: value=中文=English)', showWhen: 'Show when', width: 'Width', 'width:full': 'Full row', 'width:half': 'Half row', moveUp: 'Move up', moveDown: 'Move down',
  preview: 'Preview', schemaJson: 'JSON Schema', uiJson: 'UI Schema', formKey: 'Form name', addForm: '+ Form', useForm: 'Used by', 'type:text': 'Text', 'type:textarea': 'Long text', 'type:number': 'Number', 'type:integer': 'Whole number', 'type:date': 'Date', 'type:select': 'Drop-down',
  'type:radio': 'Radio buttons', 'type:checkbox': 'Checkbox', 'type:multi': 'Multiple choice', 'type:opinion': 'Opinion', 'type:user': 'Person', 'type:unit': 'Unit', 'type:file': 'Attachment', startForm: 'Start form',
  directory: 'Directory', units: 'Units', people: 'People', rolesTitle: 'Roles', delegations: 'Delegations', calendar: 'Business calendar', addUnit: 'New unit', addUser: 'New user', addRole: 'New role', code: 'Code', name: 'Name', nameEn: 'English name', parent: 'Parent unit',
  unitKind: 'Kind', username: 'Username', displayName: 'Name', password: 'Initial password', memberships: 'Posts', addMembership: 'Add post', from: 'From', to: 'To', startsAt: 'Starts', endsAt: 'Ends', definitionKey: 'Only workflow', addDelegation: 'New delegation',
  year: 'Year', holiday: 'Holiday', workday: 'Make-up working day', dayName: 'Name', setDay: 'Set', builtin: 'Built-in', adminSet: 'Set by admin', removeDay: 'Remove', date: 'Date', kindDay: 'Kind', search: 'Search', active: 'Active', inactive: 'Inactive', deactivate: 'Deactivate', isAdmin: 'Administrator',
  selectUser: 'Select a person to see their posts', done: 'Done',
};

export type AdminKey = Key;

export function at(lang: Lang, key: Key, params: Record<string, unknown> = {}): string {
  return translate({ 'zh-CN': zh, en }, lang, key, params);
}
