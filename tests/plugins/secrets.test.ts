/**
 * Plugin secrets' administration without HTTP, on PGlite and PostgreSQL: each change commits with
 * its audit entry or not at all, the values never leave the store but to a granted plugin, and a
 * grant racing a deletion is never recorded for a secret that is gone.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { listSystemAudit } from '../../core/persistence/system-audit.js';
import type { Database } from '../../core/persistence/types.js';
import { createSecretStore } from '../../plugins/secrets.js';
import { openTestDatabase } from '../support/db.js';

const ADMIN = '00000000-0000-4000-8000-0000000000a1';
const SERVER_SECRET = 'test-server-secret-of-at-least-32-chars';
const at = new Date('2026-03-02T01:02:03.456Z');

describe('plugin secrets', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase();
    await db.execute(`INSERT INTO app_user (id, username, display_name, is_admin) VALUES ($1, 'admin', '管理员', true)`, [ADMIN]);
  });
  afterEach(() => db.close());

  const audit = async () => (await listSystemAudit(db, { limit: 100, offset: 0 })).items.reverse().map((e) => [e.kind, e.target, e.payload]);

  test('sets, grants and deletes a secret, each with its audit entry; what finds no secret records nothing', async () => {
    const secrets = createSecretStore(db, SERVER_SECRET, () => at);
    await secrets.set('oa-hook', 'k3y-密钥', ['webhook'], ADMIN);
    expect(await secrets.reveal('oa-hook', 'webhook')).toBe('k3y-密钥');
    await expect(secrets.reveal('oa-hook', 'notify')).rejects.toMatchObject({ code: 'plugin.secret_not_granted' });
    await secrets.grant('oa-hook', ['webhook', 'notify'], ADMIN);
    expect(await secrets.list()).toEqual([{ name: 'oa-hook', grants: ['webhook', 'notify'], updatedAt: at }]);
    await expect(secrets.grant('missing', [], ADMIN)).rejects.toMatchObject({ code: 'plugin.secret_not_found' });
    expect(await secrets.remove('oa-hook', ADMIN)).toBe(true);
    expect(await secrets.remove('oa-hook', ADMIN)).toBe(false);
    expect(await audit()).toEqual([
      ['plugin.secret_set', 'oa-hook', { grants: ['webhook'] }],
      ['plugin.secret_granted', 'oa-hook', { grants: ['webhook', 'notify'] }],
      ['plugin.secret_deleted', 'oa-hook', {}],
    ]);
    expect(JSON.stringify(await listSystemAudit(db, { limit: 100, offset: 0 }))).not.toContain('k3y');
  });

  test('keeps no secret when its audit entry cannot be written', async () => {
    const secrets = createSecretStore(db, SERVER_SECRET, () => at);
    // Warm PGlite databases are reused by the next test: the constraint is dropped again below.
    await db.execute(`ALTER TABLE system_audit ADD CONSTRAINT test_no_secret_set CHECK (kind <> 'plugin.secret_set')`);
    try {
      await expect(secrets.set('oa-hook', 'k3y', [], ADMIN)).rejects.toMatchObject({ code: '23514' });
    } finally {
      await db.execute('ALTER TABLE system_audit DROP CONSTRAINT test_no_secret_set');
    }
    expect(await secrets.list()).toEqual([]);
  });

  test('keeps each grant as written: a plugin named "null", quotes, backslashes, spaces', async () => {
    const secrets = createSecretStore(db, SERVER_SECRET, () => at);
    await secrets.set('oa-hook', 'k3y', ['null'], ADMIN);
    expect(await secrets.reveal('oa-hook', 'null')).toBe('k3y');
    await secrets.grant('oa-hook', ['null', 'webhook', 'a"b\\c', ' '], ADMIN);
    expect(await db.execute(`SELECT grants FROM plugin_secret`)).toEqual([{ grants: ['null', 'webhook', 'a"b\\c', ' '] }]);
    expect((await secrets.list())[0]!.grants).toEqual(['null', 'webhook', 'a"b\\c', ' ']);
  });

  test('never records a grant after the deletion of the secret it raced', async () => {
    const secrets = createSecretStore(db, SERVER_SECRET, () => at);
    for (let round = 0; round < 5; round++) {
      await secrets.set(`s${round}`, 'v', [], ADMIN);
      const [granted] = await Promise.allSettled([secrets.grant(`s${round}`, ['webhook'], ADMIN), secrets.remove(`s${round}`, ADMIN)]);
      const kinds = (await audit()).filter(([, target]) => target === `s${round}`).map(([kind]) => kind);
      // Either the grant came first, or it found no secret and recorded nothing.
      expect(kinds).toEqual(
        granted.status === 'fulfilled'
          ? ['plugin.secret_set', 'plugin.secret_granted', 'plugin.secret_deleted']
          : ['plugin.secret_set', 'plugin.secret_deleted'],
      );
    }
    expect(await secrets.list()).toEqual([]);
  });
});
