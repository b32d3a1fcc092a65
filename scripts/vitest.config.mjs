// Tests of the repository scripts (run by `verify`; packages have their own configs).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['scripts/**/*.test.mjs'],
    exclude: ['**/node_modules/**'],
    environment: 'node',
  },
});
