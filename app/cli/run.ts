/**
 * The `chancery` commands: parses the command line, loads the configuration, runs the command
 * and returns its exit code (0 done, 1 failed or found problems, 2 wrong usage).
 */
import { loadConfig } from '../../core/config.js';
import { ChanceryError } from '../../core/errors.js';
import { optionOf, parseArgs } from './args.js';
import { printError, stdio, type Out } from './output.js';
import { packageVersion } from './paths.js';
import { isUuid } from '../../core/uuid.js';

const usage = `Chancery {version} — 政务流程与表单引擎 / workflow and form engine

用法 / usage:
  chancery serve                         启动服务 / run the server
  chancery validate <workflow.json>      校验流程定义 / check a workflow definition
        [--role key ...] [--json]          额外已知角色、JSON 输出 / extra known roles, JSON output
  chancery publish <workflow.json>       发布为新版本 / publish as the next version
  chancery migrate --key K --from N --to M [--map old=new ...] [--instance id ...] [--apply [--only-clean]]
                                         迁移在办案件（默认试运行）/ move running cases (dry run by default)
  chancery audit verify [--instance id]  校验审计哈希链（案件与系统）/ verify the audit hash chains (cases and system)
  chancery seed demo                     载入演示县数据 / load the demo county
  chancery --version | --help

配置见 / configuration: PORT, DATABASE_URL, CHANCERY_DATA_DIR, CHANCERY_ADMIN_PASSWORD, CHANCERY_DEMO,
CHANCERY_SECRET, CHANCERY_CORS_ORIGINS … or chancery.config.json (docs/configuration.md)`;

/** Runs one command line; resolves to the exit code. */
export async function run(argv: readonly string[], io: Out = stdio): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.out(packageVersion());
    return 0;
  }
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(usage.replace('{version}', packageVersion()));
    return command ? 0 : 2;
  }
  try {
    switch (command) {
      case 'serve': {
        const args = parseArgs(rest, {});
        if (args.options.has('help')) return help(io);
        if (args.positionals.length > 0) throw new ChanceryError('cli.usage', { reason: `unexpected argument "${args.positionals[0]}"` });
        const config = loadConfig();
        const { serveCommand } = await import('./serve.js');
        return await serveCommand(io, config);
      }
      case 'validate': {
        const args = parseArgs(rest, { values: ['role'], flags: ['json'] });
        if (args.options.has('help')) return help(io);
        const { validateCommand } = await import('./validate.js');
        return validateCommand(io, args);
      }
      case 'publish': {
        const args = parseArgs(rest, {});
        if (args.options.has('help')) return help(io);
        const config = loadConfig();
        const { publishCommand } = await import('./commands.js');
        return await publishCommand(io, args, config);
      }
      case 'migrate': {
        const args = parseArgs(rest, { values: ['key', 'from', 'to', 'map', 'instance'], flags: ['apply', 'only-clean'] });
        if (args.options.has('help')) return help(io);
        if (args.positionals.length > 0) throw new ChanceryError('cli.usage', { reason: `unexpected argument "${args.positionals[0]}"` });
        const config = loadConfig();
        const { migrateCommand } = await import('./commands.js');
        return await migrateCommand(io, args, config);
      }
      case 'audit': {
        const args = parseArgs(rest, { values: ['instance'] });
        if (args.options.has('help')) return help(io);
        if (args.positionals[0] !== 'verify' || args.positionals.length > 1)
          throw new ChanceryError('cli.usage', { reason: 'chancery audit verify [--instance id]' });
        const instance = optionOf(args, 'instance');
        if (instance !== undefined && !isUuid(instance)) {
          throw new ChanceryError('cli.usage', { reason: `--instance must be a case id (uuid), got "${instance}"` });
        }
        // Reading only: a mistyped data folder must not be created (and then reported intact).
        const config = loadConfig(process.env, process.cwd(), { readOnly: true });
        const { auditVerifyCommand } = await import('./commands.js');
        return await auditVerifyCommand(io, instance, config);
      }
      case 'seed': {
        const args = parseArgs(rest, {});
        if (args.options.has('help')) return help(io);
        if (args.positionals[0] !== 'demo' || args.positionals.length > 1) throw new ChanceryError('cli.usage', { reason: 'chancery seed demo' });
        const config = loadConfig();
        const { seedDemoCommand } = await import('./commands.js');
        return await seedDemoCommand(io, config);
      }
      default:
        throw new ChanceryError('cli.usage', { reason: `unknown command "${command}" (chancery --help)` });
    }
  } catch (e) {
    return printError(io, e);
  }
}

function help(io: Out): number {
  io.out(usage.replace('{version}', packageVersion()));
  return 0;
}
