// The supervised worker's entry: the same Zoryx bot, its client on the relay. The framework is
// imported here (not statically) so the phase marks can tell the worker thread's own start from
// the loading of the bot; the total is the same.
import { mark, markBoot } from './phase-marks.mjs';

// The worker thread has started and its supervisor module (worker-main) has loaded.
mark('entryLoading');
const [{ createBot }, { botOptions }] = await Promise.all([
  import('@zoryx/framework'),
  import('./bot-options.mjs'),
]);
mark('imported');

export default async function start(relay) {
  mark('startCalled');
  const bot = await createBot(botOptions(relay.clientOptions()));
  mark('created');
  markBoot(bot);
  await bot.start();
  mark('started');
  return bot;
}
