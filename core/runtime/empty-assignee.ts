/**
 * `assign.empty` that says what came out empty: the step, the item of a per-item step, and the
 * rule as evaluated (the role and the unit by name and code), in both languages.
 */
import type { Assignment } from '../definition/types.js';
import { isUuid } from '../uuid.js';
import { ChanceryError } from '../errors.js';
import type { Executor } from '../persistence/types.js';

type Text = { 'zh-CN': string; en: string };

/** Describes an evaluated assignment for people: `岗位「liaison」@ 县政府办公室（office）`. */
export async function describeRule(exec: Executor, a: Assignment): Promise<Text> {
  const unitText = async (unit: unknown): Promise<Text> => {
    if (typeof unit !== 'string') return { 'zh-CN': '发起人所在单位', en: "the initiator's unit" };
    const rows = await exec.execute<{ code: string; name: string }>(
      isUuid(unit) ? 'SELECT code, name FROM org_unit WHERE id = $1' : 'SELECT code, name FROM org_unit WHERE code = $1',
      [unit],
    );
    const row = rows[0];
    if (!row) return { 'zh-CN': `不存在的单位「${unit}」`, en: `unknown unit "${unit}"` };
    return { 'zh-CN': `${row.name}（${row.code}）`, en: `${row.name} (${row.code})` };
  };
  if ('role' in a) {
    const u = await unitText(a.unit);
    return { 'zh-CN': `岗位「${a.role}」在 ${u['zh-CN']} 无人`, en: `nobody holds role "${a.role}" in ${u.en}` };
  }
  if ('head' in a) {
    const u = await unitText(a.head);
    return { 'zh-CN': `${u['zh-CN']} 没有负责人`, en: `${u.en} has no head` };
  }
  if ('members' in a) {
    const u = await unitText(a.members);
    return { 'zh-CN': `${u['zh-CN']} 及其下级单位没有人员`, en: `nobody is in ${u.en} or a unit under it` };
  }
  if ('users' in a)
    return { 'zh-CN': `指定人员 ${a.users.join('、') || '（空）'} 均不可用`, en: `none of the named users ${a.users.join(', ') || '(none)'} is active` };
  if ('plugin' in a) return { 'zh-CN': `插件解析器「${a.plugin}」未给出人员`, en: `plugin resolver "${a.plugin}" found nobody` };
  if ('manager' in a) return { 'zh-CN': '上级领导链中无人', en: 'nobody in the manager chain' };
  if ('previous' in a) return { 'zh-CN': '找不到上一环节的办理人', en: 'no one completed the previous step' };
  return { 'zh-CN': '规则未给出人员', en: 'the rule found nobody' };
}

/**
 * The error for a step nobody can be assigned to.
 *
 * @example
 * throw await emptyAssignee(tx, 'selfcheck', { role: 'liaison', unit: 'office' }, 3);
 */
export async function emptyAssignee(exec: Executor, state: string, rule: Assignment | undefined, item?: number): Promise<ChanceryError> {
  const described = rule ? await describeRule(exec, rule) : null;
  const itemText: Text | null = item === undefined ? null : { 'zh-CN': `第 ${item + 1} 项`, en: `item ${item + 1}` };
  const parts = [itemText, described].filter((p): p is Text => p !== null);
  const which: Text =
    parts.length === 0 ? { 'zh-CN': '', en: '' } : { 'zh-CN': `（${parts.map((p) => p['zh-CN']).join('：')}）`, en: ` (${parts.map((p) => p.en).join(': ')})` };
  return new ChanceryError('assign.empty', { state, ...(item === undefined ? {} : { item }), ...(rule ? { rule } : {}), which });
}
