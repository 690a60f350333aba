/** Open objects: keys that `additionalProperties` / `patternProperties` allow are entries of a key–value editor. */
import { describe, expect, it } from 'vitest';
import { createFormState } from '../../forms/model/create-form-state.js';
import { createFormService } from '../../forms/server/form-service.js';
import type { JsonSchema } from '../../forms/model/types.js';

const tags: JsonSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', title: '标题' },
    extras: {
      type: 'object',
      title: '附加信息',
      properties: { owner: { type: 'string' } },
      patternProperties: { '^count-': { type: 'integer', minimum: 0 } },
      additionalProperties: { type: 'string', maxLength: 10 },
      propertyNames: { maxLength: 12 },
    },
  },
};

const validator = createFormService().validator(tags);

describe('open objects in the headless model', () => {
  it('shows the keys the data has beyond properties, each with the widget of its matching subschema', () => {
    const form = createFormState(tags, undefined, { extras: { owner: '张三', 'count-visits': 3, 联系人: '李四' } }, { validator });
    const extras = form.get('/extras');
    expect(extras?.open).toBe(true);
    expect(extras?.children.map((c) => [c.label, c.entry, c.widget])).toEqual([
      ['Owner', false, 'text'],
      ['count-visits', true, 'integer'],
      ['联系人', true, 'text'],
    ]);
    expect(form.get('/title')?.open).toBe(false);
  });

  it('adds, edits, renames and removes entries, and keeps them on submit', () => {
    const form = createFormState(tags, undefined, {}, { validator });
    expect(form.addEntry('/extras', 'count-calls')).toBeUndefined();
    // An integer entry without a value is a field before it is data.
    expect(form.get('/extras/count-calls')?.entry).toBe(true);
    form.setValue('/extras/count-calls', 2);
    expect(form.addEntry('/extras', '备注', '加急')).toBeUndefined();
    expect(form.renameEntry('/extras', '备注', '说明')).toBeUndefined();
    expect(form.data).toEqual({ extras: { 'count-calls': 2, 说明: '加急' } });
    expect(Object.keys((form.data as { extras: object }).extras)).toEqual(['count-calls', '说明']);
    form.removeEntry('/extras', 'count-calls');
    expect(form.get('/extras/count-calls')).toBeUndefined();
    const result = form.submit();
    expect(result).toMatchObject({ valid: true, data: { extras: { 说明: '加急' } } });
  });

  it('refuses a key that is a declared field, already present, or too long for propertyNames, in both languages', () => {
    const form = createFormState(tags, undefined, { extras: { a: 'x' } }, { validator });
    expect(form.addEntry('/extras', 'owner')?.message).toBe('「owner」是「附加信息」已有的字段名，请换一个名称');
    expect(form.addEntry('/extras', 'a')?.message).toBe('「附加信息」中已有名为「a」的项');
    expect(form.addEntry('/extras', '')?.message).toBe('请填写「附加信息」中该项的名称');
    form.setLang('en');
    expect(form.addEntry('/extras', 'a-very-long-key')?.message).toBe('The name "a-very-long-key" is not allowed in "附加信息"');
    expect(form.renameEntry('/extras', 'a', 'owner')?.pointer).toBe('/extras/owner');
    expect(form.data).toEqual({ extras: { a: 'x' } });
  });

  it('takes only keys matching patternProperties when nothing else is allowed', () => {
    const schema: JsonSchema = { type: 'object', patternProperties: { '^[a-z]+$': { type: 'boolean' } }, additionalProperties: false };
    const form = createFormState(schema, undefined, {});
    expect(form.addEntry('', 'Upper')?.params).toMatchObject({ problem: 'pattern' });
    expect(form.addEntry('', 'lower')).toBeUndefined();
    expect(form.get('/lower')?.widget).toBe('checkbox');
  });

  it('checks entry values with the schema: an out-of-range count names the entry', () => {
    const form = createFormState(tags, undefined, { extras: { 'count-x': -1 } }, { validator, lang: 'en' });
    expect(form.submit().errors.map((e) => [e.pointer, e.message])).toEqual([['/extras/count-x', '"count-x" must be at least 0']]);
  });

  it('the server keeps the entries and refuses a value its subschema rejects, with its pointer', () => {
    const service = createFormService();
    const form = { schema: tags };
    expect(service.validateSubmission(form, { extras: { 'count-a': 1, note: 'ok' } })).toMatchObject({
      valid: true,
      data: { extras: { 'count-a': 1, note: 'ok' } },
    });
    const refused = service.validateSubmission(form, { extras: { note: 'far more than ten characters' } }, { lang: 'en' });
    expect(refused.issues.map((i) => i.pointer)).toEqual(['/extras/note']);
  });

  it('an object that says nothing about other keys keeps them on submit but shows no editor', () => {
    const schema: JsonSchema = { type: 'object', properties: { a: { type: 'string' } } };
    const form = createFormState(schema, undefined, { a: 'x', b: 1 });
    expect(form.fields.open).toBe(false);
    expect(form.fields.children.map((c) => c.pointer)).toEqual(['/a']);
    expect(form.addEntry('', 'c', 1)).toBeUndefined();
    expect(form.submit().data).toEqual({ a: 'x', b: 1 });
  });
});

describe('open objects on the server', () => {
  it('matches entry keys against patternProperties in linear time (a catastrophic pattern and a hostile key answer at once)', () => {
    const schema: JsonSchema = { type: 'object', patternProperties: { '^(a+)+$': { type: 'string' } }, additionalProperties: false };
    const key = 'a'.repeat(40) + '!';
    // With a backtracking engine this key alone would take longer than the test run.
    const result = createFormService().validateSubmission({ schema }, { [key]: 'x' }, { lang: 'en' });
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => i.keyword)).toEqual(['additionalProperties']);
  });
});
