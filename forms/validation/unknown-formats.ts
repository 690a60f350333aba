/**
 * The `format` names a schema uses that the ajv instance does not know (`data-url`, `color`, ...),
 * so they can be taken as annotations with a warning rather than refusing a valid schema.
 */
import type { FormAjv } from './create-ajv.js';

/** Walks the schema iteratively (schemas people bring can be deep) and lists unknown formats. */
export function unknownFormats(schema: unknown, ajv: FormAjv): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [schema];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const record = node as Record<string, unknown>;
    const format = record['format'];
    if (typeof format === 'string' && !ajv.formats[format]) found.add(format);
    for (const [key, value] of Object.entries(record)) {
      // `enum`, `const`, `default` and `examples` hold data, not schemas.
      if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') stack.push(value);
    }
  }
  return [...found];
}
