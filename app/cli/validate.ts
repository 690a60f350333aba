/**
 * `chancery validate`: checks a definition file offline (no database), and the helpers `publish`
 * shares with it: reading a definition with its form files, printing problems.
 */
import { relative, resolve } from 'node:path';
import { validateDefinition } from '../../core/definition/index.js';
import type { DefinitionProblem } from '../../core/definition/types.js';
import { builtinRoles } from '../../core/directory/roles.js';
import { ChanceryError } from '../../core/errors.js';
import { unsupportedPatterns } from '../../forms/validation/linear-regexp.js';
import { readDefinitionFile } from '../shipped-workflows.js';
import type { ParsedArgs } from './args.js';
import { both, type Out } from './output.js';

export function fileArg(args: ParsedArgs, command: string): string {
  const [file, ...rest] = args.positionals;
  if (!file) throw new ChanceryError('cli.usage', { reason: `chancery ${command} <workflow.json>` });
  if (rest.length > 0) throw new ChanceryError('cli.usage', { reason: `unexpected argument "${rest[0]}"` });
  return file;
}

/** The definition in `file` with its form files inlined; unreadable or malformed files are a clear error. */
export function readDefinition(file: string): Record<string, unknown> {
  try {
    return readDefinitionFile(file);
  } catch (e) {
    throw new ChanceryError('cli.file_unreadable', { file, reason: (e as Error).message });
  }
}

export function printProblems(io: Out, problems: readonly DefinitionProblem[]): void {
  for (const p of problems) {
    io.out(`${p.severity === 'error' ? '✗ 错误 error  ' : '! 警告 warning'}  ${p.pointer || '/'}  [${p.code}]`);
    io.out(`    ${p.message['zh-CN']}`);
    io.out(`    ${p.message.en}`);
  }
}

export function counts(problems: readonly DefinitionProblem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

/**
 * `chancery validate <file> [--role key ...] [--json]`: every problem at once, with its pointer.
 * Roles are checked against the built-in roles plus any `--role`; plugin actions are not checked
 * offline (publishing checks them against the installation).
 */
export function validateCommand(io: Out, args: ParsedArgs): number {
  const file = fileArg(args, 'validate');
  const def = readDefinition(file);
  const roles = new Set([...builtinRoles.map((r) => r.key), ...(args.options.get('role') ?? [])]);
  const { ok, problems } = validateDefinition(def, { roles, unsupportedPatterns });
  if (args.options.has('json')) {
    io.out(JSON.stringify({ file, ok, problems }, null, 2));
    return ok ? 0 : 1;
  }
  const { errors, warnings } = counts(problems);
  const rel = relative(process.cwd(), file);
  const name = rel && !rel.startsWith('..') ? rel : resolve(file);
  printProblems(io, problems);
  io.out(
    ok
      ? both(`${name}：定义有效（${warnings} 个警告）`, `${name}: the definition is valid (${warnings} warnings)`)
      : both(`${name}：${errors} 个错误，${warnings} 个警告`, `${name}: ${errors} errors, ${warnings} warnings`),
  );
  return ok ? 0 : 1;
}
