/**
 * The commands on the configured database: publish a definition file, migrate running cases,
 * verify the audit chains, seed the demo county. Each returns its exit code.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../core/config.js';
import type { DefinitionProblem } from '../../core/definition/types.js';
import { ChanceryError } from '../../core/errors.js';
import { openDatabase } from '../../core/persistence/database.js';
import pg from 'pg';
import { verifyAudit } from '../../core/persistence/audit.js';
import type { ChainBreak } from '../../core/persistence/hash-chain.js';
import { verifySystemAudit } from '../../core/persistence/system-audit.js';
import { migrateInstances } from '../../core/runtime/migrate-instances.js';
import { publish } from '../../core/runtime/publishing.js';
import { intOption, optionOf, type ParsedArgs } from './args.js';
import { adminId, cliLogger, holdDataDir, withServer } from './context.js';
import { both, table, type Out } from './output.js';
import { counts, fileArg, printProblems, readDefinition } from './validate.js';

/** `chancery publish <file>`: the next version of the definition's key, in the configured database. */
export async function publishCommand(io: Out, args: ParsedArgs, config: Config): Promise<number> {
  const file = fileArg(args, 'publish');
  const def = readDefinition(file);
  const key = typeof def.key === 'string' ? def.key : '';
  return withServer(io, config, {}, async (server) => {
    try {
      const admin = await adminId(server);
      const r = await server.db.transaction((tx) => publish(server.services.publishing, tx, key, admin, def));
      io.out(both(`已发布「${key}」第 ${r.version} 版`, `Published "${key}" version ${r.version}`));
      return 0;
    } catch (e) {
      if (e instanceof ChanceryError && e.code === 'definition.invalid') {
        const problems = (e.details?.problems ?? []) as DefinitionProblem[];
        printProblems(io, problems);
        const { errors } = counts(problems);
        io.out(both(`未发布：${errors} 个错误`, `Not published: ${errors} errors`));
        return 1;
      }
      throw e;
    }
  });
}

/**
 * `chancery migrate --key K --from N --to M [--map old=new ...] [--instance id ...] [--apply [--only-clean]]`:
 * the pre-flight report of each running case (dry run, the default), or do it. Exit 1 when a row has a problem.
 */
export async function migrateCommand(io: Out, args: ParsedArgs, config: Config): Promise<number> {
  const key = optionOf(args, 'key');
  if (!key) throw new ChanceryError('cli.usage', { reason: '--key is required' });
  const from = intOption(args, 'from');
  const to = intOption(args, 'to');
  const mapping: Record<string, string> = {};
  for (const pair of args.options.get('map') ?? []) {
    const m = /^([^=]+)=([^=]+)$/.exec(pair);
    if (!m) throw new ChanceryError('cli.usage', { reason: `--map takes old=new, got "${pair}"` });
    mapping[m[1]!] = m[2]!;
  }
  const instances = args.options.get('instance');
  const apply = args.options.has('apply');
  const onlyClean = args.options.has('only-clean');
  return withServer(io, config, {}, async (server) => {
    const actorId = await adminId(server);
    const plan = { key, from, to, mapping, ...(instances ? { instances } : {}) };
    const r = await migrateInstances(server.engine.deps, plan, (tx, v) => server.engine.definitions.compiled(tx, key, v), {
      dryRun: !apply,
      actorId,
      onlyClean,
    });
    io.out(
      apply
        ? both(`已迁移「${key}」第 ${from} 版 → 第 ${to} 版`, `Migrated "${key}" v${from} → v${to}`)
        : both(`试运行（未做任何更改，加 --apply 执行）`, `Dry run (nothing changed; add --apply to do it)`),
    );
    for (const p of [...r.mappingProblems, ...r.unmapped]) io.out(`${p.pointer}  ${p.message['zh-CN']} / ${p.message.en}`);
    if (r.rows.length === 0) {
      io.out(both('没有需要迁移的在办案件', 'No running case to move'));
      return r.mappingProblems.length > 0 ? 1 : 0;
    }
    const who = (t: { assigneeId: string | null; pool: { role: string } | null }) => t.assigneeId ?? (t.pool ? `@${t.pool.role}` : '-');
    const rows = r.rows.map((row) => [
      row.instanceId,
      row.title,
      row.from,
      row.to ?? '-',
      row.keep ? 'keep' : row.cancel.map(who).join(' '),
      row.open.map(who).join(' '),
      row.problems.map((p) => `${p.pointer} ${p.message.en}`).join('; '),
    ]);
    for (const line of table(['案件 case', '标题 title', '原步骤 from', '新步骤 to', '撤销任务 cancel', '新任务 open', '问题 problems'], rows)) io.out(line);
    io.out(
      both(
        `共 ${r.rows.length} 件，${apply ? '已迁移' : '可迁移'} ${r.rows.filter((x) => x.applied).length} 件`,
        `${r.rows.length} cases, ${r.rows.filter((x) => x.applied).length} ${apply ? 'moved' : 'movable'}`,
      ),
    );
    return r.rows.some((row) => row.problems.length > 0) ? 1 : 0;
  });
}

