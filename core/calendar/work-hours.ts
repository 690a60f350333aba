/** Working-hour windows as minutes since local midnight. */
import type { WorkWindow } from './types.js';

export interface MinuteWindow {
  start: number;
  end: number;
}

const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** `HH:MM` → minutes, or `undefined` when malformed or past `24:00`. */
export function parseClock(text: string): number | undefined {
  const m = HH_MM.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

/**
 * Windows in minutes, or a reason why they are unusable: each must be non-empty, and they must
 * come in order without overlapping.
 */
export function parseWindows(windows: readonly WorkWindow[]): MinuteWindow[] | string {
  if (windows.length === 0) return 'workHours is empty';
  const out: MinuteWindow[] = [];
  for (const w of windows) {
    const start = parseClock(w.start);
    const end = parseClock(w.end);
    if (start === undefined || end === undefined) return `bad workHours window ${w.start}-${w.end}`;
    if (end <= start) return `workHours window ${w.start}-${w.end} ends before it starts`;
    const last = out[out.length - 1];
    if (last && start < last.end) return `workHours window ${w.start}-${w.end} overlaps the one before`;
    out.push({ start, end });
  }
  return out;
}

/** Like `parseWindows` for windows already validated by `createCalendar`. */
export function minuteWindows(windows: readonly WorkWindow[]): MinuteWindow[] {
  const parsed = parseWindows(windows);
  if (typeof parsed === 'string') throw new TypeError(parsed);
  return parsed;
}
