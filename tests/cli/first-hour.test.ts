/**
 * An operator's first hour: the server listens where HOST says (this machine only in demo mode),
 * a taken port is said at once in both languages (exit 1, no stack), and `audit verify` on a
 * data folder that holds no Chancery database refuses and creates nothing.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { runCli, tempDataDir } from './run-cli.js';

describe('HOST', () => {
  const base = () => ({ CHANCERY_DATA_DIR: tempDataDir() });
  it('defaults to this machine only in demo mode', () => {
    expect(loadConfig({ ...base(), CHANCERY_DEMO: 'true' }, tempDataDir()).host).toBe('127.0.0.1');
  });
  it('defaults to every interface outside demo mode (production sits behind its proxy or firewall)', () => {
    const prod = { ...base(), NODE_ENV: 'production', CHANCERY_ADMIN_PASSWORD: 'prod-admin-2026', CHANCERY_SECRET: 's'.repeat(40) };
    expect(loadConfig(prod, tempDataDir()).host).toBe('0.0.0.0');
  });
  it('takes HOST (or "host" in chancery.config.json) and refuses what is not an address', () => {
    expect(loadConfig({ ...base(), HOST: '0.0.0.0' }, tempDataDir()).host).toBe('0.0.0.0');
    expect(loadConfig({ ...base(), HOST: '::1' }, tempDataDir()).host).toBe('::1');
    expect(() => loadConfig({ ...base(), HOST: 'http://example.org' }, tempDataDir())).toThrow(/HOST must be an IP address/);
  });
});

describe('chancery serve on a port that is taken', () => {
  let holder: Server;
  let port = 0;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    port = (holder.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it('says so in both languages before booting, exits 1, and prints no stack', async () => {
    const dataDir = tempDataDir();
    const r = await runCli(['serve'], { PORT: String(port), CHANCERY_DATA_DIR: dataDir, CHANCERY_ADMIN_PASSWORD: 'port-admin-2026' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[cli.port_in_use]');
    expect(r.stderr).toContain(`端口 ${port} 已被占用`);
    expect(r.stderr).toContain(`Port ${port} is already in use`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('EADDRINUSE');
    // Nothing was booted: no database was made in the data folder.
    expect(existsSync(join(dataDir, 'db'))).toBe(false);
  }, 60_000);
});

describe('chancery audit verify without a Chancery database', () => {
  it('refuses a data folder that does not exist, and does not create it', async () => {
    const missing = join(tempDataDir(), 'no-such-data');
    const r = await runCli(['audit', 'verify'], { CHANCERY_DATA_DIR: missing });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[cli.no_database]');
    expect(r.stderr).toContain('没有 Chancery 数据库');
    expect(r.stderr).toContain('There is no Chancery database');
    expect(r.stdout).not.toContain('intact');
    expect(existsSync(missing)).toBe(false);
  }, 60_000);

  it('refuses a folder that holds no database, and writes nothing into it', async () => {
    const empty = join(tempDataDir(), 'empty');
    mkdirSync(empty);
    const r = await runCli(['audit', 'verify'], { CHANCERY_DATA_DIR: empty });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[cli.no_database]');
    expect(readdirSync(empty)).toEqual([]);
  }, 60_000);
});
