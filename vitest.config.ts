import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chanceryTestPages } from './tests/forms/pages/serve-pages.js';
import { appCommands } from './tests/ui/commands.js';

/**
 * Projects:
 * - `pure`: the fast layer (`npm run test:unit`): engine, DSL, calendar, logic, JSON pointers and
 *   the forms model — no database, no server, no browser; these also run in `unit`;
 * - `unit`: every Node test, on the embedded PGlite database (what `npm test` runs);
 * - `pg`: the same engine, API and workflow suites against a real PostgreSQL (`DATABASE_URL`);
 * - `cluster`: two real server processes on one PostgreSQL database (`tests/cluster/`);
 * - `browser`: components in Debian's Chromium through Playwright.
 */
const nodeTests = ['tests/**/*.test.ts'];
const pureTests = [
  'tests/core/calendar/**/*.test.ts',
  'tests/core/definition/**/*.test.ts',
  'tests/core/logic/**/*.test.ts',
  'tests/core/machine/**/*.test.ts',
  'tests/core/json-pointer.test.ts',
  'tests/core/runtime-timer-time.test.ts',
  'tests/core/measures/**/*.test.ts',
  // The forms model and its validation (the file store, on disk, stays out).
  'tests/forms/*.test.ts',
];
const browserTests = ['tests/**/*.browser.test.ts'];
const appBrowserTests = ['tests/ui/**/*.browser.test.ts'];
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'pure',
          include: pureTests,
          exclude: [...browserTests, 'tests/forms/file-store.test.ts', 'node_modules/**'],
          environment: 'node',
          env: { DATABASE_URL: '' },
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'unit',
          include: nodeTests,
          // The CLI on a PostgreSQL server runs in `pg`, where there is one.
          exclude: [...browserTests, 'tests/cluster/**', 'tests/cli/*-postgres.test.ts', 'node_modules/**'],
          environment: 'node',
          env: { DATABASE_URL: '' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'pg',
          include: [
            'tests/core/**/*.test.ts',
            'tests/http/**/*.test.ts',
            'tests/workflows/**/*.test.ts',
            'tests/plugins/**/*.test.ts',
            'tests/cli/*-postgres.test.ts',
          ],
          exclude: [...browserTests, 'node_modules/**'],
          environment: 'node',
          env: { DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Two real server processes on one PostgreSQL database (PostgreSQL only: a cluster needs one).
        test: {
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          environment: 'node',
          env: { DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Lit's production build, as pages get it: the dev build's checks triple first-render time.
        resolve: { conditions: ['module', 'browser', 'production'] },
        // Test pages (a strict-CSP page) and a fake form API the browser tests load.
        plugins: [chanceryTestPages()],
        test: {
          name: 'browser',
          include: browserTests,
          exclude: [...appBrowserTests, 'node_modules/**'],
          // The real server (and the built embed.js) for upload and integrator-page tests.
          globalSetup: ['tests/ui/global-setup.ts'],
          hookTimeout: 120_000,
          testTimeout: 20_000,
          expect: { poll: { timeout: 3_000 } },
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // The app against the real server: `globalSetup` builds dist/public, starts the server and a
        // portal on another origin; the tests drive the app in this page and real pages through commands.
        resolve: { conditions: ['module', 'browser', 'production'] },
        test: {
          name: 'browser-app',
          include: appBrowserTests,
          globalSetup: ['tests/ui/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          expect: { poll: { timeout: 10_000 } },
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: true,
            viewport: { width: 1280, height: 900 },
            commands: appCommands,
            provider: playwright({
              actionTimeout: 15_000,
              launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
