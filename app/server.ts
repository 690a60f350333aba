/**
 * The composition root: opens the database, starts the job queue and its workers, seeds the
 * directory, publishes the shipped workflows and builds the HTTP app. Nothing in the engine knows
 * which database or queue it runs on; this file decides.
 */
import { createChinaCalendar, extendCalendar, type Calendar, type CalendarDay } from '../core/calendar/index.js';
import type { Config } from '../core/config.js';
import { ChanceryError } from '../core/errors.js';
import { createLogger } from './logging.js';
import { nextYearNotice } from '../core/calendar/next-year-notice.js';
import { sayOncePerDay } from '../core/persistence/system-notice.js';
import { seedDirectory } from '../core/directory/seed-directory.js';
import { createApp } from '../core/http/app.js';
import { createLifecycle } from '../core/http/lifecycle.js';
import type { AnyRoute } from '../core/http/route.js';
import type { AppServices } from '../core/http/services.js';
import { ADVISORY_LOCKS, withAdvisoryLock } from '../core/persistence/advisory-lock.js';
import { openDatabase } from '../core/persistence/database.js';
import { createInvalidationBus } from '../core/persistence/invalidation.js';
import { startQueue, type Queue } from '../core/persistence/queue.js';
import type { Database } from '../core/persistence/types.js';
import { createEngine, type Engine } from '../core/runtime/engine.js';
import { HOUSEKEEPING_QUEUE, housekeep, queueHousekeeping } from '../core/runtime/housekeeping.js';
import { ACTION_QUEUE, TIMER_QUEUE, type AssigneeResolver, type FormValidator, type Logger } from '../core/runtime/ports.js';
import { publishedWorkflows, type PublishingDeps } from '../core/runtime/publishing.js';
import { loadShippedWorkflows } from './shipped-workflows.js';
import { formCompiler } from '../core/runtime/form-compiler.js';
import { createFormService } from '../forms/server/form-service.js';
import { createFileStore, type FileStore } from '../forms/server/file-store.js';
import { unsupportedPatterns } from '../forms/validation/linear-regexp.js';
import { createBlobStorage } from '../forms/server/storage/create-storage.js';
import { importDiskFiles } from '../forms/server/import-disk-files.js';
import { pluginRoutes, type PluginServices } from '../plugins/routes.js';
import { formRoutes } from '../forms/server/routes.js';
import { join } from 'node:path';
import { setupPlugins, type PluginSettings } from '../plugins/index.js';
import { createIncidents } from '../core/actions/incidents.js';
import { createActionRunner, withActionPolicies } from '../core/actions/runner.js';

export interface ServerOptions {
  config: Config;
  /** An already open database (tests); otherwise opened from the configuration. */
  db?: Database;
  clock?: () => Date;
  logger?: Logger;
  /** Run the timer and action workers in this process (default true). */
  workers?: boolean;
  /** Start demo cases after publishing the shipped workflows in demo mode (default true). */
  demoCases?: boolean;
  /** Publish the definitions under `config.workflowsDir` (default true). */
  loadWorkflows?: boolean;
  extraRoutes?: (s: AppServices) => AnyRoute[];
  /** Plugins besides the built-ins and those named in the config file (tests, embedding). */
  plugins?: readonly unknown[];
  /** Settings of the built-in plugins; default `pluginSettings` of `chancery.config.json`. */
  pluginSettings?: PluginSettings;
  /** Where `chancery.config.json` and relative plugin paths are (default: the working directory). */
  baseDir?: string;
  version?: string;
}

export interface Server {
  app: ReturnType<typeof createApp>;
  engine: Engine;
  db: Database;
  queue: Queue;
  services: AppServices;
  /** Loaded plugins, their secrets, incidents and live notifications. */
  plugins: PluginServices;
  /** The upload store (files of forms, and the bulletins plugins generate). */
  files: FileStore;
  seeded: Awaited<ReturnType<typeof seedDirectory>>;
  close(): Promise<void>;
}

/** The server's own logger (pino: JSON lines, pretty in a terminal). */
export const consoleLogger: Logger = createLogger();

