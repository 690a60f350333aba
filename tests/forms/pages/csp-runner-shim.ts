// Vitest rewrites `import()` in the modules it serves to go through its runner; a page outside the
// test iframe has no runner, so give it the same pass-through vitest gives web workers.
const g = globalThis as { __vitest_browser_runner__?: unknown };
g.__vitest_browser_runner__ ??= { wrapDynamicImport: (f: () => unknown) => f() };
export {};
