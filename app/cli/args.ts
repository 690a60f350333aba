/**
 * A small argument parser for the CLI: positionals, `--flag`, `--name value`, `--name=value`,
 * repeatable options collected in order. Unknown options are an error, not silently ignored.
 */
import { ChanceryError } from '../../core/errors.js';

export interface ParsedArgs {
  positionals: string[];
  /** Every value given for an option, in order (`['']` for a bare flag). */
  options: Map<string, string[]>;
}

/**
 * @example
 * parseArgs(['migrate', '--key', 'k', '--map', 'a=b', '--apply'], { values: ['key', 'map'], flags: ['apply'] })
 * // → { positionals: ['migrate'], options: Map { key → ['k'], map → ['a=b'], apply → [''] } }
 */
export function parseArgs(argv: readonly string[], spec: { values?: readonly string[]; flags?: readonly string[] }): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const flags = new Set([...(spec.flags ?? []), 'help']);
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const add = (name: string, value: string) => options.set(name, [...(options.get(name) ?? []), value]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      if (arg === '-h') add('help', '');
      else positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (flags.has(name)) {
      if (eq !== -1) throw new ChanceryError('cli.usage', { reason: `--${name} takes no value` });
      add(name, '');
    } else if (values.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new ChanceryError('cli.usage', { reason: `--${name} needs a value` });
      add(name, value);
    } else {
      throw new ChanceryError('cli.usage', { reason: `unknown option --${name}` });
    }
  }
  return { positionals, options };
}

/** The single value of an option, or undefined. */
export function optionOf(args: ParsedArgs, name: string): string | undefined {
  const all = args.options.get(name);
  if (all && all.length > 1) throw new ChanceryError('cli.usage', { reason: `--${name} given more than once` });
  return all?.[0];
}

/** A required positive integer option. */
export function intOption(args: ParsedArgs, name: string): number {
  const text = optionOf(args, name);
  if (text === undefined) throw new ChanceryError('cli.usage', { reason: `--${name} is required` });
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new ChanceryError('cli.usage', { reason: `--${name} must be a positive integer, got "${text}"` });
  return n;
}
