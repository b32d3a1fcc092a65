import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../src/index.js';

const PING = `import { defineCommand, defineExtension } from '@zoryx/framework';

const ping = defineCommand({
  name: 'ping',
  description: 'Pong',
  run: (interaction) => interaction.reply('pong'),
});

export default defineExtension({ name: 'pinger', version: '1.0.0', commands: [ping] });
`;

describe('createTestBot on an existing bot folder, in place', () => {
  let userDir: string;
  let t: TestBot;
  beforeAll(async () => {
    userDir = await mkdtemp(join(tmpdir(), 'zoryx-user-bot-'));
    await writeFile(join(userDir, 'config.json'), JSON.stringify({ logging: { file: true } }));
    await mkdir(join(userDir, 'extensions'));
    await writeFile(join(userDir, 'extensions', 'pinger.ts'), PING);
    t = await createTestBot({ dir: userDir });
  });
  afterAll(async () => {
    await t?.close();
    await rm(userDir, { recursive: true, force: true });
  });

  it('runs the folder itself, with its data and no logs written elsewhere', async () => {
    expect(t.dir).toBe(userDir);
    expect((await t.member.slash(t.guild, 'ping').reply()).content).toBe('pong');
    expect(t.dataDir.startsWith(userDir)).toBe(false);
    expect(existsSync(t.dataDir)).toBe(true);
    expect((await readdir(userDir)).sort()).toEqual(['config.json', 'extensions']);
  });

  it('refuses write(): the folder is not the test’s to change', async () => {
    await expect(t.write('extensions/other.ts', PING)).rejects.toMatchObject({
      code: 'ZRX_TESTING_IN_PLACE',
    });
    expect(await readdir(join(userDir, 'extensions'))).toEqual(['pinger.ts']);
  });

  it('close() deletes the temp data folder and nothing of the bot folder', async () => {
    const dataDir = t.dataDir;
    await t.close();
    expect(existsSync(dataDir)).toBe(false);
    expect((await readdir(userDir)).sort()).toEqual(['config.json', 'extensions']);
  });
});
