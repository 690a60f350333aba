/**
 * What the CLI prints: messages in zh-CN and English side by side (a terminal has no
 * Accept-Language), errors on stderr with their code, and plain tables.
 */
import { ChanceryError } from '../../core/errors.js';

export interface Out {
  out(line?: string): void;
  err(line?: string): void;
}

export const stdio: Out = {
  out: (line = '') => process.stdout.write(line + '\n'),
  err: (line = '') => process.stderr.write(line + '\n'),
};

/** `中文 / English` on one line. */
export function both(zh: string, en: string): string {
  return `${zh} / ${en.trimStart()}`;
}

/** Prints an error in both languages with its code (and pointer); returns the exit code to use. */
export function printError(io: Out, e: unknown): number {
  if (e instanceof ChanceryError) {
    io.err(`错误 / error [${e.code}]${e.pointer !== undefined ? ` at ${e.pointer || '/'}` : ''}`);
    io.err(`  ${e.localized('zh-CN')}`);
    io.err(`  ${e.localized('en')}`);
    // A rejected definition carries its problems: show each with its pointer, not just the count.
    const problems = e.details?.problems;
    if (Array.isArray(problems)) {
      for (const p of problems as Array<{ pointer?: string; code?: string; message?: { 'zh-CN'?: string; en?: string } }>) {
        io.err(`  ✗ ${p.pointer || '/'}  [${p.code ?? ''}]`);
        if (p.message?.['zh-CN']) io.err(`      ${p.message['zh-CN']}`);
        if (p.message?.en) io.err(`      ${p.message.en}`);
      }
    }
    return e.code === 'cli.usage' ? 2 : 1;
  }
  io.err(both('意外错误', 'unexpected error'));
  io.err(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return 1;
}

/** A left-aligned text table (CJK characters count double). */
export function table(header: string[], rows: string[][]): string[] {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cols = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(cols[i]! - width(c))))
      .join('  ')
      .trimEnd();
  return [line(header), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
