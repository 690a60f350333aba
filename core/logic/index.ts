/**
 * `core/logic`: a small, safe JSON Logic interpreter shared by the server and the browser
 * (no Node APIs). Guards, computed values and form visibility rules all run through it.
 */
export { evaluate, evaluateGuard } from './evaluate.js';
export { validateRule } from './validate-rule.js';
export { collectVars } from './collect-vars.js';
export { truthy } from './coerce.js';
export { builtinOperatorNames } from './builtins.js';
export type { LogicOperation, LogicOperations, LogicOptions, LogicProblem } from './types.js';
