/**
 * A package others can install: `npm pack` (which builds dist/ and its type declarations), the
 * tarball installed into a scratch consumer from the npm cache, every entry imported, and a
 * consumer file type-checked against the shipped declarations — the import lines docs/plugins.md
 * shows included. Slow (a build and an install), so it runs once, in the unit project.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const scratch = mkdtempSync(join(tmpdir(), 'chancery-pack-'));
const consumer = join(scratch, 'consumer');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
let files: string[] = [];

beforeAll(() => {
  // The JSON report follows whatever the prepack build printed.
  const report = npm(['pack', '--json', '--pack-destination', scratch], root);
  const [packed] = JSON.parse(report.slice(report.search(/^\[/m))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed!.files.map((f) => f.path);
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', private: true }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts', join(scratch, packed!.filename)], consumer);
}, 600_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships the build, its declarations and the shipped workflows, not the tests', () => {
    expect(files).toContain('dist/core/pure.js');
    expect(files).toContain('dist/core/pure.d.ts');
    expect(files).toContain('dist/app/cli/main.js');
    expect(files).toContain('dist/ui/embed.js');
    expect(files).toContain('dist/ui/embed.d.ts');
    expect(files).toContain('dist/public/index.html');
    expect(files).toContain('bin/chancery.js');
    expect(files.some((f) => f.startsWith('workflows/') && f.endsWith('workflow.json'))).toBe(true);
    expect(files.filter((f) => f.startsWith('tests/') || f.endsWith('.map'))).toEqual([]);
  });

  it('imports every entry from a consumer that installed the tarball', () => {
    const script = `
      const engine = await import('chancery');
      const same = await import('chancery/engine');
      const server = await import('chancery/server');
      const plugins = await import('chancery/plugins');
      const forms = await import('chancery/forms');
      const components = import.meta.resolve('chancery/components');
      const embed = import.meta.resolve('chancery/embed');
      console.log(JSON.stringify({
        step: typeof engine.step, compile: typeof engine.compileDefinition, validate: typeof engine.validateDefinition,
        same: engine.step === same.step, createServer: typeof server.createServer, loadConfig: typeof server.loadConfig,
        definePlugin: typeof plugins.definePlugin, permanent: typeof plugins.PermanentActionError,
        formState: typeof forms.createFormState, components: components.endsWith('dist/forms/components.js'),
        embed: embed.endsWith('dist/ui/embed.js'),
      }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      step: 'function',
      compile: 'function',
      validate: 'function',
      same: true,
      createServer: 'function',
      loadConfig: 'function',
      definePlugin: 'function',
      permanent: 'function',
      formState: 'function',
      components: true,
      embed: true,
    });
  });

  it("bundles the installed package's element entries for a browser, as a portal's own build would", async () => {
    // From the consumer's node_modules (installed with --omit=dev): a devDependency or a Node built-in reaching
    // chancery/embed or chancery/components would fail here, where resolving the path alone would not notice.
    for (const entry of ['chancery/embed', 'chancery/components']) {
      const out = await build({
        stdin: { contents: `import '${entry}';`, resolveDir: consumer },
        bundle: true,
        platform: 'browser',
        format: 'esm',
        splitting: true,
        outdir: join(scratch, 'bundle'),
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      expect(out.errors).toEqual([]);
      const inputs = Object.keys(out.metafile.inputs);
      expect(inputs.some((f) => f.includes('node_modules/chancery/dist/'))).toBe(true);
      expect(inputs.some((f) => f.includes('node_modules/lit/'))).toBe(true);
    }
  }, 120_000);

  it('type-checks a consumer plugin and a step with the shipped declarations, as docs/plugins.md writes them', () => {
    const docsImport = readFileSync(join(root, 'docs/plugins.md'), 'utf8').match(/^import \{[^}]*\} from 'chancery\/plugins';$/m)?.[0];
    expect(docsImport).toBeDefined();
    writeFileSync(
      join(consumer, 'consumer.ts'),
      `${docsImport}
import { compileDefinition, start, step, validateDefinition, type WorkflowDefinition } from 'chancery';
import type { Server } from 'chancery/server';
import { createApiClient, type TokenRequestDetail } from 'chancery/embed';

export default definePlugin({
  name: 'archive', version: '1.0.0',
  actions: {
    file: {
      params: { type: 'object', required: ['box'], properties: { box: { type: 'string' } } },
      async run({ params, idempotencyKey, commands }) {
        if (!params.box) throw new PermanentActionError('no box');
        await commands.reassign({ to: 'clerk' });
        return { shelf: String(params.box) + idempotencyKey };
      },
    },
  },
});

const def: WorkflowDefinition = { key: 'k', title: { 'zh-CN': '件', en: 'Item' }, initial: 'a', states: { a: { on: { go: 'b' } }, b: { final: true } } };
if (validateDefinition(def).ok) {
  const wf = compileDefinition(def);
  const first = start(wf, { data: {}, initiator: { id: 'u1', unitId: 'office' } });
  const next: unknown = step(wf, first.snapshot, { type: 'go' }).snapshot.value;
  console.log(next);
}
export type App = Server['app'];
// A portal that bundles the elements itself (import 'chancery/embed' defines <chancery-inbox>, <chancery-task>, …).
export const portalClient: typeof createApiClient = createApiClient;
export type PortalTokenRequest = TokenRequestDetail;
`,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          lib: ['ES2023', 'DOM'],
          types: [],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
