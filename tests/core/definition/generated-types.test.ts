/**
 * The DSL's TypeScript types come from its JSON Schema: the checked-in `types.generated.ts` is
 * exactly what the generator makes of `definition.schema.json`, and a field added to the schema
 * shows up in the types.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definitionSchema } from '../../../core/definition/schema.js';
import { generate, type Schema } from '../../../scripts/definition-types.js';

describe('DSL types generated from the definition schema', () => {
  it('are up to date with the schema (run npm run gen:types after changing it)', () => {
    const checkedIn = readFileSync(new URL('../../../core/definition/types.generated.ts', import.meta.url), 'utf8');
    expect(checkedIn).toBe(generate(definitionSchema as unknown as Schema));
  });

  it('pick up a field added to the schema, with its description', () => {
    const schema = structuredClone(definitionSchema) as unknown as Schema & { $defs: Record<string, Schema> };
    schema.$defs.TaskSpec!.properties!.level = { type: 'integer', description: 'How urgent (1–3)' };
    const text = generate(schema);
    expect(text).toMatch(/How urgent \(1–3\)\s*\*\/\s*level\?: number;/);
  });

  it('types alternatives that only differ in which keys are required as a union', () => {
    const text = generate({
      $defs: {
        Every: {
          type: 'object',
          properties: { cron: { type: 'string' }, every: { type: 'string' } },
          oneOf: [{ required: ['cron'] }, { required: ['every'] }],
        },
      },
    });
    expect(text.replace(/\s+/g, ' ')).toContain('export type Every = { cron: string; every?: string; } | { cron?: string; every: string; };');
  });
});
