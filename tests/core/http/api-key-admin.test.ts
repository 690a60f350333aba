/**
 * API keys' administration without HTTP, on PGlite and PostgreSQL: a key and its audit entry
 * commit together or not at all, and administrators revoking one key at once record one revocation.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApiKeyAdmin } from '../../../core/http/api-key-admin.js';
import { listSystemAudit, verifySystemAudit } from '../../../core/persistence/system-audit.js';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase } from '../../support/db.js';

const ADMIN = '00000000-0000-4000-8000-0000000000a1';
const BOT = '00000000-0000-4000-8000-0000000000b1';
const at = new Date('2026-03-02T01:02:03.456Z');

describe('API key administration', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase();
    await db.execute(`INSERT INTO app_user (id, username, display_name, is_admin) VALUES ($1, 'admin', '管理员', true)`, [ADMIN]);
    await db.execute(`INSERT INTO app_user (id, username, display_name) VALUES ($1, 'portal-bot', '门户接口账号')`, [BOT]);
  });
  afterEach(() => db.close());

  const kinds = async () => (await listSystemAudit(db, { limit: 100, offset: 0 })).items.map((e) => e.kind).reverse();

  test('stores no key when its audit entry cannot be written', async () => {
    const keys = createApiKeyAdmin(db, () => at);
    // Warm PGlite databases are reused by the next test: the constraint is dropped again below.
    await db.execute(`ALTER TABLE system_audit ADD CONSTRAINT test_no_key_created CHECK (kind <> 'api_key.created')`);
    try {
      await expect(keys.create({ name: 'portal', user: 'portal-bot' }, ADMIN)).rejects.toMatchObject({ code: '23514' });
    } finally {
      await db.execute('ALTER TABLE system_audit DROP CONSTRAINT test_no_key_created');
    }
    expect(await db.execute('SELECT id FROM api_key')).toEqual([]);
    const { key, ...created } = await keys.create({ name: 'portal', user: 'portal-bot' }, ADMIN);
    expect(key).toMatch(/^chk_/);
    expect(await keys.list()).toEqual([created]);
    expect(await kinds()).toEqual(['api_key.created']);
  });

  test('records one revocation when five administrators revoke the same key at once', async () => {
    const keys = createApiKeyAdmin(db, () => at);
    const { id } = await keys.create({ name: 'portal', user: 'portal-bot', origins: ['https://portal.example.test'] }, ADMIN);
    const answers = await Promise.all(Array.from({ length: 5 }, () => keys.revoke(id, ADMIN)));
    expect(answers.map((a) => a.revokedAt)).toEqual(Array.from({ length: 5 }, () => at));
    expect(await kinds()).toEqual(['api_key.created', 'api_key.revoked']);
    expect(await verifySystemAudit(db)).toEqual({ ok: true, checked: 2 });
    expect(await keys.list()).toEqual([]);
    expect((await keys.list({ includeRevoked: true })).map((k) => [k.username, k.revokedAt])).toEqual([['portal-bot', at]]);
  });

  test('refuses an inactive user and an unknown key, recording nothing', async () => {
    const keys = createApiKeyAdmin(db, () => at);
    await db.execute(`UPDATE app_user SET active = false WHERE username = 'portal-bot'`);
    await expect(keys.create({ name: 'portal', user: 'portal-bot' }, ADMIN)).rejects.toMatchObject({ code: 'directory.user_inactive', pointer: '/user' });
    await expect(keys.revoke('00000000-0000-4000-8000-000000000000', ADMIN)).rejects.toMatchObject({ code: 'api_key.not_found' });
    await expect(keys.revoke('not-a-uuid', ADMIN)).rejects.toMatchObject({ code: 'api_key.not_found' });
    expect(await kinds()).toEqual([]);
  });
});
