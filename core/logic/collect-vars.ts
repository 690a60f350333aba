/**
 * The variable paths a rule reads, for dependency tracking (a form field's visibility rule is
 * re-run when one of its paths changes).
 */
import { builtinOperators } from './builtins.js';
import { asOperation } from './operator.js';

/**
 * Lists the distinct paths read by `var`, `missing` and `missing_some`, in order of appearance.
 * A path computed at run time is reported as `''` (the whole data: depend on everything).
 * Rules inside `map`, `filter`, `reduce`, `all`, `none`, `some` read the current item, not the
 * data, so only their list argument is followed.
 *
 * @example
 * collectVars({ if: [{ var: 'data.a' }, { missing: ['data.b'] }, 0] }); // ['data.a', 'data.b']
 */
export function collectVars(rule: unknown): string[] {
  const found = new Set<string>();
  const addPath = (path: unknown) => {
    if (path === null || path === undefined) found.add('');
    else if (typeof path === 'string' || typeof path === 'number') found.add(String(path));
    else {
      found.add('');
      visit(path);
    }
  };
  const addPaths = (list: unknown) => {
    if (Array.isArray(list)) list.forEach(addPath);
    else addPath(list);
  };

  function visit(node: unknown): void {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const operation = asOperation(node);
    if (!operation) return;
    const { op, args } = operation;
    if (op === 'var') {
      addPath(args[0]);
      args.slice(1).forEach(visit);
      return;
    }
    if (op === 'missing') {
      addPaths(Array.isArray(args[0]) ? args[0] : args);
      return;
    }
    if (op === 'missing_some') {
      visit(args[0]);
      addPaths(args[1]);
      return;
    }
    const builtin = builtinOperators.get(op);
    const scoped = builtin?.lazy ? (builtin.scoped ?? []) : [];
    args.forEach((arg, i) => {
      if (!scoped.includes(i)) visit(arg);
    });
  }

  visit(rule);
  return [...found];
}
