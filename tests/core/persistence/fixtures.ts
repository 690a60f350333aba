/** Minimal rows the persistence tests hang their data on. */
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../../core/persistence/types.js';

/** A user, a published definition and a running instance; returns their ids. */
export async function insertInstance(db: Executor): Promise<{ userId: string; instanceId: string }> {
  const userId = randomUUID();
  const instanceId = randomUUID();
  await db.execute(`INSERT INTO app_user (id, username, display_name) VALUES ($1, $2, '测试用户')`, [userId, `u-${userId.slice(0, 8)}`]);
  await db.execute(
    `INSERT INTO definition (id, key, version, status, title, body) VALUES ($1, $2, 1, 'published', $3::jsonb, '{}')
     ON CONFLICT DO NOTHING`,
    [randomUUID(), 'demo-flow', JSON.stringify({ 'zh-CN': '演示', en: 'Demo' })],
  );
  await db.execute(
    `INSERT INTO instance (id, definition_key, definition_version, status, initiator_id, snapshot)
     VALUES ($1, 'demo-flow', 1, 'running', $2, '{}')`,
    [instanceId, userId],
  );
  return { userId, instanceId };
}
