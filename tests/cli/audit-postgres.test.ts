/**
 * `chancery audit verify` on a PostgreSQL server (`DATABASE_URL`): a database that holds no
 * Chancery tables is refused in both languages and left as it was (no migration run there); a
 * Chancery database has its case chains and its system chain verified, and a system entry changed
 * in SQL is named.
 */
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from '../../core/persistence/database.js';
import { recordSystemAudit } from '../../core/persistence/system-audit.js';
import { reservePostgresDatabase } from '../support/db.js';
import { runCli } from './run-cli.js';

const server = process.env.DATABASE_URL!;

async function tablesOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('chancery audit verify on PostgreSQL', () => {
  const reserved: Array<{ drop(): Promise<void> }> = [];
  afterAll(async () => {
    for (const r of reserved) await r.drop();
  });

  it('refuses a database that holds no Chancery tables, in both languages, and creates nothing there', async () => {
    const empty = await reservePostgresDatabase(server);
    reserved.push(empty);
    const r = await runCli(['audit', 'verify'], { DATABASE_URL: empty.url }, { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[cli.no_database_tables]');
    expect(r.stderr).toContain('中没有 Chancery 的表');
    expect(r.stderr).toContain('holds no Chancery tables');
    expect(r.stdout).not.toContain('intact');
    expect(await tablesOf(empty.url)).toEqual([]);
  }, 90_000);

  it('verifies the system chain of a Chancery database and names the entry changed in SQL', async () => {
    const target = await reservePostgresDatabase(server);
    reserved.push(target);
    const db = await openDatabase({ url: target.url });
    for (const kind of ['auth.throttled', 'auth.locked', 'auth.unlocked'] as const)
      await recordSystemAudit(db, { kind, target: 'xinfang1', at: new Date('2026-03-02T01:00:00Z') });
    await db.close();

    const intact = await runCli(['audit', 'verify'], { DATABASE_URL: target.url }, { timeoutMs: 60_000 });
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('审计链完好：已校验 3 条记录（案件 0 条，系统 3 条）');
    expect(intact.stdout).toContain('3 entries checked (0 in cases, 3 in the system chain)');

    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    await client.query('ALTER TABLE system_audit DISABLE TRIGGER USER');
    await client.query(`UPDATE system_audit SET target = 'zhuren' WHERE seq = 2`);
    await client.query('ALTER TABLE system_audit ENABLE TRIGGER USER');
    await client.end();

    const broken = await runCli(['audit', 'verify'], { DATABASE_URL: target.url }, { timeoutMs: 60_000 });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('[audit.broken_chain]');
    expect(broken.stdout).toContain('系统审计链 / the system audit chain');
    expect(broken.stdout).toContain('entry 2');
  }, 120_000);
});
