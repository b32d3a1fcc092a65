// Save → new reply through the whole stack: a file is written, the running bot's hot reloader
// reloads the extension (and its dependents), and the next slash command answers with the new
// text. Also: a burst of rapid saves must end with the last version serving (no lost save).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '@zoryx/emulator';
import { botFolder, extensionSource, fmt, percentile, startBot, stopBot } from './harness.mjs';

const SAVES = Number(process.env.ZORYX_BENCH_SAVES ?? '100');
const RAPID = Number(process.env.ZORYX_BENCH_RAPID ?? '300');

const discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
const guild = discord.createGuild({ name: 'Bench' });
guild.createChannel({ name: 'general' });
const user = discord.createUser({ username: 'user' });
guild.addMember(user);

const dir = await botFolder(1, 1);
const dependent = (name) =>
  extensionSource(name, [`${name}-cmd`], 'dependent').replace(
    "version: '1.0.0',",
    "version: '1.0.0', dependencies: { base: '^1.0.0' },",
  );
await writeFile(join(dir, 'extensions', 'base.ts'), extensionSource('base', ['base-cmd'], 'v0'));
for (const n of ['dep-1', 'dep-2', 'dep-3'])
  await writeFile(join(dir, 'extensions', `${n}.ts`), dependent(n));
const bot = startBot('zoryx', discord, {
  ZORYX_BENCH_DIR: dir,
  ZORYX_BENCH_WATCH: '1',
});
await bot.started;

async function replyIs(command, text) {
  for (let tries = 0; tries < 1000; tries++) {
    const reply = await user.slash(guild, command).reply();
    if (reply.content === text) return;
  }
  throw new Error(`${command} never answered ${text}`);
}

async function saves(file, name, command, count) {
  const latencies = [];
  for (let i = 1; i <= count; i++) {
    const text = `${name} v${i}`;
    const before = bot.events.length;
    const t0 = performance.now();
    await writeFile(file, extensionSource(name, [command], text));
    await bot.waitFor(
      (m) => bot.events.indexOf(m) >= before && m.reload === 'reloaded' && m.name === name,
    );
    await replyIs(command, text);
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

const solo = await saves(join(dir, 'extensions', 'ext-0', 'index.ts'), 'ext-0', 'ping', SAVES);
console.log(
  `one extension:           save → new reply p50 ${fmt(percentile(solo, 50))}, p95 ${fmt(percentile(solo, 95))} (${SAVES} saves)`,
);

const withDependents = await saves(
  join(dir, 'extensions', 'base.ts'),
  'base',
  'base-cmd',
  Math.ceil(SAVES / 2),
);
console.log(
  `extension + 3 dependents: save → new reply p50 ${fmt(percentile(withDependents, 50))}, p95 ${fmt(percentile(withDependents, 95))} (${Math.ceil(SAVES / 2)} saves)`,
);

const soloFile = join(dir, 'extensions', 'ext-0', 'index.ts');
const t0 = performance.now();
for (let i = 1; i <= RAPID; i++)
  await writeFile(soloFile, extensionSource('ext-0', ['ping'], `rapid ${i}`));
await replyIs('ping', `rapid ${RAPID}`);
console.log(
  `${RAPID} rapid saves: the last one serves ${fmt(performance.now() - t0)} after the first write; lost saves: 0`,
);

await stopBot(bot);
await discord.close();
