/** Settings of this round checked at boot: the grace period, and the secret a cluster shares. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { ChanceryError } from '../../core/errors.js';

const cwd = () => mkdtempSync(join(tmpdir(), 'chancery-config-'));
const base = () => ({ CHANCERY_DATA_DIR: join(cwd(), 'data') });

function refusal(env: Record<string, string>): ChanceryError {
  try {
    loadConfig(env, cwd());
  } catch (e) {
    if (e instanceof ChanceryError) return e;
    throw e;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('configuration', () => {
  it('gives requests in flight 10 seconds after SIGTERM unless CHANCERY_GRACE_SECONDS says otherwise', () => {
    expect(loadConfig(base(), cwd()).graceSeconds).toBe(10);
    expect(loadConfig({ ...base(), CHANCERY_GRACE_SECONDS: '25' }, cwd()).graceSeconds).toBe(25);
  });

  it('refuses a grace period outside 1–600 seconds, naming the variable', () => {
    for (const v of ['0', '601', 'soon']) {
      const e = refusal({ ...base(), CHANCERY_GRACE_SECONDS: v });
      expect(e.code).toBe('config.invalid');
      expect(e.localized('en')).toContain('CHANCERY_GRACE_SECONDS');
    }
  });

  it('refuses production without CHANCERY_SECRET, explaining in both languages that nodes must share it', () => {
    const e = refusal({ ...base(), NODE_ENV: 'production', CHANCERY_ADMIN_PASSWORD: 'admin-pass-2026' });
    expect(e.code).toBe('config.secret_required');
    expect(e.localized('zh-CN')).toContain('CHANCERY_SECRET');
    expect(e.localized('en')).toContain('the same on every node');
    const ok = loadConfig({ ...base(), NODE_ENV: 'production', CHANCERY_ADMIN_PASSWORD: 'admin-pass-2026', CHANCERY_SECRET: 's'.repeat(32) }, cwd());
    expect(ok.secret).toBe('s'.repeat(32));
  });
});
