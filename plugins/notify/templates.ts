/**
 * Message templates in zh-CN and en. `{name}` is filled from the action's `vars` and the case
 * (`caseTitle`, `caseId`, `state`); values from `{{data.x}}` in the parameters arrive already
 * filled in by the engine.
 */
export type Bilingual = { 'zh-CN': string; en: string };

export const templates: Record<string, { title: Bilingual; body: Bilingual }> = {
  generic: { title: { 'zh-CN': '{title}', en: '{title}' }, body: { 'zh-CN': '{body}', en: '{body}' } },
  'task.assigned': {
    title: { 'zh-CN': '新的待办：{caseTitle}', en: 'New task: {caseTitle}' },
    body: { 'zh-CN': '您有一件新的待办事项《{caseTitle}》，请及时办理。', en: 'You have a new task for "{caseTitle}". Please handle it in time.' },
  },
  'case.completed': {
    title: { 'zh-CN': '已办结：{caseTitle}', en: 'Completed: {caseTitle}' },
    body: { 'zh-CN': '《{caseTitle}》已办结。{result}', en: '"{caseTitle}" has been completed. {result}' },
  },
  'task.overdue': {
    title: { 'zh-CN': '已超期：{caseTitle}', en: 'Overdue: {caseTitle}' },
    body: {
      'zh-CN': '《{caseTitle}》在「{state}」环节已超过办理期限，请尽快办理。',
      en: '"{caseTitle}" is overdue at step "{state}". Please handle it as soon as possible.',
    },
  },
  escalation: {
    title: { 'zh-CN': '督办提醒：{caseTitle}', en: 'Escalation: {caseTitle}' },
    body: {
      'zh-CN': '《{caseTitle}》在「{state}」环节超期未办，请督促办理。{message}',
      en: '"{caseTitle}" is overdue at step "{state}"; please follow it up. {message}',
    },
  },
  'petition.closed': {
    title: { 'zh-CN': '您的信访事项已办结', en: 'Your petition has been closed' },
    body: { 'zh-CN': '您反映的《{caseTitle}》已办结。办理结果：{result}', en: 'Your petition "{caseTitle}" has been closed. Outcome: {result}' },
  },
};

/** Fills `{name}`; unknown names become empty (a half-filled message is worse than a short one). */
export function fill(text: string, vars: Record<string, unknown>): string {
  return text
    .replace(/\{(\w+)\}/g, (_m, name: string) => {
      const v = Object.hasOwn(vars, name) ? vars[name] : undefined;
      return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    })
    .trim();
}

export function bilingual(value: unknown): Bilingual | undefined {
  if (typeof value === 'string') return { 'zh-CN': value, en: value };
  if (value && typeof value === 'object') {
    const v = value as Partial<Bilingual>;
    const zh = v['zh-CN'] ?? v.en;
    const en = v.en ?? v['zh-CN'];
    if (typeof zh === 'string' && typeof en === 'string') return { 'zh-CN': zh, en };
  }
  return undefined;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
