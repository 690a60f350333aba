// The React portal page of docs/embedding.md, built with Vite for the embedding test.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  base: '/react/',
  logLevel: 'warn',
  build: { target: 'es2022', modulePreload: false },
});