/** Refuses a data folder that holds no embedded Chancery database (before anything is written there). */
function assertChanceryDataDir(config: Config): void {
  const db = join(config.dataDir, 'db');
  const reason = !existsSync(config.dataDir)
    ? both('目录不存在', 'the folder does not exist')
    : !existsSync(join(db, 'PG_VERSION'))
      ? both('其中没有 db/ 数据库', 'it has no db/ database')
      : undefined;
  if (reason) throw new ChanceryError('cli.no_database', { dataDir: config.dataDir, reason });
}

/** Refuses a PostgreSQL database without Chancery's tables (before the migrations would create them there). */
async function assertChanceryServerDatabase(url: string): Promise<void> {
  const where = new URL(url);
  const database = `${where.hostname}${where.port ? `:${where.port}` : ''}${where.pathname}`;
  const client = new pg.Client({ connectionString: url });
  let reason: string | undefined;
  try {
    await client.connect();
    const [row] = (await client.query<{ audit: string | null }>(`SELECT to_regclass('public.audit_event')::text AS audit`)).rows;
    if (!row?.audit) reason = both('其中没有 audit_event 表', 'it has no audit_event table');
  } catch (e) {
    reason = both(`无法连接：${(e as Error).message}`, `cannot connect: ${(e as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
  if (reason) throw new ChanceryError('cli.no_database_tables', { database, reason });
}

const BREAKS = {
  hash_mismatch: both('记录内容与哈希不符（记录被改动）', 'the entry does not match its hash (it was changed)'),
  prev_mismatch: both('与上一条的哈希链接不符（记录被替换或删除）', 'the link to the previous entry does not match (an entry was replaced or removed)'),
  seq_gap: both('序号不连续（记录被删除或插入）', 'the sequence has a gap (an entry was removed or inserted)'),
};

function printBreak(io: Out, where: string, verdict: { seq: number; reason: ChainBreak; checked: number }): void {
  const e = new ChanceryError('audit.broken_chain', { seq: verdict.seq, reason: verdict.reason });
  io.out(`✗ [${e.code}] ${e.localized('zh-CN')} / ${e.localized('en')}`);
  io.out(`  ${where}`);
  io.out(`  第 ${verdict.seq} 条 / entry ${verdict.seq}: ${BREAKS[verdict.reason]}`);
  io.out(both(`  此前已校验 ${verdict.checked} 条完好记录`, `  ${verdict.checked} intact entries checked before it`));
}

/**
 * `chancery audit verify [--instance id]`: recomputes every case's hash chain and the system
 * chain (with `--instance`, that case's only); exit 1 at a broken link, naming the first broken
 * entry of each broken chain.
 */
export async function auditVerifyCommand(io: Out, instance: string | undefined, config: Config): Promise<number> {
  if (config.databaseUrl) await assertChanceryServerDatabase(config.databaseUrl);
  else assertChanceryDataDir(config);
  const release = holdDataDir(config);
  try {
    const db = await openDatabase({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: config.dataDir, logger: cliLogger(false) });
    try {
      const cases = await verifyAudit(db, instance);
      const system = instance ? undefined : await verifySystemAudit(db);
      if (cases.ok && (!system || system.ok)) {
        const checked = cases.checked + (system?.checked ?? 0);
        const detail = system
          ? [`（案件 ${cases.checked} 条，系统 ${system.checked} 条）`, ` (${cases.checked} in cases, ${system.checked} in the system chain)`]
          : ['', ''];
        io.out(both(`审计链完好：已校验 ${checked} 条记录${detail[0]}`, `The audit chain is intact: ${checked} entries checked${detail[1]}`));
        return 0;
      }
      if (!cases.ok) printBreak(io, `案件 / case: ${cases.instanceId}`, cases);
      if (system && !system.ok) printBreak(io, both('系统审计链', 'the system audit chain'), system);
      return 1;
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}

/** `chancery seed demo`: the demo county's units and users (and the shipped workflows), once. */
export async function seedDemoCommand(io: Out, config: Config): Promise<number> {
  const demoConfig = { ...config, demo: true };
  return withServer(io, demoConfig, { loadWorkflows: true }, async (server) => {
    if (server.seeded.demoUsersCreated.length === 0) io.out(both('演示数据已存在，未做更改', 'The demo data is already there; nothing changed'));
    else io.out(both(`已载入演示县：${server.seeded.demoUsersCreated.length} 个账号`, `Demo county loaded: ${server.seeded.demoUsersCreated.length} accounts`));
    return 0;
  });
}
