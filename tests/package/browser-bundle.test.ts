/**
 * The pure engine entry (`chancery` / `chancery/engine`, `core/pure.ts`) bundles for a browser:
 * no database, no server, no Node built-in reaches it (the designer's simulator runs it there).
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the engine entry in a browser bundle', () => {
  it('bundles for platform browser with no server, database or plugin module in it', async () => {
    const out = await build({
      stdin: {
        contents: `
          import { validateDefinition, compileDefinition, start, step, addDuration, createChinaCalendar, evaluateLogic } from './core/pure.ts';
          export { validateDefinition, compileDefinition, start, step, addDuration, createChinaCalendar, evaluateLogic };`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(out.errors).toEqual([]);
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.filter((f) => /node_modules\/(hono|@mikro-orm|pg|pg-boss|@electric-sql|nodemailer|lit)\//.test(f))).toEqual([]);
    expect(inputs.filter((f) => /^(app|plugins|forms|ui)\/|core\/(persistence|http|directory)\//.test(f))).toEqual([]);
    expect(inputs.some((f) => f.includes('node_modules/xstate/'))).toBe(true);
  });

  it('refuses to bundle a server module for the browser (the check above can fail)', async () => {
    await expect(
      build({ entryPoints: ['core/persistence/database.ts'], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' }),
    ).rejects.toThrow(/node:|Could not resolve/);
  });
});
