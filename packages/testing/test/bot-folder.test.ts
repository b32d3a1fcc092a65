import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../src/index.js';

const ECHO = `import { defineCommand, defineExtension } from '@zoryx/framework';
import { z } from 'zod';

const echo = defineCommand({
  name: 'echo',
  description: 'Echoes its config',
  run: (interaction, _args, ctx) => interaction.reply(ctx.config.greeting + ctx.config.mark),
});

export default defineExtension({
  name: 'echo',
  version: '1.0.0',
  config: z.object({ greeting: z.string(), mark: z.string() }),
  commands: [echo],
});
`;

const CONFIG = {
  prefix: '?',
  owners: ['100000000000000001'],
  autoReload: true,
  logging: { level: 'debug', dir: 'logs', file: true },
  extensions: { config: { echo: { greeting: 'Hello', mark: '!' } } },
};

describe('createTestBot on an existing bot folder, with files', () => {
  let userDir: string;
  let t: TestBot;
  beforeAll(async () => {
    userDir = await mkdtemp(join(tmpdir(), 'zoryx-user-bot-'));
    await writeFile(join(userDir, 'config.json'), JSON.stringify(CONFIG, null, 2));
    // What a developer's folder holds besides the bot: none of it is copied or read by the test bot.
    await writeFile(join(userDir, '.env'), 'ZORYX_DEV_GUILDS=100000000000000002\n');
    await mkdir(join(userDir, 'data', 'db'), { recursive: true });
    await writeFile(join(userDir, 'data', 'db', 'main.sqlite'), 'not a database');
    await mkdir(join(userDir, 'extensions'));
    t = await createTestBot({
      dir: userDir,
      files: { 'extensions/echo.ts': ECHO },
      config: { extensions: { config: { echo: { greeting: 'Hey' } } } },
    });
  });
  afterAll(async () => {
    await t?.close();
    await rm(userDir, { recursive: true, force: true });
  });

  it('runs in a temp copy of the folder and leaves the folder as it was', async () => {
    expect(t.dir).not.toBe(userDir);
    expect(await readdir(join(t.dir, 'extensions'))).toEqual(['echo.ts']);
    expect(await readdir(join(userDir, 'extensions'))).toEqual([]);
    expect(existsSync(join(userDir, 'logs'))).toBe(false);
    expect(JSON.parse(await readFile(join(userDir, 'config.json'), 'utf8'))).toEqual(CONFIG);
    expect(await readFile(join(userDir, 'data', 'db', 'main.sqlite'), 'utf8')).toBe(
      'not a database',
    );
    // data/ is not copied: the bot starts with empty data of its own.
    const copied = await readFile(join(t.dir, 'data', 'db', 'main.sqlite'), 'utf8').catch(() => '');
    expect(copied).not.toBe('not a database');
  });

  it('merges config over config.json deeply, with the test defaults in between', async () => {
    const config = t.bot.config;
    expect(config.prefix).toBe('?');
    expect(config.extensions.config.echo).toEqual({ greeting: 'Hey', mark: '!' });
    expect(config.owners).toEqual(['100000000000000001', t.owner.id]);
    expect(config.autoReload).toBe(false);
    expect(config.logging).toMatchObject({ file: false, dir: 'logs' });
    expect(config.data.dir).toBe(t.dataDir);
    expect(t.bot.hotReloader).toBeUndefined();
    const reply = await t.member.slash(t.guild, 'echo').reply();
    expect(reply.content).toBe('Hey!');
  });

  it("ignores the folder's .env: commands are global, not in its dev guild", () => {
    expect(t.bot.config.devGuilds).toEqual([]);
    expect(t.discord.commands().map((c) => c.name)).toContain('echo');
  });

  it('restart(config) merges over the current config', async () => {
    await t.restart({ extensions: { config: { echo: { mark: '?' } } } });
    expect((await t.member.send(t.channel, '?echo').reply()).content).toBe('Hey?');
  });

  it('write() adds files to the temp copy only', async () => {
    await t.write('notes/todo.txt', 'test');
    expect(await readFile(join(t.dir, 'notes', 'todo.txt'), 'utf8')).toBe('test');
    expect(existsSync(join(userDir, 'notes'))).toBe(false);
    await expect(t.write('../outside.txt', 'x')).rejects.toMatchObject({
      code: 'ZRX_TESTING_FILE_PATH',
    });
  });
});
