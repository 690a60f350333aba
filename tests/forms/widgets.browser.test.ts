import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { fakeDirectory, fakeUpload, mountForm, petitionSchema, petitionUi, record, settle, shadow, validatorFor } from './pages/fixtures.js';
import type { ChanceryFormDetail } from '../../forms/components.js';

async function petitionForm(data: unknown = {}) {
  return mountForm({ schema: petitionSchema, uiSchema: petitionUi, data, validator: validatorFor(petitionSchema) });
}

describe('every widget renders and edits', () => {
  it('typing a name updates the data and fires chancery-change', async () => {
    const form = await petitionForm();
    const changes = record<ChanceryFormDetail>(form, 'chancery-change');
    await userEvent.fill(page.getByLabelText('信访人姓名'), '王小二');
    expect(form.data).toMatchObject({ name: '王小二' });
    expect(changes.at(-1)?.data).toMatchObject({ name: '王小二' });
  });

  it('textarea, number, integer, date, datetime and time inputs store typed values', async () => {
    const form = await petitionForm();
    await userEvent.fill(page.getByLabelText('诉求摘要'), '征地补偿未到位');
    await userEvent.fill(page.getByLabelText('年龄'), '42');
    await userEvent.fill(page.getByLabelText('涉及金额'), '1234.5');
    await userEvent.fill(page.getByLabelText('来访日期'), '2026-03-05');
    await userEvent.fill(page.getByLabelText('登记时间'), '2026-03-05T09:30');
    await userEvent.fill(page.getByLabelText('来访时刻'), '14:20');
    const data = form.data as Record<string, unknown>;
    expect(shadow(form).querySelector('textarea')).not.toBeNull();
    expect(data).toMatchObject({ summary: '征地补偿未到位', age: 42, amount: 1234.5, date: '2026-03-05', time: '14:20:00' });
    expect(new Date(String(data.receivedAt)).getHours()).toBe(9);
  });

  it('select, radio, checkbox, switch and multi-select store their option values', async () => {
    const form = await petitionForm();
    await userEvent.selectOptions(page.getByLabelText('问题类别'), '劳动社保');
    await userEvent.click(page.getByRole('radio', { name: '来信' }));
    await userEvent.click(page.getByRole('checkbox', { name: '紧急' }));
    await userEvent.click(page.getByRole('switch', { name: '公开答复' }));
    await userEvent.click(page.getByRole('checkbox', { name: 'c' }));
    await userEvent.click(page.getByRole('checkbox', { name: 'a' }));
    expect(form.data).toMatchObject({ category: 'labour', channel: 'letter', urgent: true, publish: true, tags: ['a', 'c'] });
    await expect.element(page.getByRole('switch', { name: '公开答复' })).toHaveAttribute('aria-checked', 'true');
  });

  it('nested object fields edit their part of the data', async () => {
    const form = await petitionForm();
    await expect.element(page.getByRole('group', { name: '地址' })).toBeVisible();
    await userEvent.fill(page.getByLabelText('街道'), '人民路 1 号');
    expect(form.data).toMatchObject({ address: { street: '人民路 1 号' } });
  });

  it('approval opinion offers quick phrases and appends to written text', async () => {
    const form = await petitionForm();
    await userEvent.click(page.getByRole('button', { name: '拟同意' }));
    expect(form.data).toMatchObject({ opinion: '拟同意' });
    await userEvent.click(page.getByRole('button', { name: '请阅处' }));
    expect(form.data).toMatchObject({ opinion: '拟同意；请阅处' });
    await expect.element(page.getByLabelText('领导意见', { exact: true })).toHaveValue('拟同意；请阅处');
  });

  it('user picker searches the directory and stores the chosen person', async () => {
    const form = await petitionForm();
    await userEvent.fill(page.getByLabelText('承办人'), '张');
    await expect.element(page.getByRole('option', { name: /张敏/ })).toBeVisible();
    await userEvent.click(page.getByRole('option', { name: /张敏/ }));
    expect(form.data).toMatchObject({ handler: { id: 'u2', name: '张敏' } });
    await expect.element(page.getByRole('button', { name: '删除 张敏' })).toBeVisible();
  });

  it('a user picker over an array of ids collects several people', async () => {
    const schema = { type: 'object', properties: { signers: { type: 'array', items: { type: 'string' } } } };
    const form = await mountForm({ schema, uiSchema: { fields: { '/signers': { label: '会签人', widget: 'user' } } } });
    for (const [query, name] of [
      ['张', '张伟'],
      ['李', '李娜'],
    ] as const) {
      await userEvent.fill(page.getByLabelText('会签人'), query);
      await userEvent.click(page.getByRole('option', { name: new RegExp(name) }));
    }
    expect(form.data).toEqual({ signers: ['u1', 'u3'] });
    await userEvent.click(page.getByRole('button', { name: '删除 张伟' }));
    expect(form.data).toEqual({ signers: ['u3'] });
  });

  it('org-unit picker lists the unit tree and stores the unit id', async () => {
    const form = await petitionForm();
    await userEvent.click(page.getByLabelText('承办单位'));
    await expect.poll(() => shadow(form).querySelectorAll('chancery-unit-picker [role=option]').length).toBe(3);
    await userEvent.click(page.getByRole('option', { name: '信访局' }));
    expect(form.data).toMatchObject({ unit: 'xfj' });
  });

  it('file upload stores the ref the server returns, never the bytes', async () => {
    const form = await petitionForm();
    const input = shadow(form).querySelector<HTMLInputElement>('chancery-file-input input[type=file]');
    expect(input).not.toBeNull();
    await userEvent.upload(page.getByLabelText('附件'), new File(['材料'], '材料.txt', { type: 'text/plain' }));
    await expect.poll(() => (form.data as { attachment?: { name: string } }).attachment?.name).toBe('材料.txt');
    const ref = (form.data as { attachment: Record<string, unknown> }).attachment;
    expect(Object.keys(ref).sort()).toEqual(['id', 'mime', 'name', 'sha256', 'size']);
    expect(ref.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('file upload refuses a file over the size limit before sending it', async () => {
    const ui = {
      ...petitionUi,
      fields: { ...petitionUi.fields, '/attachment': { label: '附件', widget: 'file', props: { maxSize: 4, accept: '.txt,.pdf' } } },
    };
    const sent: File[] = [];
    const form = await mountForm({ schema: petitionSchema, uiSchema: ui, uploader: async (f: File) => (sent.push(f), fakeUpload(f)) });
    await userEvent.upload(page.getByLabelText('附件'), new File(['12345'], '大.txt', { type: 'text/plain' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('「大.txt」超过 4 B 的大小限制');
    await userEvent.upload(page.getByLabelText('附件'), new File(['1'], '图.exe', { type: 'application/x-msdownload' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('「图.exe」的文件类型不允许上传');
    expect(sent).toHaveLength(0);
    expect((form.data as { attachment?: unknown }).attachment).toBeUndefined();
  });

  it('a plugin widget outranks a built-in one', async () => {
    const { builtinWidgets } = await import('../../forms/components.js');
    const { html } = await import('lit');
    const widgets = builtinWidgets.with([
      {
        name: 'stamp',
        tester: (f) => (f.pointer === '/name' ? 1000 : -1),
        render: (p) => html`<output id=${p.id} class="stamp">印：${String(p.field.value ?? '')}</output>`,
      },
    ]);
    const form = await mountForm({ schema: petitionSchema, uiSchema: petitionUi, data: { name: '李四' }, widgets, directory: fakeDirectory });
    expect(shadow(form).querySelector('.stamp')?.textContent).toBe('印：李四');
    await settle();
  });
});
