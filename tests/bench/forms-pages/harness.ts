/**
 * What every benchmark page exposes as `window.formsBench`: mount a form for a schema and data and
 * say how long until it is on screen, then how long one keystroke takes to be reflected. Timing
 * ends after the library's pending work (microtasks, then one macrotask) and a forced layout, the
 * same way for every library.
 */
export interface BenchPage {
  /** Loads whatever the library needs before timing (our precompiled validator module). */
  prepare(caseName: string): Promise<void>;
  render(schema: object, data: unknown): Promise<number>;
  /** Types one more character into the first text box; returns the update time in ms. */
  keystroke(n: number): Promise<number>;
  /** How many form controls are on the page (a sanity check that everything rendered). */
  controls(): number;
}

export function afterWork(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

export async function settled(t0: number): Promise<number> {
  await afterWork();
  void document.body.offsetHeight;
  return performance.now() - t0;
}

/** Every element matching `selector`, through open shadow roots. */
export function deepAll(root: ParentNode, selector: string, out: Element[] = []): Element[] {
  for (const el of root.querySelectorAll('*')) {
    if (el.matches(selector)) out.push(el);
    if (el.shadowRoot) deepAll(el.shadowRoot, selector, out);
  }
  return out;
}

/** Sets an input's value the way typing does (React tracks the native setter) and fires `input`. */
export function typeInto(input: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

export function install(page: BenchPage): void {
  (window as unknown as { formsBench: BenchPage }).formsBench = page;
}

export const TEXT_INPUT = 'input[type=text], input:not([type])';
export const CONTROLS = 'input, select, textarea';
