/**
 * Our own wording for the keywords people meet most, naming the field by its label.
 * Keywords not listed fall back to ajv-i18n's text after the label.
 * `{label}` is the field's label; other `{name}`s come from the ajv error's `params`.
 */
import type { Lang } from '../../core/errors.js';

type Template = Record<Lang, string>;

export const keywordMessages: Readonly<Record<string, Template>> = {
  required: { 'zh-CN': '「{label}」为必填项', en: '"{label}" is required' },
  dependentRequired: { 'zh-CN': '「{label}」为必填项', en: '"{label}" is required' },
  type: { 'zh-CN': '「{label}」的类型不正确', en: '"{label}" has the wrong type' },
  pattern: { 'zh-CN': '「{label}」格式不正确', en: '"{label}" is not in the expected format' },
  format: { 'zh-CN': '「{label}」不是有效的{formatName}', en: '"{label}" is not a valid {formatName}' },
  minLength: { 'zh-CN': '「{label}」至少需要 {limit} 个字符', en: '"{label}" must be at least {limit} characters' },
  maxLength: { 'zh-CN': '「{label}」不能超过 {limit} 个字符', en: '"{label}" must be at most {limit} characters' },
  minimum: { 'zh-CN': '「{label}」不能小于 {limit}', en: '"{label}" must be at least {limit}' },
  maximum: { 'zh-CN': '「{label}」不能大于 {limit}', en: '"{label}" must be at most {limit}' },
  exclusiveMinimum: { 'zh-CN': '「{label}」必须大于 {limit}', en: '"{label}" must be greater than {limit}' },
  exclusiveMaximum: { 'zh-CN': '「{label}」必须小于 {limit}', en: '"{label}" must be less than {limit}' },
  enum: { 'zh-CN': '「{label}」不是可选的值', en: '"{label}" is not one of the allowed values' },
  const: { 'zh-CN': '「{label}」的值不正确', en: '"{label}" has the wrong value' },
  minItems: { 'zh-CN': '「{label}」至少需要 {limit} 项', en: '"{label}" needs at least {limit} item(s)' },
  maxItems: { 'zh-CN': '「{label}」最多 {limit} 项', en: '"{label}" allows at most {limit} item(s)' },
  uniqueItems: { 'zh-CN': '「{label}」中有重复项', en: '"{label}" contains duplicates' },
  /** The validator itself failed on this data (e.g. hostile keys in `uniqueItems`); the data is refused. */
  exception: { 'zh-CN': '「{label}」的数据无法校验', en: 'The data of "{label}" cannot be validated' },
  multipleOf: { 'zh-CN': '「{label}」必须是 {multipleOf} 的倍数', en: '"{label}" must be a multiple of {multipleOf}' },
  additionalProperties: { 'zh-CN': '「{label}」不允许名为「{additionalProperty}」的项', en: '"{label}" does not allow an entry named "{additionalProperty}"' },
  richtext: { 'zh-CN': '「{label}」应为富文本（{ html, text }）', en: '"{label}" must be rich text ({ html, text })' },
  richtextLength: { 'zh-CN': '「{label}」过长（HTML 不能超过 {limit} 个字符）', en: '"{label}" is too long (at most {limit} characters of HTML)' },
  signature: { 'zh-CN': '「{label}」应为上传的手写签名图片（PNG）', en: '"{label}" must be an uploaded handwritten signature (PNG)' },
  propertyNames: { 'zh-CN': '「{label}」中的名称「{propertyName}」不符合要求', en: 'The name "{propertyName}" is not allowed in "{label}"' },
};

/** Why a key typed into an open object's key–value editor is refused (see `model/open-object.ts`). */
export const keyMessages: Readonly<Record<'empty' | 'declared' | 'taken' | 'pattern' | 'names', Template>> = {
  empty: { 'zh-CN': '请填写「{label}」中该项的名称', en: 'Enter a name for the entry in "{label}"' },
  declared: { 'zh-CN': '「{key}」是「{label}」已有的字段名，请换一个名称', en: '"{key}" is already a field of "{label}": choose another name' },
  taken: { 'zh-CN': '「{label}」中已有名为「{key}」的项', en: '"{label}" already has an entry named "{key}"' },
  pattern: { 'zh-CN': '「{label}」不允许名为「{key}」的项', en: '"{label}" does not allow an entry named "{key}"' },
  names: { 'zh-CN': '「{label}」中的名称「{key}」不符合要求', en: 'The name "{key}" is not allowed in "{label}"' },
};

/** How each format is called in a message. */
export const formatNames: Readonly<Record<string, Template>> = {
  date: { 'zh-CN': '日期', en: 'date' },
  time: { 'zh-CN': '时间', en: 'time' },
  'date-time': { 'zh-CN': '日期时间', en: 'date and time' },
  email: { 'zh-CN': '电子邮箱', en: 'email address' },
  uri: { 'zh-CN': '网址', en: 'URL' },
  url: { 'zh-CN': '网址', en: 'URL' },
  uuid: { 'zh-CN': '编号', en: 'identifier' },
  ipv4: { 'zh-CN': 'IP 地址', en: 'IP address' },
};

/** The label and the rest of an ajv-i18n message: «「label」应当…» / «"label" must …». */
export const fallbackMessage: Template = { 'zh-CN': '「{label}」{message}', en: '"{label}" {message}' };
