/** Per workflow: how many of the period's cases reached each step, are there now, and closed. */
import type { Executor } from '../persistence/types.js';
import type { Period } from './period.js';

export interface Funnel {
  key: string;
  title: unknown;
  opened: number;
  closed: number;
  steps: Array<{ state: string; title: unknown; reached: number; now: number }>;
}

/** The funnels of the cases `opened` (id, workflow, status) in the period. */
export async function funnels(
  db: Executor,
  opened: Array<{ id: string; key: string; status: string }>,
  period: Period,
  keys: string[] | undefined,
): Promise<Funnel[]> {
  const ids = new Set(opened.map((r) => r.id));
  const params: unknown[] = [period.start, period.end];
  const defFilter = keys ? `AND i.definition_key = ANY($${params.push(keys)}::text[])` : '';
  const reached = await db.execute<{ key: string; id: string; state: string; open: boolean }>(
    `SELECT i.definition_key AS key, i.id, t.state_key AS state, bool_or(t.status = 'open') AS open
     FROM task t JOIN instance i ON i.id = t.instance_id
     WHERE i.created_at >= $1 AND i.created_at < $2 ${defFilter}
     GROUP BY i.definition_key, i.id, t.state_key`,
    params as never,
  );
  const defs = await db.execute<{ key: string; body: { title?: unknown; states?: Record<string, { title?: unknown }> } }>(
    `SELECT DISTINCT ON (key) key, body FROM definition WHERE status = 'published' ORDER BY key, version DESC`,
  );
  const byKey = new Map<string, typeof opened>();
  for (const r of opened) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  return [...byKey.entries()]
    .map(([key, list]) => {
      const def = defs.find((d) => d.key === key);
      const order = processOrder(def?.body as never);
      const steps = new Map<string, { reached: number; now: number }>();
      for (const r of reached) {
        if (r.key !== key || !ids.has(r.id)) continue;
        const top = r.state.split('.')[0]!;
        const st = steps.get(top) ?? { reached: 0, now: 0 };
        st.reached += 1;
        if (r.open) st.now += 1;
        steps.set(top, st);
      }
      const names = [...steps.keys()].sort((a, b) => (order.indexOf(a) + 1 || 1e6) - (order.indexOf(b) + 1 || 1e6));
      return {
        key,
        title: def?.body.title ?? key,
        opened: list.length,
        closed: list.filter((r) => r.status === 'completed' || r.status === 'rejected').length,
        steps: names.map((state) => ({ state, title: def?.body.states?.[state]?.title ?? state, ...steps.get(state)! })),
      };
    })
    .sort((a, b) => b.opened - a.opened);
}

type FlowStates = Record<string, { on?: Record<string, unknown>; always?: unknown; onDone?: unknown }>;

/** The steps in the order a case meets them: breadth-first from `initial` along the transitions, then any left. */
function processOrder(def: { initial?: string; states?: FlowStates } | undefined): string[] {
  const states = def?.states ?? {};
  const targets = (v: unknown): string[] =>
    typeof v === 'string'
      ? [v]
      : Array.isArray(v)
        ? v.flatMap(targets)
        : v && typeof v === 'object' && typeof (v as { to?: unknown }).to === 'string'
          ? [(v as { to: string }).to]
          : [];
  const seen: string[] = [];
  const queue = def?.initial ? [def.initial] : [];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.includes(name) || !(name in states)) continue;
    seen.push(name);
    const s = states[name]!;
    for (const v of [...Object.values(s.on ?? {}), s.always, s.onDone]) queue.push(...targets(v));
  }
  return [...seen, ...Object.keys(states).filter((k) => !seen.includes(k))];
}
