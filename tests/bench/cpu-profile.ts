/**
 * A CPU profile of the server while it works: V8's sampling profiler (the one `node --cpu-prof`
 * starts), switched on through `node:inspector` for just the measured run, so setup is not in it.
 * The `.cpuprofile` is written to the temp directory (open it in Chrome DevTools → Performance);
 * the report keeps the frames with the most self time, and the same time grouped by package.
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Where the .cpuprofile was written. */
  file: string;
  /** Milliseconds sampled, and of those not idle. */
  totalMs: number;
  busyMs: number;
  /** Self time per frame, most first: share of busy time. */
  frames: Array<{ frame: string; ms: number; share: number }>;
  /** Self time per package (node_modules name, `node:` internals, the project's own folders, V8's GC/program). */
  packages: Array<{ name: string; ms: number; share: number }>;
}

/** Starts the profiler; `stop()` ends it, writes the .cpuprofile and keeps the `top` frames and packages. */
export async function startProfile(label: string, top = 15): Promise<{ stop(): Promise<ProfileSummary> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // --cpu-prof's default interval (1 ms) is coarse for a few seconds; 250 µs gives more samples.
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return {
    async stop() {
      try {
        const { profile: p } = (await session.post('Profiler.stop')) as { profile: Profile };
        const file = join(tmpdir(), `chancery-bench-${label}-${Date.now()}.cpuprofile`);
        writeFileSync(file, JSON.stringify(p));
        return summarize(p, file, top);
      } finally {
        session.disconnect();
      }
    },
  };
}

const root = fileURLToPath(new URL('../../', import.meta.url));

function where(url: string): { file: string; pkg: string } {
  if (!url) return { file: '', pkg: '' };
  if (url.startsWith('node:')) return { file: url, pkg: 'node (built-in modules)' };
  if (url.startsWith('wasm:')) return { file: url, pkg: "WebAssembly (PGlite's PostgreSQL)" };
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return { file: `${pkg}/${rest.slice(pkg.split('/').length).join('/')}`, pkg };
  }
  const rel = relative(root, path);
  if (rel.startsWith('..')) return { file: path, pkg: path };
  return { file: rel, pkg: `chancery ${rel.split('/')[0]}/` };
}

function summarize(p: Profile, file: string, top: number): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; it is charged to the sample that ends it.
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
  const frames = new Map<string, number>();
  const packages = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    totalMs += ms;
    if (f.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const w = where(f.url);
    const name = f.functionName || '(anonymous)';
    const key = w.file ? `${name} (${w.file}:${f.lineNumber + 1})` : name;
    frames.set(key, (frames.get(key) ?? 0) + ms);
    const pkg = w.pkg || (name.startsWith('(') ? name : '(native)');
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  }
  const busyMs = totalMs - idleMs;
  const ranked = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    file,
    totalMs,
    busyMs,
    frames: ranked(frames).map(([frame, ms]) => ({ frame, ms, share: ms / busyMs })),
    packages: ranked(packages).map(([name, ms]) => ({ name, ms, share: ms / busyMs })),
  };
}