export async function createServer(options: ServerOptions): Promise<Server> {
  const { config } = options;
  const logger = options.logger ?? consoleLogger;
  const clock = options.clock ?? (() => new Date());
  const db = options.db ?? (await openDatabase({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: config.dataDir, logger }));
  // Plugins first: a broken one stops the boot before anything else starts.
  // Generated files (bulletins) go to the forms file store, in the same storage as uploads.
  const storage = createBlobStorage(config.fileStorage, db);
  const generatedFiles = createFileStore({ db, storage, maxBytes: 20 * 1024 * 1024, allowedMimes: ['text/html', 'application/pdf'], now: clock });
  const plugins = await setupPlugins({
    config,
    db,
    logger,
    clock,
    calendar: (key) => calendar(key),
    files: generatedFiles,
    ...(options.plugins ? { extra: options.plugins } : {}),
    ...(options.pluginSettings ? { settings: options.pluginSettings } : {}),
    ...(options.baseDir ? { baseDir: options.baseDir } : {}),
  }).catch(async (e: unknown) => {
    if (!options.db) await db.close();
    throw e;
  });
  let calendars = await loadCalendars(db, logger, clock());
  const calendar = (key: string): Calendar => calendars.get(key) ?? calendars.get('cn')!;
  // Node-local caches are dropped on every node when one of them changes what they hold.
  const events = await createInvalidationBus({ db, logger });
  events.subscribe(async (m) => {
    if (m.kind === 'calendar' || m.kind === 'all') calendars = await loadCalendars(db, logger, clock());
  });
  // pg-boss installs its schema under its own lock, but two nodes creating the same queues at once deadlock.
  const queue = await withAdvisoryLock(db, ADVISORY_LOCKS.boot, () =>
    startQueue(db, { pollingIntervalSeconds: config.pollSeconds, queues: [TIMER_QUEUE, ACTION_QUEUE, HOUSEKEEPING_QUEUE], logger }),
  );
  const formService = createFormService();
  const forms: FormValidator = {
    validateSubmission: (form, data, o) =>
      formService.validateSubmission(form as never, data, {
        lang: o.lang,
        ...(o.permissions ? { permissions: o.permissions as never } : {}),
        previousData: o.previousData,
      }) as never,
  };
  const resolveAssignee: AssigneeResolver = async (name, args) => {
    const resolver = plugins.registry.resolver(name);
    if (!resolver)
      throw new ChanceryError('assign.empty', {
        state: `plugin:${name}`,
        which: { 'zh-CN': `（插件解析器「${name}」未加载）`, en: ` (plugin resolver "${name}" is not loaded)` },
      });
    return resolver.resolve(args);
  };
  const engine = createEngine({ db, jobs: withActionPolicies(queue, plugins.registry), calendar, clock, logger, forms, resolveAssignee });
  const publishing: PublishingDeps = {
    clock,
    async validationContext(exec) {
      const roles = await exec.execute<{ key: string }>('SELECT key FROM role');
      const units = await exec.execute<{ id: string; code: string }>('SELECT id, code FROM org_unit');
      return {
        roles: new Set(roles.map((r) => r.key)),
        units: new Set(units.flatMap((u) => [u.id, u.code])),
        actions: plugins.registry.actionSchemas(),
        resolvers: plugins.registry.resolvers(),
        unsupportedPatterns,
        compileForm: formCompiler(formService),
        workflows: await publishedWorkflows(exec),
      };
    },
  };
  // First-start work runs on one node at a time: a node booting beside another waits for it and
  // then finds the directory, the shipped workflows and the demo cases there.
  const seeded = await withAdvisoryLock(db, ADVISORY_LOCKS.boot, async () => {
    const result = await seedDirectory(db, {
      adminPassword: config.adminPassword,
      demo: config.demo,
      ...(config.demoPassword ? { demoPassword: config.demoPassword } : {}),
    });
    if (options.loadWorkflows !== false) {
      const published = await loadShippedWorkflows(db, publishing, config.workflowsDir, logger);
      // A new installation in demo mode gets a living office: a few cases per shipped workflow.
      if (config.demo && published.includes('petition-case') && options.demoCases !== false) {
        const { seedDemoCases } = await import('../workflows/demo-cases.js');
        const n = await seedDemoCases({ engine, db });
        if (n > 0) logger.info('demo cases started', { count: n });
      }
    }
    return result;
  });

  if (options.workers !== false) {
    await queue.work<{ instanceId: string; key: string }>(TIMER_QUEUE, {}, async (job) => {
      await engine.fireTimer(job.data.instanceId, job.data.key);
    });
  }
  if (options.workers !== false) {
    // Rows that only grow (inbox signals) are pruned hourly; the cutoff is real time, as their created_at is.
    await queue.work(HOUSEKEEPING_QUEUE, {}, async () => {
      const gone = await housekeep(db, new Date());
      if (gone.inboxSignals > 0) logger.info('housekeeping / 例行清理', gone);
      await queueHousekeeping(queue, new Date());
    });
    await queueHousekeeping(queue, new Date());
  }
  const runner = createActionRunner({
    registry: plugins.registry,
    db,
    engine,
    queue,
    secrets: plugins.secrets,
    logger,
    clock,
    pollingIntervalSeconds: config.pollSeconds,
  });
  if (options.workers !== false) runner.start();

  const services: AppServices = {
    db,
    engine,
    publishing,
    auth: {
      secret: config.secret,
      ttl: config.tokenTtlSeconds,
      refreshTtl: config.refreshTtlSeconds,
      throttle: config.loginThrottle,
      trustedProxies: config.trustedProxies,
    },
    logger,
    clock,
    calendar,
    events,
    lifecycle: createLifecycle(),
    queueReady: () => queue.ready(),
    reloadCalendars: () => events.publish({ kind: 'calendar' }),
    corsOrigins: config.corsOrigins,
    version: options.version ?? '0.1.0',
    live: plugins.live,
  };
  const pluginServices: PluginServices = { ...plugins, incidents: createIncidents(db, queue, plugins.registry, clock) };
  await importDiskFiles({ dir: join(config.dataDir, 'files'), db, storage, logger });
  const files = createFileStore({ db, storage, maxBytes: MAX_UPLOAD_BYTES, allowedMimes: UPLOAD_TYPES, now: clock });
  services.extraRoutes = [
    ...formRoutes(services, { forms: formService, files, maxBytes: MAX_UPLOAD_BYTES }),
    ...pluginRoutes(services, pluginServices),
    ...(options.extraRoutes ? options.extraRoutes(services) : []),
  ];
  const app = createApp(services);
  return {
    app,
    engine,
    db,
    queue,
    services,
    plugins: pluginServices,
    files,
    seeded,
    async close() {
      await runner.stop();
      await queue.stop();
      await plugins.close();
      await events.close();
      if (!options.db) await db.close();
    },
  };
}

