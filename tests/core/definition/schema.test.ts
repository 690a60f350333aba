import { describe, expect, it } from 'vitest';
import { definitionSchema, validateDefinition } from '../../../core/definition/index.js';
import { fixtureContext, loadFixture } from './fixtures.js';

const schemaProblems = (def: unknown) => validateDefinition(def, fixtureContext()).problems.filter((p) => p.code === 'definition.schema');

describe('definition schema', () => {
  it('is published under its $id and describes itself in both languages', () => {
    expect(definitionSchema.$id).toBe('https://chancery.dev/schemas/definition.json');
    expect(definitionSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    for (const [name, def] of Object.entries(definitionSchema.$defs)) {
      expect(def.title, name).toBeTruthy();
      expect(def['x-zh-CN'].title, name).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('catches a misspelt property with a pointer to it', () => {
    const def = loadFixture('three-step-signoff') as unknown as Record<string, any>;
    def['states']['draft']['tsk'] = def['states']['draft']['task'];
    delete def['states']['draft']['task'];
    def['intial'] = 'draft';
    const problems = schemaProblems(def);
    expect(problems.map((p) => p.pointer)).toEqual(['/intial', '/states/draft/tsk']);
    expect(problems[1]?.message).toEqual({
      'zh-CN': '格式有误：不认识的属性「tsk」，是否应为「task」？',
      en: 'Invalid: Unknown property "tsk": did you mean "task"?',
    });
  });

  it('reports the typo inside an assignment, not every alternative of the oneOf', () => {
    const def = loadFixture('petition-case') as unknown as Record<string, any>;
    def['states']['register']['task']['assign'] = { role: 'petition-clerk', unti: 'county' };
    def['states']['review']['approval']['assign'] = { rol: 'office-director' };
    const problems = schemaProblems(def);
    expect(problems.map((p) => [p.pointer, p.details?.['keyword']])).toEqual([
      ['/states/register/task/assign/unti', 'additionalProperties'],
      ['/states/review/approval/assign', 'oneOf'],
    ]);
    expect(problems[1]?.message['zh-CN']).toContain('办理人必须且只能用一种方式指定');
  });

  it('points into transitions written as a single object or as candidates', () => {
    const def = loadFixture('petition-case') as unknown as Record<string, any>;
    def['states']['register']['on']['submit'] = { too: 'investigate' };
    def['states']['review']['on']['approve'][0]['iff'] = true;
    def['states']['feedback']['on']['submit'] = 42;
    const problems = schemaProblems(def);
    expect(problems.map((p) => p.pointer)).toEqual(['/states/register/on/submit/too', '/states/review/on/approve/0/iff', '/states/feedback/on/submit']);
  });

  it('allows a step to be only one kind of step', () => {
    const def = loadFixture('three-step-signoff') as unknown as Record<string, any>;
    def['states']['draft']['final'] = true;
    const problems = validateDefinition(def, fixtureContext()).problems;
    const schema = problems.filter((p) => p.code === 'definition.schema');
    expect(schema.map((p) => [p.pointer, p.details?.['keyword']])).toEqual([['/states/draft', 'not']]);
    expect(schema[0]?.message.en).toContain('only one of task, approval, foreach, parallel, final');
  });

  it('names missing required properties and bad enum values', () => {
    const def = loadFixture('three-step-signoff') as unknown as Record<string, any>;
    delete def['title'];
    def['states']['section']['approval']['mode'] = 'majority';
    const problems = schemaProblems(def);
    expect(problems.map((p) => p.pointer)).toEqual(['/title', '/states/section/approval/mode']);
    expect(problems[1]?.message['zh-CN']).toContain('all（会签）、any（或签）、sequential（依次审批）或 quorum（票签）');
  });

  it('refuses state names with dots and keys that are not kebab-case', () => {
    const def = loadFixture('three-step-signoff') as unknown as Record<string, any>;
    def['key'] = 'Three Step';
    def['states']['a.b'] = { final: true };
    const pointers = schemaProblems(def).map((p) => p.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/key', '/states/a.b']));
  });

  it('reports a non-object definition without throwing', () => {
    expect(validateDefinition(null).problems.map((p) => [p.code, p.pointer])).toEqual([['definition.schema', '']]);
    expect(validateDefinition([]).ok).toBe(false);
  });
});
