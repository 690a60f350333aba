/**
 * A misspelt property is one mistake: `"assing"` is reported as unknown with the property it
 * probably meant (`"assign"`), and the "missing assign" that follows from it is not reported again.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';

/** The allowed property closest to an unknown one (at most two edits away), if any. */
export function suggestProperty(error: ErrorObject): string | undefined {
  if (error.keyword !== 'additionalProperties') return undefined;
  const unknown = String((error.params as { additionalProperty?: unknown }).additionalProperty ?? '');
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!properties || !unknown) return undefined;
  return nearestName(unknown, Object.keys(properties));
}

/** The candidate closest to `name` (at most two edits, and at most half its length), if any. */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.min(2, Math.floor(candidate.length / 2)) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Drops `required` errors for a property that an unknown, misspelt property next to it was meant to be. */
export function dropRequiredExplainedByTypos(errors: readonly ErrorObject[]): ErrorObject[] {
  const meant = new Set<string>();
  for (const e of errors) {
    const name = suggestProperty(e);
    if (name) meant.add(`${e.instancePath}\u0000${name}`);
  }
  return errors.filter(
    (e) => e.keyword !== 'required' || !meant.has(`${e.instancePath}\u0000${String((e.params as { missingProperty?: unknown }).missingProperty)}`),
  );
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
