import { fileURLToPath } from 'node:url';
import { createVitestConfig } from '../../scripts/config/vitest.ts';

// The end-to-end runs the emulator from its sources (only this test process runs it; the bot
// processes it spawns run the built packages), so emulator behaviour it relies on — Discord's
// `enforce_nonce` — is the current one even before the emulator's dist is rebuilt.
export default createVitestConfig({
  resolve: {
    alias: {
      '@zoryx/emulator': fileURLToPath(new URL('../emulator/src/index.ts', import.meta.url)),
    },
  },
});
