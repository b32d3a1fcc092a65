// Child process: today's runtime, the Zoryx bot in one process (no supervisor).
import './cpu-report.mjs';
import { createBot } from '@zoryx/framework';
import { botOptions } from './bot-options.mjs';

const bot = await createBot(botOptions({}));
await bot.start();
process.send?.({ started: true });
process.on('message', async (m) => {
  if (m === 'stop') {
    await bot.shutdown('bench');
    process.exit(0);
  }
});
