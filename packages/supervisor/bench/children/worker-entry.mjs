// The supervised worker's entry: the same Zoryx bot, its client on the relay.
import { createBot } from '@zoryx/framework';
import { botOptions } from './bot-options.mjs';

export default async function start(relay) {
  const bot = await createBot(botOptions(relay.clientOptions()));
  await bot.start();
  return bot;
}
