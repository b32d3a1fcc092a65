import { createVitestConfig } from '../../scripts/config/vitest.ts';

// The chat and dev tests log real discord.js clients in to the emulator: allow for a busy machine.
// The boot bundle is off for the suite (a bot started for a test would build one in the background
// after 2 s): test/boot-bundle.test.ts turns it on for its own bots.
export default createVitestConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000, env: { ZORYX_BOOT_BUNDLE: 'off' } },
});
