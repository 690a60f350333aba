import { describe, expect, it } from 'vitest';
import { validateDefinition, type WorkflowDefinition } from '../../../core/definition/index.js';
import { fixtureContext, fixtureNames, loadFixture } from './fixtures.js';

const summary = (def: unknown, ctx = fixtureContext()) => validateDefinition(def, ctx).problems.map((p) => [p.code, p.pointer, p.severity]);

describe('validateDefinition on good definitions', () => {
  it.each(fixtureNames)('accepts the %s sample without a single problem', (name) => {
    const result = validateDefinition(loadFixture(name), fixtureContext());
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.definition?.key).toBeTruthy();
  });

  it('skips role, action and resolver checks when the context does not know them', () => {
    const def = loadFixture('petition-case');
    def.states['register']!.task!.assign = { role: 'nobody-has-this-role' };
    expect(validateDefinition(def).ok).toBe(true);
  });
});

describe('validateDefinition reports every mistake at once', () => {
  it('finds an unknown target, an unreachable step, a dead end, an unknown role and a bad plugin parameter', () => {
    const def = loadFixture('petition-case');
    const states = def.states as Record<string, WorkflowDefinition['states'][string]>;
    // 1. a typo in a target
    states['review']!.on!['reject'] = 'investigat';
    // 2. a step nothing leads to
    states['archive'] = { task: { assign: { role: 'office-clerk' } }, on: { submit: 'closed' } };
    // 3. a step that can never finish
    states['review']!.on!['hold'] = 'limbo';
    states['limbo'] = { task: { assign: { role: 'office-director' }, outcomes: ['wait'] }, on: { wait: 'limbo' } };
    def.outcomeTitles = { ...def.outcomeTitles, wait: { 'zh-CN': '等待', en: 'Wait' } };
    // 4. a role the directory does not have
    states['register']!.task!.assign = { role: 'petition-clark' };
    // 5. a plugin parameter of the wrong type
    states['closed']!.entry = [{ action: 'notify.send', with: { template: 42 } }];

    const result = validateDefinition(def, fixtureContext());
    expect(result.ok).toBe(false);
    expect(result.definition).toBeUndefined();
    expect(result.problems.map((p) => [p.code, p.pointer])).toEqual(
      expect.arrayContaining([
        ['definition.unknown_target', '/states/review/on/reject'],
        ['definition.unreachable_state', '/states/archive'],
        ['definition.no_path_to_final', '/states/limbo'],
        ['definition.unknown_role', '/states/register/task/assign/role'],
        ['definition.invalid_action_params', '/states/closed/entry/0/with/template'],
      ]),
    );
    expect(result.problems).toHaveLength(5);
    for (const problem of result.problems) {
      expect(problem.severity).toBe('error');
      expect(problem.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(problem.message.en).toMatch(/[a-z]/);
      expect(problem.message['zh-CN']).not.toBe(problem.message.en);
    }
    const target = result.problems.find((p) => p.code === 'definition.unknown_target');
    expect(target?.message).toEqual({ 'zh-CN': '环节「investigat」不存在', en: 'There is no step "investigat"' });
    expect(target?.details).toEqual({ target: 'investigat', suggestion: 'investigate' });
  });
});

describe('validateDefinition: targets and scopes', () => {
  it('checks initial, region initials, return, withdraw and previous-assignee names', () => {
    const def = loadFixture('meeting-parallel');
    def.initial = 'aprove';
    const prepare = def.states['prepare']!;
    prepare.parallel!['venue']!.initial = 'bok';
    prepare.parallel!['materials']!.states['check']!.return = { to: ['writ'] };
    def.withdraw = { to: 'nowhere', from: ['approve', 'book', 'ghost'] };
    def.states['hold']!.task!.assign = { previous: { state: 'ghost' } };
    const codes = summary(def).filter(([code]) => code === 'definition.unknown_target');
    expect(codes.map(([, pointer]) => pointer)).toEqual([
      '/initial',
      '/states/prepare/parallel/venue/initial',
      '/states/prepare/parallel/materials/states/check/return/to/0',
      '/withdraw/to',
      '/withdraw/from/2',
      '/states/hold/task/assign/previous/state',
    ]);
  });

  it('resolves targets inside a region, then outwards: a branch may leave the whole parallel step', () => {
    const def = loadFixture('meeting-parallel');
    def.states['prepare']!.parallel!['venue']!.states['book']!.on = { submit: 'booked', cancel: 'hold' };
    expect(summary(def)).toEqual([]);
  });

  it('reports one misspelt target inside a region once, without a cascade of dead ends', () => {
    const def = loadFixture('meeting-parallel');
    def.states['prepare']!.parallel!['venue']!.states['book']!.on = { submit: 'bookd' };
    expect(summary(def)).toEqual([['definition.unknown_target', '/states/prepare/parallel/venue/states/book/on/submit', 'error']]);
  });

  it('refuses a way on that can never be taken: after a candidate without a condition, or behind a constant condition', () => {
    const def = loadFixture('three-step-signoff');
    // The designer's old output for a condition branch left empty: `if: true`, then 「其他情况」.
    def.states['section']!.on = { approve: [{ if: true, to: 'office' }, { to: 'rejected' }], reject: 'rejected' };
    def.states['office']!.on = {
      approve: [{ to: 'leader' }, { if: { '==': [{ var: 'data.a' }, 1] }, to: 'rejected' }],
      reject: [{ if: 0, to: 'rejected' }, { to: 'rejected' }],
    };
    expect(summary(def)).toEqual(
      expect.arrayContaining([
        ['definition.constant_condition', '/states/section/on/approve/0/if', 'error'],
        ['definition.unreachable_transition', '/states/section/on/approve/1', 'error'],
        ['definition.unreachable_transition', '/states/office/on/approve/1', 'error'],
        ['definition.constant_condition', '/states/office/on/reject/0/if', 'error'],
      ]),
    );
    // A never-true condition hides nothing after it.
    expect(summary(def).filter(([, pointer]) => String(pointer).startsWith('/states/office/on/reject/1'))).toEqual([]);
    const en = validateDefinition(def, fixtureContext()).problems.find((p) => p.code === 'definition.unreachable_transition')!;
    expect(en.message['zh-CN']).toContain('永远不会被走到');
    expect(en.message.en).toContain('can never be taken');
  });

  it('names a step by its title in each language, as the designers show it, keeping the key in details and the pointer', () => {
    const def = loadFixture('three-step-signoff');
    def.states['archive'] = { title: { 'zh-CN': '归档', en: 'Archive' }, task: { assign: { users: ['u1'] } }, on: { submit: 'issued' } };
    const p = validateDefinition(def, fixtureContext()).problems.find((x) => x.code === 'definition.unreachable_state')!;
    expect(p).toMatchObject({ pointer: '/states/archive', details: { state: 'archive' } });
    expect(p.message['zh-CN']).toBe('从开始环节无法到达环节「归档」');
    expect(p.message.en).toBe('Step "Archive" cannot be reached from the initial step');
  });

  it('does not count return rules as a way to reach a step', () => {
    const def = loadFixture('three-step-signoff');
    def.states['section']!.on = { approve: 'office', reject: 'rejected' };
    def.states['office']!.on = { approve: 'leader', reject: 'rejected' };
    def.withdraw = { allowed: true };
    // draft is the initial step, so it stays reachable; make a step reachable only by return
    def.states['redo'] = { task: { assign: { initiator: true } }, on: { submit: 'section' } };
    def.states['leader']!.return = { to: ['redo'] };
    expect(summary(def)).toEqual([['definition.unreachable_state', '/states/redo', 'error']]);
  });
});

describe('validateDefinition: final and parallel steps', () => {
  it('reports a definition without a final step once', () => {
    const def = {
      key: 'loop',
      title: '循环',
      initial: 'a',
      states: { a: { on: { go: 'b' } }, b: { on: { go: 'a' } } },
    };
    expect(summary(def)).toEqual([['definition.no_final_state', '/states', 'error']]);
  });

  it('refuses transitions out of a final step', () => {
    const def = loadFixture('three-step-signoff');
    def.states['issued']!.on = { reopen: 'draft' };
    expect(summary(def)).toEqual([['definition.final_with_transitions', '/states/issued/on', 'error']]);
  });

  it('requires onDone on a parallel step, and then finds the steps after it unreachable', () => {
    const def = loadFixture('meeting-parallel');
    delete def.states['prepare']!.onDone;
    expect(summary(def)).toEqual([
      ['definition.parallel_needs_on_done', '/states/prepare/parallel', 'error'],
      ['definition.unreachable_state', '/states/hold', 'error'],
      ['definition.unreachable_state', '/states/done', 'error'],
    ]);
  });

  it('requires a final step in every region', () => {
    const def = loadFixture('meeting-parallel');
    def.states['prepare']!.parallel!['venue']!.states['booked'] = { on: { again: 'book' } };
    expect(summary(def)).toEqual([['definition.no_final_state', '/states/prepare/parallel/venue/states', 'error']]);
  });
});

describe('problem messages', () => {
  it('has a zh-CN and an en message for every definition problem code', async () => {
    const { messages } = await import('../../../core/error-messages.js');
    const codes = Object.keys(messages).filter((code) => code.startsWith('definition.'));
    expect(codes).toEqual(expect.arrayContaining(['definition.unknown_target', 'definition.invalid_action_params', 'definition.unguarded_fallback']));
    for (const code of codes) {
      const entry = messages[code as keyof typeof messages];
      expect(entry['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.en, code).toMatch(/^[\x20-\x7e≥≤]+$/);
    }
  });
});
