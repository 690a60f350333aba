/**
 * `npm run gen:types` writes `core/definition/types.generated.ts` from
 * `core/definition/definition.schema.json`; with `--check` (`npm run check:types`, in CI) it only
 * says whether the checked-in file is what the schema generates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate, type Schema } from './definition-types.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = `${root}core/definition/definition.schema.json`;
const outPath = `${root}core/definition/types.generated.ts`;

const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Schema;
const text = generate(schema);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(outPath, 'utf8');
  } catch {
    /* missing: reported below */
  }
  if (current !== text) {
    console.error(
      'core/definition/types.generated.ts 与 definition.schema.json 不一致，请运行 npm run gen:types / is out of date with definition.schema.json: run npm run gen:types',
    );
    process.exit(1);
  }
  console.log('流程定义类型与 JSON Schema 一致 / The DSL types match the JSON Schema');
} else {
  writeFileSync(outPath, text);
  console.log(`written ${outPath}`);
}
