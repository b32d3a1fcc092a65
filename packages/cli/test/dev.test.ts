import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

// Bot folders live inside the package (not in the OS temp dir) so that their code resolves
// @zoryx/framework and discord.js from this package's node_modules, as a real bot would.
const here = dirname(fileURLToPath(import.meta.url));
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(here, '.tmp-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function botFolder(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

async function run(
  argv: string[],
  env: Record<string, string | undefined> = {},
  timeouts: { loginMs?: number; commandsMs?: number } = {},
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(argv, {
    stdin,
    stdout,
    stderr,
    env: { PATH: process.env.PATH, ...env },
    timeouts,
  });
  return { code, out, err };
}

const FRAMEWORK_BOT = `import { createBot } from '@zoryx/framework';

const bot = await createBot({
  cwd: process.cwd(),
  config: { logging: { file: false }, status: { rotate: false } },
});
await bot.start();
`;

describe('zoryx dev --offline (bot in a child process, emulator, scripted chat)', () => {
  it('runs the folder’s bot with a generated extension and prints its answers', async () => {
    const dir = await botFolder('framework-bot', {
      'src/index.ts': FRAMEWORK_BOT,
      'chat.txt': '/hello-world\n!hello-world\n',
    });
    expect(await run(['new', 'extension', 'hello-world', '--cwd', dir])).toMatchObject({
      code: 0,
      out: `created ${join('extensions', 'hello-world', 'index.ts')}\n`,
    });
    const { code, out, err } = await run(
      ['dev', '--offline', '--cwd', dir, '--script', 'chat.txt'],
      {
        // A token in the environment, but --offline wins.
        DISCORD_TOKEN: 'not-used',
      },
    ).catch((e) => ({ code: -1, out: String(e), err: '' }));
    expect(err).toBe('');
    expect(out).toContain('starting the bot (src/index.ts)');
    expect(out).toContain('bot ready: 1 slash command(s) /hello-world');
    expect(out).toContain(
      '#general you> /hello-world\nZoryx Bot: Hello, you, from hello-world!\n' +
        '#general you> !hello-world\nZoryx Bot: Hello, you, from hello-world!\n',
    );
    expect(code).toBe(0);
  });
});

const PLAIN_BOT = `import { Client, GatewayIntentBits } from 'discord.js';

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
  rest: { api: process.env.ZORYX_DISCORD_API },
});
client.on('messageCreate', (message) => {
  if (message.content === '!hi') void message.reply('hi ' + message.author.username);
});
process.once('SIGINT', () => void client.destroy().then(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
`;

describe('zoryx dev with other bots', () => {
  it('runs a plain discord.js bot without slash commands, chatting from piped stdin', async () => {
    const dir = await botFolder('plain-bot', { 'src/index.js': PLAIN_BOT });
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const stdin = new PassThrough();
    stdin.end('!hi\n');
    const code = await main(['dev', '--cwd', dir, '--user', 'sam'], {
      stdin,
      stdout,
      stderr: stdout,
      env: { PATH: process.env.PATH },
      // A bot without slash commands gives no sign that its client has cached the guild after
      // READY; the CLI waits commandsMs (15 s by default) for that. 3 s keeps the test quick with
      // room for a loaded CI machine.
      timeouts: { commandsMs: 3_000 },
    });
    expect(out).toContain('bot ready: no slash commands registered (prefix commands work)');
    expect(out).toContain('#general sam> !hi\nZoryx Bot: hi sam');
    expect(code).toBe(0);
  });
});

describe('zoryx dev refusals', () => {
  it('reports a folder without a bot entry', async () => {
    const dir = await botFolder('empty', { 'README.md': '# nothing here' });
    const { code, err } = await run(['dev', '--cwd', dir, '--offline']);
    expect(code).toBe(1);
    expect(err).toMatch(/^error ZRX_CLI_ENTRY_NOT_FOUND: No bot entry in .*empty/);
    expect(err).toContain('hint: ');
    const named = await run(['dev', '--cwd', dir, '--entry', 'bot.ts']);
    expect(named.err).toContain('The entry file bot.ts does not exist');
  });

  it('reports a chat script it cannot read', async () => {
    const dir = await botFolder('no-script', { 'src/index.js': '' });
    const { code, err } = await run(['dev', '--cwd', dir, '--script', 'missing.txt']);
    expect(code).toBe(1);
    expect(err).toContain('error ZRX_CLI_SCRIPT_UNREADABLE');
  });

  it('reports a bot that exits before it is ready, with its output', async () => {
    const dir = await botFolder('crashing', {
      'src/index.ts': "console.error('cannot start: boom');\nprocess.exit(3);\n",
    });
    const { code, out, err } = await run(['dev', '--cwd', dir]);
    expect(code).toBe(1);
    expect(out).toContain('[bot] cannot start: boom');
    expect(err).toContain('error ZRX_CLI_BOT_EXITED: The bot exited with code 3');
  });

  it('reports a bot that never logs in, and stops it', async () => {
    const dir = await botFolder('idle', { 'src/index.js': 'setInterval(() => {}, 1000);\n' });
    const { code, err } = await run(['dev', '--cwd', dir], {}, { loginMs: 300 });
    expect(code).toBe(1);
    expect(err).toContain(
      'error ZRX_CLI_BOT_NOT_READY: The bot did not log in to the emulator within 0.3 s.',
    );
  });

  it('prints usage errors, help and the version', async () => {
    const usage = await run(['deploy']);
    expect(usage.code).toBe(1);
    expect(usage.err).toContain('error ZRX_CLI_USAGE: Unknown command "deploy".');
    const help = await run(['--help']);
    expect(help.out).toContain('zoryx new extension <name>');
    const version = await run(['--version']);
    expect(version.out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
