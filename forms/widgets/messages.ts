import type { Lang } from '../../core/errors.js';

/** Languages the form speaks; zh-CN is the default. */
export type { Lang };

/** A string in both languages, or one string used for both. */
export type LocalizedText = string | { 'zh-CN'?: string; en?: string };

/** Pick the text for `lang`, falling back to the other language. */
export function localize(text: LocalizedText | undefined, lang: Lang): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text['zh-CN'] ?? text.en ?? '';
}

const catalogue = {
  'zh-CN': {
    submit: '提交',
    next: '下一步',
    previous: '上一步',
    add: '添加',
    remove: '删除',
    moveUp: '上移',
    moveDown: '下移',
    dragHint: '拖动或按 Alt+↑/↓ 调整顺序',
    item: '第 {n} 项',
    minItems: '至少需要 {n} 项',
    maxItems: '最多只能有 {n} 项',
    errorSummary: '请修改以下 {n} 处问题：',
    errorsAnnounced: '表单有 {n} 处错误',
    select: '请选择',
    yes: '是',
    no: '否',
    search: '搜索',
    searchUnit: '输入单位名称或代码搜索',
    suggestions: '候选项',
    formatting: '格式',
    signature: '签名',
    signHere: '在此手写「{label}」',
    signatureOf: '「{label}」手写签名',
    saveSignature: '确认签名',
    signAgain: '重新签名',
    keepSignature: '保留原签名',
    signatureSaved: '签名已保存',
    bold: '加粗',
    italic: '倾斜',
    bulletList: '项目符号',
    orderedList: '编号',
    change: '更换',
    noResults: '没有匹配的结果',
    clear: '清除',
    upload: '选择文件',
    uploading: '正在上传…',
    uploadFailed: '「{name}」上传失败：{reason}',
    loading: '加载中…',
    quickPhrases: '常用意见',
    stepOf: '第 {n} 步，共 {total} 步',
    empty: '（未填写）',
    draftRestored: '已恢复您上次保存的草稿。',
    draftNewer: '服务器上有较新的草稿（{time}）。',
    useServerDraft: '使用服务器草稿',
    keepLocal: '保留当前内容',
    draftSaved: '草稿已保存',
    draftOffline: '离线，草稿已保存在本机',
    draftLocal: '草稿已保存在本机',
    draftRefused: '草稿未能保存到服务器（{reason}），已保存在本机',
    field: '字段',
    before: '修改前',
    after: '修改后',
    noChanges: '两个版本没有差别',
    loadFailed: '表单加载失败：{reason}',
    removeItem: '删除{title}',
    added: '已添加{title}',
    removed: '已删除{title}',
    moved: '{title}已移到第 {n} 位',
    fileTooLarge: '「{name}」超过 {max} 的大小限制',
    fileType: '「{name}」的文件类型不允许上传',
    details: '展开详情',
    errorBadge: '（{n} 处错误）',
    entryKey: '名称',
    entryKeyOf: '名称：{key}',
    newEntryKey: '「{label}」新项的名称',
    newEntryKeyPlain: '新项的名称',
    addEntry: '添加项',
  },
  en: {
    submit: 'Submit',
    next: 'Next',
    previous: 'Previous',
    add: 'Add',
    remove: 'Remove',
    moveUp: 'Move up',
    moveDown: 'Move down',
    dragHint: 'Drag, or press Alt+↑/↓ to reorder',
    item: 'Item {n}',
    minItems: 'At least {n} items are required',
    maxItems: 'At most {n} items are allowed',
    errorSummary: 'Please fix the following {n} problem{s}:',
    errorsAnnounced: 'The form has {n} error{s}',
    select: 'Choose…',
    yes: 'Yes',
    no: 'No',
    search: 'Search',
    searchUnit: 'Type a unit name or code',
    suggestions: 'Suggestions',
    formatting: 'Formatting',
    signature: 'signature',
    signHere: 'Sign "{label}" here',
    signatureOf: 'Handwritten signature: {label}',
    saveSignature: 'Save signature',
    signAgain: 'Sign again',
    keepSignature: 'Keep the saved signature',
    signatureSaved: 'Signature saved',
    bold: 'Bold',
    italic: 'Italic',
    bulletList: 'Bulleted list',
    orderedList: 'Numbered list',
    change: 'Change',
    noResults: 'No matches',
    clear: 'Clear',
    upload: 'Choose file',
    uploading: 'Uploading…',
    uploadFailed: 'Could not upload "{name}": {reason}',
    loading: 'Loading…',
    quickPhrases: 'Quick phrases',
    stepOf: 'Step {n} of {total}',
    empty: '(empty)',
    draftRestored: 'Your last saved draft was restored.',
    draftNewer: 'A newer draft is on the server ({time}).',
    useServerDraft: 'Use server draft',
    keepLocal: 'Keep current',
    draftSaved: 'Draft saved',
    draftOffline: 'Offline: draft saved on this device',
    draftLocal: 'Draft saved on this device',
    draftRefused: 'The server did not keep the draft ({reason}); it is saved on this device',
    field: 'Field',
    before: 'Before',
    after: 'After',
    noChanges: 'The two versions are the same',
    loadFailed: 'Could not load the form: {reason}',
    removeItem: 'Remove {title}',
    added: 'Added {title}',
    removed: 'Removed {title}',
    moved: '{title} moved to position {n}',
    fileTooLarge: '"{name}" is larger than the {max} limit',
    fileType: '"{name}" is not an allowed file type',
    details: 'Details',
    errorBadge: ' ({n} error{s})',
    entryKey: 'Name',
    entryKeyOf: 'Name: {key}',
    newEntryKey: 'Name of a new entry in "{label}"',
    newEntryKeyPlain: 'Name of a new entry',
    addEntry: 'Add entry',
  },
} as const;

/** A key of the component message catalogue. */
export type MessageKey = keyof (typeof catalogue)['zh-CN'];

/**
 * Translate a component message, filling `{name}` placeholders.
 *
 * @example t('en', 'minItems', { n: 2 }) // 'At least 2 items are required'
 */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text: string = catalogue[lang]?.[key] ?? catalogue['zh-CN'][key];
  // `{s}`: the English plural ending, by `n` ("1 problem", "2 problems").
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name === 's' && vars['s'] === undefined ? (vars['n'] === 1 ? '' : 's') : String(vars[name] ?? '')));
}
