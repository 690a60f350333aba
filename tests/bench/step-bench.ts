/**
 * In-process throughput of the pure engine: Chancery's `start`/`step` on the compiled XState
 * machine against bpmn-engine, both running the same three-step approval to the end, alternating
 * in the same process. The unit of work is a case (start + three approvals = four transitions);
 * Chancery's shell protocol adds one `work.assigned` step per approval, counted separately as
 * raw `step()` calls.
 */
import { Engine as BpmnEngine } from 'bpmn-engine';
import { validateDefinition } from '../../core/definition/validate.js';
import { compileDefinition, type CompiledWorkflow } from '../../core/machine/compile.js';
import type { Effect } from '../../core/runtime/effects.js';
import { start, step, stateLabel, type StepResult } from '../../core/runtime/step.js';
import { median } from './stats.js';
import { THREE_STEP_APPROVERS, THREE_STEP_STATES, threeStepBpmn, threeStepDefinition } from './three-step.js';

/** Transitions per case in both engines: the start and the three approvals. */
export const TRANSITIONS_PER_CASE = 4;

export interface EngineRate {
  /** Median over the measured rounds. */
  casesPerSecond: number;
  transitionsPerSecond: number;
  /** Chancery only: every `step()`/`start()` call, including the `work.assigned` answers. */
  stepCallsPerSecond?: number;
  rounds: number[];
}

export interface StepBenchResult {
  chancery: EngineRate;
  bpmnEngine: EngineRate;
  /** chancery / bpmn-engine, on cases per second. */
  ratio: number;
  roundMs: number;
  rounds: number;
}

const initiator = { id: 'u-clerk', unitId: 'unit-secretariat' };

/** Answers the machine's requests for assignees, as the transactional shell does from the directory. */
function answer(wf: CompiledWorkflow, r: StepResult, calls: { n: number }): StepResult {
  let snapshot = r.snapshot;
  let effects: Effect[] = r.effects;
  for (;;) {
    const need = effects.find((e): e is Extract<Effect, { type: 'assign.resolve' }> => e.type === 'assign.resolve');
    if (!need) return { snapshot, effects: [], changed: true };
    const user = THREE_STEP_APPROVERS[need.state as keyof typeof THREE_STEP_APPROVERS];
    const next = step(wf, snapshot, { type: 'work.assigned', state: need.state, slots: [{ assignees: { users: [user] } }] });
    calls.n += 1;
    snapshot = next.snapshot;
    effects = next.effects;
  }
}

/** One case through Chancery's pure engine; returns the number of `step()`/`start()` calls. */
export function chanceryCase(wf: CompiledWorkflow): number {
  const calls = { n: 1 };
  let r = answer(wf, start(wf, { data: {}, initiator }), calls);
  for (const state of THREE_STEP_STATES) {
    const slot = r.snapshot.context.work[state]?.slots?.find((s) => s.status === 'open');
    if (!slot) throw new Error(`bench: no open slot in ${state} (at ${stateLabel(r.snapshot.value)})`);
    const by = THREE_STEP_APPROVERS[state];
    r = answer(wf, step(wf, r.snapshot, { type: 'task.done', slot: slot.id, outcome: 'approve', by }), calls);
    calls.n += 1;
  }
  if (r.snapshot.status !== 'done' || stateLabel(r.snapshot.value) !== 'approved') throw new Error(`bench: case ended in ${stateLabel(r.snapshot.value)}`);
  return calls.n;
}

type SourceContext = unknown;

/** Parses the BPMN once (as Chancery compiles once): every case starts from the serialized context. */
async function bpmnSourceContext(): Promise<SourceContext> {
  const prep = new BpmnEngine() as unknown as { _serializeSource(xml: string): Promise<SourceContext> };
  return prep._serializeSource(threeStepBpmn);
}