/** The largest upload (the HTTP body limit for `/api/files` sits just above it). */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** What may be uploaded: office documents, PDFs, images, plain text and archives. */
const UPLOAD_TYPES = [
  'application/pdf',
  'image/*',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/ofd',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];

/**
 * The built-in mainland China calendar, extended by the days admins added (`calendar_day`).
 * A year with admin-entered holidays counts as covered (the admin entered that year's official
 * schedule). A deadline reaching into a year nobody entered yet is not refused — an office must
 * keep working in late December — it counts weekends only, and the boot log says which year is
 * missing so an admin can enter it.
 */
async function loadCalendars(db: Database, logger: Logger, now: Date): Promise<Map<string, Calendar>> {
  const rows = await db.execute<{ calendar_key: string; date: string; kind: 'holiday' | 'workday'; name: CalendarDay['name'] }>(
    'SELECT calendar_key, date, kind, name FROM calendar_day ORDER BY date',
  );
  const byKey = new Map<string, CalendarDay[]>([['cn', []]]);
  for (const r of rows) {
    const list = byKey.get(r.calendar_key) ?? [];
    list.push({ date: r.date, kind: r.kind, ...(r.name && Object.keys(r.name).length ? { name: r.name } : {}) });
    byKey.set(r.calendar_key, list);
  }
  const base = createChinaCalendar();
  const out = new Map<string, Calendar>();
  for (const [key, days] of byKey) {
    const entered = days.filter((d) => d.kind === 'holiday').map((d) => Number(d.date.slice(0, 4)));
    const coveredYears = [...new Set([...base.coveredYears, ...entered])].sort();
    out.set(key, extendCalendar(base, days, { key, coveredYears, strict: false }));
  }
  // Said once a day at most (remembered in the database); the admin calendar screen shows it too.
  const notice = nextYearNotice(out.get('cn')!.coveredYears, now);
  if (notice && (await sayOncePerDay(db, `${notice.code}.${notice.year}`, notice, now))) {
    logger.warn('business calendar: next year not entered', { year: notice.year, 'zh-CN': notice['zh-CN'], en: notice.en });
  }
  return out;
}
