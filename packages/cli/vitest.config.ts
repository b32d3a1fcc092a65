import { createVitestConfig } from '../../scripts/config/vitest.ts';

// The chat and dev tests log real discord.js clients in to the emulator: allow for a busy machine.
export default createVitestConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
