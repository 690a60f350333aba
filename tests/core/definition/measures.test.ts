/**
 * Custom measures in a definition: a count of cases or tasks with an outcome some step offers, or
 * a sum of a numeric field; anything that would count nothing for ever is refused with its pointer.
 */
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../core/definition/index.js';
import type { WorkflowDefinition } from '../../../core/definition/types.js';

const info = (measures: unknown): WorkflowDefinition => ({
  key: 'info-report',
  title: { 'zh-CN': '信息报送', en: 'Information report' },
  startForm: 'info',
  forms: {
    info: {
      schema: {
        type: 'object',
        properties: { title: { type: 'string' }, words: { type: 'integer' }, budget: { type: 'object', properties: { amount: { type: 'number' } } } },
      },
    },
  },
  computed: { 'data.score': { '*': [{ var: 'data.info.words' }, 2] } },
  outcomeTitles: { adopt: { 'zh-CN': '采用', en: 'Adopt' }, decline: { 'zh-CN': '不采用', en: 'Decline' } },
  initial: 'review',
  states: {
    review: { task: { assign: { users: ['ducha1'] }, outcomes: ['adopt', 'decline'] }, on: { adopt: 'sign', decline: 'done' } },
    sign: { approval: { assign: { users: ['zhuren'] }, mode: 'any' }, on: { approve: 'done', reject: 'done' } },
    done: { final: true },
  },
  measures: measures as WorkflowDefinition['measures'],
});
const problems = (measures: unknown) => validateDefinition(info(measures)).problems.map((p) => [p.code, p.pointer]);

describe('custom measures in a definition', () => {
  it('accepts counts of an outcome (anywhere, or at one step) and sums of numeric form fields and computed values', () => {
    expect(
      problems({
        adopted: { title: { 'zh-CN': '被采用', en: 'Adopted' }, count: 'cases', outcome: 'adopt' },
        declined: { title: '未采用', count: 'tasks', outcome: 'decline', state: 'review' },
        signed: { title: '签批', count: 'tasks', outcome: 'approve', state: 'sign' },
        words: { title: '字数', sum: 'data.info.words' },
        amount: { title: '金额', sum: 'data.info.budget.amount' },
        score: { title: '得分', sum: 'data.score' },
      }),
    ).toEqual([]);
  });

  it('refuses an outcome no step offers, and one the named step does not offer, pointing at it', () => {
    expect(
      problems({
        a: { title: 'a', count: 'cases', outcome: 'adpot' },
        b: { title: 'b', count: 'tasks', outcome: 'approve', state: 'review' },
        c: { title: 'c', count: 'tasks', outcome: 'adopt', state: 'reveiw' },
      }),
    ).toEqual([
      ['definition.measure_unknown_outcome', '/measures/a/outcome'],
      ['definition.measure_unknown_outcome', '/measures/b/outcome'],
      ['definition.measure_unknown_state', '/measures/c/state'],
    ]);
    const [first] = validateDefinition(info({ a: { title: 'a', count: 'cases', outcome: 'adpot' } })).problems;
    expect(first!.message.en).toContain('allowed: adopt, decline, approve, reject');
  });

  it('refuses a sum of a field no form has, of a form that does not exist, and of a text field', () => {
    expect(
      problems({
        a: { title: 'a', sum: 'data.info.wrods' },
        b: { title: 'b', sum: 'data.report.words' },
        c: { title: 'c', sum: 'data.info.title' },
      }),
    ).toEqual([
      ['definition.measure_unknown_field', '/measures/a/sum'],
      ['definition.measure_unknown_field', '/measures/b/sum'],
      ['definition.measure_not_number', '/measures/c/sum'],
    ]);
  });

  it('refuses a measure that is both a count and a sum, or neither, and a name that is not a measure name', () => {
    const codes = (m: unknown) => validateDefinition(info(m)).problems.map((p) => p.pointer);
    expect(codes({ a: { title: 'a', count: 'cases', outcome: 'adopt', sum: 'data.info.words' } })).toContain('/measures/a');
    expect(codes({ a: { title: 'a' } })).toContain('/measures/a');
    expect(codes({ a: { title: 'a', count: 'units', outcome: 'adopt' } })).toContain('/measures/a/count');
    expect(codes({ 'Bad-name': { title: 'a', sum: 'data.info.words' } }).join()).toContain('/measures');
  });
});
