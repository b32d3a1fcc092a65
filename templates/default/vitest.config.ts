import { defineConfig } from 'vitest/config';

// Every test file boots one real bot against @zoryx/emulator (Sapphire keeps its registries in
// module-global state, so one bot per file, each file in its own process).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
