import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appendAudit, GENESIS_HASH, listAudit, verifyAudit } from '../../../core/persistence/audit.js';
import { canonicalJson } from '../../../core/persistence/canonical-json.js';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase } from '../../support/db.js';
import { insertInstance } from './fixtures.js';

describe('audit log', () => {
  let db: Database;
  let instanceId: string;
  let userId: string;
  beforeEach(async () => {
    db = await openTestDatabase();
    ({ instanceId, userId } = await insertInstance(db));
    const at = new Date('2025-03-03T01:02:03.456Z');
    await db.transaction(async (tx) => {
      await appendAudit(tx, { instanceId, type: 'instance.started', actorId: userId, state: 'register', payload: { data: { 姓名: '张三', n: 1.5 } }, at });
      await appendAudit(tx, { instanceId, type: 'task.completed', actorId: userId, state: 'register', payload: { outcome: 'submit', skipped: undefined }, at });
      await appendAudit(tx, { instanceId, type: 'task.transferred', actorId: userId, actingForId: userId, payload: { to: 'x' }, at });
    });
  });
  afterEach(() => db.close());

  test('chains each entry to the previous one, starting from the genesis hash', async () => {
    const entries = await listAudit(db, instanceId);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
    expect(await verifyAudit(db, instanceId)).toEqual({ ok: true, checked: 3 });
    expect(await verifyAudit(db)).toEqual({ ok: true, checked: 3 });
  });

  test('refuses to update or delete an entry', async () => {
    await expect(db.execute(`UPDATE audit_event SET payload = '{}' WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await expect(db.execute('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(db.execute('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
  });

  test('names the first tampered entry when a payload is changed behind the trigger', async () => {
    await db.execute('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete');
    await db.execute(`UPDATE audit_event SET payload = '{"outcome":"reject"}' WHERE instance_id = $1 AND seq = 2`, [instanceId]);
    await db.execute('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete');
    expect(await verifyAudit(db, instanceId)).toEqual({ ok: false, instanceId, seq: 2, reason: 'hash_mismatch', checked: 1 });
    expect(await verifyAudit(db)).toMatchObject({ ok: false, seq: 2 });
  });

  test('notices an entry that was removed from the middle of the chain', async () => {
    await db.execute('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete');
    await db.execute('DELETE FROM audit_event WHERE instance_id = $1 AND seq = 2', [instanceId]);
    await db.execute('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete');
    expect(await verifyAudit(db, instanceId)).toMatchObject({ ok: false, seq: 3, reason: 'seq_gap' });
  });

  test('refuses two entries with the same number for one instance', async () => {
    await expect(
      db.execute(`INSERT INTO audit_event (instance_id, seq, at, type, payload, prev_hash, hash) VALUES ($1, 3, now(), 'x', '{}', '', '')`, [instanceId]),
    ).rejects.toThrow();
  });

  test('writes canonical JSON with sorted keys and no undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, null, undefined], c: undefined, d: { z: '中', y: new Date(0) } })).toBe(
      '{"a":[true,null,null],"b":1,"d":{"y":"1970-01-01T00:00:00.000Z","z":"中"}}',
    );
  });
});
