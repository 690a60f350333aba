/** The one JSON Pointer (RFC 6901) helper every problem, form issue and result mapping uses. */
import { describe, expect, it } from 'vitest';
import { escapeToken, parsePointer, pointerOf, readPointer, unescapeToken } from '../../core/pure.js';

describe('JSON pointers', () => {
  it('escapes ~ before / and reads them back, so a field named "a/b~c" keeps its name', () => {
    expect(escapeToken('a/b~c')).toBe('a~1b~0c');
    expect(unescapeToken('a~1b~0c')).toBe('a/b~c');
    expect(unescapeToken('~01')).toBe('~1');
    expect(pointerOf('/states', 'review/2', 0)).toBe('/states/review~12/0');
    expect(parsePointer('/states/review~12/0')).toEqual(['states', 'review/2', '0']);
    expect(parsePointer('')).toEqual([]);
  });

  it('reads a value at a pointer from own properties only', () => {
    const doc = { items: [{ id: 'x', 'a/b': 1 }] };
    expect(readPointer(doc, '/items/0/id')).toBe('x');
    expect(readPointer(doc, '/items/0/a~1b')).toBe(1);
    expect(readPointer(doc, '')).toBe(doc);
    expect(readPointer(doc, '/items/0/constructor')).toBeUndefined();
    expect(readPointer(doc, '/missing/deeper')).toBeUndefined();
  });
});
