import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../core/definition/index.js';
import { fixtureContext, loadFixture } from './fixtures.js';

const summary = (def: unknown) => validateDefinition(def, fixtureContext()).problems.map((p) => [p.code, p.pointer, p.severity]);

describe('validateDefinition: references', () => {
  it('finds forms that are not defined', () => {
    const def = loadFixture('petition-case');
    def.startForm = 'intak';
    def.states['investigate']!.foreach!.form = 'reprot';
    expect(summary(def)).toEqual([
      ['definition.unknown_form', '/startForm', 'error'],
      ['definition.unknown_form', '/states/investigate/foreach/form', 'error'],
    ]);
  });

  it('checks roles everywhere people are named', () => {
    const def = loadFixture('petition-case');
    const foreach = def.states['investigate']!.foreach!;
    foreach.emptyAssignee = { assign: { role: 'ghost-1' } };
    foreach.escalate = [{ after: 'P0D', notify: { role: 'ghost-2' } }];
    def.states['closed']!.cc = [{ role: 'ghost-3' }];
    def.starters = [{ role: 'ghost-4' }];
    expect(summary(def).map(([, pointer]) => pointer)).toEqual([
      '/starters/0/role',
      '/states/investigate/foreach/emptyAssignee/assign/role',
      '/states/investigate/foreach/escalate/0/notify/role',
      '/states/closed/cc/0/role',
    ]);
  });

  it('finds unknown actions and unknown resolvers', () => {
    const def = loadFixture('three-step-signoff');
    def.states['issued']!.entry = [{ action: 'notify.sned', with: {} }];
    def.states['leader']!.approval!.assign = { plugin: 'directory.deptuy' };
    expect(summary(def)).toEqual([
      ['definition.unknown_resolver', '/states/leader/approval/assign/plugin', 'error'],
      ['definition.unknown_action', '/states/issued/entry/0/action', 'error'],
    ]);
  });

  it('points at missing and unknown action parameters, and leaves run-time values alone', () => {
    const def = loadFixture('three-step-signoff');
    def.states['issued']!.entry = [
      { action: 'notify.send', with: { to: 'x', tempalte: 'issued' } },
      { action: 'notify.send', with: { template: { $logic: { var: 'data.template' } }, to: '{{data.owner}}' } },
    ];
    def.states['leader']!.on!['approve'] = { to: 'issued', actions: [{ action: 'numbering.assign', with: { prefix: 1 } }] };
    expect(summary(def)).toEqual([
      ['definition.invalid_action_params', '/states/leader/on/approve/actions/0/with/prefix', 'error'],
      ['definition.invalid_action_params', '/states/issued/entry/0/with/template', 'error'],
      ['definition.invalid_action_params', '/states/issued/entry/0/with/tempalte', 'error'],
    ]);
  });
});

describe('validateDefinition: rules and durations', () => {
  it('checks every JSON Logic rule without running it', () => {
    const def = loadFixture('petition-case');
    def.caseTitle = { concat: ['信访件'] };
    def.computed = { 'data.x': { var: '__proto__.polluted' } };
    def.states['review']!.on!['approve'] = [{ if: { '==': [1] }, to: 'feedback' }, { to: 'closed' }];
    def.states['investigate']!.foreach!.items = { filter: [{ var: 'data.intake.issues' }] };
    def.states['closed']!.entry = [{ action: 'notify.send', with: { template: { $logic: { nope: [] } } } }];
    const problems = validateDefinition(def, fixtureContext()).problems;
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['definition.invalid_logic', '/caseTitle'],
      ['definition.invalid_logic', '/computed/data.x/var'],
      ['definition.invalid_logic', '/states/investigate/foreach/items/filter'],
      ['definition.invalid_logic', '/states/review/on/approve/0/if/=='],
      ['definition.invalid_logic', '/states/closed/entry/0/with/template/$logic'],
    ]);
    expect(problems[0]?.message).toEqual({ 'zh-CN': '规则有误：未知的运算符「concat」', en: 'Invalid rule: Unknown operator "concat"' });
    expect(problems[1]?.details).toMatchObject({ logicCode: 'logic.forbidden_path', path: '__proto__.polluted' });
  });

  it('checks durations with the business-calendar grammar', () => {
    const def = loadFixture('petition-case');
    const foreach = def.states['investigate']!.foreach!;
    foreach.due = 'P15WDs';
    foreach.remind = ['P-2WD', '2 days', { at: 'P1.5D' }];
    foreach.escalate = { after: 'PT' };
    const problems = validateDefinition(def, fixtureContext()).problems;
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['definition.invalid_duration', '/states/investigate/foreach/due'],
      ['definition.invalid_duration', '/states/investigate/foreach/remind/1'],
      ['definition.invalid_duration', '/states/investigate/foreach/remind/2/at'],
      ['definition.invalid_duration', '/states/investigate/foreach/escalate/after'],
    ]);
    expect(problems[0]?.message['zh-CN']).toContain('「P15WDs」不是有效的期限');
  });
});

describe('validateDefinition: steps', () => {
  it('requires a quorum in quorum mode', () => {
    const def = loadFixture('meeting-parallel');
    delete def.states['prepare']!.parallel!['materials']!.states['check']!.approval!.quorum;
    expect(summary(def)).toEqual([['definition.quorum_required', '/states/prepare/parallel/materials/states/check/approval', 'error']]);
  });

  it('warns about outcomes without transitions and refuses an approval without approve', () => {
    const def = loadFixture('meeting-parallel');
    def.states['hold']!.on = { held: 'done', nudge: {} };
    def.states['approve']!.on = { defer: 'prepare', reject: 'cancelled' };
    const result = validateDefinition(def, fixtureContext());
    expect(result.problems.map((p) => [p.code, p.pointer, p.severity])).toEqual([
      ['definition.bad_outcome', '/states/approve/approval', 'error'],
      ['definition.bad_outcome', '/states/hold/task/outcomes/1', 'warning'],
    ]);
  });

  it('refuses an outcome people would see by its key, and names the built-in ones itself', () => {
    const def = loadFixture('meeting-parallel');
    def.states['hold']!.task!.outcomes = ['held', 'postponed', 'adjourned', 'approve'];
    def.states['hold']!.on = { ...def.states['hold']!.on, adjourned: 'done', approve: 'done' };
    const result = validateDefinition(def, fixtureContext());
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.code, p.pointer, p.severity])).toEqual([['definition.outcome_untitled', '/states/hold/task/outcomes/2', 'error']]);
    expect(result.problems[0]!.message['zh-CN']).toContain('outcomeTitles');

    def.outcomeTitles = { ...def.outcomeTitles, adjourned: { 'zh-CN': '休会', en: 'Adjourned' } };
    expect(validateDefinition(def, fixtureContext()).ok).toBe(true);
  });

  it('warns when guarded candidates have no unguarded fallback, and stays publishable', () => {
    const def = loadFixture('petition-case');
    def.states['review']!.on!['approve'] = [
      { if: { var: 'data.intake.realName' }, to: 'feedback' },
      { if: { '!': { var: 'data.intake.realName' } }, to: 'closed' },
    ];
    const result = validateDefinition(def, fixtureContext());
    expect(result.problems.map((p) => [p.code, p.pointer, p.severity])).toEqual([['definition.unguarded_fallback', '/states/review/on/approve', 'warning']]);
    expect(result.ok).toBe(true);
    expect(result.definition).toBe(def);
  });
});
