/** `HOST`: the address the server listens on (a container needs 0.0.0.0); a bad one stops the boot. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { ChanceryError } from '../../core/errors.js';

const cwd = () => mkdtempSync(join(tmpdir(), 'chancery-config-'));

describe('HOST', () => {
  it('listens where HOST says; unset, on this machine only in demo mode and on every interface otherwise', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }, cwd()).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '[::1]' }, cwd()).host).toBe('::1');
    expect(loadConfig({ HOST: 'localhost' }, cwd()).host).toBe('localhost');
    expect(loadConfig({}, cwd()).host).toBe('127.0.0.1');
    expect(loadConfig({ CHANCERY_DEMO: 'false' }, cwd()).host).toBe('0.0.0.0');
  });

  it('refuses an address that is none, naming HOST, in both languages', () => {
    let error: unknown;
    try {
      loadConfig({ HOST: 'http://0.0.0.0:3000' }, cwd());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChanceryError);
    const e = error as ChanceryError;
    expect(e.code).toBe('config.invalid');
    expect(e.localized('en')).toContain('HOST must be an IP address or host name');
    expect(e.localized('zh-CN')).toContain('配置有误');
  });
});
