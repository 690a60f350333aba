/**
 * The timers a step starts when it is entered (deadline, reminders, escalations, schedules), and
 * the refusal of a command when a deadline or reminder time taken from the data is not one. When
 * each timer fires is computed by the shell and the simulator alike in `timer-time.ts`.
 */
import { parseDuration } from '../calendar/index.js';
import type { Ctx } from './compile-context.js';
import type { Timer } from './context.js';
import { evalRule, type Scope } from './scope.js';
import type { StateInfo } from './state-index.js';

/**
 * The step's due duration: as written, or taken from the data (a number = working days, a string
 * that parses as a duration). `null` when the data does not give one.
 */
function dueDuration(spec: string | { after: unknown }, scope: Scope): string | null {
  if (typeof spec === 'string') return spec;
  if (typeof spec.after === 'string') return spec.after;
  const value = evalRule(spec.after, scope);
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 9999) return `P${value}WD`;
  return typeof value === 'string' && durationParses(value) ? value : null;
}

/**
 * A reminder's offset: as written, or taken from the data (a number = that many working days
 * before the due date, a string that parses as a duration). `null` when the data gives none.
 */
function reminderOffset(at: unknown, scope: Scope): string | null {
  if (typeof at === 'string') return at;
  const value = evalRule(at, scope);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 9999) return `P-${value}WD`;
  return typeof value === 'string' && durationParses(value) ? value : null;
}

function durationParses(value: string): boolean {
  try {
    parseDuration(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the command entering `s` is refused when its deadline or a reminder time comes from the data
 * and the data gives none.
 */
export function dueRefusal(s: StateInfo, scope: Scope, startForm: string | undefined): Ctx['refusal'] {
  const spec = s.work?.spec.due;
  if (spec === undefined) return null;
  if (typeof spec === 'string' || dueDuration(spec, scope) !== null) {
    const bad = (s.work?.spec.remind ?? []).find((r) => typeof r === 'object' && reminderOffset(r.at, scope) === null);
    return bad && typeof bad === 'object' ? refusalFor(s, bad.at, scope, startForm, 'remind') : null;
  }
  return refusalFor(s, spec.after, scope, startForm, 'due');
}

function refusalFor(s: StateInfo, ruleValue: unknown, scope: Scope, startForm: string | undefined, what: 'due' | 'remind'): Ctx['refusal'] {
  const rule = ruleValue as { var?: unknown };
  const path = typeof rule?.var === 'string' ? rule.var : '';
  const value = path ? JSON.stringify(evalRule({ var: path }, scope) ?? null) : '?';
  const parts = path.split('.');
  // `data.<start form>.<field>` is `/data/<field>` in the start request; elsewhere the data path itself.
  const pointer = parts[0] === 'data' && parts[1] === startForm ? `/data/${parts.slice(2).join('/')}` : `/${parts.join('/')}`;
  const title = typeof s.spec.title === 'string' ? s.spec.title : (s.spec.title?.['zh-CN'] ?? s.key);
  const en = typeof s.spec.title === 'object' ? (s.spec.title.en ?? s.key) : s.key;
  return {
    message:
      what === 'due'
        ? {
            'zh-CN': `「${title}」的办理时限取自「${path}」，但其值 ${value} 不是工作日数或期限（如 10 或 P10WD）`,
            en: `The deadline of "${en}" comes from "${path}", but ${value} is neither a number of working days nor a duration (e.g. 10 or P10WD)`,
          }
        : {
            'zh-CN': `「${title}」的提醒时间取自「${path}」，但其值 ${value} 不是工作日数或期限（如 2 或 P-2WD）`,
            en: `The reminder time of "${en}" comes from "${path}", but ${value} is neither a number of working days nor a duration (e.g. 2 or P-2WD)`,
          },
    ...(path ? { pointer } : {}),
  };
}

/**
 * Timers a step starts when entered: its due date, reminders, escalations and schedules. In a
 * per-item step the deadline timers are made once per item (`item` set, keys `….i<n>.due`) and
 * the schedules once for the step (`only: 'schedules'`).
 */
export function timersFor(s: StateInfo, round: number, scope: Scope, item?: number, only?: 'schedules'): Record<string, Timer> {
  const out: Record<string, Timer> = {};
  const prefix = item === undefined ? `${s.id}#${round}` : `${s.id}#${round}.i${item}`;
  const work = only === 'schedules' ? undefined : s.work?.spec;
  const per = { ...(item === undefined ? {} : { item }), ...(typeof scope.now === 'string' ? { since: scope.now } : {}) };
  if (work?.due) {
    // A deadline may run from a date in the data (法定期限自形成之日起算) instead of from entering the step.
    const spec = work.due;
    const due = dueDuration(spec, scope);
    if (due === null) return out; // refused at entry (see `dueRefusal`)
    const fromValue = typeof spec === 'string' || spec.from === undefined ? undefined : evalRule(spec.from, scope);
    const from =
      typeof fromValue === 'string' && !Number.isNaN(Date.parse(fromValue.length === 10 ? `${fromValue}T00:00:00Z` : fromValue)) ? { from: fromValue } : {};
    const escalations = work.escalate ? (Array.isArray(work.escalate) ? work.escalate : [work.escalate]) : [];
    const sendsTimeout = s.spec.on && Object.hasOwn(s.spec.on, 'timeout') && !escalations.some((e) => e.event);
    out[`${prefix}.due`] = {
      key: `${prefix}.due`,
      state: s.id,
      kind: 'due',
      anchor: 'entered',
      after: due,
      ...from,
      ...per,
      ...(sendsTimeout ? { event: 'timeout' } : {}),
    };
    (work.remind ?? []).forEach((r, i) => {
      const at = reminderOffset(typeof r === 'string' ? r : r.at, scope);
      if (at === null) return; // refused at entry (see `dueRefusal`)
      const negative = at.startsWith('-') || at.startsWith('P-');
      out[`${prefix}.remind${i}`] = {
        key: `${prefix}.remind${i}`,
        state: s.id,
        kind: 'remind',
        anchor: negative ? 'due' : 'entered',
        after: at,
        due,
        ...from,
        ...per,
        ...(typeof r === 'object' && r.to ? { notify: r.to } : {}),
        ...(typeof r === 'object' && r.template ? { template: r.template } : {}),
      };
    });
    escalations.forEach((e, i) => {
      out[`${prefix}.escalate${i}`] = {
        key: `${prefix}.escalate${i}`,
        state: s.id,
        kind: 'escalate',
        anchor: 'due',
        after: e.after ?? 'P0D',
        due,
        ...from,
        ...per,
        ...(e.event ? { event: e.event } : {}),
        ...(e.notify ? { notify: e.notify } : {}),
        ...(e.reassign ? { reassign: e.reassign } : {}),
      };
    });
  }
  if (item !== undefined) return out;
  (s.spec.schedule ?? []).forEach((sch, i) => {
    const key = `${prefix}.schedule${i}@0`;
    out[key] = {
      key,
      state: s.id,
      kind: 'schedule',
      anchor: 'entered',
      after: sch.every ?? 'P0D',
      event: sch.event ?? 'tick',
      tick: 0,
      ...per,
      ...(sch.cron ? { cron: sch.cron } : {}),
      ...(sch.every ? { every: sch.every } : {}),
      ...(sch.count !== undefined ? { count: sch.count } : {}),
      ...(sch.until !== undefined ? { until: sch.until } : {}),
    };
  });
  return out;
}
