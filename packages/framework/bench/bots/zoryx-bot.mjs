// Child process: a Zoryx bot booting the extensions folder given in ZORYX_BENCH_DIR.

import { createBot } from '@zoryx/framework';
import pino from 'pino';

const bot = await createBot({
  cwd: process.env.ZORYX_BENCH_DIR,
  config: {
    logging: { file: false },
    autoReload: process.env.ZORYX_BENCH_WATCH === '1',
    commands: {
      ping: { cooldown: { limit: 1_000_000, windowSeconds: 1 } },
      heavy: { cooldown: { limit: 1_000_000, windowSeconds: 1 } },
    },
    components: { statusRotation: false },
    // The peer has no per-user intake limit; the generator's users send 5 commands/s each.
    intake: { commandsPerUser: false, unknownCommandReplies: false },
  },
  clientOptions: {
    rest: { api: process.env.ZORYX_DISCORD_API, globalRequestsPerSecond: 1e9, timeout: 60_000 },
  },
  logger: pino({ level: 'silent' }),
  handleSignals: false,
  commandDebounceMs: 5,
  hotReload: { onEvent: (e) => process.send?.({ reload: e.type, name: e.name }) },
});
await bot.start();
process.send?.({ started: true });
process.on('message', async (m) => {
  if (m === 'stop') {
    await bot.shutdown('bench');
    process.exit(0);
  }
  if (m?.cmd === 'reload') {
    await bot.extensions.reload(m.name);
    await bot.commandService.idle();
    process.send?.({ answer: m.id });
  }
  if (m?.cmd === 'heap') {
    for (let i = 0; i < 3; i++) {
      globalThis.gc?.();
      await new Promise((r) => setTimeout(r, 20));
    }
    process.send?.({ answer: m.id, heap: process.memoryUsage().heapUsed });
  }
});
