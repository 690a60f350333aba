import { describe, expect, it } from 'vitest';
import { createFormState } from '../../forms/model/create-form-state.js';
import type { FormChange } from '../../forms/model/types.js';
import { petitionSchema, petitionUi, validIntake, validatorFor } from './petition-form.js';

const validator = validatorFor(petitionSchema);
const form = (data: unknown = {}, options = {}) => createFormState(petitionSchema, petitionUi, data, { validator, ...options });

describe('form model', () => {
  it('resolves labels, options and widgets from the UI schema in the chosen language', () => {
    const zh = form();
    expect(zh.get('/name')?.label).toBe('信访人姓名');
    expect(zh.get('/source')?.widget).toBe('radio');
    expect(zh.get('/source')?.options?.map((o) => o.label)).toEqual(['来信', '来访', '电话', '县长信箱', '领导批示']);
    const en = form({}, { lang: 'en' });
    expect(en.get('/name')?.label).toBe('Petitioner name');
    expect(en.get('/source')?.options?.[3]?.label).toBe("County head's mailbox");
    expect(en.get('/receivedOn')?.widget).toBe('date');
  });

  it('sets a value immutably and bumps only the changed node and its ancestors', () => {
    const f = form({ realName: true });
    const before = f.data;
    const source = f.get('/source');
    const sourceRevision = source?.revision;
    const changes: FormChange[] = [];
    f.subscribe((c) => changes.push(c));
    f.setValue('/name', '李四');
    expect(f.data).not.toBe(before);
    expect((before as Record<string, unknown>)['name']).toBeUndefined();
    expect(f.get('/name')?.value).toBe('李四');
    expect(f.get('/source')?.revision).toBe(sourceRevision);
    expect(changes[0]?.pointers).toContain('/name');
    expect(changes[0]?.pointers).not.toContain('/source');
  });

  it('shows errors only for touched fields until submit', () => {
    const f = form({ realName: true });
    expect(f.errors.some((e) => e.pointer === '/name')).toBe(true);
    expect(f.visibleErrors).toEqual([]);
    f.touch('/name');
    expect(f.visibleErrors.map((e) => e.message)).toContain('「信访人姓名」为必填项');
    f.submit();
    expect(f.visibleErrors.length).toBe(f.errors.length);
  });

  it('hides the name and phone of an anonymous petition and drops their issues', () => {
    const f = form({ realName: true, phone: '123' });
    expect(f.get('/phone')?.visible).toBe(true);
    expect(f.errors.some((e) => e.pointer === '/phone')).toBe(true);
    f.setValue('/realName', false);
    expect(f.get('/phone')?.visible).toBe(false);
    expect(f.get('/name')?.visible).toBe(false);
    expect(f.errors.some((e) => e.pointer === '/phone' || e.pointer === '/name')).toBe(false);
    const result = f.submit();
    expect(result.data).not.toHaveProperty('phone');
  });

  it('requires and shows the other-category field only when the category is 其他', () => {
    const f = form({ ...validIntake });
    expect(f.get('/issues/0/otherCategory')?.visible).toBe(false);
    f.setValue('/issues/0/category', '其他');
    const other = f.get('/issues/0/otherCategory');
    expect(other?.visible).toBe(true);
    expect(other?.required).toBe(true);
    expect(f.errors.map((e) => e.message)).toContain('「其他类别说明」为必填项');
    f.setValue('/issues/0/otherCategory', '噪音扰民');
    expect(f.errors).toEqual([]);
  });

  it('recomputes a computed field when what it reads changes, and keeps it read-only', () => {
    const f = form({ source: '电话', realName: true, name: '王五' });
    expect(f.get('/summary')?.value).toBe('电话：王五');
    expect(f.get('/summary')?.readOnly).toBe(true);
    f.setValue('/realName', false);
    expect(f.get('/summary')?.value).toBe('电话：匿名');
    f.setValue('/summary', 'forged');
    expect(f.get('/summary')?.value).toBe('电话：匿名');
  });

  it('adds, removes and moves array items, keeping item titles and touched state in step', () => {
    const f = form({ ...validIntake });
    f.addItem('/issues');
    expect(f.get('/issues')?.children.length).toBe(2);
    f.setValue('/issues/1/category', '环境保护');
    f.setValue('/issues/1/description', '河道被污染已经三个月');
    expect(f.get('/issues/1')?.itemTitle).toBe('问题 2：环境保护');
    f.touch('/issues/1/description');
    f.moveItem('/issues', 1, 0);
    expect(f.get('/issues/0/category')?.value).toBe('环境保护');
    expect(f.get('/issues/0')?.itemTitle).toBe('问题 1：环境保护');
    expect(f.get('/issues/0/description')?.touched).toBe(true);
    expect(f.get('/issues/1/description')?.touched).toBe(false);
    f.removeItem('/issues', 0);
    expect(f.get('/issues')?.children.length).toBe(1);
    expect(f.get('/issues/0/category')?.value).toBe('土地征收');
    expect(f.get('/issues/1')).toBeUndefined();
  });

  it('runs rules of a newly added item against that item', () => {
    const f = form({ ...validIntake });
    f.addItem('/issues', { category: '其他', description: '其他问题的描述' });
    expect(f.get('/issues/1/otherCategory')?.visible).toBe(true);
    expect(f.get('/issues/0/otherCategory')?.visible).toBe(false);
  });

  it('reports minItems on the array with its label', () => {
    const f = form({ ...validIntake, issues: [] });
    expect(f.errors.map((e) => e.message)).toContain('「反映问题」至少需要 1 项');
  });

  it('describes steps with titles and the fields under each for step validation', () => {
    const f = form({ realName: true });
    const layout = f.layout;
    expect(layout.kind).toBe('steps');
    if (layout.kind === 'field') throw new Error('expected a container');
    const [first, second] = layout.items;
    expect(first?.kind === 'group' && first.title).toBe('来源与信访人');
    expect(second?.kind === 'group' && second.pointers).toEqual(['/issues']);
    const stepOne = first?.kind === 'group' ? first.pointers : [];
    expect(stepOne).toContain('/phone');
    expect(
      f
        .errorsIn(stepOne)
        .map((e) => e.pointer)
        .sort(),
    ).toEqual(['/name', '/phone', '/source']);
    f.touchAll(stepOne);
    expect(f.get('/name')?.touched).toBe(true);
    expect(f.get('/issues')?.touched).toBe(false);
  });

  it('honours permissions: hidden fields are invisible, read-only fields cannot be changed', () => {
    const f = form({ ...validIntake }, { permissions: { '*': 'editable', '/phone': 'hidden', '/issues/*/category': 'readonly' } });
    expect(f.get('/phone')?.visible).toBe(false);
    expect(f.get('/issues/0/category')?.readOnly).toBe(true);
    f.setValue('/issues/0/category', '其他');
    expect(f.get('/issues/0/category')?.value).toBe('土地征收');
    expect(f.submit().data).toHaveProperty('phone', '13800138000');
  });

  it('switches language in place', () => {
    const f = form({ realName: true });
    f.setLang('en');
    expect(f.get('/name')?.label).toBe('Petitioner name');
    expect(f.errors.map((e) => e.message)).toContain('"Petitioner name" is required');
  });

  it('treats an emptied text field as missing', () => {
    const f = form({ ...validIntake });
    f.setValue('/name', '');
    expect(f.data).not.toHaveProperty('name');
    expect(f.errors.map((e) => e.message)).toContain('「信访人姓名」为必填项');
  });

  it('updates a 500-field form on a keystroke without revisiting unrelated fields', () => {
    const properties: Record<string, unknown> = {};
    const fields: Record<string, unknown> = {};
    for (let i = 0; i < 500; i += 1) {
      properties[`f${i}`] = { type: 'string', maxLength: 50 };
      fields[`/f${i}`] = { label: `字段${i}`, rules: [{ effect: 'hide', when: { '==': [{ var: `data.f${(i + 1) % 500}` }, 'x'] } }] };
    }
    const schema = { type: 'object', properties };
    const f = createFormState(schema, { fields: fields as never }, {}, { validator: validatorFor(schema) });
    const changes: FormChange[] = [];
    f.subscribe((c) => changes.push(c));
    const start = performance.now();
    for (let k = 0; k < 51; k += 1) f.setValue('/f10', k % 2 ? 'x' : 'y');
    const perKeystroke = (performance.now() - start) / 51;
    expect(f.get('/f9')?.visible).toBe(true);
    expect(changes.at(-1)?.pointers.sort()).toEqual(['', '/f10', '/f9']);
    expect(perKeystroke).toBeLessThan(5);
  });
});
