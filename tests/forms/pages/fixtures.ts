import { createAjv } from '../../../forms/validation/create-ajv.js';
import { defineChanceryElements, type ChanceryForm } from '../../../forms/components.js';
import type { DirectoryClient } from '../../../forms/widgets/directory-client.js';
import type { FileRef } from '../../../forms/widgets/types.js';
import type { JsonSchema, UiSchema } from '../../../forms/model/types.js';

defineChanceryElements();

/** A petition intake form that uses every built-in widget. */
export const petitionSchema: JsonSchema = {
  type: 'object',
  required: ['name', 'category'],
  properties: {
    name: { type: 'string', title: '信访人姓名', minLength: 2 },
    summary: { type: 'string', maxLength: 2000 },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    amount: { type: 'number' },
    date: { type: 'string', format: 'date' },
    receivedAt: { type: 'string', format: 'date-time' },
    time: { type: 'string', format: 'time' },
    category: { type: 'string', enum: ['land', 'labour', 'housing', 'environment', 'other'] },
    channel: { type: 'string', enum: ['visit', 'letter', 'phone'] },
    urgent: { type: 'boolean' },
    publish: { type: 'boolean' },
    tags: { type: 'array', uniqueItems: true, items: { type: 'string', enum: ['a', 'b', 'c'] } },
    realName: { type: 'boolean' },
    idNumber: { type: 'string' },
    attachment: {
      type: 'object',
      properties: { id: { type: 'string' }, name: { type: 'string' }, size: { type: 'number' }, sha256: { type: 'string' }, mime: { type: 'string' } },
    },
    handler: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    unit: { type: 'string' },
    opinion: { type: 'string' },
    address: { type: 'object', properties: { county: { type: 'string' }, street: { type: 'string' } } },
  },
};

export const petitionUi: UiSchema = {
  fields: {
    '/name': { label: { 'zh-CN': '信访人姓名', en: 'Petitioner name' }, help: { 'zh-CN': '与身份证一致', en: 'As on the ID card' } },
    '/summary': { label: { 'zh-CN': '诉求摘要', en: 'Summary' } },
    '/age': { label: { 'zh-CN': '年龄', en: 'Age' } },
    '/amount': { label: { 'zh-CN': '涉及金额', en: 'Amount' } },
    '/date': { label: { 'zh-CN': '来访日期', en: 'Visit date' } },
    '/receivedAt': { label: { 'zh-CN': '登记时间', en: 'Registered at' } },
    '/time': { label: { 'zh-CN': '来访时刻', en: 'Visit time' } },
    '/category': {
      label: { 'zh-CN': '问题类别', en: 'Category' },
      options: {
        land: { 'zh-CN': '土地征收', en: 'Land' },
        labour: { 'zh-CN': '劳动社保', en: 'Labour' },
        housing: '住房',
        environment: '环境',
        other: '其他',
      },
    },
    '/channel': {
      label: { 'zh-CN': '来访方式', en: 'Channel' },
      options: { visit: { 'zh-CN': '走访', en: 'Visit' }, letter: { 'zh-CN': '来信', en: 'Letter' }, phone: { 'zh-CN': '来电', en: 'Phone' } },
    },
    '/urgent': { label: { 'zh-CN': '紧急', en: 'Urgent' } },
    '/publish': { label: { 'zh-CN': '公开答复', en: 'Publish reply' }, widget: 'switch' },
    '/tags': { label: { 'zh-CN': '标签', en: 'Tags' } },
    '/realName': { label: { 'zh-CN': '实名信访', en: 'Real name' } },
    '/idNumber': {
      label: { 'zh-CN': '身份证号', en: 'ID number' },
      rules: [
        { effect: 'show', when: { '==': [{ var: 'data.realName' }, true] } },
        { effect: 'require', when: { '==': [{ var: 'data.realName' }, true] } },
      ],
    },
    '/attachment': { label: { 'zh-CN': '附件', en: 'Attachment' }, widget: 'file' },
    '/handler': { label: { 'zh-CN': '承办人', en: 'Handler' }, widget: 'user' },
    '/unit': { label: { 'zh-CN': '承办单位', en: 'Handling unit' }, widget: 'unit' },
    '/opinion': { label: { 'zh-CN': '领导意见', en: 'Opinion' }, widget: 'opinion' },
    '/address': { label: { 'zh-CN': '地址', en: 'Address' } },
    '/address/county': { label: { 'zh-CN': '县区', en: 'County' } },
    '/address/street': { label: { 'zh-CN': '街道', en: 'Street' } },
  },
};

/** A fake directory: a few people and a small county tree. */
export const fakeDirectory: DirectoryClient = {
  async searchUsers(q) {
    const people = [
      { id: 'u1', name: '张伟', unit: '信访局' },
      { id: 'u2', name: '张敏', unit: '自然资源局' },
      { id: 'u3', name: '李娜', unit: '人社局' },
    ];
    return people.filter((p) => p.name.includes(q));
  },
  async listUnits() {
    return [
      { id: 'county', name: '青山县', parentId: null },
      { id: 'xfj', name: '信访局', parentId: 'county' },
      { id: 'town1', name: '东关镇', parentId: 'county' },
    ];
  },
};

/** A fake uploader that answers a stored ref after hashing the bytes like the server does. */
export async function fakeUpload(file: File): Promise<FileRef> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { id: `file-${sha256.slice(0, 8)}`, name: file.name, size: file.size, sha256, mime: file.type || 'application/octet-stream' };
}

export function validatorFor(schema: JsonSchema) {
  return createAjv().compile(schema);
}

/** Put a `<chancery-form>` on the page with the given properties and wait for its first render. */
export async function mountForm(props: Partial<ChanceryForm> & { schema: JsonSchema }, attrs: Record<string, string> = {}): Promise<ChanceryForm> {
  document.body.replaceChildren();
  const form = document.createElement('chancery-form') as ChanceryForm;
  for (const [k, v] of Object.entries(attrs)) form.setAttribute(k, v);
  form.directory = fakeDirectory;
  form.uploader = fakeUpload;
  Object.assign(form, props);
  document.body.append(form);
  await form.updateComplete;
  await settle();
  return form;
}

/** Let nested elements and requestAnimationFrame callbacks finish. */
export async function settle(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await new Promise((r) => setTimeout(r, 0));
}

export function shadow(form: Element): ShadowRoot {
  const root = form.shadowRoot;
  if (!root) throw new Error('no shadow root');
  return root;
}

/** All events of a type, newest last. */
export function record<T>(target: EventTarget, type: string): T[] {
  const seen: T[] = [];
  target.addEventListener(type, (e) => seen.push((e as CustomEvent<T>).detail));
  return seen;
}

/** The accessible name of what has focus inside the form (jest-dom's toHaveFocus cannot see into shadow roots). */
export function focusedName(form: Element): string {
  let active: Element | null = shadow(form).activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active) return '';
  const labelled = active as HTMLInputElement;
  const byLabel = labelled.labels?.[0]?.textContent;
  const text = byLabel ?? active.getAttribute('aria-label') ?? active.textContent ?? '';
  return text.replace(/\*/g, '').replace(/\s+/g, ' ').trim();
}
