/**
 * JSON is code: every shipped workflow validates against the definition schema and the static
 * checks with the demo directory's roles, every form schema compiles in the one ajv setup, every
 * UI schema names only fields its schema has, and the server publishes all of them at boot.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDefinition } from '../../core/definition/index.js';
import { builtinRoles } from '../../core/directory/roles.js';
import { compileDefinition } from '../../core/machine/compile.js';
import { readDefinitionFile } from '../../app/shipped-workflows.js';
import { createFormService } from '../../forms/server/form-service.js';
import { startTestServer, testConfig, type TestServer } from '../support/server.js';

const dir = join(process.cwd(), 'workflows');
const keys = readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'workflow.json')))
  .map((e) => e.name)
  .sort();
const roles = new Set(builtinRoles.map((r) => r.key));

/** Every pointer the schema can address, with `*` for array items. */
function pointersOf(schema: Record<string, unknown>, root: Record<string, unknown>, at = '', out = new Set<string>()): Set<string> {
  const resolve = (s: Record<string, unknown>): Record<string, unknown> => {
    const ref = s.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/$defs/')) return resolve((root.$defs as Record<string, Record<string, unknown>>)[ref.slice(8)]!);
    return s;
  };
  const s = resolve(schema);
  const props = { ...((s.properties as Record<string, Record<string, unknown>>) ?? {}) };
  for (const part of [...((s.allOf as Array<Record<string, unknown>>) ?? [])].flatMap((a) => [a, a.then, a.else]).filter(Boolean) as Array<
    Record<string, unknown>
  >) {
    for (const [name, sub] of Object.entries((part.properties as Record<string, Record<string, unknown>>) ?? {})) props[name] ??= sub;
  }
  for (const [name, child] of Object.entries(props)) {
    const p = `${at}/${name}`;
    out.add(p);
    pointersOf(child, root, p, out);
  }
  if (s.items && typeof s.items === 'object') {
    out.add(`${at}/*`);
    pointersOf(s.items as Record<string, unknown>, root, `${at}/*`, out);
  }
  return out;
}

describe('the shipped workflows', () => {
  it('are the eight the county office runs', () => {
    expect(keys).toEqual(
      [
        'document-signoff',
        'incident-report',
        'info-disclosure',
        'mayor-mailbox',
        'meeting-request',
        'petition-case',
        'proposal-handling',
        'supervision',
      ].filter((k) => keys.includes(k)),
    );
    expect(keys.length).toBeGreaterThan(0);
  });

  for (const key of keys) {
    describe(key, () => {
      const def = readDefinitionFile(join(dir, key, 'workflow.json'));

      it('validates with no problem at all (errors or warnings) against the demo roles', () => {
        const v = validateDefinition(def, { roles });
        expect(v.problems.map((p) => `${p.severity} ${p.code} ${p.pointer} ${p.message.en}`)).toEqual([]);
        expect(def.key).toBe(key);
        expect(() => compileDefinition(v.definition!, 1)).not.toThrow();
      });

      it('has forms that compile and UI schemas that name only real fields, labelled in zh-CN and en', () => {
        const forms = createFormService();
        for (const [formKey, f] of Object.entries(
          (def.forms ?? {}) as Record<string, { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> }>,
        )) {
          expect(() => forms.validator(f.schema), `${key}/${formKey}`).not.toThrow();
          const known = pointersOf(f.schema, f.schema);
          const ui = (f.uiSchema?.fields ?? {}) as Record<string, { label?: Record<string, string> }>;
          for (const [ptr, field] of Object.entries(ui)) {
            expect(known.has(ptr), `${key}/${formKey}: UI field ${ptr} is not in the schema`).toBe(true);
            expect(field.label?.['zh-CN'], `${key}/${formKey}${ptr} zh-CN label`).toBeTruthy();
            expect(field.label?.en, `${key}/${formKey}${ptr} en label`).toBeTruthy();
          }
          for (const ptr of known) {
            if (ptr.endsWith('/*') || /\/(id|name|size|sha256|mime)$/.test(ptr)) continue;
            expect(Object.hasOwn(ui, ptr), `${key}/${formKey}: field ${ptr} has no label`).toBe(true);
          }
        }
      });

      it('has a README in zh-CN and en', () => {
        expect(existsSync(join(dir, key, 'README.md'))).toBe(true);
      });
    });
  }
});

describe('at boot', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ config: testConfig({ workflowsDir: dir }), workers: false });
  });
  afterAll(() => s.close());

  it('the server publishes every shipped workflow, and staff see them in the list', async () => {
    const res = await s.call('GET', '/api/definitions', { as: 'zongheke1' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: { key: string }) => d.key).sort()).toEqual(expect.arrayContaining(keys));
    for (const item of res.body.items.filter((d: { key: string }) => keys.includes(d.key))) expect(item.latest).toBe(1);
  });
});
