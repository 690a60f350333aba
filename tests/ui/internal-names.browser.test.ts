/**
 * Internal names never reach people: a case runs through every shipped workflow, and its
 * assignee's inbox, the task, the case page and the print view are read in zh-CN and in English.
 * None shows a uuid, a JSON object, an engine-internal state (`__withdrawn`) or a key of that
 * workflow — its outcomes, steps, forms and form fields (camelCase ones in both languages, every
 * key in the Chinese screens, where no English word belongs).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import '../../ui/app/main.js';
import { call } from './support.js';
import { mountAs, settled, workerOf, type Lang } from './scan.js';
import { runCase, runs } from './workflow-runs.js';

declare global {
  interface ImportMeta {
    /** Vite's build-time file glob (the browser tests run through Vite). */
    glob(pattern: string, options: { eager: true; import: 'default' }): Record<string, unknown>;
  }
}

const definitions = import.meta.glob('../../workflows/*/workflow.json', { eager: true, import: 'default' }) as Record<string, WorkflowDefinition>;
const schemas = import.meta.glob('../../workflows/*/forms/*.schema.json', { eager: true, import: 'default' }) as Record<string, unknown>;
const shipped = Object.keys(definitions).map((p) => p.split('/').at(-2)!);

function fieldKeys(schema: unknown, out: Set<string>): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach((s) => fieldKeys(s, out));
  for (const [k, v] of Object.entries(schema)) {
    if ((k === 'properties' || k === '$defs' || k === 'definitions') && v && typeof v === 'object') for (const name of Object.keys(v)) out.add(name);
    fieldKeys(v, out);
  }
}

function statesOf(states: WorkflowDefinition['states'], out: Set<string>): void {
  for (const [name, s] of Object.entries(states)) {
    out.add(name);
    for (const event of Object.keys(s.on ?? {})) out.add(event);
    for (const o of s.task?.outcomes ?? []) out.add(o);
    for (const [region, r] of Object.entries(s.parallel ?? {})) {
      out.add(region);
      statesOf(r.states, out);
    }
  }
}

/** Every key of the workflow: states, regions, events and outcomes, forms, form fields. */
function keysOf(key: string): Set<string> {
  const def = definitions[`../../workflows/${key}/workflow.json`]!;
  const out = new Set<string>([...Object.keys(def.forms ?? {})]);
  statesOf(def.states, out);
  for (const [path, schema] of Object.entries(schemas)) if (path.startsWith(`../../workflows/${key}/`)) fieldKeys(schema, out);
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What on the screen is an internal name. */
function leaks(lines: string[], keys: Set<string>, lang: Lang): string[] {
  const found: string[] = [];
  for (const line of lines) {
    if (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(line)) found.push(`uuid: ${line}`);
    if (line.includes('{"')) found.push(`JSON: ${line}`);
    if (/(^|[^\w])__\w+/.test(line)) found.push(`internal state: ${line}`);
    for (const k of keys) {
      // Chinese screens hold no English word that is a key; English ones no camelCase or dotted key.
      const suspicious = lang === 'zh-CN' ? k.length >= 3 : /[a-z]+[A-Z]\w*|\./.test(k);
      if (suspicious && new RegExp(`(^|[^A-Za-z0-9_.-])${escape(k)}($|[^A-Za-z0-9_-])`).test(line)) found.push(`key "${k}": ${line}`);
    }
  }
  return [...new Set(found)];
}

afterAll(() => {
  document.body.replaceChildren();
  localStorage.removeItem('chancery.lang');
});

describe('no internal names on any screen of a shipped workflow', () => {
  it('knows a leak when it sees one (the screens of before: keys on buttons, a uuid, __withdrawn, raw JSON)', () => {
    const keys = keysOf('mayor-mailbox');
    expect(leaks(['answerDirectly'], keys, 'zh-CN')).toHaveLength(1);
    expect(leaks(['结果：assign'], keys, 'zh-CN')).toHaveLength(1);
    expect(leaks(['转入：__withdrawn'], keys, 'zh-CN')).toHaveLength(1);
    expect(leaks(['转入：0b7d5f5e-8a0e-4c55-9a52-3f4f1b2c9d10'], keys, 'en')).toHaveLength(1);
    expect(leaks(['{"subject":"x"}'], keys, 'en')).toHaveLength(1);
    expect(leaks(['Answer directly', 'Assign to a unit', '直接答复'], keys, 'en')).toEqual([]);
  });

  it('covers every shipped workflow', () => {
    expect(runs.map(([w]) => w).sort()).toEqual([...shipped].sort());
  });

  for (const [workflow, initiator, data, steps] of runs) {
    it(`${workflow}: inbox, task, case and print view in zh-CN and English`, async () => {
      const id = await runCase(workflow, initiator, data, steps);
      const kase = await call<{
        title: string;
        tasks: Array<{ id: string; status: string; assigneeId: string | null; pool: { role: string; unitId: string | null } | null }>;
      }>('GET', `/api/instances/${id}`, 'admin');
      const task = kase.tasks.find((t) => t.status === 'open')!;
      const who = await workerOf(task);
      const keys = keysOf(workflow);
      for (const lang of ['zh-CN', 'en'] as const) {
        const screens: Array<[string, string]> = [
          ['inbox', '#/'],
          ['task', `#/tasks/${task.id}`],
          ['case', `#/cases/${id}`],
          ['print', `#/cases/${id}/print`],
        ];
        for (const [name, hash] of screens) {
          await mountAs(who, hash, lang);
          const lines = await settled(name === 'inbox' ? undefined : kase.title, `${workflow} ${name} (${lang})`);
          expect(leaks(lines, keys, lang), `${workflow} ${name} (${lang})`).toEqual([]);
        }
      }
    }, 240_000);
  }
});
