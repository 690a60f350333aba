/**
 * The system audit chain without HTTP, on PGlite and PostgreSQL: appends from many callers at once
 * still form one chain (seq 1…n, each linked to the one before), and verify names the first entry
 * that was changed, removed or re-linked behind the append-only trigger.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GENESIS_HASH } from '../../../core/persistence/hash-chain.js';
import { listSystemAudit, recordSystemAudit, verifySystemAudit } from '../../../core/persistence/system-audit.js';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase } from '../../support/db.js';

describe('system audit chain', () => {
  let db: Database;
  const at = new Date('2026-03-02T01:02:03.456Z');
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => db.close());

  const all = async () => (await listSystemAudit(db, { limit: 1000, offset: 0 })).items.reverse();

  test('stays one chain when twenty entries are appended at once', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordSystemAudit(db, { kind: 'calendar.day_set', target: 'cn', payload: { n: i }, at })));
    const entries = await all();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(await verifySystemAudit(db)).toEqual({ ok: true, checked: 20 });
  });

  test('names the first entry edited, removed or re-linked behind the trigger', async () => {
    for (const kind of ['auth.throttled', 'auth.locked', 'auth.unlocked', 'api_key.created'] as const)
      await recordSystemAudit(db, { kind, target: 'xinfang1', payload: { ip: '10.0.0.1' }, at });
    await expect(db.execute(`UPDATE system_audit SET kind = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.execute('TRUNCATE system_audit')).rejects.toThrow(/append-only/);

    await db.execute('ALTER TABLE system_audit DISABLE TRIGGER system_audit_no_update_delete');
    await db.execute(`UPDATE system_audit SET at = at + interval '1 second' WHERE seq = 4`);
    expect(await verifySystemAudit(db)).toEqual({ ok: false, seq: 4, reason: 'hash_mismatch', checked: 3 });
    await db.execute(`UPDATE system_audit SET payload = '{"ip":"10.0.0.2"}' WHERE seq = 2`);
    expect(await verifySystemAudit(db)).toEqual({ ok: false, seq: 2, reason: 'hash_mismatch', checked: 1 });
    await db.execute('DELETE FROM system_audit WHERE seq = 2');
    expect(await verifySystemAudit(db)).toMatchObject({ ok: false, seq: 3, reason: 'seq_gap' });
    await db.execute('UPDATE system_audit SET seq = seq - 1 WHERE seq > 2');
    expect(await verifySystemAudit(db)).toMatchObject({ ok: false, seq: 2, reason: 'prev_mismatch' });
    await db.execute('ALTER TABLE system_audit ENABLE TRIGGER system_audit_no_update_delete');
  });

  test('filters by kind or group, actor and period', async () => {
    const actor = '00000000-0000-4000-8000-000000000001';
    await recordSystemAudit(db, { kind: 'auth.locked', target: 'a', at: new Date('2026-03-01T00:00:00Z') });
    await recordSystemAudit(db, { kind: 'directory.role_created', actorId: actor, target: 'r', at: new Date('2026-03-02T00:00:00Z') });
    await recordSystemAudit(db, { kind: 'directory.unit_created', actorId: actor, target: 'u', at: new Date('2026-03-03T00:00:00Z') });
    const targets = async (f: Parameters<typeof listSystemAudit>[1]) => (await listSystemAudit(db, f)).items.map((e) => e.target);
    const page = { limit: 10, offset: 0 };
    expect(await targets({ ...page, kind: 'directory' })).toEqual(['u', 'r']);
    expect(await targets({ ...page, kind: 'directory.role_created' })).toEqual(['r']);
    expect(await targets({ ...page, kind: 'direct' })).toEqual([]);
    expect(await targets({ ...page, actorId: actor })).toEqual(['u', 'r']);
    expect(await targets({ ...page, from: new Date('2026-03-02T00:00:00Z') })).toEqual(['u', 'r']);
    expect(await targets({ ...page, to: new Date('2026-03-02T00:00:00Z') })).toEqual(['a']);
    expect(await listSystemAudit(db, { limit: 1, offset: 1 })).toMatchObject({ total: 3, items: [{ target: 'r' }] });
  });
});
