/** Loading the sample definitions in tests/fixtures/definitions and a context that knows them. */
import { readFileSync } from 'node:fs';
import type { ValidationContext, WorkflowDefinition } from '../../../core/definition/index.js';

export const fixtureNames = ['three-step-signoff', 'petition-case', 'meeting-parallel'] as const;

/** A fresh, mutable copy of a fixture definition. */
export function loadFixture(name: string): WorkflowDefinition {
  const url = new URL(`../../fixtures/definitions/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as WorkflowDefinition;
}

/** Roles, actions and resolvers the fixtures use. */
export function fixtureContext(): ValidationContext {
  return {
    roles: new Set(['petition-clerk', 'handler', 'office-director', 'section-chief', 'deputy-head', 'office-clerk']),
    actions: new Map<string, { params?: Record<string, unknown> }>([
      [
        'notify.send',
        {
          params: {
            type: 'object',
            required: ['template'],
            additionalProperties: false,
            properties: { template: { type: 'string' }, to: { type: 'string' } },
          },
        },
      ],
      ['numbering.assign', { params: { type: 'object', properties: { prefix: { type: 'string' } } } }],
    ]),
    resolvers: new Set(['directory.deputy']),
  };
}
