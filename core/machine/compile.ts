/**
 * Compiles a validated workflow definition into an XState v5 machine.
 *
 * The machine only ever changes its context through pure `assign` actions; human work, timers,
 * plugin actions and CC are written into the context, and the engine derives its effects from the
 * difference between two snapshots. Nothing here touches the database, the clock or the network.
 *
 * The parts: `state-nodes.ts` (each step: entry, exit, transitions, returns), `event-handlers.ts`
 * (the engine events every step accepts, as pure functions), `step-timers.ts` (the timers a step
 * starts), over the shared `compile-context.ts`.
 *
 * @example
 * const wf = compileDefinition(definition, 3);
 * const { snapshot } = start(wf, { data, initiator });
 */
import { setup, type AnyStateMachine } from 'xstate';
import type { WorkflowDefinition } from '../definition/types.js';
import { compileContext, MACHINE_ID, WITHDRAWN, type Ctx, type Ev } from './compile-context.js';
import { emptyContext, type Initiator } from './context.js';
import { rootTransitions } from './event-handlers.js';
import { stateNode } from './state-nodes.js';
import { indexStates, type StateInfo } from './state-index.js';

export { STANDING_PREFIX, WITHDRAWN } from './compile-context.js';
export { itemScope } from './state-nodes.js';

export interface CompiledWorkflow {
  key: string;
  version: number;
  definition: WorkflowDefinition;
  machine: AnyStateMachine;
  states: Map<string, StateInfo>;
}

type Input = { data: Record<string, unknown>; initiator: Initiator; now?: string };

export function compileDefinition(def: WorkflowDefinition, version = def.version ?? 0): CompiledWorkflow {
  const states = indexStates(def);
  const cc = compileContext(def, states);
  const machine = setup({
    types: {} as { context: Ctx; events: Ev; input: Input },
  }).createMachine({
    id: MACHINE_ID,
    context: ({ input }: { input: Input }) => emptyContext(cc.withComputed(input.data, input, { input }), input.initiator),
    initial: def.initial,
    states: {
      ...Object.fromEntries(Object.keys(def.states).map((k) => [k, stateNode(cc, k)])),
      [WITHDRAWN]: { type: 'final' },
    },
    on: rootTransitions(cc),
  } as never);

  return { key: def.key, version, definition: def, machine: machine as unknown as AnyStateMachine, states };
}
