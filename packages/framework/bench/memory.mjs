// Heap growth of the bot process across 500 reloads of a ~200-line extension through the whole
// framework (pieces re-inserted, commands re-planned, a slash command answered after each
// reload). The bot runs in a child process (`--expose-gc`) so the emulator's own records of every
// message do not count. The figure for Sapphire plugin-hmr: 31 MB after 500 reloads.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '@zoryx/emulator';
import { botFolder, extensionSource, startBot, stopBot } from './harness.mjs';

const RELOADS = Number(process.env.ZORYX_BENCH_RELOADS ?? '500');

// ~200 lines: the command plus filler functions, so each version's code is not trivial.
const filler = Array.from(
  { length: 180 },
  (_, i) => `function helper${i}(x) { return x * ${i} + 1; }`,
).join('\n');
const source = (version) =>
  extensionSource(
    'heavy',
    ['heavy'],
    `v${version}`,
    `${filler}\nexport const table = [${Array.from({ length: 50 }, (_, i) => `helper${i}`).join(', ')}];`,
  );

const discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
const guild = discord.createGuild({ name: 'Bench' });
guild.createChannel({ name: 'general' });
const user = discord.createUser({ username: 'user' });
guild.addMember(user);
const dir = await botFolder(1, 1);
await writeFile(join(dir, 'extensions', 'heavy.ts'), source(0));
const bot = startBot('zoryx', discord, { ZORYX_BENCH_DIR: dir }, ['--expose-gc']);
await bot.started;

let id = 0;
/** Sends a command to the bot process and resolves with its answer. */
async function request(message) {
  const mine = ++id;
  bot.child.send({ ...message, id: mine });
  return bot.waitFor((m) => m.answer === mine);
}
async function cycle(version) {
  await writeFile(join(dir, 'extensions', 'heavy.ts'), source(version));
  await request({ cmd: 'reload', name: 'heavy' });
  const reply = await user.slash(guild, 'heavy').reply();
  if (reply.content !== `v${version}`)
    throw new Error(`expected v${version}, got ${reply.content}`);
}

for (let i = 1; i <= 50; i++) await cycle(i); // warm-up: JIT, caches, pools
const before = (await request({ cmd: 'heap' })).heap;
const t0 = performance.now();
for (let i = 51; i <= 50 + RELOADS; i++) await cycle(i);
const seconds = (performance.now() - t0) / 1000;
const after = (await request({ cmd: 'heap' })).heap;
console.log(
  `${RELOADS} reloads, each answered: bot heap growth ${((after - before) / 1024 / 1024).toFixed(2)} MB, ${((seconds * 1000) / RELOADS).toFixed(1)} ms per reload+reply (plugin-hmr: 31 MB after 500, from the issue)`,
);
await stopBot(bot);
await discord.close();
