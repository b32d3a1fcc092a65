import { createVitestConfig } from '../../scripts/config/vitest.ts';

// The browser suite boots a bot, an emulator and chromium: generous timeouts, never tight ones.
export default createVitestConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