/** One case through bpmn-engine: execute, then signal each waiting user task in order. */
export async function bpmnCase(sourceContext: SourceContext): Promise<void> {
  const engine = new BpmnEngine({ name: 'bench', sourceContext: sourceContext as never });
  const execution = await engine.execute();
  for (const state of THREE_STEP_STATES) {
    const waiting = execution.getPostponed();
    if (waiting.length !== 1 || waiting[0]!.id !== state)
      throw new Error(`bench: bpmn-engine waits in ${waiting.map((w) => w.id).join(',')} instead of ${state}`);
    waiting[0]!.signal({ approve: true, by: THREE_STEP_APPROVERS[state] });
  }
  if (execution.getPostponed().length !== 0 || execution.isRunning) throw new Error('bench: bpmn-engine case did not finish');
}

async function timed(ms: number, one: () => Promise<number> | number): Promise<{ cases: number; calls: number; seconds: number }> {
  const t0 = performance.now();
  const until = t0 + ms;
  let cases = 0;
  let calls = 0;
  while (performance.now() < until) {
    // Batches of 50 keep the clock reads out of the measurement.
    for (let i = 0; i < 50; i++) {
      calls += await one();
      cases += 1;
    }
  }
  return { cases, calls, seconds: (performance.now() - t0) / 1000 };
}

export async function runStepBench(
  options: { rounds?: number; roundMs?: number; warmupMs?: number; log?: (s: string) => void } = {},
): Promise<StepBenchResult> {
  const rounds = options.rounds ?? 5;
  const roundMs = options.roundMs ?? 2000;
  const log = options.log ?? (() => {});
  const checked = validateDefinition(threeStepDefinition);
  if (!checked.ok) throw new Error(`bench definition is invalid: ${JSON.stringify(checked.problems)}`);
  const wf = compileDefinition(threeStepDefinition, 1);
  const ctx = await bpmnSourceContext();
  const runChancery = () => timed(roundMs, () => chanceryCase(wf));
  const runBpmn = () =>
    timed(roundMs, async () => {
      await bpmnCase(ctx);
      return TRANSITIONS_PER_CASE;
    });

  // Warm-up: both engines JIT-compiled before anything is measured.
  await timed(options.warmupMs ?? 1500, () => chanceryCase(wf));
  await timed(options.warmupMs ?? 1500, async () => {
    await bpmnCase(ctx);
    return 0;
  });

  const ours: Array<{ cases: number; calls: number; seconds: number }> = [];
  const theirs: Array<{ cases: number; calls: number; seconds: number }> = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate who goes first so drift in machine load hits both alike.
    if (r % 2 === 0) {
      ours.push(await runChancery());
      theirs.push(await runBpmn());
    } else {
      theirs.push(await runBpmn());
      ours.push(await runChancery());
    }
    log(
      `  step round ${r + 1}/${rounds}: chancery ${Math.round(ours.at(-1)!.cases / ours.at(-1)!.seconds)} cases/s, bpmn-engine ${Math.round(theirs.at(-1)!.cases / theirs.at(-1)!.seconds)} cases/s`,
    );
  }
  const rate = (xs: typeof ours, f: (x: (typeof ours)[number]) => number) => median(xs.map((x) => f(x) / x.seconds));
  const chancery: EngineRate = {
    casesPerSecond: rate(ours, (x) => x.cases),
    transitionsPerSecond: rate(ours, (x) => x.cases * TRANSITIONS_PER_CASE),
    stepCallsPerSecond: rate(ours, (x) => x.calls),
    rounds: ours.map((x) => x.cases / x.seconds),
  };
  const bpmnEngine: EngineRate = {
    casesPerSecond: rate(theirs, (x) => x.cases),
    transitionsPerSecond: rate(theirs, (x) => x.cases * TRANSITIONS_PER_CASE),
    rounds: theirs.map((x) => x.cases / x.seconds),
  };
  return { chancery, bpmnEngine, ratio: chancery.casesPerSecond / bpmnEngine.casesPerSecond, roundMs, rounds };
}
