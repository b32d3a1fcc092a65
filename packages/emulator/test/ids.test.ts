import { afterEach, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

let discord: Emulator | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await discord?.close();
});

it('never gives a user, guild or channel the bot user id, even within the same millisecond', async () => {
  // Freeze the clock so every id below is made in the same millisecond as the bot's: a second
  // snowflake sequence would restart at increment 0 and repeat the bot's id (seen in CI as a
  // user whose messages counted as the bot's replies).
  vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 0, 1));
  discord = await startEmulator();
  const guild = discord.createGuild({ name: 'Same millisecond' });
  const channel = guild.createChannel({ name: 'general' });
  const user = discord.createUser({ username: 'sam' });
  const ids = [guild.id, channel.id, user.id];
  expect(ids).not.toContain(discord.botUserId);
  expect(new Set(ids).size).toBe(ids.length);
});
