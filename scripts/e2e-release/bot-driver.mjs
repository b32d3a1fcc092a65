// Copied into the created bot's folder and run there (so `@zoryx/emulator` resolves from the
// bot's own node_modules, as a bot author's test would): starts the emulator with a guild, a
// channel and users, runs the built bot with `npm start` against it (DISCORD_TOKEN and
// ZORYX_DISCORD_API from the emulator), sends /ping and !ping, then greets `someone` through the
// greeter extension run.mjs added (/greet, !greet, @Bot greet) and runs its raw Sapphire
// command (/rawping, !rawping), and prints one JSON line:
// { ok, firstReplyAt, readyAt, replies } or { ok: false, error, botOutput }.
import { spawn } from 'node:child_process';
import { startEmulator } from '@zoryx/emulator';

const READY_TIMEOUT_MS = Number(process.env.ZORYX_E2E_READY_TIMEOUT_MS ?? 90_000);
const PONG = /^Pong!/;
/** Slash commands the bot must register: the template's ping and the two added extensions'. */
const COMMANDS = ['ping', 'greet', 'rawping'];

let botOutput = '';
let bot;

/** SIGTERM to the bot's process group (npm → sh → node), SIGKILL after `graceMs`. */
function stopBot(graceMs = 10_000) {
  if (!bot || bot.exitCode !== null || bot.signalCode !== null) return Promise.resolve();
  const gone = new Promise((resolve) => bot.once('exit', resolve));
  const signal = (name) => {
    try {
      process.kill(-bot.pid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  return gone.finally(() => {
    clearTimeout(timer);
    signal('SIGKILL');
  });
}

function botExit() {
  return new Promise((_, reject) =>
    bot.once('exit', (code, sig) =>
      reject(new Error(`the bot (npm start) exited with ${code ?? sig} before answering`)),
    ),
  );
}

// run.mjs stops this driver at its time limit or when interrupted; the bot runs in a process
// group of its own, so it must be taken along here.
for (const name of ['SIGTERM', 'SIGINT']) {
  process.once(name, () => {
    stopBot(2_000).finally(() => process.exit(1));
  });
}

async function main() {
  const discord = await startEmulator({ replyTimeout: 30_000 });
  try {
    const owner = discord.createUser({ username: 'owner' });
    const guild = discord.createGuild({ name: 'E2E', owner });
    const general = guild.createChannel({ name: 'general' });
    const alice = discord.createUser({ username: 'alice' });
    guild.addMember(alice);
    const someone = discord.createUser({ username: 'someone' });
    guild.addMember(someone);

    bot = spawn('npm', ['start'], {
      cwd: process.cwd(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DISCORD_TOKEN: discord.token,
        ZORYX_DISCORD_API: discord.apiUrl,
        BOT_OWNER_ID: owner.id,
        ZORYX_LOG_LEVEL: process.env.ZORYX_LOG_LEVEL ?? 'warn',
      },
    });
    const keep = (chunk) => {
      botOutput += chunk.toString();
      if (botOutput.length > 100_000) botOutput = botOutput.slice(-50_000);
    };
    bot.stdout.on('data', keep);
    bot.stderr.on('data', keep);
    const died = botExit();
    died.catch(() => undefined);

    // Ready once the bot has logged in and registered its commands (right after READY).
    await Promise.race([
      discord.waitFor(
        () => {
          const names = new Set(discord.commands().map((c) => c.name));
          return discord.readyCount > 0 && COMMANDS.every((name) => names.has(name));
        },
        {
          timeout: READY_TIMEOUT_MS,
          description: `the bot logs in and registers ${COMMANDS.map((c) => `/${c}`).join(', ')}`,
        },
      ),
      died,
    ]);
    const readyAt = Date.now();

    const slash = await Promise.race([alice.slash(guild, 'ping').reply(), died]);
    const firstReplyAt = Date.now();
    const prefix = await Promise.race([alice.send(general, '!ping').reply(), died]);
    const replies = { '/ping': slash.content, '!ping': prefix.content };
    for (const [command, content] of Object.entries(replies)) {
      if (!PONG.test(content))
        throw new Error(`${command} answered ${JSON.stringify(content)}, not "Pong!…"`);
    }
    // The extension contract: one defineCommand run answers all three forms.
    const mention = `<@${someone.id}>`;
    const expected = {
      '/greet who:@someone': [
        'Hello, someone!',
        () => alice.slash(guild, 'greet', { who: someone }),
      ],
      '!greet @someone': ['Hello, someone!', () => alice.send(general, `!greet ${mention}`)],
      '@Bot greet @someone': [
        'Hello, someone!',
        () => owner.send(general, `<@${discord.botUserId}> greet ${mention}`),
      ],
      // A raw Sapphire piece of an extension that imports @sapphire/framework itself.
      '/rawping': ['raw pong from raw-ping, shared: true', () => owner.slash(guild, 'rawping')],
      '!rawping': ['raw pong from raw-ping, shared: true', () => owner.send(general, '!rawping')],
    };
    for (const [command, [want, send]] of Object.entries(expected)) {
      const reply = await Promise.race([send().reply(), died]);
      replies[command] = reply.content;
      if (reply.content !== want)
        throw new Error(
          `${command} answered ${JSON.stringify(reply.content)}, not ${JSON.stringify(want)}`,
        );
    }
    return { ok: true, readyAt, firstReplyAt, replies };
  } finally {
    await stopBot();
    await discord.close();
  }
}

const result = await main().catch((error) => ({
  ok: false,
  error: error instanceof Error ? error.message : String(error),
  botOutput: botOutput.trimEnd().split('\n').slice(-60).join('\n'),
}));
process.stdout.write(`ZORYX_E2E_RESULT ${JSON.stringify(result)}\n`);
process.exitCode = result.ok ? 0 : 1;
