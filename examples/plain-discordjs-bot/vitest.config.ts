import { createVitestConfig } from '../../scripts/config/vitest.ts';

// Every test logs a real discord.js client in to the emulator: allow for a busy 2-core machine.
export default createVitestConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } });
