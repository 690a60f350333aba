import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../app/cli/run.js';
import { runCli, tempDataDir, type CliResult } from './run-cli.js';

/** The same command in this process (for the cases that need no separate process to be believed). */
async function runHere(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { out: (l = '') => (stdout += l + '\n'), err: (l = '') => (stderr += l + '\n') });
  return { code, signal: null, stdout, stderr };
}

/** A small valid definition whose start form lives in its own file beside it. */
function writeWorkflow(dir: string, overrides: Record<string, unknown> = {}): string {
  mkdirSync(join(dir, 'forms'), { recursive: true });
  writeFileSync(
    join(dir, 'forms', 'request.json'),
    JSON.stringify({ type: 'object', required: ['subject'], properties: { subject: { type: 'string', title: '事由' } } }),
  );
  const def = {
    key: 'leave-request',
    title: { 'zh-CN': '请假审批', en: 'Leave request' },
    startForm: 'request',
    forms: { request: { schema: 'forms/request.json' } },
    initial: 'director',
    states: {
      director: { approval: { assign: { role: 'office-director' }, mode: 'any' }, on: { approve: 'done', reject: 'refused' } },
      done: { final: true },
      refused: { final: true, result: 'rejected' },
    },
    ...overrides,
  };
  const file = join(dir, 'workflow.json');
  writeFileSync(file, JSON.stringify(def, null, 2));
  return file;
}

describe('chancery validate', () => {
  it('accepts a valid definition whose form is a file beside it, and exits 0', async () => {
    const file = writeWorkflow(tempDataDir());
    const r = await runCli(['validate', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('定义有效');
    expect(r.stdout).toContain('the definition is valid');
  });

  it('lists every mistake with its JSON pointer, code and message in zh-CN and en, and exits 1', async () => {
    const file = writeWorkflow(tempDataDir(), {
      states: {
        director: { approval: { assign: { role: 'no-such-role' }, mode: 'any' }, on: { approve: 'nowhere', reject: 'refused' } },
        orphan: { task: { assign: { role: 'office-director' }, due: 'P3XX' }, on: { submit: 'refused' } },
        refused: { final: true, result: 'rejected' },
      },
    });
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('/states/director/on/approve');
    expect(r.stdout).toContain('[definition.unknown_target]');
    expect(r.stdout).toContain('/states/director/approval/assign/role');
    expect(r.stdout).toContain('[definition.unknown_role]');
    expect(r.stdout).toContain('/states/orphan/task/due');
    expect(r.stdout).toContain('[definition.invalid_duration]');
    // While a target is misspelt, the step it may have meant is not also reported unreachable.
    expect(r.stdout).not.toContain('[definition.unreachable_state]');
    expect(r.stdout).toMatch(/角色「no-such-role」不存在/);
    expect(r.stdout).toMatch(/There is no role "no-such-role"/);
    expect(r.stdout).toMatch(/\d+ 个错误.* \/ .*\d+ errors/);
  });

  it('prints the problems as JSON with --json, for editors and CI', async () => {
    const file = writeWorkflow(tempDataDir(), { initial: 'missing' });
    const r = await runHere(['validate', file, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; problems: Array<{ pointer: string; code: string; message: Record<string, string> }> };
    expect(report.ok).toBe(false);
    expect(report.problems.find((p) => p.pointer === '/initial')).toMatchObject({ code: 'definition.unknown_target' });
  });

  it('knows extra roles given with --role', async () => {
    const file = writeWorkflow(tempDataDir(), {
      states: {
        director: { approval: { assign: { role: 'township-secretary' }, mode: 'any' }, on: { approve: 'done', reject: 'done' } },
        done: { final: true },
      },
    });
    expect((await runHere(['validate', file])).code).toBe(1);
    expect((await runHere(['validate', file, '--role', 'township-secretary'])).code).toBe(0);
  });

  it('says in both languages when the file is missing or not JSON', async () => {
    const dir = tempDataDir();
    const missing = await runCli(['validate', join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[cli.file_unreadable]');
    expect(missing.stderr).toContain('无法读取文件');
    expect(missing.stderr).toContain('Cannot read the file');
    writeFileSync(join(dir, 'broken.json'), '{ "key": ');
    const broken = await runHere(['validate', join(dir, 'broken.json')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('[cli.file_unreadable]');
  });

  it('refuses a form file outside the workflow folder', async () => {
    const dir = tempDataDir();
    const file = writeWorkflow(join(dir, 'wf'), { forms: { request: { schema: '../../etc/passwd' } } });
    const r = await runHere(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('leaves the workflow folder');
  });

  it('explains wrong usage with exit code 2', async () => {
    const none = await runHere(['validate']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('[cli.usage]');
    const unknown = await runHere(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const help = await runHere(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('chancery audit verify');
  });
});
