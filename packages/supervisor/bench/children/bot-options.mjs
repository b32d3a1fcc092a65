// The createBot options every benchmark bot shares (single process or in the worker).

import * as supervisorWorker from '@zoryx/supervisor/worker';
import pino from 'pino';

export function botOptions(clientOptions) {
  return {
    cwd: process.env.ZORYX_BENCH_DIR,
    config: {
      logging: { file: false },
      autoReload: process.env.ZORYX_BENCH_AUTORELOAD === '1',
      commands: { ping: { cooldown: { limit: 1_000_000, windowSeconds: 1 } } },
      // The load generator is a few users sending thousands of commands: not spam to limit.
      intake: { commandsPerUser: false },
      components: { statusRotation: false },
    },
    clientOptions: {
      ...clientOptions,
      rest: { api: process.env.ZORYX_DISCORD_API, globalRequestsPerSecond: 1e9, timeout: 60_000 },
    },
    logger: pino({ level: 'silent' }),
    handleSignals: false,
    sharedModules: { '@zoryx/supervisor/worker': supervisorWorker },
  };
}
