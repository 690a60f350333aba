/**
 * Running the real `chancery` command in a child process (from the sources, through tsx), the
 * way a user runs it: exit code, stdout and stderr, and for `serve` the port it reports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const main = join(process.cwd(), 'app/cli/main.ts');
/** tsx's loader by path, so a child started in another folder (its own chancery.config.json) finds it. */
const tsx = pathToFileURL(join(process.cwd(), 'node_modules/tsx/dist/loader.mjs')).href;

/** A fresh data folder. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'chancery-cli-'));
}

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  // The child reads only what the test gives it (plus PATH and HOME): no DATABASE_URL leaking in.
  return { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', CHANCERY_POLL_SECONDS: '0.5', ...env };
}

function launch(args: string[], env: Record<string, string>, cwd?: string): ChildProcess {
  return spawn(process.execPath, ['--import', tsx, main, ...args], { cwd: cwd ?? process.cwd(), env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs one command to its end. */
export function runCli(args: string[], env: Record<string, string> = {}, options: { cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  const child = launch(args, env, options.cwd);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`chancery ${args.join(' ')} did not finish\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface RunningServer {
  port: number;
  base: string;
  output(): { stdout: string; stderr: string };
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
  kill(): void;
}

/** Starts `chancery serve` on a free port (PORT=0) and waits until it says where it listens. */
export function startServe(env: Record<string, string>, timeoutMs = 90_000, cwd?: string): Promise<RunningServer> {
  const child = launch(['serve'], { PORT: '0', ...env }, cwd);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<CliResult>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`chancery serve did not start\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    void exited.then((r) => {
      clearTimeout(timer);
      reject(new Error(`chancery serve exited early (${r.code ?? r.signal})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`));
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on http:\/\/localhost:(\d+)/.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      const port = Number(m[1]);
      resolve({
        port,
        base: `http://127.0.0.1:${port}`,
        output: () => ({ stdout, stderr }),
        stop: async (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
        kill: () => child.kill('SIGKILL'),
      });
    });
  });
}
