import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { ChanceryError } from '../../core/errors.js';

const base = () => ({ CHANCERY_DATA_DIR: mkdtempSync(join(tmpdir(), 'chancery-config-')) });
const refused = (env: Record<string, string>): ChanceryError => {
  try {
    loadConfig({ ...base(), ...env }, tmpdir());
  } catch (e) {
    return e as ChanceryError;
  }
  throw new Error('the configuration was accepted');
};

describe('configuration: sessions, login throttling and file storage', () => {
  it('defaults to 15-minute access tokens, 12-hour refresh tokens, throttling and files in the database', () => {
    const c = loadConfig(base(), tmpdir());
    expect(c.tokenTtlSeconds).toBe(900);
    expect(c.refreshTtlSeconds).toBe(43_200);
    expect(c.loginThrottle).toEqual({ accountFreeAttempts: 5, ipFreeAttempts: 20, lockSeconds: 900 });
    expect(c.trustedProxies).toEqual([]);
    expect(c.fileStorage).toEqual({ kind: 'db' });
  });

  it('refuses bad values at boot, naming the setting in both languages', () => {
    const e = refused({ CHANCERY_TOKEN_TTL: '15m' });
    expect(e.code).toBe('config.invalid');
    expect(e.message).toContain('CHANCERY_TOKEN_TTL');
    expect(e.toBody('zh-CN').error.message).toContain('CHANCERY_TOKEN_TTL');
    expect(refused({ CHANCERY_TOKEN_TTL: '3600', CHANCERY_REFRESH_TTL: '600' }).message).toContain('CHANCERY_REFRESH_TTL');
    expect(refused({ CHANCERY_LOGIN_FREE_ATTEMPTS: '0' }).message).toContain('CHANCERY_LOGIN_FREE_ATTEMPTS');
    expect(refused({ CHANCERY_TRUSTED_PROXIES: '10.0.0.0/8, proxy.local' }).message).toContain('proxy.local');
    expect(refused({ CHANCERY_FILE_STORAGE: 'ftp' }).message).toContain('CHANCERY_FILE_STORAGE');
    expect(refused({ CHANCERY_FILE_STORAGE: 's3' }).message).toContain('CHANCERY_S3_BUCKET');
    expect(refused({ CHANCERY_FILE_STORAGE: 's3', CHANCERY_S3_BUCKET: 'b', CHANCERY_S3_ACCESS_KEY_ID: 'AKIA' }).message).toContain(
      'CHANCERY_S3_SECRET_ACCESS_KEY',
    );
  });

  it('reads the S3 settings, and the secret key never shows when the configuration is printed or logged', () => {
    const c = loadConfig(
      {
        ...base(),
        CHANCERY_FILE_STORAGE: 's3',
        CHANCERY_S3_BUCKET: 'chancery-files',
        CHANCERY_S3_ENDPOINT: 'http://127.0.0.1:9000',
        CHANCERY_S3_ACCESS_KEY_ID: 'county-office',
        CHANCERY_S3_SECRET_ACCESS_KEY: 'very-secret-key-do-not-log',
        CHANCERY_TRUSTED_PROXIES: '10.0.0.0/8,::1',
      },
      tmpdir(),
    );
    expect(c.fileStorage).toMatchObject({
      kind: 's3',
      bucket: 'chancery-files',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      prefix: '',
    });
    expect(c.fileStorage.kind === 's3' && c.fileStorage.credentials?.secretAccessKey).toBe('very-secret-key-do-not-log');
    expect(JSON.stringify(c)).not.toContain('very-secret-key-do-not-log');
    expect(inspect(c, { depth: 10 })).not.toContain('very-secret-key-do-not-log');
    expect(c.trustedProxies).toEqual(['10.0.0.0/8', '::1']);
  });
});
