/**
 * The built-in actions `case.start` and `case.signal` name other workflows and their events, and
 * standing actions name steps and forms: each name must exist when the definition is published,
 * or the action would fail on a running case (refuse rather than find out later).
 */
import { checkActionParams } from './check-action-params.js';
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, ValidationContext, WorkflowDefinition } from './types.js';
import { allActionCalls, standingActionsOf, walkStates } from './walk.js';

const text = { type: 'string', minLength: 1, maxLength: 100 };
const dynamic = {
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'object', required: ['$logic'] },
  ],
};

/** Parameter schemas of the built-in actions (the engine carries them out in the command's own transaction). */
export const BUILTIN_ACTIONS: Readonly<Record<string, Record<string, unknown>>> = {
  'case.start': {
    type: 'object',
    additionalProperties: false,
    required: ['definition'],
    properties: {
      definition: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$' },
      data: { type: 'object' },
      forEach: { type: 'object', required: ['$logic'] },
      as: { type: 'string', pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' },
      initiator: { type: 'object', description: 'Who the new case is started by (an assignment; the first person it names). Default: whoever acted.' },
      link: text,
    },
  },
  'case.signal': {
    type: 'object',
    additionalProperties: false,
    required: ['definition', 'event', 'to'],
    properties: {
      definition: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$' },
      event: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9._-]{0,80}$' },
      to: dynamic,
      data: { type: 'object' },
      link: text,
    },
  },
};

/** The events a definition's steps accept by name (`on` keys), which `case.signal` may send. */
export function eventsOf(def: WorkflowDefinition): Set<string> {
  const events = new Set<string>();
  for (const { state } of walkStates(def)) if (isRecord(state.on)) for (const e of Object.keys(state.on)) events.add(e);
  return events;
}

export function checkLinkedCases(def: WorkflowDefinition, ctx: ValidationContext): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { call, pointer } of allActionCalls(def)) {
    const schema = BUILTIN_ACTIONS[call.action];
    if (!schema) continue;
    const params = checkActionParams(call, schema, pointer);
    problems.push(...params);
    if (params.length > 0 || !isRecord(call.with)) continue;
    const key = call.with['definition'] as string;
    // The workflow itself counts (a case may start or signal another of its own kind).
    const target = key === def.key ? { events: eventsOf(def) } : ctx.workflows?.get(key);
    if (!target) {
      if (ctx.workflows) problems.push(problem('definition.unknown_workflow', pointerOf(pointer, 'with', 'definition'), { workflow: key }));
      continue;
    }
    const event = call.with['event'];
    if (call.action === 'case.signal' && typeof event === 'string' && !target.events.has(event)) {
      problems.push(
        problem('definition.unknown_event', pointerOf(pointer, 'with', 'event'), { event, workflow: key, events: [...target.events].join(', ') || '—' }),
      );
    }
  }
  const top = isRecord(def.states) ? def.states : {};
  for (const { spec, pointer } of standingActionsOf(def)) {
    if (typeof spec.to === 'string' && !Object.hasOwn(top, spec.to))
      problems.push(problem('definition.unknown_target', pointerOf(pointer, 'to'), { target: spec.to }));
    if (Array.isArray(spec.in)) {
      spec.in.forEach((s, i) => {
        if (typeof s === 'string' && !Object.hasOwn(top, s)) problems.push(problem('definition.unknown_target', pointerOf(pointer, 'in', i), { target: s }));
      });
    }
    const does =
      spec.form !== undefined ||
      spec.to !== undefined ||
      (isRecord(spec.set) && Object.keys(spec.set).length > 0) ||
      (Array.isArray(spec.actions) && spec.actions.length > 0);
    if (!does) problems.push(problem('definition.action_does_nothing', pointer));
  }
  return problems;
}
