// Child process: today's runtime, the Zoryx bot in one process (no supervisor).
import './cpu-report.mjs';
import { createBot } from '@zoryx/framework';
import { botOptions } from './bot-options.mjs';
import { mark, markBoot, reportMarks } from './phase-marks.mjs';

reportMarks();
mark('imported');
const bot = await createBot(botOptions({}));
mark('created');
markBoot(bot);
await bot.start();
mark('started');
process.send?.({ started: true });
process.on('message', async (m) => {
  if (m === 'stop') {
    await bot.shutdown('bench');
    process.exit(0);
  }
});
