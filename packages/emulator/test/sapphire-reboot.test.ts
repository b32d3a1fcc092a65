import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

const run = promisify(execFile);
const BOT = fileURLToPath(new URL('./fixtures/sapphire-bot.mjs', import.meta.url));

let discord: Emulator | undefined;
afterEach(async () => {
  await discord?.close();
  discord = undefined;
});

/** Boots the fixture bot in its own process, as a real restart would. */
async function boot(emulator: Emulator, guildId: string, bulk: boolean): Promise<void> {
  await run(process.execPath, [BOT], {
    env: {
      ...process.env,
      EMULATOR_API: emulator.apiUrl,
      EMULATOR_TOKEN: emulator.token,
      GUILD_ID: guildId,
      BULK: bulk ? '1' : '0',
    },
    timeout: 30_000,
  });
}

const writes = (emulator: Emulator) =>
  emulator
    .requests()
    .filter((r) => r.route.includes('/commands') && r.method !== 'GET')
    .map((r) => `${r.method} ${r.route}`);

describe('Sapphire command registration across restarts', () => {
  it('creates commands on the first boot and makes no write on the second (exact echo)', async () => {
    discord = await startEmulator();
    const guild = discord.createGuild({ name: 'Sapphire' });
    await boot(discord, guild.id, false);
    expect(writes(discord).sort()).toEqual([
      'POST /applications/:application_id/commands',
      'POST /applications/:application_id/commands',
      'POST /applications/:application_id/guilds/:guild_id/commands',
    ]);
    expect(guild.commands()[0]?.default_member_permissions).toBe('32');
    discord.clearRequests();
    await boot(discord, guild.id, false);
    expect(
      discord.requests().filter((r) => r.method === 'GET' && r.route.includes('/commands')).length,
    ).toBeGreaterThan(0);
    expect(writes(discord)).toEqual([]);
  }, 60_000);

  it('bulk-overwrites with PUT and keeps command ids stable across boots', async () => {
    discord = await startEmulator();
    const guild = discord.createGuild({ name: 'Sapphire' });
    await boot(discord, guild.id, true);
    expect(writes(discord).sort()).toEqual([
      'PUT /applications/:application_id/commands',
      'PUT /applications/:application_id/guilds/:guild_id/commands',
    ]);
    const ids = [...discord.commands(), ...guild.commands()].map((c) => c.id).sort();
    await boot(discord, guild.id, true);
    expect([...discord.commands(), ...guild.commands()].map((c) => c.id).sort()).toEqual(ids);
  }, 60_000);
});
