/**
 * English is complete: every screen of the app, rendered in English for a staff member and for
 * an administrator, shows no Chinese character outside user data (case titles and contents,
 * people's and units' names where they have no English one), and no full-width colon.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../ui/admin/index.js';
import '../../ui/app/main.js';
import { call } from './support.js';
import { mountAs, settled } from './scan.js';
import { runCase, runs } from './workflow-runs.js';

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
const userData = new Set<string>();

function addStrings(value: unknown): void {
  if (typeof value === 'string') userData.add(value);
  else if (Array.isArray(value)) value.forEach(addStrings);
  else if (value && typeof value === 'object') Object.values(value).forEach(addStrings);
}

/** Lines with Chinese once the user data in them is taken out. */
function chinese(lines: string[]): string[] {
  const data = [...userData].filter((s) => CJK.test(s)).sort((a, b) => b.length - a.length);
  return lines.filter((line) => {
    let rest = line;
    for (const d of data) if (rest.includes(d)) rest = rest.split(d).join('');
    return CJK.test(rest);
  });
}

const ids: Record<string, string> = {};
let taskId = '';

beforeAll(async () => {
  for (const [workflow, initiator, data, steps] of runs) {
    ids[workflow] = await runCase(workflow, initiator, data, steps);
    // Opinions are what people wrote.
    for (const [, input] of steps) if (input.opinion) userData.add(input.opinion);
  }
  taskId = (await call<{ tasks: Array<{ id: string; status: string }> }>('GET', `/api/instances/${ids['document-signoff']}`, 'admin')).tasks.find(
    (t) => t.status === 'open',
  )!.id;
  const cases = await call<{ items: Array<{ id: string; title: string }> }>('GET', '/api/instances?scope=all&pageSize=200', 'admin');
  for (const c of cases.items) userData.add(c.title);
  for (const id of Object.values(ids)) addStrings((await call<{ data: unknown }>('GET', `/api/instances/${id}`, 'admin')).data);
  // Holidays an admin named (the calendar tests add a county one).
  for (const year of [2025, 2026, 2027, new Date().getFullYear()]) {
    const calendar = await call<{ items: Array<{ name?: unknown }> }>('GET', `/api/calendar/cn/days?year=${year}`, 'admin').catch(() => ({ items: [] }));
    for (const d of calendar.items) addStrings(d.name);
  }
  const users = await call<{ items: Array<{ displayName: string; displayNameEn?: string; unitName?: string | null; unitNameEn?: string | null }> }>(
    'GET',
    '/api/directory/users?pageSize=200',
    'admin',
  );
  for (const u of users.items) {
    if (!u.displayNameEn) userData.add(u.displayName);
    if (u.unitName && !u.unitNameEn) userData.add(u.unitName);
  }
}, 180_000);

afterAll(() => {
  document.body.replaceChildren();
  localStorage.removeItem('chancery.lang');
});

describe('every screen in English', () => {
  const staff: Array<[string, string, string, string?]> = [
    ['inbox', 'zhuren', '#/', 'Inbox'],
    ['start list', 'zhuren', '#/start', 'Choose the workflow to start'],
    ['my cases', 'jiaotiju-liaison', '#/cases', 'My cases'],
    ['notifications', 'zhuren', '#/notifications', 'Notifications'],
    ['out of office', 'zhuren', '#/delegations', 'Out of office'],
    ['dashboard', 'admin', '#/dashboard'],
    ['workflows (admin)', 'admin', '#/admin/workflows'],
    ['designer (admin)', 'admin', '#/admin/workflows/petition-case'],
    ['directory (admin)', 'admin', '#/admin/directory'],
    ['calendar (admin)', 'admin', '#/admin/calendar'],
  ];
  for (const [name, who, hash, text] of staff) {
    it(`${name}: no Chinese outside user data, ASCII colons`, async () => {
      await mountAs(who, hash, 'en');
      const lines = await settled(text, name);
      expect(chinese(lines), name).toEqual([]);
    });
  }

  it('the task, case and print view of a document, and each workflow’s start form', async () => {
    const id = ids['document-signoff']!;
    const caseTitle = (await call<{ title: string }>('GET', `/api/instances/${id}`, 'admin')).title;
    for (const [name, hash] of [
      ['task', `#/tasks/${taskId}`],
      ['case', `#/cases/${id}`],
      ['print', `#/cases/${id}/print`],
    ] as const) {
      await mountAs(await workerOfTask(), hash, 'en');
      const lines = await settled(caseTitle, name);
      expect(chinese(lines), name).toEqual([]);
    }
    for (const [workflow, initiator] of runs) {
      await mountAs(initiator, `#/start/${workflow}`, 'en');
      const lines = await settled(undefined, `start ${workflow}`);
      expect(chinese(lines), `start ${workflow}`).toEqual([]);
    }
  }, 180_000);
});

async function workerOfTask(): Promise<string> {
  const { workerOf } = await import('./scan.js');
  const kase = await call<{ tasks: Array<{ id: string; assigneeId: string | null; pool: { role: string; unitId: string | null } | null }> }>(
    'GET',
    `/api/instances/${ids['document-signoff']}`,
    'admin',
  );
  return workerOf(kase.tasks.find((t) => t.id === taskId)!);
}
