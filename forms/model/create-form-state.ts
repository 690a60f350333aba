/**
 * The live, headless form model. Updates are incremental: a change re-runs only the computed
 * values and rules that read the changed data, rebuilds only the array or object whose shape
 * changed, and bumps `revision` only on the nodes that changed. Validation runs the compiled
 * validator on the pruned data (microseconds even for large forms); `submit()` takes the one
 * pure submission path the server takes too. Array items and open-object entries are edited in
 * `form-edits.ts` through the `FormEditor` this model hands it.
 */
import { initialData } from './defaults.js';
import { createDependencyIndex } from './deps.js';
import { evaluateForm } from './evaluate-form.js';
import { collectIssues } from './issues.js';
import { resolveLayout, rootLayout } from './layout.js';
import { assignIssues, orderedIssues } from './live-issues.js';
import { arrayEdits, entryEdits, type FormEditor } from './form-edits.js';
import { alternativeValue, relabel, walk, type FieldNode } from './node.js';
import { equalJson, getIn, isWithin, setIn } from './pointer.js';
import { computeValue, deriveFlags, evaluateRules } from './rules.js';
import { applyAllRules, applyComputed, buildTree, computedNodes, nearestNode, pruneData, rebuildChildren, touchedUnder, withDiscriminators } from './tree.js';
import type { FormChange, FormListener, FormOptions, FormState, Issue, JsonSchema, Lang, LayoutView, Pointer, SubmitResult, UiSchema } from './types.js';

/**
 * Creates the form model.
 *
 * @example
 * const form = createFormState(schema, uiSchema, {}, { lang: 'zh-CN', validator });
 * form.setValue('/name', '张三');
 * form.submit(); // { valid, data, errors }
 */
