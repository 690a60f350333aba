import type { WorkflowDefinition } from '../../core/definition/types.js';

/** 拟稿 → 文字把关 → 主任 → 副县长 → 县长, the chain the county office may not skip. */
export function chain(key: string, adminSkip?: 'never' | 'with-approval'): WorkflowDefinition {
  return {
    key,
    title: { 'zh-CN': '发文审签', en: 'Document sign-off' },
    levels: adminSkip ? { order: ['proofread', 'director', 'deputy', 'head'], adminSkip } : ['proofread', 'director', 'deputy', 'head'],
    initial: 'proofread',
    states: {
      proofread: {
        task: { assign: { role: 'secretariat-clerk', unit: 'secretariat' }, outcomes: ['pass', 'sendBack'] },
        on: { pass: 'director', sendBack: 'revise' },
      },
      revise: { task: { assign: { initiator: true }, outcomes: ['resubmit'] }, on: { resubmit: 'proofread' } },
      director: {
        approval: { assign: { role: 'office-director', unit: 'office' }, mode: 'any' },
        return: { to: ['proofread'] },
        on: { approve: 'deputy', reject: 'rejected' },
      },
      deputy: {
        approval: { assign: { role: 'deputy-head', unit: 'county' }, mode: 'any' },
        return: { to: ['proofread', 'director'] },
        on: { approve: 'head', reject: 'rejected' },
      },
      head: {
        approval: { assign: { role: 'county-head', unit: 'county' }, mode: 'any' },
        return: { to: ['proofread', 'director', 'deputy'] },
        on: { approve: 'issued', reject: 'rejected' },
      },
      issued: { final: true },
      rejected: { final: true, result: 'rejected' },
    },
  };
}
