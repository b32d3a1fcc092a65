import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../index.js';
import { OutputLog } from '../world/outputs.js';

let discord: Emulator | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await discord?.close();
  discord = undefined;
});

describe('UserAction waiting for replies', () => {
  it('scans the output log once per waiting action, then checks each new output once', async () => {
    discord = await startEmulator();
    const guild = discord.createGuild({ name: 'Load' });
    const user = discord.createUser({ username: 'sender' });
    guild.addMember(user);
    const channels = Array.from({ length: 30 }, (_, i) => guild.createChannel({ name: `c${i}` }));
    const scans = vi.spyOn(OutputLog.prototype, 'since');
    const waiting = channels.map((channel) => user.send(channel, 'hello').reply());
    // The bot answers in every channel, one message at a time, through the real REST API.
    for (const channel of [...channels].reverse()) {
      const response = await fetch(`${discord.apiUrl}/v10/channels/${channel.id}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bot ${discord.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ content: `answer in ${channel.id}` }),
      });
      expect(response.status).toBe(200);
    }
    const replies = await Promise.all(waiting);
    expect(replies.map((r) => r.content)).toEqual(channels.map((c) => `answer in ${c.id}`));
    // Before: every output rescanned the log for every action still waiting (30 + 29 + … calls).
    expect(scans).toHaveBeenCalledTimes(channels.length);
  });
});
