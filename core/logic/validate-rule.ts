/**
 * Static checks of a JSON Logic rule, without evaluating it: unknown operators, wrong argument
 * counts, variable paths that reach the prototype chain, nesting deeper than the limit.
 */
import { builtinOperators, extraOperation } from './builtins.js';
import { asOperation } from './operator.js';
import { forbiddenSegment } from './path.js';
import { DEFAULT_LIMITS, type LogicOptions, type LogicProblem } from './types.js';
import { escapeToken } from '../json-pointer.js';

const PATH_OPERATORS = new Set(['var', 'missing', 'missing_some']);

const escape = escapeToken;

/**
 * Lists every problem of a rule; an empty list means it can be evaluated (data permitting).
 *
 * @example
 * validateRule({ '==': [{ var: '__proto__.x' }, 1] });
 * // [{ code: 'logic.forbidden_path', pointer: '/==/0/var', ... }]
 */
export function validateRule(rule: unknown, options: LogicOptions = {}): LogicProblem[] {
  const maxDepth = options.maxDepth ?? DEFAULT_LIMITS.maxDepth;
  const problems: LogicProblem[] = [];

  const visit = (node: unknown, pointer: string, depth: number): void => {
    if (depth > maxDepth) {
      problems.push(tooDeep(pointer, maxDepth));
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${pointer}/${i}`, depth + 1));
      return;
    }
    const operation = asOperation(node);
    if (!operation) return; // a literal (including objects with several keys, as in JSON Logic)
    const { op, args, raw } = operation;
    const opPointer = `${pointer}/${escape(op)}`;
    const argPointer = (i: number) => (Array.isArray(raw) ? `${opPointer}/${i}` : opPointer);
    const builtin = builtinOperators.get(op);
    if (!builtin && !extraOperation(options.operations, op)) {
      problems.push(unknownOperator(pointer, op));
    }
    const arity = builtin?.arity;
    if (arity && (args.length < arity.min || (arity.max !== undefined && args.length > arity.max))) {
      problems.push(badArity(opPointer, op, arity.min, arity.max));
    }
    if (PATH_OPERATORS.has(op)) checkPaths(op, args, argPointer, problems);
    args.forEach((arg, i) => visit(arg, argPointer(i), depth + 1));
  };

  visit(rule, '', 0);
  return problems;
}

function checkPaths(op: string, args: unknown[], argPointer: (i: number) => string, problems: LogicProblem[]): void {
  const check = (path: unknown, pointer: string) => {
    if (typeof path !== 'string' && typeof path !== 'number') return;
    if (forbiddenSegment(path) !== undefined) problems.push(forbidden(pointer, String(path)));
  };
  if (op === 'var') {
    const path = args[0];
    if (path !== null && path !== undefined && typeof path === 'object' && !asOperation(path)) {
      problems.push(badPath(argPointer(0)));
    }
    check(path, argPointer(0));
    return;
  }
  const [first] = args;
  const listIndex = op === 'missing_some' ? 1 : Array.isArray(first) ? 0 : -1;
  if (listIndex >= 0) {
    const list = args[listIndex];
    if (Array.isArray(list)) list.forEach((key, i) => check(key, `${argPointer(listIndex)}/${i}`));
    return;
  }
  args.forEach((key, i) => check(key, argPointer(i)));
}

function unknownOperator(pointer: string, operator: string): LogicProblem {
  return {
    code: 'logic.invalid',
    pointer,
    details: { reason: 'unknown_operator', operator },
    message: { 'zh-CN': `未知的运算符「${operator}」`, en: `Unknown operator "${operator}"` },
  };
}

function badArity(pointer: string, operator: string, min: number, max: number | undefined): LogicProblem {
  const range = max === undefined ? `${min}+` : min === max ? `${min}` : `${min}–${max}`;
  return {
    code: 'logic.invalid',
    pointer,
    details: { reason: 'arity', operator, min, ...(max === undefined ? {} : { max }) },
    message: {
      'zh-CN': `运算符「${operator}」需要 ${range} 个参数`,
      en: `Operator "${operator}" takes ${range} argument(s)`,
    },
  };
}

function badPath(pointer: string): LogicProblem {
  return {
    code: 'logic.invalid',
    pointer,
    details: { reason: 'path_type' },
    message: { 'zh-CN': '变量路径必须是字符串或数字', en: 'A variable path must be a string or a number' },
  };
}

function forbidden(pointer: string, path: string): LogicProblem {
  return {
    code: 'logic.forbidden_path',
    pointer,
    details: { path },
    message: {
      'zh-CN': `变量路径「${path}」不允许访问`,
      en: `The variable path "${path}" is not allowed`,
    },
  };
}

function tooDeep(pointer: string, max: number): LogicProblem {
  return {
    code: 'logic.limit_exceeded',
    pointer,
    details: { limit: 'depth', max },
    message: { 'zh-CN': `规则嵌套超过 ${max} 层`, en: `The rule is nested deeper than ${max} levels` },
  };
}
