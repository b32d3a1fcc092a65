/**
 * Entry point: `DISCORD_TOKEN=… node dist/index.js`.
 *
 * - `DISCORD_TOKEN` (required): the bot token.
 * - `ZORYX_DISCORD_API` (optional): a Discord-compatible API base URL, e.g. the one printed by
 *   `@zoryx/emulator` (`http://127.0.0.1:<port>/api`), to run the bot offline.
 * - `DATA_DIR` (optional): where the counters are kept. Default `./data`.
 */
import process from 'node:process';
import { createBot } from './bot.js';

const token = process.env.DISCORD_TOKEN;
if (token === undefined || token === '') {
  console.error(
    'DISCORD_TOKEN is not set. Create a bot at https://discord.com/developers/applications, enable the Message Content intent, and run: DISCORD_TOKEN=<token> npm start',
  );
  process.exit(1);
}

const api = process.env.ZORYX_DISCORD_API;
const bot = createBot({
  token,
  dataDir: process.env.DATA_DIR ?? './data',
  ...(api ? { clientOptions: { rest: { api } } } : {}),
  log: (line) => console.warn(line),
});

await bot.start();
console.log(`Logged in as ${bot.client.user?.tag}; counting messages. Try !count, !top or /top.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
