#!/usr/bin/env node
/**
 * Checks that a production install starts: copies the checkout (tracked and new files, no
 * node_modules, no dist) into a temporary folder, runs `npm ci --omit=dev` there and `npm start`
 * (which builds dist/ with esbuild, a runtime dependency for that reason), waits until `/health`
 * answers, stops it with SIGTERM and expects a clean exit. Used by `.ci/run`.
 *
 * Usage: `node scripts/check-production-start.mjs [--keep]` (--keep leaves the folder for a look)
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'chancery-prod-'));
const keep = process.argv.includes('--keep');
const say = (zh, en) => console.log(`${zh} / ${en}`);
const fail = (zh, en) => {
  console.error(`生产安装检查失败：${zh} / production install check failed: ${en}`);
  if (!keep) rmSync(dir, { recursive: true, force: true });
  process.exit(1);
};

// What a fresh clone would have, plus files not committed yet (CI runs on a clean checkout anyway).
const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean);
for (const file of listed) {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  try {
    copyFileSync(join(root, file), join(dir, file));
  } catch (e) {
    if (e.code !== 'ENOENT') throw e; // deleted in the work tree but not yet in the index
  }
}
say(`已复制 ${listed.length} 个文件到 ${dir}`, `copied ${listed.length} files to ${dir}`);

execFileSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
say('npm ci --omit=dev 完成', 'npm ci --omit=dev done');

const env = {
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  CHANCERY_DATA_DIR: join(dir, 'data'),
  CHANCERY_ADMIN_PASSWORD: 'prod-check-admin-2026',
  CHANCERY_DEMO: 'false',
  NODE_ENV: '',
};
delete env.DATABASE_URL;
const child = spawn('npm', ['start'], { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
child.stdout.on('data', (d) => (out += d));
child.stderr.on('data', (d) => (out += d));
const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

const deadline = Date.now() + 300_000;
let healthy = false;
while (Date.now() < deadline && child.exitCode === null && !healthy) {
  const port = /listening on http:\/\/localhost:(\d+)/.exec(out)?.[1];
  if (port) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      healthy = res.status === 200 && (await res.json()).status === 'ok';
    } catch {
      /* not answering yet */
    }
  }
  if (!healthy) await new Promise((r) => setTimeout(r, 500));
}
if (!healthy) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* gone already */
  }
  console.error(out);
  fail('/health 未应答', '/health never answered');
}
say('/health 已应答，正在停止', '/health answered; stopping');
process.kill(-child.pid, 'SIGTERM');
const { code, signal } = await exited;
if (code !== 0 && signal !== 'SIGTERM') {
  console.error(out);
  fail(`退出码 ${code}`, `exit code ${code}`);
}
if (!keep) rmSync(dir, { recursive: true, force: true });
say('生产安装可以启动', 'a production install starts');
