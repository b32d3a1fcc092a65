import { ChannelType } from 'discord.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAutomationsBot } from './automations-bot.js';

let t: Awaited<ReturnType<typeof startAutomationsBot>>;
/** Run while the bot is down during the next restart (the client's setup runs before it logs in). */
let whileDown: (() => void) | undefined;

beforeAll(async () => {
  t = await startAutomationsBot({
    setup: () => {
      whileDown?.();
      whileDown = undefined;
    },
  });
});
afterAll(() => t?.close());

it('creates a channel on joining the hub, moves the member, and deletes it when empty — also across restarts', async () => {
  const hub = t.guild.createChannel({ name: 'Join to create', type: ChannelType.GuildVoice });
  const api = t.api();
  await api.create(
    t.guild.id,
    api.fromPreset('dynamic-voice', { hubChannelId: hub.id }),
    t.guildOwner.id,
  );
  const voicer = t.addMember('voicer');
  const own = () => t.guild.channels().find((c) => c.name === "voicer's Channel");

  t.guild.joinVoice(voicer, hub);
  const first = await t.discord.waitFor(() => own(), { description: 'the dynamic channel' });
  expect(first.raw.type).toBe(ChannelType.GuildVoice);
  await t.discord.waitFor(() => t.guild.voiceChannelOf(voicer) === first.id, {
    description: 'the move into it',
  });
  t.guild.leaveVoice(voicer);
  await t.discord.waitFor(() => !own(), { description: 'the empty channel to go' });

  // Emptied while the bot is down: removed when it starts again.
  t.guild.joinVoice(voicer, hub);
  const second = await t.discord.waitFor(() => own(), { description: 'a second dynamic channel' });
  await t.discord.waitFor(() => t.guild.voiceChannelOf(voicer) === second.id, {
    description: 'the move into it',
  });
  whileDown = () => t.guild.leaveVoice(voicer);
  await t.restart();
  await t.discord.waitFor(() => !own(), {
    description: 'the channel emptied during the restart to go',
  });

  // Still occupied across a restart: kept, then removed when the member leaves.
  t.guild.joinVoice(voicer, hub);
  const third = await t.discord.waitFor(() => own(), { description: 'a third dynamic channel' });
  await t.discord.waitFor(() => t.guild.voiceChannelOf(voicer) === third.id, {
    description: 'the move into it',
  });
  await t.restart();
  expect(own()?.id).toBe(third.id);
  t.guild.leaveVoice(voicer);
  await t.discord.waitFor(() => !own(), { description: 'the channel to go after the restart' });
  expect(t.guild.channels().map((c) => c.name)).toContain('Join to create');
});
