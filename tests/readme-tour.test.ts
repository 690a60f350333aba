/**
 * The README's five-minute tour, run as a reader runs it: its shell blocks, in order, in one bash
 * session (curl and jq) against a fresh `chancery serve` on an empty data folder in demo mode;
 * the command-line step after stopping the server. Each block's output must have the shape the
 * README shows: ids, hashes, times and passwords differ on every run, so they are masked on both
 * sides, and a README line of "…" stands for lines left out.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, tempDataDir, type RunningServer } from './cli/run-cli.js';

const root = process.cwd();
const DEMO_PASSWORD = 'tour-demo-pass-2026';
const ADMIN_PASSWORD = 'tour-admin-pass-2026';

interface Step {
  command: string;
  expected: string | undefined;
}

/** The tour's shell blocks, each with the output block that follows it (if any). */
export function tourSteps(readme: string): Step[] {
  const start = readme.indexOf('## A five-minute tour');
  const end = readme.indexOf('\n## ', start + 1);
  const tour = readme.slice(start, end);
  const blocks = [...tour.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
  const steps: Step[] = [];
  for (const [i, b] of blocks.entries()) {
    if (b.lang !== 'sh') continue;
    const next = blocks[i + 1];
    steps.push({ command: b.body, expected: next && next.lang !== 'sh' ? next.body : undefined });
  }
  return steps;
}

/** What changes from run to run, masked. */
export function mask(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
    .replace(/"(hash|prev)":"[0-9a-f]{12}"/g, '"$1":"<hash>"')
    .replace(/"version":"\d+\.\d+\.\d+[^"]*"/g, '"version":"<v>"');
}

/** The README's lines (masked) appear in the actual output in the same order; "…" skips lines. */
function missingLines(expected: string, actual: string): string[] {
  const want = mask(expected)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== '…');
  const have = mask(actual)
    .split('\n')
    .map((l) => l.trim());
  const missing: string[] = [];
  let at = 0;
  for (const line of want) {
    const found = have.indexOf(line, at);
    if (found < 0) missing.push(line);
    else at = found + 1;
  }
  return missing;
}

describe('the README tour', () => {
  const dataDir = tempDataDir();
  let server: RunningServer | undefined;
  const steps = tourSteps(readFileSync(join(root, 'README.md'), 'utf8'));
  const outputs: string[] = [];

  beforeAll(async () => {
    server = await startServe(
      { CHANCERY_DATA_DIR: dataDir, CHANCERY_DEMO: 'true', CHANCERY_DEMO_PASSWORD: DEMO_PASSWORD, CHANCERY_ADMIN_PASSWORD: ADMIN_PASSWORD },
      300_000,
    );
    const port = server.port;
    const cli = steps.filter((s) => s.command.includes('npx chancery'));
    const http = steps.filter((s) => !s.command.includes('npx chancery'));
    // One bash session, as a reader's terminal: later blocks use the variables earlier ones set.
    const mark = (i: number) => `@@tour-block-${i}@@`;
    const script = (list: Step[], offset: number) =>
      [
        'set -u',
        ...list.map((s, i) =>
          [
            `echo '${mark(offset + i)}'`,
            s.command
              .replace(/^DEMO_PASSWORD=.*$/m, `DEMO_PASSWORD=${DEMO_PASSWORD}`)
              .replace(/^ADMIN_PASSWORD=.*$/m, `ADMIN_PASSWORD=${ADMIN_PASSWORD}`)
              .replaceAll('localhost:3000', `127.0.0.1:${port}`)
              .replaceAll('npx chancery', `node --import tsx ${join(root, 'app/cli/main.ts')}`),
          ].join('\n'),
        ),
        // Hand the variables to the command-line steps, run after the server stops.
        `declare -p CASE > ${join(dataDir, 'tour-vars.sh')}`,
      ].join('\n');
    const run = (text: string) =>
      spawnSync('bash', ['-c', text], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, CHANCERY_DATA_DIR: dataDir },
        timeout: 240_000,
      });
    const collect = (out: string) => {
      for (const part of out
        .split(/@@tour-block-(\d+)@@\n/)
        .slice(1)
        .reduce<Array<[number, string]>>((acc, v, i, all) => (i % 2 === 0 ? [...acc, [Number(v), all[i + 1] ?? '']] : acc), []))
        outputs[part[0]] = part[1];
    };
    const first = run(script(http, 0));
    collect(first.stdout);
    if (first.status !== 0) throw new Error(`tour commands failed (${first.status}):\n${first.stderr}`);
    await server.stop('SIGTERM');
    server = undefined;
    const second = run(`source ${join(dataDir, 'tour-vars.sh')}\n${script(cli, http.length).replace(/\ndeclare -p CASE.*$/, '')}`);
    collect(second.stdout);
    steps.splice(0, steps.length, ...http, ...cli);
    // The real outputs, for whoever updates the README (outside the repository).
    writeFileSync(join(tmpdir(), 'chancery-readme-tour-output.txt'), steps.map((st, i) => `$ ${st.command}\n${outputs[i] ?? ''}`).join('\n'));
  }, 600_000);
  afterAll(() => server?.kill());

  it('has the tour’s steps (shell blocks with their outputs)', () => {
    expect(steps.length).toBeGreaterThanOrEqual(8);
  });

  it('prints what the README shows at every step (shapes, not ids or hashes)', () => {
    const problems: string[] = [];
    for (const [i, step] of steps.entries()) {
      if (step.expected === undefined) continue;
      const missing = missingLines(step.expected, outputs[i] ?? '');
      if (missing.length)
        problems.push(
          `step ${i + 1}: ${step.command.split('\n')[0]}\n  README lines not in the output:\n    ${missing.join('\n    ')}\n  actual output:\n${outputs[i] ?? '(none)'}`,
        );
    }
    expect(problems.join('\n\n')).toBe('');
  });
});
