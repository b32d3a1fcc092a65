// The supervised worker's entry: the same Zoryx bot, its client on the relay.
import { createBot } from '@zoryx/framework';
import { botOptions } from './bot-options.mjs';
import { mark, markBoot } from './phase-marks.mjs';

// The entry's modules (the framework) are loaded once this runs.
mark('imported');

export default async function start(relay) {
  mark('entryStart');
  const bot = await createBot(botOptions(relay.clientOptions()));
  mark('created');
  markBoot(bot);
  await bot.start();
  mark('started');
  return bot;
}
