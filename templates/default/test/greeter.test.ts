import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTestBot, type TestBot } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const botRoot = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/**
 * The extension API contract: `fixtures/greeter/index.ts`, dropped into this bot as
 * `extensions/greeter/index.ts`, type-checks under this bot's tsconfig (one import, no casts),
 * loads, and answers `/greet`, `!greet` and `@Bot greet` alike.
 */
describe('an extension written against @zoryx/framework alone (greeter)', () => {
  let t: TestBot;
  beforeAll(async () => {
    const greeter = await readFile(join(botRoot, 'test/fixtures/greeter/index.ts'), 'utf8');
    // A temp copy of this bot folder (its node_modules linked) with the extension added.
    t = await createTestBot({ dir: botRoot, files: { 'extensions/greeter/index.ts': greeter } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('type-checks under the bot’s tsconfig, without casts', async () => {
    const source = await readFile(join(t.dir, 'extensions/greeter/index.ts'), 'utf8');
    expect(source).not.toMatch(/\bas\s/);
    await writeFile(
      join(t.dir, 'tsconfig.greeter.json'),
      JSON.stringify({
        extends: join(botRoot, 'tsconfig.json'),
        include: [join(t.dir, 'extensions/greeter')],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.greeter.json'], {
      cwd: t.dir,
    }).then(
      () => '',
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    expect(result).toBe('');
  });

  it('loads beside the bot’s own extensions', () => {
    expect(t.report.loaded).toEqual(expect.arrayContaining(['greeter', 'ping', 'economy']));
    expect(t.report.failed).toEqual([]);
  });

  it('answers /greet who:@someone', async () => {
    const reply = await t.member.slash(t.guild, 'greet', { who: t.admin }).reply();
    expect(reply.content).toBe('Hello, admin!');
  });

  it('answers !greet @someone', async () => {
    // Other invokers for each form: the default cooldown allows 3 uses per 5 s per member.
    const reply = await t.guildOwner.send(t.channel, `!greet <@${t.admin.id}>`).reply();
    expect(reply.content).toBe('Hello, admin!');
  });

  it('answers @Bot greet @someone', async () => {
    const reply = await t.owner
      .send(t.channel, `<@${t.discord.botUserId}> greet <@${t.admin.id}>`)
      .reply();
    expect(reply.content).toBe('Hello, admin!');
  });

  it('emits its typed hook event on each greeting', async () => {
    const greeted: string[] = [];
    const off = t.bot.hooks.on('greeted', ({ userId }) => {
      greeted.push(userId);
    });
    await t.admin.slash(t.guild, 'greet', { who: t.guildOwner }).reply();
    await t.bot.hooks.drain();
    off();
    expect(greeted).toEqual([t.guildOwner.id]);
  });
});
