// Child process: today's runtime, the Zoryx bot in one process (no supervisor).
import './cpu-report.mjs';
import { mark, markBoot, reportMarks } from './phase-marks.mjs';

reportMarks();
// As in the worker's entry: the bot's modules loaded from here, so the marks separate the two.
mark('entryLoading');
const [{ createBot }, { botOptions }] = await Promise.all([
  import('@zoryx/framework'),
  import('./bot-options.mjs'),
]);
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
