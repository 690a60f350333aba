/**
 * The commands on the configured database: publish a definition file, migrate running cases,
 * verify the audit chain, seed the demo county. Each returns its exit code.
 */
import type { Config } from '../../core/config.js';
import type { DefinitionProblem } from '../../core/definition/types.js';
import { ChanceryError } from '../../core/errors.js';
import { openDatabase } from '../../core/persistence/database.js';
import { verifyAudit } from '../../core/persistence/audit.js';
import { migrateInstances } from '../../core/runtime/migrate.js';
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
    const r = await migrateInstances(server.engine.deps, plan, (tx, v) => server.engine.definitions.compiled(tx, key, v), { dryRun: !apply, actorId, onlyClean });
    io.out(apply ? both(`已迁移「${key}」第 ${from} 版 → 第 ${to} 版`, `Migrated "${key}" v${from} → v${to}`) : both(`试运行（未做任何更改，加 --apply 执行）`, `Dry run (nothing changed; add --apply to do it)`));
    for (const p of [...r.mappingProblems, ...r.unmapped]) io.out(`${p.pointer}  ${p.message['zh-CN']} / ${p.message.en}`);
    if (r.rows.length === 0) {
      io.out(both('没有需要迁移的在办案件', 'No running case to move'));
      return r.mappingProblems.length > 0 ? 1 : 0;
    }
    const who = (t: { assigneeId: string | null; pool: { role: string } | null }) => t.assigneeId ?? (t.pool ? `@${t.pool.role}` : '-');
    const rows = r.rows.map((row) => [row.instanceId, row.title, row.from, row.to ?? '-', row.keep ? 'keep' : row.cancel.map(who).join(' '), row.open.map(who).join(' '), row.problems.map((p) => `${p.pointer} ${p.message.en}`).join('; ')]);
    for (const line of table(['案件 case', '标题 title', '原步骤 from', '新步骤 to', '撤销任务 cancel', '新任务 open', '问题 problems'], rows)) io.out(line);
    io.out(both(`共 ${r.rows.length} 件，${apply ? '已迁移' : '可迁移'} ${r.rows.filter((x) => x.applied).length} 件`, `${r.rows.length} cases, ${r.rows.filter((x) => x.applied).length} ${apply ? 'moved' : 'movable'}`));
    return r.rows.some((row) => row.problems.length > 0) ? 1 : 0;
  });
}

/** `chancery audit verify [--instance id]`: recomputes the hash chain; exit 1 at the first broken link. */
export async function auditVerifyCommand(io: Out, instance: string | undefined, config: Config): Promise<number> {
  const release = holdDataDir(config);
  try {
    const db = await openDatabase({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: config.dataDir, logger: cliLogger(false) });
    try {
      const verdict = await verifyAudit(db, instance);
      if (verdict.ok) {
        io.out(both(`审计链完好：已校验 ${verdict.checked} 条记录`, `The audit chain is intact: ${verdict.checked} entries checked`));
        return 0;
      }
      const e = new ChanceryError('audit.broken_chain', { seq: verdict.seq, instanceId: verdict.instanceId, reason: verdict.reason });
      const reason = {
        hash_mismatch: both('记录内容与哈希不符（记录被改动）', 'the entry does not match its hash (it was changed)'),
        prev_mismatch: both('与上一条的哈希链接不符（记录被替换或删除）', 'the link to the previous entry does not match (an entry was replaced or removed)'),
        seq_gap: both('序号不连续（记录被删除或插入）', 'the sequence has a gap (an entry was removed or inserted)'),
      }[verdict.reason];
      io.out(`✗ [${e.code}] ${e.localized('zh-CN')} / ${e.localized('en')}`);
      io.out(`  案件 / case: ${verdict.instanceId}`);
      io.out(`  第 ${verdict.seq} 条 / entry ${verdict.seq}: ${reason}`);
      io.out(both(`  此前已校验 ${verdict.checked} 条完好记录`, `  ${verdict.checked} intact entries checked before it`));
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