export function createFormState(schema: JsonSchema, uiSchema: UiSchema | undefined, initial: unknown, options: FormOptions = {}): FormState {
  let lang: Lang = options.lang ?? 'zh-CN';
  const { context, validator } = options;
  initial = initialData(schema, initial, options);
  const tree = buildTree(schema, uiSchema, initial, options);
  let data = applyComputed(tree, computedNodes(tree.root), initial, context).data;
  applyAllRules(tree, data, context);
  const deps = createDependencyIndex();
  const ruled = new Set<FieldNode>();
  const register = (node: FieldNode) =>
    walk(node, (n) => {
      deps.add(n);
      if (n.rules.length > 0) ruled.add(n);
    });
  const unregister = (node: FieldNode) =>
    walk(node, (n) => {
      deps.remove(n);
      ruled.delete(n);
    });
  register(tree.root);

  let layout: LayoutView = rootLayout(tree.ctx.uiSchema, tree.root, lang);
  let errorNodes = new Set<FieldNode>();
  let ordered: Issue[] | undefined;
  let submitted = false;
  const listeners = new Set<FormListener>();

  const bumped = new Set<FieldNode>();
  const bump = (node: FieldNode) => {
    if (!bumped.has(node)) {
      node.revision += 1;
      bumped.add(node);
    }
  };

  function revalidate(): void {
    const issues = collectIssues(ruled, tree.index, pruneData(tree.root, data), validator, lang);
    const { nodes, changed } = assignIssues(tree.index, errorNodes, issues);
    errorNodes = nodes;
    changed.forEach(bump);
    ordered = undefined;
  }

  function notify(structural: boolean): void {
    const change: FormChange = { pointers: [...bumped].map((n) => n.pointer), structural };
    bumped.clear();
    for (const listener of [...listeners]) listener(change, state);
  }

  /** Flags of `node` and, when they changed, of its descendants. */
  function rederive(node: FieldNode): void {
    if (!deriveFlags(node, tree.ctx)) return;
    bump(node);
    node.children.forEach(rederive);
  }

  /** Sets up a freshly built subtree: dependencies, computed values, rules, flags. */
  function adopt(node: FieldNode): void {
    register(node);
    const computed = computedNodes(node);
    if (computed.length > 0) data = applyComputed(tree, computed, data, context).data;
    walk(node, (n) => {
      evaluateRules(n, data, context);
      deriveFlags(n, tree.ctx);
      bump(n);
    });
  }

  /** After `data` changed at `pointers`: refresh values upward, computed values and rules that read them. */
  function propagate(pointers: Pointer[], deep: boolean): void {
    const rules = new Set<FieldNode>();
    let queue = pointers.map((p) => ({ p, deep }));
    for (let round = 0; queue.length > 0 && round < 50; round += 1) {
      const computed = new Set<FieldNode>();
      for (const { p, deep: d } of queue) {
        refreshAncestors(p);
        for (const n of deps.affected(p, d)) {
          if (n.computedRule !== undefined) computed.add(n);
          if (n.rules.length > 0) rules.add(n);
        }
      }
      queue = [];
      for (const n of computed) {
        const value = computeValue(n, data, context);
        if (equalJson(value, n.value)) continue;
        data = setIn(data, n.path, value);
        n.value = value;
        bump(n);
        const container = n.kind === 'object' || n.kind === 'array';
        if (container) {
          n.children.forEach(unregister);
          rebuildChildren(tree, n).forEach(adopt);
        }
        queue.push({ p: n.pointer, deep: container });
      }
    }
    for (const n of rules) if (tree.index.get(n.pointer) === n && evaluateRules(n, data, context)) rederive(n);
    revalidate();
  }

  /** Ancestors' values (and array item titles) follow the data. */
  function refreshAncestors(pointer: Pointer): void {
    for (let n = nearest(pointer); n; n = n.parent) {
      const value = getIn(data, n.path);
      if (value === n.value) continue;
      n.value = value;
      if (n.parent?.kind === 'array') relabel(n, tree.ctx);
      bump(n);
    }
  }

  const nearest = (pointer: Pointer) => nearestNode(tree, pointer);

  const writable = (node: FieldNode | undefined): node is FieldNode => !!node && !node.readOnly && node.enabled;

  /** Entering a field of an object alternative also writes that alternative's discriminators. */
  function fillDiscriminators(node: FieldNode): void {
    data = withDiscriminators(data, node);
  }

  function replaceChildren(node: FieldNode, remap?: (index: number) => number | undefined): void {
    const touched = remap ? touchedUnder(node, remap) : [];
    node.children.forEach(unregister);
    rebuildChildren(tree, node).forEach(adopt);
    for (const p of touched) {
      const n = tree.index.get(p);
      if (n) n.touched = true;
    }
  }

  const editor: FormEditor = {
    tree,
    schema,
    get data() {
      return data;
    },
    set data(next) {
      data = next;
    },
    get lang() {
      return lang;
    },
    writable,
    bump,
    replaceChildren,
    adopt,
    propagate,
    notify,
  };

  const state: FormState = {
    get lang() {
      return lang;
    },
    get data() {
      return data;
    },
    get fields() {
      return tree.root;
    },
    get layout() {
      return layout;
    },
    get errors() {
      return (ordered ??= orderedIssues(errorNodes));
    },
    get visibleErrors() {
      return state.errors.filter((issue) => submitted || (nearest(issue.pointer)?.touched ?? false));
    },
    get submitted() {
      return submitted;
    },
    get: (pointer) => tree.index.get(pointer),
    setValue(pointer, value) {
      const node = tree.index.get(pointer);
      if (!writable(node)) return;
      const next = value === '' && node.kind === 'string' ? undefined : value;
      if (equalJson(next, node.value)) return;
      data = setIn(data, node.path, next);
      if (next !== undefined) fillDiscriminators(node);
      node.value = next;
      bump(node);
      const container = node.kind === 'object' || node.kind === 'array';
      if (container) replaceChildren(node);
      propagate([pointer], container);
      notify(container);
    },
    touch(pointer) {
      const node = tree.index.get(pointer);
      if (!node || node.touched) return;
      node.touched = true;
      bump(node);
      notify(false);
    },
    touchAll(pointers) {
      walk(tree.root, (n) => {
        if (n.touched || (pointers && !pointers.some((p) => isWithin(n.pointer, p)))) return;
        n.touched = true;
        bump(n);
      });
      notify(false);
    },
    ...arrayEdits(editor),
    ...entryEdits(editor),
    chooseAlternative(pointer, index) {
      const node = tree.index.get(pointer);
      const option = node?.alternativeSchemas?.[index];
      if (!writable(node) || !option || index === node.alternative) return;
      node.alternative = index;
      const next = alternativeValue(option, node.value, schema);
      data = setIn(data, node.path, next);
      fillDiscriminators(node);
      node.value = next;
      bump(node);
      replaceChildren(node);
      propagate([pointer], true);
      notify(true);
    },
    layoutOf(pointer) {
      const node = tree.index.get(pointer);
      if (!node) return undefined;
      const layout = node.ui.layout ?? (node.parent?.kind === 'array' ? node.parent.ui.layout : undefined);
      return layout && node.kind === 'object' ? resolveLayout(layout, node, lang) : undefined;
    },
    validate() {
      revalidate();
      notify(false);
      return [...state.errors];
    },
    errorsIn(pointers) {
      return state.errors.filter((issue) => pointers.some((p) => isWithin(issue.pointer, p)));
    },
    submit(): SubmitResult {
      submitted = true;
      walk(tree.root, (n) => {
        if (!n.touched) {
          n.touched = true;
          bump(n);
        }
      });
      revalidate();
      notify(false);
      return evaluateForm(schema, uiSchema, data, { ...options, lang });
    },
    setLang(next) {
      if (next === lang) return;
      lang = next;
      tree.ctx.lang = next;
      walk(tree.root, (n) => {
        relabel(n, tree.ctx);
        bump(n);
      });
      layout = rootLayout(tree.ctx.uiSchema, tree.root, lang);
      revalidate();
      notify(false);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  revalidate();
  bumped.clear();
  return state;
}
