/**
 * The catalogue of error codes. Add a code here (both languages) before throwing it.
 * `{name}` placeholders are filled from the error's details.
 */
import type { ErrorKind } from './errors.js';

interface Entry {
  kind: ErrorKind;
  status?: number;
  'zh-CN': string;
  en: string;
}

const define = <T extends Record<string, Entry>>(table: T): T => table;

export const messages = define({
  // requests
  'request.invalid_json': { kind: 'user', 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  'request.invalid': { kind: 'user', status: 422, 'zh-CN': '请求参数有误：{reason}', en: 'The request is invalid: {reason}' },
  'request.not_found': { kind: 'user', status: 404, 'zh-CN': '找不到该地址', en: 'No such route' },
  'request.method_not_allowed': {
    kind: 'user',
    status: 405,
    'zh-CN': '该地址不支持 {method} 请求，可用：{allow}',
    en: 'This address does not accept {method}; it accepts {allow}',
  },
  'request.unsupported_media_type': {
    kind: 'user',
    status: 415,
    'zh-CN': '请求体须为 JSON（Content-Type: application/json），收到的是「{contentType}」',
    en: 'The request body must be JSON (Content-Type: application/json), not "{contentType}"',
  },
  'request.too_large': { kind: 'user', status: 413, 'zh-CN': '请求内容过大', en: 'The request is too large' },
  'request.too_deep': {
    kind: 'user',
    status: 413,
    'zh-CN': '请求内容嵌套过深（最多 {max} 层），在 {pointer} 处超出',
    en: 'The request nests too deeply (at most {max} levels); the limit was hit at {pointer}',
  },
  'request.invalid_text': {
    kind: 'user',
    status: 422,
    'zh-CN': '{pointer} 处的文字含有空字符（\\u0000）或不成对的 UTF-16 代理项，无法保存',
    en: 'The text at {pointer} contains a NUL character (\\u0000) or an unpaired UTF-16 surrogate and cannot be stored',
  },
  'request.idempotency_mismatch': {
    kind: 'user',
    status: 422,
    'zh-CN': '幂等键已用于另一个不同的请求',
    en: 'This Idempotency-Key was already used for a different request',
  },
  'request.rate_limited': { kind: 'user', status: 429, 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },

  // authentication and authorization
  'auth.required': { kind: 'user', status: 401, 'zh-CN': '请先登录', en: 'Sign-in required' },
  'auth.invalid_credentials': { kind: 'user', status: 401, 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'auth.invalid_token': { kind: 'user', status: 401, 'zh-CN': '登录凭证无效或已过期', en: 'The token is invalid or has expired' },
  'auth.forbidden': { kind: 'user', status: 403, 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  'auth.admin_only': { kind: 'user', status: 403, 'zh-CN': '仅管理员可执行此操作', en: 'Only administrators may do this' },
  'auth.too_many_attempts': {
    kind: 'user',
    status: 429,
    'zh-CN': '登录失败次数过多，请 {retryAfter} 秒后再试，或请管理员解锁',
    en: 'Too many failed sign-ins; try again in {retryAfter} seconds or ask an administrator to unlock the account',
  },

  // definitions
  'definition.not_found': { kind: 'user', status: 404, 'zh-CN': '找不到流程定义「{key}」', en: 'No workflow definition "{key}"' },
  'definition.version_not_found': {
    kind: 'user',
    status: 404,
    'zh-CN': '流程「{key}」没有第 {version} 版',
    en: 'Workflow "{key}" has no version {version}',
  },
  'definition.invalid': {
    kind: 'user',
    status: 422,
    'zh-CN': '流程定义有 {count} 处问题',
    en: 'The workflow definition has {count} problem(s)',
  },
  'definition.not_published': {
    kind: 'user',
    status: 409,
    'zh-CN': '流程「{key}」尚未发布',
    en: 'Workflow "{key}" has not been published',
  },
  'definition.key_mismatch': {
    kind: 'user',
    status: 422,
    'zh-CN': '定义中的 key「{actual}」与地址中的「{expected}」不一致',
    en: 'The key "{actual}" in the body does not match "{expected}" in the URL',
  },
  'definition.no_draft': { kind: 'user', status: 404, 'zh-CN': '流程「{key}」没有草稿', en: 'Workflow "{key}" has no draft' },
  'definition.not_startable': {
    kind: 'user',
    status: 403,
    'zh-CN': '您无权发起「{title}」',
    en: 'You may not start "{title}"',
  },

  // definition problems (static checks reported by validateDefinition, never thrown one by one)
  'definition.schema': { kind: 'user', status: 422, 'zh-CN': '格式有误：{reason}', en: 'Invalid: {reason}' },
  'definition.unknown_target': { kind: 'user', status: 422, 'zh-CN': '环节「{target}」不存在', en: 'There is no step "{target}"' },
  'definition.unreachable_state': {
    kind: 'user',
    status: 422,
    'zh-CN': '从开始环节无法到达环节「{state}」',
    en: 'Step "{state}" cannot be reached from the initial step',
  },
  'definition.unreachable_transition': {
    kind: 'user',
    status: 422,
    'zh-CN': '环节「{state}」的这条去向永远不会被走到：它前面的去向（{before}）没有条件，总会先被选中',
    en: 'This way on from step "{state}" can never be taken: the one before it ({before}) has no condition and is always chosen first',
  },
  'definition.constant_condition': {
    kind: 'user',
    status: 422,
    'zh-CN': '环节「{state}」的条件是固定值 {value}，不是规则：请选择字段、比较方式和值，或去掉条件',
    en: 'The condition on step "{state}" is the fixed value {value}, not a rule: pick a field, a comparison and a value, or remove the condition',
  },
  'definition.no_path_to_final': {
    kind: 'user',
    status: 422,
    'zh-CN': '环节「{state}」无法走到任何结束环节',
    en: 'No final step can be reached from step "{state}"',
  },
  'definition.no_final_state': {
    kind: 'user',
    status: 422,
    'zh-CN': '这一层级没有结束环节（"final": true）',
    en: 'None of the steps at this level is final ("final": true)',
  },
  'definition.unknown_workflow': {
    kind: 'user',
    status: 422,
    'zh-CN': '流程「{workflow}」尚未发布，无法发起或通知它的案件',
    en: 'No published workflow "{workflow}": its cases cannot be started or signalled',
  },
  'definition.unknown_event': {
    kind: 'user',
    status: 422,
    'zh-CN': '流程「{workflow}」的环节不接收事件「{event}」（可用：{events}）',
    en: 'No step of workflow "{workflow}" takes the event "{event}" (available: {events})',
  },
  'definition.action_does_nothing': {
    kind: 'user',
    status: 422,
    'zh-CN': '常设操作没有任何效果：请写 form、set、actions 或 to 中的至少一项',
    en: 'The standing action does nothing: give at least one of form, set, actions or to',
  },
  'definition.unknown_role': { kind: 'user', status: 422, 'zh-CN': '角色「{role}」不存在', en: 'There is no role "{role}"' },
  'definition.unknown_unit': {
    kind: 'user',
    status: 422,
    'zh-CN': '单位「{unit}」不在组织机构中',
    en: 'There is no org unit "{unit}" in the directory',
  },
  'definition.unknown_form': {
    kind: 'user',
    status: 422,
    'zh-CN': '表单「{form}」未在 forms 中定义',
    en: 'Form "{form}" is not defined in "forms"',
  },
  'definition.form_not_inline': {
    kind: 'user',
    status: 422,
    'zh-CN': '表单「{form}」写成了文件路径「{path}」：通过接口发布时表单结构必须直接写在定义中（文件路径只在从 workflows/ 目录加载时展开）',
    en: 'Form "{form}" is given as the file path "{path}": a definition published over the API must carry the form schema inline (paths are only expanded when loading from workflows/)',
  },
  'definition.form_invalid': {
    kind: 'user',
    status: 422,
    'zh-CN': '表单「{form}」的结构定义无法编译：{reason}',
    en: 'The schema of form "{form}" does not compile: {reason}',
  },
  'definition.form_outcome_unknown': {
    kind: 'user',
    status: 422,
    'zh-CN': '「{outcome}」不是此环节的处理结果（可用：{allowed}）',
    en: '"{outcome}" is not an outcome of this step (allowed: {allowed})',
  },
  'definition.measure_unknown_outcome': {
    kind: 'user',
    status: 422,
    'zh-CN': '统计指标中的「{outcome}」不是所统计环节的办理结果（可用：{allowed}）',
    en: '"{outcome}" in the measure is not an outcome of the steps it counts (allowed: {allowed})',
  },
  'definition.measure_unknown_state': {
    kind: 'user',
    status: 422,
    'zh-CN': '统计指标中的环节「{state}」不存在或不是办理环节',
    en: 'The measure names step "{state}", which does not exist or has no work',
  },
  'definition.measure_unknown_field': {
    kind: 'user',
    status: 422,
    'zh-CN': '统计指标求和的字段「{path}」不在任何表单或计算值中（应为 data.表单.字段，例如 data.request.amount）',
    en: 'The field "{path}" summed by the measure is in no form and no computed value (expected data.<form>.<field>, e.g. data.request.amount)',
  },
  'definition.measure_not_number': {
    kind: 'user',
    status: 422,
    'zh-CN': '统计指标只能对数值字段求和，「{path}」不是数值',
    en: 'A measure sums numeric fields only; "{path}" is not a number',
  },
  'definition.opinion_unknown_outcome': {
    kind: 'user',
    status: 422,
    'zh-CN': '意见要求中的「{outcome}」不是此环节的处理结果（可用：{allowed}）',
    en: '"{outcome}" in the opinion policy is not an outcome of this step (allowed: {allowed})',
  },
  'definition.unsupported_pattern': {
    kind: 'user',
    status: 422,
    'zh-CN': '正则表达式「{pattern}」无法在线性时间内执行（不支持反向引用、前后断言等）：{reason}',
    en: 'The pattern "{pattern}" cannot run in linear time (backreferences, lookaround and the like are not supported): {reason}',
  },
  'definition.unknown_action': { kind: 'user', status: 422, 'zh-CN': '插件动作「{action}」不存在', en: 'There is no plugin action "{action}"' },
  'definition.invalid_action_params': {
    kind: 'user',
    status: 422,
    'zh-CN': '插件动作「{action}」的参数有误：{reason}',
    en: 'Bad parameter for plugin action "{action}": {reason}',
  },
  'definition.unknown_resolver': {
    kind: 'user',
    status: 422,
    'zh-CN': '办理人解析器「{resolver}」不存在',
    en: 'There is no assignee resolver "{resolver}"',
  },
  'definition.invalid_logic': { kind: 'user', status: 422, 'zh-CN': '规则有误：{reason}', en: 'Invalid rule: {reason}' },
  'definition.unknown_variable': {
    kind: 'user',
    status: 422,
    'zh-CN': '变量「{variable}」在这里取不到值（此处可用：{available}）',
    en: 'Variable "{variable}" has no value here (available here: {available})',
  },
  'definition.invalid_duration': {
    kind: 'user',
    status: 422,
    'zh-CN': '「{duration}」不是有效的期限：应写成如 P10WD（10 个工作日）、P2WH（2 个工作小时）、P3D（3 个自然日）；提醒从截止时间往前倒数时加负号，如 P-2WD',
    en: '"{duration}" is not a valid duration: write one such as P10WD (10 working days), P2WH (2 working hours) or P3D (3 calendar days); a reminder before the deadline takes a minus, P-2WD',
  },
  'definition.quorum_required': {
    kind: 'user',
    status: 422,
    'zh-CN': '票签（quorum）模式必须设置 quorum：人数（≥ 1）或比例（0 < r ≤ 1）',
    en: 'Quorum mode needs "quorum": a count (≥ 1) or a ratio (0 < r ≤ 1)',
  },
  'definition.done_at_start_misplaced': {
    kind: 'user',
    status: 422,
    'zh-CN': '环节「{state}」设为“发起即完成”，但它必须是开始环节、办理人为发起人（{ "initiator": true }），且流程有发起表单',
    en: 'Step "{state}" is done by starting the case, so it must be the initial step, assigned to the initiator ({ "initiator": true }), in a workflow with a start form',
  },
  'definition.outcome_untitled': {
    kind: 'user',
    status: 422,
    'zh-CN': '处理结果「{outcome}」没有名称：请在 outcomeTitles 中为它填写中文（和英文）名称，按钮和流转记录显示的是名称而不是「{outcome}」',
    en: 'Outcome "{outcome}" has no title: give it one in "outcomeTitles" (zh-CN and en); buttons and the history show the title, never "{outcome}"',
  },
  'definition.bad_outcome': {
    kind: 'user',
    status: 422,
    'zh-CN': '处理结果「{outcome}」在 on 中没有对应的流转',
    en: 'Outcome "{outcome}" has no transition in "on"',
  },
  'definition.unguarded_fallback': {
    kind: 'user',
    status: 422,
    'zh-CN': '带条件的候选流转最后缺少一条无条件的兜底流转，条件都不满足时案件会停住',
    en: 'The guarded transitions have no unguarded fallback last; the case stalls when no guard holds',
  },
  'definition.final_with_transitions': {
    kind: 'user',
    status: 422,
    'zh-CN': '结束环节不能再有流转（{field}）',
    en: 'A final step cannot have transitions ({field})',
  },
  'definition.parallel_needs_on_done': {
    kind: 'user',
    status: 422,
    'zh-CN': '并行环节必须设置 onDone（各分支都结束后去哪里）',
    en: 'A parallel step needs "onDone" (where to go when every branch has finished)',
  },
  'definition.level_not_a_step': {
    kind: 'user',
    status: 422,
    'zh-CN': '层级「{state}」不是一个顶层的办理环节（层级只能是顶层、非结束的环节）',
    en: 'Level "{state}" is not a top-level working step (levels are top-level steps that are not final)',
  },
  'definition.level_skipped': {
    kind: 'user',
    status: 422,
    'zh-CN': '不得越级：路径 {path} 跳过了层级「{skipped}」',
    en: 'A level is skipped: the path {path} passes over {skipped}',
  },
  'definition.level_missing': {
    kind: 'user',
    status: 422,
    'zh-CN': '不得越级：路径 {path} 未经过层级「{skipped}」就办结了',
    en: 'A level is skipped: the path {path} completes the case without {skipped}',
  },
  'definition.return_forward': {
    kind: 'user',
    status: 422,
    'zh-CN': '退回只能回到前面的层级：路径 {path} 把退回指向了后面的环节「{to}」',
    en: 'A return may only go back along the levels: the path {path} returns forward to "{to}"',
  },

  // migration
  'migration.unmapped_state': {
    kind: 'user',
    status: 422,
    'zh-CN': '第 {from} 版的环节「{state}」未映射到第 {to} 版',
    en: 'Step "{state}" of version {from} is not mapped to version {to}',
  },
  'migration.unknown_target': {
    kind: 'user',
    status: 422,
    'zh-CN': '映射目标「{state}」在第 {to} 版中不存在',
    en: 'Mapping target "{state}" does not exist in version {to}',
  },
  'migration.level_skipped': {
    kind: 'user',
    status: 422,
    'zh-CN': '不得越级：把案件从「{from}」移到「{to}」会跳过层级「{skipped}」',
    en: 'A level would be skipped: moving the case from "{from}" to "{to}" passes over {skipped}',
  },
  'migration.needs_approval': {
    kind: 'user',
    status: 422,
    'zh-CN': '越级移动需要说明理由，并由另一位管理员批准（本流程 levels.adminSkip 为 with-approval）',
    en: 'Moving a case past a level needs a reason and a second admin\'s approval (this workflow has levels.adminSkip "with-approval")',
  },
  'migration.case_not_selectable': {
    kind: 'user',
    status: 422,
    'zh-CN': '所选案件 {instanceId} 不是第 {from} 版的在办案件',
    en: 'Selected case {instanceId} is not a running case of version {from}',
  },
  'migration.has_problems': {
    kind: 'user',
    status: 422,
    'zh-CN': '有 {count} 个案件存在问题，未执行迁移；请先修正，或明确只迁移没有问题的案件（onlyClean）',
    en: '{count} selected cases have problems, so nothing was migrated; fix them, or ask explicitly to migrate only the cases without problems (onlyClean)',
  },
  'move.approval_required': {
    kind: 'user',
    status: 202,
    'zh-CN': '越级移动已提交，等待另一位管理员批准',
    en: "The move past a level waits for a second admin's approval",
  },
  'move.not_found': { kind: 'user', status: 404, 'zh-CN': '找不到该待批准的移动', en: 'No such pending move' },
  'move.not_pending': { kind: 'user', status: 409, 'zh-CN': '该移动已处理（{status}）', en: 'This move was already handled ({status})' },
  'move.same_admin': {
    kind: 'user',
    status: 403,
    'zh-CN': '越级移动必须由另一位管理员批准，申请人不能自己批准',
    en: 'A move past a level must be approved by a second admin, not by the one who asked for it',
  },
  'move.changed': {
    kind: 'user',
    status: 409,
    'zh-CN': '自提出越级移动以来案件已有变化：现在会跳过未经批准的层级「{skipped}」。请驳回这次申请，重新提出',
    en: 'The case changed since the move was asked for: it would now pass over {skipped}, which was not approved. Reject this move and ask again',
  },

  // instances
  'instance.not_found': { kind: 'user', status: 404, 'zh-CN': '找不到该案件', en: 'No such case' },
  'instance.version_conflict': {
    kind: 'conflict',
    'zh-CN': '该案件已被他人处理，请刷新后重试',
    en: 'Someone else changed this case first; reload and try again',
  },
  'instance.precondition_failed': {
    kind: 'conflict',
    status: 412,
    'zh-CN': '该案件已更新（当前版本 {current}，请求基于版本 {expected}），请刷新后重试',
    en: 'The case has changed (it is at version {current}, the request was based on {expected}); reload and try again',
  },
  'instance.not_running': { kind: 'conflict', 'zh-CN': '该案件已办结或已撤回', en: 'This case is no longer running' },
  'instance.withdraw_not_allowed': {
    kind: 'user',
    status: 409,
    'zh-CN': '当前环节不允许撤回',
    en: 'The case cannot be withdrawn at this step',
  },
  'instance.not_withdrawn': {
    kind: 'user',
    status: 409,
    'zh-CN': '只有已撤回的案件可以修改后重新提交',
    en: 'Only a withdrawn case can be edited and resent',
  },
  'instance.already_resent': {
    kind: 'user',
    status: 409,
    'zh-CN': '该案件已重新提交过，请查看新案件「{title}」',
    en: 'This case was resent already; see the new case "{title}"',
  },
  'instance.urged_recently': {
    kind: 'user',
    status: 429,
    'zh-CN': '已催办过，{minutes} 分钟后可再次催办',
    en: 'Already urged; you can urge again in {minutes} min',
  },
  'instance.not_initiator': { kind: 'user', status: 403, 'zh-CN': '只有发起人可以执行此操作', en: 'Only the initiator may do this' },
  'instance.policy_forbids': {
    kind: 'user',
    status: 403,
    'zh-CN': '本流程不允许您对该案件执行「{command}」',
    en: 'This workflow does not let you {command} this case',
  },
  'instance.action_not_found': { kind: 'user', status: 404, 'zh-CN': '本流程没有常设操作「{action}」', en: 'This workflow has no standing action "{action}"' },
  'instance.action_not_allowed': {
    kind: 'user',
    status: 403,
    'zh-CN': '您不能对该案件执行「{action}」',
    en: 'You may not take the action "{action}" on this case',
  },
  'instance.action_not_available': {
    kind: 'conflict',
    'zh-CN': '案件当前环节（{state}）不能执行「{action}」，仅限：{allowed}',
    en: 'The action "{action}" is not available while the case is at {state}; only at: {allowed}',
  },
  'instance.link_not_found': {
    kind: 'user',
    status: 422,
    'zh-CN': '要通知的案件不存在或不属于流程「{workflow}」：{target}',
    en: 'The case to signal does not exist or is not a "{workflow}" case: {target}',
  },
  'instance.link_refused': {
    kind: 'conflict',
    'zh-CN': '关联案件「{title}」当前（{state}）不接收事件「{event}」',
    en: 'The linked case "{title}" does not take the event "{event}" at {state}',
  },
  'definition.not_retired': { kind: 'conflict', 'zh-CN': '流程「{key}」未停用', en: 'The workflow "{key}" is not retired' },
  'definition.retired': {
    kind: 'conflict',
    'zh-CN': '流程「{key}」已停用，不能再发起新案件（在办案件照常办理）',
    en: 'The workflow "{key}" is retired: no new cases can be started (running cases continue)',
  },
  'instance.refused': { kind: 'user', status: 422, 'zh-CN': '{message}', en: '{message}' },
  'instance.no_transition': {
    kind: 'user',
    status: 409,
    'zh-CN': '当前环节「{state}」不能处理「{event}」',
    en: 'Step "{state}" does not accept "{event}"',
  },

  // tasks
  'task.not_found': { kind: 'user', status: 404, 'zh-CN': '找不到该待办', en: 'No such task' },
  'task.not_assignee': { kind: 'user', status: 403, 'zh-CN': '该待办不属于您', en: 'This task is not assigned to you' },
  'task.already_done': {
    kind: 'conflict',
    'zh-CN': '该待办已被处理',
    en: 'This task has already been completed',
  },
  'task.invalid_outcome': {
    kind: 'user',
    status: 422,
    'zh-CN': '「{outcome}」不是此环节可选的处理结果（可选：{allowed}）',
    en: '"{outcome}" is not an outcome of this step (allowed: {allowed})',
  },
  'task.opinion_required': { kind: 'user', status: 422, 'zh-CN': '请填写意见', en: 'An opinion is required' },
  'task.form_not_taken': {
    kind: 'user',
    status: 422,
    'zh-CN': '选择「{outcome}」时不填写表单（只有 {outcomes} 需要），请不要提交表单数据',
    en: 'Choosing "{outcome}" takes no form (only {outcomes} do); send no form data',
  },
  'task.opinion_not_accepted': {
    kind: 'user',
    status: 422,
    'zh-CN': '此环节的「{outcome}」不填写意见（流程定义为 none），请删去意见',
    en: 'This step takes no opinion for "{outcome}" (the definition says none); remove it',
  },
  'task.return_not_allowed': {
    kind: 'user',
    status: 422,
    'zh-CN': '不能退回到「{to}」',
    en: 'The case cannot be returned to "{to}"',
  },
  'task.transfer_not_allowed': { kind: 'user', status: 422, 'zh-CN': '此环节不允许转交', en: 'This step cannot be transferred' },
  'task.delegate_not_allowed': { kind: 'user', status: 422, 'zh-CN': '此环节不允许委派', en: 'This step cannot be delegated' },
  'task.signers_not_allowed': {
    kind: 'user',
    status: 422,
    'zh-CN': '此环节不允许加签或减签',
    en: 'Signers cannot be added to or removed from this step',
  },
  'task.last_signer': { kind: 'user', status: 422, 'zh-CN': '不能移除最后一位审批人', en: 'The last signer cannot be removed' },
  'task.not_claimable': { kind: 'conflict', 'zh-CN': '该待办已被他人签收', en: 'Someone else has already claimed this task' },

  // assignment
  'assign.empty': {
    kind: 'user',
    status: 422,
    'zh-CN': '环节「{state}」找不到办理人{which}',
    en: 'Nobody can be assigned to step "{state}"{which}',
  },
  'assign.self_approval': {
    kind: 'user',
    status: 403,
    'zh-CN': '不能审批自己发起的案件',
    en: 'You may not approve your own case',
  },

  // forms
  'form.invalid': { kind: 'user', status: 422, 'zh-CN': '表单有 {count} 处错误', en: 'The form has {count} error(s)' },
  'form.not_found': { kind: 'user', status: 404, 'zh-CN': '找不到表单「{key}」', en: 'No form "{key}"' },
  'form.bundle_invalid': {
    kind: 'user',
    status: 422,
    'zh-CN': '表单「{key}」的结构定义无效：{reason}',
    en: 'The schema of form "{key}" is invalid: {reason}',
  },

  // files
  'file.too_large': {
    kind: 'user',
    status: 413,
    'zh-CN': '文件「{name}」超过 {maxBytes} 字节的上限',
    en: 'File "{name}" is larger than the {maxBytes}-byte limit',
  },
  'file.type_not_allowed': {
    kind: 'user',
    status: 415,
    'zh-CN': '不允许上传「{mime}」类型的文件',
    en: 'Files of type "{mime}" may not be uploaded',
  },
  'file.not_found': { kind: 'user', status: 404, 'zh-CN': '找不到该文件', en: 'No such file' },
  'file.checksum_mismatch': {
    kind: 'user',
    status: 422,
    'zh-CN': '文件「{name}」的 sha256 校验值与上传内容不符（或格式不对），未保存',
    en: 'The sha256 of file "{name}" does not match its contents (or is malformed); nothing was stored',
  },
  'file.not_attachable': {
    kind: 'user',
    status: 422,
    'zh-CN': '不能在案件中引用文件 {id}：该文件不存在，或您无权使用它（请自行上传）',
    en: 'File {id} cannot be put in this case: it does not exist or you may not use it (upload it yourself)',
  },

  // directory and calendar
  'directory.user_not_found': { kind: 'user', status: 404, 'zh-CN': '找不到用户「{user}」', en: 'No user "{user}"' },
  'directory.unit_not_found': { kind: 'user', status: 404, 'zh-CN': '找不到单位「{unit}」', en: 'No org unit "{unit}"' },
  'directory.role_not_found': { kind: 'user', status: 404, 'zh-CN': '找不到角色「{role}」', en: 'No role "{role}"' },
  'directory.duplicate': { kind: 'conflict', 'zh-CN': '「{name}」已存在', en: '"{name}" already exists' },
  'directory.unit_cycle': {
    kind: 'user',
    status: 422,
    'zh-CN': '单位「{unit}」不能挂在它自己或它的下级单位之下',
    en: 'The unit "{unit}" cannot be placed under itself or one of its own sub-units',
  },
  'directory.unit_in_use': {
    kind: 'conflict',
    'zh-CN': '单位「{unit}」还有 {users} 名在岗人员、{units} 个下级单位，不能停用',
    en: 'The unit "{unit}" still has {users} active users and {units} active sub-units; it cannot be deactivated',
  },
  'directory.unit_inactive': { kind: 'user', status: 422, 'zh-CN': '单位「{unit}」已停用', en: 'The unit "{unit}" is deactivated' },
  'directory.user_inactive': { kind: 'user', status: 422, 'zh-CN': '用户「{user}」已停用', en: 'The user "{user}" is deactivated' },
  'directory.cannot_deactivate_self': { kind: 'user', status: 422, 'zh-CN': '不能停用自己的账号', en: 'You cannot deactivate your own account' },
  'directory.self_delegation': { kind: 'user', status: 422, 'zh-CN': '不能委托给自己', en: 'You cannot delegate to yourself' },
  'directory.delegation_period': {
    kind: 'user',
    status: 422,
    'zh-CN': '委托的结束时间必须晚于开始时间',
    en: 'A delegation must end after it starts',
  },
  'directory.delegation_not_found': { kind: 'user', status: 404, 'zh-CN': '找不到该委托', en: 'No such delegation' },
  'api_key.not_found': { kind: 'user', status: 404, 'zh-CN': '找不到该 API 密钥', en: 'No such API key' },
  'calendar.invalid_date': {
    kind: 'user',
    status: 422,
    'zh-CN': '「{date}」不是有效的日期（格式为 YYYY-MM-DD）',
    en: '"{date}" is not a valid date (use YYYY-MM-DD)',
  },
  'calendar.day_not_found': {
    kind: 'user',
    status: 404,
    'zh-CN': '工作日历「{key}」中没有管理员设置的 {date}（内置节假日可用“调休上班”覆盖）',
    en: 'The calendar "{key}" has no admin-set day {date} (override a built-in holiday with a working day instead)',
  },
  'calendar.invalid_duration': {
    kind: 'user',
    status: 422,
    'zh-CN': '「{duration}」不是有效的期限（例如 P20WD、P3D、PT4H）',
    en: '"{duration}" is not a valid duration (e.g. P20WD, P3D, PT4H)',
  },
  'calendar.out_of_range': {
    kind: 'user',
    status: 422,
    'zh-CN': '工作日历没有覆盖 {year} 年',
    en: 'The business calendar does not cover {year}',
  },
  'calendar.invalid_config': {
    kind: 'user',
    status: 422,
    'zh-CN': '工作日历「{key}」配置有误：{reason}',
    en: 'The business calendar "{key}" is misconfigured: {reason}',
  },

  // logic
  'logic.invalid': { kind: 'user', status: 422, 'zh-CN': '规则无效：{reason}', en: 'Invalid rule: {reason}' },
  'logic.forbidden_path': {
    kind: 'user',
    status: 422,
    'zh-CN': '规则中的变量路径「{path}」不允许访问',
    en: 'The variable path "{path}" in a rule is not allowed',
  },
  'logic.limit_exceeded': {
    kind: 'user',
    status: 422,
    'zh-CN': '规则过于复杂（{limit} 超过上限 {max}）',
    en: 'The rule is too complex ({limit} exceeds {max})',
  },

  // plugins
  'plugin.invalid': {
    kind: 'unexpected',
    'zh-CN': '插件「{plugin}」无效，服务无法启动：{reason}',
    en: 'The plugin "{plugin}" is invalid; the server cannot start: {reason}',
  },
  'plugin.load_failed': {
    kind: 'unexpected',
    'zh-CN': '无法加载插件「{plugin}」，服务无法启动：{reason}',
    en: 'Cannot load the plugin "{plugin}"; the server cannot start: {reason}',
  },
  'plugin.duplicate': {
    kind: 'unexpected',
    'zh-CN': '插件名称或动作「{name}」重复，服务无法启动',
    en: 'The plugin or action name "{name}" is registered twice; the server cannot start',
  },
  'plugin.unknown_action': {
    kind: 'user',
    status: 422,
    'zh-CN': '没有已加载的插件提供动作「{action}」',
    en: 'No loaded plugin provides the action "{action}"',
  },
  'plugin.invalid_params': {
    kind: 'user',
    status: 422,
    'zh-CN': '动作「{action}」的参数有误：{reason}',
    en: 'Bad parameters for the action "{action}": {reason}',
  },
  'plugin.invalid_result': {
    kind: 'unexpected',
    'zh-CN': '动作「{action}」返回的结果不符合其声明：{reason}',
    en: 'The action "{action}" returned a result that does not match its schema: {reason}',
  },
  'plugin.action_timeout': {
    kind: 'operational',
    'zh-CN': '动作「{action}」超过 {ms} 毫秒未完成，已中止',
    en: 'The action "{action}" did not finish within {ms} ms and was aborted',
  },
  'plugin.secret_not_granted': {
    kind: 'user',
    status: 403,
    'zh-CN': '密钥「{name}」未授权给插件「{plugin}」',
    en: 'The secret "{name}" is not granted to the plugin "{plugin}"',
  },
  'plugin.secret_unreadable': {
    kind: 'unexpected',
    'zh-CN': '密钥「{name}」无法解密（服务密钥可能已更换）',
    en: 'The secret "{name}" cannot be decrypted (the server secret may have changed)',
  },
  'plugin.secret_not_found': { kind: 'user', status: 404, 'zh-CN': '没有名为「{name}」的密钥', en: 'There is no secret named "{name}"' },
  'plugin.incident_not_found': { kind: 'user', status: 404, 'zh-CN': '找不到该故障记录', en: 'No such incident' },
  'plugin.incident_not_open': { kind: 'conflict', 'zh-CN': '该故障已处理（状态：{status}）', en: 'The incident has already been handled (status: {status})' },
  'outbound.refused': {
    kind: 'user',
    status: 422,
    'zh-CN': '出于安全考虑，拒绝访问 {host}（{address}）：{reason}',
    en: 'Refused to connect to {host} ({address}) for safety: {reason}',
  },
  'outbound.invalid_url': {
    kind: 'user',
    status: 422,
    'zh-CN': '地址「{url}」无效：仅支持 http 和 https',
    en: 'The address "{url}" is invalid: only http and https are allowed',
  },
  'outbound.failed': { kind: 'operational', 'zh-CN': '请求 {host} 失败：{reason}', en: 'The request to {host} failed: {reason}' },
  'outbound.bad_status': { kind: 'operational', 'zh-CN': '{host} 返回了错误状态 {status}', en: '{host} answered with error status {status}' },
  'outbound.too_many_redirects': { kind: 'user', status: 422, 'zh-CN': '请求 {host} 时重定向次数过多', en: 'Too many redirects while calling {host}' },
  'outbound.too_large': { kind: 'user', status: 422, 'zh-CN': '{host} 返回的内容超过 {max} 字节', en: 'The answer from {host} is larger than {max} bytes' },

  // configuration and system
  'config.invalid': { kind: 'unexpected', 'zh-CN': '配置有误：{reason}', en: 'Invalid configuration: {reason}' },
  'config.secret_required': {
    kind: 'unexpected',
    'zh-CN': '生产环境必须设置 CHANCERY_SECRET（至少 32 个字符，集群中每个节点相同），否则各节点签发的登录令牌互不承认',
    en: 'CHANCERY_SECRET is required in production (at least 32 characters, the same on every node), or the nodes reject each other’s sign-in tokens',
  },
  'cli.usage': { kind: 'user', 'zh-CN': '命令用法有误：{reason}', en: 'Wrong command usage: {reason}' },
  'cli.file_unreadable': { kind: 'user', 'zh-CN': '无法读取文件 {file}：{reason}', en: 'Cannot read the file {file}: {reason}' },
  'cli.data_dir_in_use': {
    kind: 'user',
    'zh-CN': '数据目录 {dataDir} 正由运行中的服务（进程 {pid}）使用；内嵌数据库同一时间只能由一个进程打开，请先停止服务或改用 HTTP 接口',
    en: 'The data folder {dataDir} is in use by a running server (process {pid}); the embedded database can be opened by one process at a time: stop the server first or use the HTTP API',
  },
  'cli.port_in_use': {
    kind: 'user',
    'zh-CN': '端口 {port} 已被占用（{host}）：可能已有一个 Chancery 或其他程序在运行。请停止它，或用 PORT 换一个端口',
    en: 'Port {port} is already in use ({host}): another Chancery or another program may be running. Stop it, or choose another port with PORT',
  },
  'cli.no_database': {
    kind: 'user',
    'zh-CN': '数据目录 {dataDir} 中没有 Chancery 数据库（{reason}）。请检查 CHANCERY_DATA_DIR，或在该目录下先运行 chancery serve；本命令不会新建任何文件',
    en: 'There is no Chancery database in the data folder {dataDir} ({reason}). Check CHANCERY_DATA_DIR, or run chancery serve there first; this command creates nothing',
  },
  'cli.no_database_tables': {
    kind: 'user',
    'zh-CN': '数据库 {database} 中没有 Chancery 的表（{reason}）。请检查 DATABASE_URL，或先对该数据库运行 chancery serve；本命令不会建表，也不改动任何内容',
    en: 'The database {database} holds no Chancery tables ({reason}). Check DATABASE_URL, or run chancery serve on it first; this command creates and changes nothing',
  },
  'audit.broken_chain': {
    kind: 'unexpected',
    'zh-CN': '审计链在第 {seq} 条断开',
    en: 'The audit chain is broken at entry {seq}',
  },
  'persistence.statement_outside_transaction': {
    kind: 'unexpected',
    'zh-CN': '事务进行中不能在事务之外执行语句（请使用事务对象 tx）：{sql}',
    en: 'A statement was run outside the open transaction (use its tx): {sql}',
  },
  'persistence.transaction_closed': {
    kind: 'unexpected',
    'zh-CN': '事务已结束，不能再执行语句：{sql}',
    en: 'The transaction has already ended: {sql}',
  },
  'queue.not_started': { kind: 'unexpected', 'zh-CN': '任务队列未启动', en: 'The job queue is not running' },
  // statistics (the supervision dashboard)
  'stats.forbidden': {
    kind: 'user',
    status: 403,
    'zh-CN': '仅管理员、县领导、督查人员和单位负责人可查看统计',
    en: 'Only administrators, county leaders, supervision officers and heads of unit may see statistics',
  },
  'stats.unit_out_of_scope': {
    kind: 'user',
    status: 403,
    'zh-CN': '只能查看本单位及下级单位的统计',
    en: 'You may only see statistics of your own unit and its sub-units',
  },
  'simulation.unknown_user': {
    kind: 'user',
    status: 422,
    'zh-CN': '模拟中的用户「{user}」不存在或已停用',
    en: 'The user "{user}" of the simulation does not exist or is inactive',
  },
  'simulation.unknown_step': { kind: 'user', status: 422, 'zh-CN': '流程中没有环节「{state}」', en: 'The workflow has no step "{state}"' },
  'simulation.no_task': { kind: 'user', status: 422, 'zh-CN': '模拟案件中没有待办任务「{slot}」', en: 'The simulated case has no open task "{slot}"' },
  'simulation.not_assignee': {
    kind: 'user',
    status: 422,
    'zh-CN': '「{user}」不是此任务的办理人（办理人：{people}）',
    en: '"{user}" does not hold this task (it is held by {people})',
  },
  'simulation.unknown_outcome': {
    kind: 'user',
    status: 422,
    'zh-CN': '「{outcome}」不是此任务的办理结果（可用：{allowed}）',
    en: '"{outcome}" is not an outcome of this task (allowed: {allowed})',
  },
  'simulation.time_backwards': {
    kind: 'user',
    status: 422,
    'zh-CN': '模拟时钟只能向前拨（当前模拟时间 {now}）',
    en: 'The simulated clock only moves forward (it is now {now})',
  },
  'simulation.invalid_state': {
    kind: 'user',
    status: 422,
    'zh-CN': '模拟状态无法读取，请重新开始模拟',
    en: 'The simulation state cannot be read; start the simulation again',
  },
  'stats.unknown_measure': {
    kind: 'user',
    status: 422,
    'zh-CN': '没有名为「{measure}」的统计指标（可用：{allowed}）',
    en: 'There is no measure "{measure}" (available: {allowed})',
  },
  'stats.invalid_period': {
    kind: 'user',
    status: 422,
    'zh-CN': '统计周期有误：起始日期须不晚于截止日期，且跨度不超过 3 年',
    en: 'Invalid period: the start must not be after the end, and the span must not exceed 3 years',
  },
  'system.unavailable': { kind: 'operational', 'zh-CN': '服务暂时不可用，请稍后再试', en: 'The service is temporarily unavailable' },
  'system.not_ready': { kind: 'operational', status: 503, 'zh-CN': '本节点未就绪：{check} 不可用', en: 'This node is not ready: {check} is unreachable' },
  'system.stopping': { kind: 'operational', status: 503, 'zh-CN': '本节点正在停止，请连接其他节点', en: 'This node is stopping; use another node' },
  'system.unexpected': { kind: 'unexpected', 'zh-CN': '系统内部错误，已记录', en: 'Internal error; it has been logged' },
});

export type ErrorCode = keyof typeof messages;
